import Foundation
import Testing
import TappTestSupport

/// `Idempotency-Key` on writes, against the real server process: a replay answers the first answer, kept in the
/// database (another server process on the same file replays it), the same key on another body is a 422, two
/// requests at once with one key make one record, a failed request lets its key go, keys are each user's.
@Suite(.serialized) struct IdempotencyConformanceTests {
    static func person(_ name: String) -> String { #"{"fullName":\#(SyncRequests.quoted(name))}"# }

    @Test func aReplayAfterALostAnswerAnswersTheFirstAnswerFromTheDatabase() async throws {
        // Every write's answer is lost on this one; the other process, on the same file, loses nothing.
        let faulty = try await ServerProcess.owned(["--drop-after-commit-rate", "1"])
        defer { faulty.stop() }
        let clean = try await ServerProcess(seed: false, reusing: faulty)
        defer { clean.stop() }
        let token = try await clean.login()
        let body = Self.person("Awa Perdue")
        #expect(throws: (any Error).self) {
            let lost = try SyncRequests.send(faulty, "POST", "/api/v1/people", body: body, token: token, key: "k-lost-1")
            // No answer at all is what a dropped one looks like; a status would be a failure of the fault.
            Issue.record("answered \(lost.status)")
        }
        #expect(try await SyncRequests.people(named: "Awa Perdue", in: clean) == 1)
        let replay = try SyncRequests.send(clean, "POST", "/api/v1/people", body: body, token: token, key: "k-lost-1")
        #expect(replay.status == 201)
        #expect(replay.headers["idempotent-replayed"] == "true")
        #expect(replay.object["fullName"] as? String == "Awa Perdue")
        let again = try SyncRequests.send(clean, "POST", "/api/v1/people", body: body, token: token, key: "k-lost-1")
        #expect(again.body == replay.body)
        #expect(try await SyncRequests.people(named: "Awa Perdue", in: clean) == 1)
    }

    @Test func theFirstAnswerIsTheOneReplayedAndCarriesNoReplayMark() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let first = try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Bella Une"), token: token, key: "k-1")
        #expect(first.status == 201)
        #expect(first.headers["idempotent-replayed"] == nil)
        let replay = try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Bella Une"), token: token, key: "k-1")
        #expect(replay.status == 201)
        #expect(replay.headers["idempotent-replayed"] == "true")
        #expect(replay.body == first.body)
        #expect(try await SyncRequests.people(named: "Bella Une", in: server) == 1)
        // Without a key, the same body makes another record, as on the real server.
        #expect(try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Bella Une"), token: token).status == 201)
        #expect(try await SyncRequests.people(named: "Bella Une", in: server) == 2)
    }

    @Test func theSameKeyOnAnotherRequestIs422() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        #expect(try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Chantal A"), token: token, key: "k-2").status == 201)
        let other = try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Chantal B"), token: token, key: "k-2")
        #expect(other.status == 422)
        #expect(AnswerShapes.same(other.object, ["statusCode": 422, "message": "Cette clé d'idempotence a déjà servi pour une autre requête",
                                                 "error": "Unprocessable Entity"]))
        // Another route with the same key is another request too.
        let elsewhere = try SyncRequests.send(server, "POST", "/api/v1/organizations", body: #"{"name":"Chantal A"}"#, token: token, key: "k-2")
        #expect(elsewhere.status == 422)
        #expect(try await SyncRequests.people(named: "Chantal B", in: server) == 0)
        #expect(try await DatabaseCount.rows(in: server, sql: "SELECT count(*) FROM organizations WHERE name = 'Chantal A'") == 0)
    }

    @Test func requestsAtOnceWithOneKeyMakeOneRecord() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let port = server.port
        for round in 0..<5 {
            let key = "k-together-\(round)"
            let name = "Denise Ensemble \(round)"
            let answers = try await withThrowingTaskGroup(of: RawHTTP.Answer.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try RawHTTP.exchange(port: port, "POST", "/api/v1/people",
                                             headers: [("Authorization", "Bearer \(token)"), ("Idempotency-Key", key),
                                                       ("Content-Type", "application/json")],
                                             body: Data(Self.person(name).utf8))
                    }
                }
                return try await group.reduce(into: [RawHTTP.Answer]()) { $0.append($1) }
            }
            #expect(answers.allSatisfy { [201, 409].contains($0.status) }, "\(answers.map(\.status))")
            let made = Set(answers.filter { $0.status == 201 }.compactMap { $0.object["id"] as? String })
            #expect(made.count == 1, "\(made)")
            #expect(answers.filter { $0.status == 201 && $0.headers["idempotent-replayed"] == nil }.count == 1)
            #expect(try await SyncRequests.people(named: name, in: server) == 1)
        }
    }

    @Test func aFailedRequestLetsItsKeyGo() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let refused = try SyncRequests.send(server, "POST", "/api/v1/people", body: #"{"fullName":"Eve","zz":1}"#, token: token, key: "k-3")
        #expect(refused.status == 400)
        #expect((refused.object["message"] as? [String]) == ["property zz should not exist"])
        // The error was not kept: the corrected request, with the same key, is carried out.
        let made = try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Eve"), token: token, key: "k-3")
        #expect(made.status == 201)
        #expect(made.headers["idempotent-replayed"] == nil)
        // A 404 (a record named in the body that is not there yet) is not kept either.
        let doctor = try await server.seedDoctorId()
        let when = #""2026-03-01T10:00:00Z""#
        let early = try SyncRequests.send(server, "POST", "/api/v1/consultations",
                                          body: #"{"personId":"nobody","doctorId":"\#(doctor)","dateTime":\#(when)}"#, token: token, key: "k-4")
        #expect(early.status == 404)
        let again = try SyncRequests.send(server, "POST", "/api/v1/consultations",
                                          body: #"{"personId":"nobody","doctorId":"\#(doctor)","dateTime":\#(when)}"#, token: token, key: "k-4")
        #expect(again.status == 404)
        #expect(again.headers["idempotent-replayed"] == nil)
    }

    @Test func keysAreEachUsersAndMustBeVisibleASCII() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let admin = try await server.login()
        _ = try await server.send("POST", "/api/v1/auth/register", body: ["email": "doc-keys@x.cm", "password": "Secret123!", "role": "DOCTOR"],
                                  token: admin)
        let doctor = try await server.login("doc-keys@x.cm", "Secret123!")
        #expect(try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Fanta"), token: admin, key: "k-5").status == 201)
        let theirs = try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Fanta"), token: doctor, key: "k-5")
        #expect(theirs.status == 201)
        #expect(theirs.headers["idempotent-replayed"] == nil)
        #expect(try await SyncRequests.people(named: "Fanta", in: server) == 2)
        for bad in ["", String(repeating: "k", count: 256), "a b", "é"] {
            let answer = try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Gilles"), token: admin, key: bad)
            #expect(answer.status == 400, "\(bad)")
            #expect(AnswerShapes.same(answer.object, ["statusCode": 400, "message": "Idempotency-Key must be 1 to 255 visible ASCII characters",
                                                      "error": "Bad Request"]), "\(bad)")
        }
        #expect(try await SyncRequests.people(named: "Gilles", in: server) == 0)
        // Without a valid token the route answers its own 401, and nothing is kept.
        let anonymous = try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Gilles"), token: nil, key: "k-6")
        #expect(anonymous.status == 401)
        #expect(try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Gilles"), token: admin, key: "k-6").status == 201)
    }

    @Test func changesAndDeletionsAreReplayedToo() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let made = try SyncRequests.send(server, "POST", "/api/v1/people", body: Self.person("Habib"), token: token)
        let id = try #require(made.object["id"] as? String)
        let deleted = try SyncRequests.send(server, "DELETE", "/api/v1/people/\(id)", token: token, key: "k-del")
        #expect(deleted.status == 200)
        // Sent again (its answer lost), the deletion answers what it answered, not a 404.
        let replay = try SyncRequests.send(server, "DELETE", "/api/v1/people/\(id)", token: token, key: "k-del")
        #expect(replay.status == 200)
        #expect(replay.headers["idempotent-replayed"] == "true")
        #expect(replay.body == deleted.body)
        #expect(try SyncRequests.send(server, "DELETE", "/api/v1/people/\(id)", token: token, key: "k-del-2").status == 404)
    }
}
