import Foundation
import Testing
import TappAPI
import TappTestSupport

/// `POST /sync/batch` against the real server process: each operation answered as the same request sent alone
/// (auth, roles, validation, errors, status and body), in order, with its idempotency key; a failing one does not
/// stop the next; a malformed batch or one over the limit is a 400.
@Suite(.serialized) struct BatchConformanceTests {
    struct Operation {
        let method: String
        let path: String
        let body: String?
    }

    static func batch(_ operations: [(key: String, operation: Operation)]) -> String {
        #"{"operations":["# + operations.map { item in
            #"{"key":\#(SyncRequests.quoted(item.key)),"method":"\#(item.operation.method)","path":\#(SyncRequests.quoted(item.operation.path))"#
                + (item.operation.body.map { #","body":\#($0)"# } ?? "") + "}"
        }.joined(separator: ",") + "]}"
    }

    static func run(_ server: ServerProcess, _ operations: [(key: String, operation: Operation)], token: String?) throws -> BatchAnswer {
        let answer = try SyncRequests.send(server, "POST", "/api/v1/sync/batch", body: batch(operations), token: token)
        guard answer.status == 200 else { throw RawHTTP.Failed(description: "\(answer.status): \(String(decoding: answer.body, as: UTF8.self))") }
        return try WireDecoder.decode(BatchAnswer.self, from: answer.body)
    }

    /// Operations whose answers do not depend on when they run: errors, each of its own kind.
    static func failing(doctor: String) -> [Operation] { [
        Operation(method: "POST", path: "people", body: #"{"zz":1,"aa":2,"fullName":"x"}"#),
        Operation(method: "POST", path: "people", body: #"{"fullName":"  "}"#),
        Operation(method: "POST", path: "people", body: #"{"fullName":"Awa","birthdate":"1985-02-30"}"#),
        Operation(method: "POST", path: "people", body: "[1,2]"),
        Operation(method: "POST", path: "consultations", body: #"{"personId":"nobody","doctorId":"\#(doctor)","dateTime":"2026-01-01T10:00:00Z"}"#),
        Operation(method: "POST", path: "interventions", body: #"{"personId":"person_1","doctorId":"\#(doctor)","title":"x","scheduledAt":"2020-01-01T10:00:00Z"}"#),
        Operation(method: "POST", path: "interventions",
                  body: #"{"personId":"person_1","doctorId":"\#(doctor)","title":"x","scheduledAt":"2099-01-01T10:00:00Z","rules":[{"offsetMinutes":1.5,"channel":"SMS"}]}"#),
        Operation(method: "PATCH", path: "people/nobody", body: #"{"address":"Akwa"}"#),
        Operation(method: "DELETE", path: "consultations/nobody", body: nil),
        Operation(method: "POST", path: "people/person_1/notes", body: "{}"),
        Operation(method: "POST", path: "reminders/nobody/retry", body: nil),
        Operation(method: "POST", path: "organizations", body: #"{"name":""}"#),
    ] }

    @Test func eachOperationAnswersAsTheSameRequestSentAlone() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let admin = try await server.login()
        _ = try await server.send("POST", "/api/v1/auth/register", body: ["email": "nurse-b@x.cm", "password": "Secret123!", "role": "NURSE"],
                                  token: admin)
        let nurse = try await server.login("nurse-b@x.cm", "Secret123!")
        let doctor = try await server.seedDoctorId()
        let operations = Self.failing(doctor: doctor)
        for token in [admin, nurse] {
            let answer = try Self.run(server, operations.enumerated().map { ("batch-\(token.suffix(6))-\($0.offset)", $0.element) }, token: token)
            #expect(answer.results.count == operations.count)
            for (index, operation) in operations.enumerated() {
                let alone = try SyncRequests.send(server, operation.method, "/api/v1/" + operation.path, body: operation.body, token: token,
                                                  key: "alone-\(token.suffix(6))-\(index)")
                let result = answer.results[index]
                #expect(result.key == "batch-\(token.suffix(6))-\(index)")
                #expect(result.status == alone.status, "\(operation.method) \(operation.path): \(result.status) vs \(alone.status)")
                #expect(try WireEncoder.string(result.body) == String(decoding: try WireEncoder.encode(
                    WireDecoder.decode(WireValue.self, from: alone.body)), as: UTF8.self), "\(operation.method) \(operation.path)")
                #expect(!result.replayed)
            }
        }
        // The unknown fields are named in the order written, as alone: the body's bytes went through unchanged.
        let first = try Self.run(server, [("order-1", operations[0])], token: admin).results[0]
        #expect(first.body["message"] == .array([.string("property zz should not exist"), .string("property aa should not exist")]))
        // Without a token, the batch itself is refused.
        let anonymous = try SyncRequests.send(server, "POST", "/api/v1/sync/batch", body: Self.batch([("a", operations[0])]), token: nil)
        #expect(anonymous.status == 401)
    }

    @Test func successesAreMadeInOrderAndReplayedWithTheirKeys() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let doctor = try await server.seedDoctorId()
        let people = (0..<5).map { (key: "p-\($0)", operation: Operation(method: "POST", path: "people", body: #"{"fullName":"Lot \#($0)"}"#)) }
        let bad = (key: "p-bad", operation: Operation(method: "POST", path: "people", body: #"{"fullName":1}"#))
        let answer = try Self.run(server, people + [bad], token: token)
        #expect(answer.results.map(\.status) == [201, 201, 201, 201, 201, 400])
        #expect(answer.results.map(\.key) == people.map(\.key) + ["p-bad"])
        let ids = answer.results.prefix(5).compactMap { $0.body["id"]?.string }
        #expect(ids.count == 5)
        for index in 0..<5 { #expect(try await SyncRequests.people(named: "Lot \(index)", in: server) == 1) }
        // A consultation of the first person, in the same kind of batch, after it.
        let consultation = (key: "c-0", operation: Operation(method: "POST", path: "consultations",
                                                             body: #"{"personId":"\#(ids[0])","doctorId":"\#(doctor)","dateTime":"2026-01-01T10:00:00Z"}"#))
        // Sent again (its answer lost): the successes are the kept answers, the failure runs again, the new one is made.
        let again = try Self.run(server, people + [bad, consultation], token: token)
        #expect(again.results.map(\.status) == [201, 201, 201, 201, 201, 400, 201])
        #expect(again.results.map(\.replayed) == [true, true, true, true, true, false, false])
        #expect(Array(again.results.prefix(5)) == answer.results.prefix(5).map {
            BatchResult(key: $0.key, status: $0.status, body: $0.body, replayed: true)
        })
        for index in 0..<5 { #expect(try await SyncRequests.people(named: "Lot \(index)", in: server) == 1) }
        // The same key on another body, inside a batch: 422, as alone.
        let reused = try Self.run(server, [(key: "p-0", operation: Operation(method: "POST", path: "people", body: #"{"fullName":"Autre"}"#))],
                                  token: token)
        #expect(reused.results.first?.status == 422)
    }

    @Test func aKeyUsedTwiceInOneBatchAnswersAsTwoRequestsInARow() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let awa = Operation(method: "POST", path: "people", body: #"{"fullName":"Awa Deux Fois"}"#)
        let other = Operation(method: "POST", path: "people", body: #"{"fullName":"Autre Deux Fois"}"#)
        let bad = Operation(method: "POST", path: "people", body: #"{"fullName":"Bad Deux Fois","zz":1}"#)
        let good = Operation(method: "POST", path: "people", body: #"{"fullName":"Bad Deux Fois"}"#)
        let answer = try Self.run(server, [("d-1", awa), ("d-1", awa), ("d-1", other), ("d-2", bad), ("d-2", good)], token: token)
        #expect(answer.results.map(\.status) == [201, 201, 422, 400, 201])
        #expect(answer.results.map(\.replayed) == [false, true, false, false, false])
        #expect(answer.results[1].body == answer.results[0].body)
        #expect(try await SyncRequests.people(named: "Awa Deux Fois", in: server) == 1)
        #expect(try await SyncRequests.people(named: "Autre Deux Fois", in: server) == 0)
        #expect(try await SyncRequests.people(named: "Bad Deux Fois", in: server) == 1)
    }

    @Test func aFullBatchIsMadeOnceAndReplayedWhole() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let operations = (0..<200).map { (key: "full-\($0)", operation: Operation(method: "POST", path: "people", body: #"{"fullName":"Plein \#($0 % 7)"}"#)) }
        let first = try Self.run(server, operations, token: token)
        #expect(first.results.allSatisfy { $0.status == 201 && !$0.replayed })
        #expect(Set(first.results.compactMap { $0.body["id"]?.string }).count == 200)
        let again = try Self.run(server, operations, token: token)
        #expect(again.results.allSatisfy { $0.status == 201 && $0.replayed })
        #expect(again.results.map(\.body) == first.results.map(\.body))
        #expect(try await DatabaseCount.rows(in: server, sql: "SELECT count(*) FROM people WHERE fullName LIKE 'Plein %'") == 200)
        // Every key kept its answer: none is left claimed without one.
        #expect(try await DatabaseCount.rows(in: server, sql: "SELECT count(*) FROM idempotency_keys WHERE status IS NULL") == 0)
    }

    @Test func aBatchPassesTheThrottleOnceAndARefusedOperationLetsItsKeyGo() async throws {
        let server = try await ServerProcess.owned(["--throttle-limit", "4", "--throttle-window", "60", "--login-limit", "0"])
        defer { server.stop() }
        let token = try await server.login()
        // The sign-in and the batch count 2 of 4: its operations are not counted, so all of them are carried out.
        var operations = (0..<3).map { (key: "th-\($0)", operation: Operation(method: "POST", path: "people", body: #"{"fullName":"Frein \#($0)"}"#)) }
        // One the route refuses (no such person): its key is let go, to be used again once the cause is fixed.
        operations.append((key: "th-3", operation: Operation(method: "POST", path: "consultations",
                                                             body: #"{"personId":"cnobody000000000000000000","doctorId":"cnobody000000000000000000","dateTime":"2026-01-01T10:00:00Z"}"#)))
        let answer = try Self.run(server, operations, token: token)
        #expect(answer.results.map(\.status) == [201, 201, 201, 404])
        #expect(try await DatabaseCount.rows(in: server, sql: "SELECT count(*) FROM idempotency_keys WHERE key = 'th-3'") == 0)
        #expect(try await DatabaseCount.rows(in: server, sql: "SELECT count(*) FROM idempotency_keys WHERE status = 201") == 3)
    }

    @Test func aMalformedBatchOrOneOverTheLimitIs400() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let person = Operation(method: "POST", path: "people", body: #"{"fullName":"Trop"}"#)
        let over = Self.batch((0...200).map { ("over-\($0)", person) })
        let cases: [(String, [String]?)] = [
            (over, ["operations must contain no more than 200 elements"]),
            ("{", nil),
            ("[]", ["operations must be an array"]),
            (#"{"operations":{}}"#, ["operations must be an array"]),
            (#"{"zz":1,"operations":[]}"#, ["property zz should not exist"]),
            (#"{"operations":[1]}"#, ["operations.0 must be an object"]),
            (#"{"operations":[{"method":"POST","path":"people"}]}"#, ["operations.0.key must be a string"]),
            (#"{"operations":[{"key":"a b","method":"PUT","path":"/people","extra":1}]}"#,
             ["operations.0.property extra should not exist", "operations.0.key must be 1 to 255 visible ASCII characters",
              "operations.0.method must be one of the following values: POST, PATCH, DELETE",
              "operations.0.path must be a route under /api/v1 without its leading slash (people, consultations/ID)"]),
            (#"{"operations":[{"key":"k","method":"POST","path":"../health"}]}"#,
             ["operations.0.path must be a route under /api/v1 without its leading slash (people, consultations/ID)"]),
        ]
        for (body, messages) in cases {
            let answer = try SyncRequests.send(server, "POST", "/api/v1/sync/batch", body: body, token: token)
            #expect(answer.status == 400, "\(body.prefix(80))")
            #expect(answer.object["error"] as? String == "Bad Request", "\(body.prefix(80))")
            if let messages { #expect(answer.object["message"] as? [String] == messages, "\(body.prefix(80))") }
        }
        #expect(try await SyncRequests.people(named: "Trop", in: server) == 0)
        // A batch does not hold the sync routes: they answer as a route that is not there.
        let nested = try Self.run(server, [("n", Operation(method: "POST", path: "sync/batch", body: #"{"operations":[]}"#))], token: token)
        #expect(nested.results.first?.status == 404)
        #expect(nested.results.first?.body["message"] == .string("Cannot POST /api/v1/sync/batch"))
        // Empty is fine.
        #expect(try Self.run(server, [], token: token).results.isEmpty)
    }
}
