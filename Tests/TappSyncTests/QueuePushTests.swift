import Foundation
import Testing
import TappAPI
import TappDomain
import TappStore
import TappTestSupport
@testable import TappSync

/// The push against an in-memory server (`FakeServer`): folding, ordering, the typed bodies, each kind of answer,
/// lost answers with and without idempotency keys, batches, the server's pace and the run's deadline.
@Suite struct QueuePushTests {
    static let account = SyncAccount(serverURL: "https://fake.example.cm", email: "admin@example.cm", insecure: false, userServerId: "u1",
                                     doctorServerId: "d1", role: "ADMIN", reminderOwner: "server", refreshToken: FakeServer.token,
                                     refreshExpiresAt: Date().addingTimeInterval(86_400), signedInAt: Date())

    static func push(_ clinic: TestClinic, _ fake: FakeServer, seconds: TimeInterval = 60, concurrency: Int = 4,
                     pace: ServerPace = ServerPace()) throws -> (QueuePush, AuthorizedServer) {
        let server = try AuthorizedServer(account: account, deadline: Date().addingTimeInterval(seconds), pace: pace, transport: fake)
        return (QueuePush(database: clinic.database, server: server, doctorId: "d1", reminders: .server, concurrency: concurrency), server)
    }

    /// The patients' queue entries by state (the clinic's set-up queues others, which the push does not send).
    static func states(_ clinic: TestClinic) throws -> [QueueState: Int] {
        Dictionary(try clinic.database.changeQueueCounts().filter { $0.kind == .patient }.map { ($0.state, $0.count) }, uniquingKeysWith: +)
    }

    @Test func foldedChangesGoAsOneCreateWithTheLastState() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Honorine", "DOUMBÉ", phone: "699123456", birth: "1990-05-12")
        var input = PatientInput(patient.fields)
        input.address = "Akwa"
        _ = try clinic.database.updatePatient(id: patient.id, expectedVersion: patient.version, input, by: clinic.doctor)
        let fake = FakeServer()
        let (push, _) = try Self.push(clinic, fake)
        let outcome = try await push.run()
        #expect(outcome[.patient]?.sent == 1)
        #expect(await fake.log.filter { $0.hasPrefix("POST people") }.count == 1)
        let person = try #require(await fake.people.values.first)
        #expect(person.fullName == "Honorine DOUMBÉ")
        #expect(person.address == "Akwa")
        #expect(person.phone == "+237699123456")
        #expect(person.birthdate?.text == "1990-05-12T00:00:00.000Z")
        #expect(try clinic.database.serverId(of: .patient, id: patient.id) == person.id)
        #expect(try Self.states(clinic)[.pending] == nil)
    }

    @Test func patientsGoBeforeTheirConsultations() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        for n in 0..<6 {
            let patient = try clinic.patient("Patient\(n)", "NGONO")
            var visit = ConsultationInput()
            visit.patientId = patient.id
            visit.doctorId = clinic.doctorId
            visit.dateTime = "2026-11-0\(n + 1)T09:00:00Z"
            visit.reason = "Fièvre"
            _ = try clinic.database.addConsultation(visit, by: clinic.doctor)
        }
        let fake = FakeServer()
        let (push, _) = try Self.push(clinic, fake, concurrency: 4)
        let outcome = try await push.run()
        #expect(outcome[.patient]?.sent == 6)
        #expect(outcome[.consultation]?.sent == 6)
        let log = await fake.log
        let lastPerson = try #require(log.lastIndex { $0.hasPrefix("POST people") })
        let firstVisit = try #require(log.firstIndex { $0.hasPrefix("POST consultations") })
        #expect(lastPerson < firstVisit)
        #expect(await fake.consultations.values.allSatisfy { $0.notes == "Motif : Fièvre" && $0.doctorId == "d1" })
    }

    @Test func aLostAnswerIsSentAgainUnderItsKeyAndMadeOnce() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try clinic.patient("Marie", "NGUEMA")
        let fake = FakeServer()
        await fake.configure {
            $0.features = ServerFeatures(idempotencyKeys: true, changes: false, batchLimit: nil)
            $0.losesAnswer = { request, _ in request.endpoint.path == "people" && request.endpoint.method == .post }
        }
        let (push, _) = try Self.push(clinic, fake)
        let outcome = try await push.run()
        // Every answer to the create is lost: the record stays queued, and the server has it once.
        #expect(outcome[.patient]?.unfinished == 1)
        #expect(await fake.people.count == 1)
        #expect(await fake.log.filter { $0.hasPrefix("POST people") }.count >= 2)
        // The next run gets the answer, replayed from the first try: still one person, no look-up.
        await fake.configure { $0.losesAnswer = { _, _ in false } }
        let (again, _) = try Self.push(clinic, fake)
        #expect(try await again.run()[.patient]?.sent == 1)
        #expect(await fake.people.count == 1)
        #expect(await fake.log.contains { $0.hasPrefix("GET people") } == false)
    }

    @Test func withoutKeysALostCreateIsLookedForAndAdopted() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Jean", "MBALLA", phone: "655443322")
        let fake = FakeServer()
        await fake.configure { $0.losesAnswer = { request, _ in request.endpoint.path == "people" && request.endpoint.method == .post } }
        let (push, _) = try Self.push(clinic, fake)
        #expect(try await push.run()[.patient]?.sent == 1)
        #expect(await fake.people.count == 1)
        #expect(await fake.log.contains { $0.hasPrefix("GET people?limit=100") })
        #expect(try clinic.database.serverId(of: .patient, id: patient.id) == (await fake.people.keys.first))
    }

    @Test func aRefusalParksTheChangeWithTheServersReason() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try clinic.patient("Refusé", "ABANDA")
        try clinic.patient("Accepté", "ABANDA")
        let fake = FakeServer()
        await fake.configure { $0.refusedName = "Refusé ABANDA" }
        let (push, _) = try Self.push(clinic, fake)
        let outcome = try await push.run()
        #expect(outcome[.patient]?.sent == 1)
        #expect(outcome[.patient]?.refused == 1)
        let refused = try clinic.database.refusedChanges()
        #expect(refused.count == 1)
        #expect(refused.first?.lastError?.contains("fullName refused (fake)") == true)
    }

    @Test func batchesCarryManyChangesPerRequest() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        for n in 0..<45 { try clinic.patient("Patient\(n)", "ESSOMBA") }
        let fake = FakeServer()
        await fake.configure { $0.features = ServerFeatures(idempotencyKeys: true, changes: false, batchLimit: 20) }
        let (push, server) = try Self.push(clinic, fake, concurrency: 2)
        #expect(try await push.run()[.patient]?.sent == 45)
        #expect(await fake.people.count == 45)
        #expect(await fake.log.filter { $0 == "POST sync/batch" }.count == 3)
        #expect(await fake.log.contains { $0 == "POST people" } == false)
        #expect(await server.requestCount <= 5)
        #expect(try Self.states(clinic)[.sent] == 45)
    }

    @Test func aBatchWhoseAnswerIsLostIsSentAgainAndMadeOnce() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        for n in 0..<10 { try clinic.patient("Patient\(n)", "OWONA") }
        let fake = FakeServer()
        await fake.configure {
            $0.features = ServerFeatures(idempotencyKeys: true, changes: false, batchLimit: 50)
            // The first batch is carried out, its answer lost.
            $0.losesAnswer = { request, index in request.endpoint.path == "sync/batch" && index < 3 }
        }
        let (push, _) = try Self.push(clinic, fake)
        #expect(try await push.run()[.patient]?.sent == 10)
        #expect(await fake.people.count == 10)
    }

    @Test func aThrottleWithRetryAfterIsWaitedOutAndLearned() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try clinic.patient("Fatou", "DIALLO")
        let fake = FakeServer()
        // The refresh that opens the run is throttled twice (the run waits as told), then everything passes.
        await fake.configure { $0.throttles = { request, index in index < 2 ? ["Retry-After": "0.2"] : nil } }
        let (push, server) = try Self.push(clinic, fake)
        #expect(try await push.run()[.patient]?.sent == 1)
        #expect(await fake.log.prefix(3).allSatisfy { $0 == "POST auth/refresh" })
        #expect(await server.pace.limit == nil)
    }

    @Test func theDeadlineEndsTheRunCleanlyAndLosesNothing() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        for n in 0..<40 { try clinic.patient("Patient\(n)", "BIYA") }
        let fake = FakeServer()
        await fake.configure { $0.latency = .milliseconds(100) }
        let (push, _) = try Self.push(clinic, fake, seconds: 1, concurrency: 2)
        await #expect(throws: SyncError.self) { try await push.run() }
        // What the server has is settled here, or will be adopted by the next run; nothing is in two places.
        let onServer = await fake.people.count
        let states = try Self.states(clinic)
        #expect(onServer < 40)
        #expect((states[.sent] ?? 0) <= onServer)
        #expect((states[.sent] ?? 0) + (states[.pending] ?? 0) == 40)
        await fake.configure { $0.latency = .zero }
        let (again, _) = try Self.push(clinic, fake)
        _ = try await again.run()
        #expect(await fake.people.count == 40)
        #expect(try Self.states(clinic)[.sent] == 40)
    }
}

/// The pace: nothing held back until the server says something; then what it says is kept to.
@Suite struct ServerPaceTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func noLimitUntilTheServerSpeaks() {
        var pace = ServerPace()
        for n in 0..<500 { pace.record(at: now.addingTimeInterval(Double(n) * 0.001)) }
        #expect(pace.wait(at: now.addingTimeInterval(1)) == 0)
    }

    @Test func headersSayWhatIsLeftAndWhenTheWindowTurns() {
        var pace = ServerPace()
        pace.learn(from: WireAnswer(status: 201, headers: ["X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "12"]),
                   at: now)
        #expect(pace.limit == 100)
        #expect(abs(pace.wait(at: now) - 12) < 0.001)
        #expect(pace.wait(at: now.addingTimeInterval(13)) == 0)
    }

    @Test func aSilent429TeachesTheLimitFromTheLastWindow() {
        var pace = ServerPace()
        for n in 0..<100 { pace.record(at: now.addingTimeInterval(Double(n) * 0.1)) }
        pace.learn(from: WireAnswer(status: 429), at: now.addingTimeInterval(10))
        #expect(pace.limit == 90)
        #expect(pace.wait(at: now.addingTimeInterval(10)) >= 59)
        #expect(pace.wait(at: now.addingTimeInterval(71)) == 0)
    }

    @Test func aGivenLimitSpacesTheRequests() {
        var pace = ServerPace(limit: 2, window: 10)
        pace.record(at: now)
        pace.record(at: now.addingTimeInterval(1))
        #expect(abs(pace.wait(at: now.addingTimeInterval(2)) - 8.01) < 0.001)
        #expect(pace.wait(at: now.addingTimeInterval(10.5)) == 0)
    }

    @Test func retryAfterAsAnHTTPDate() {
        let answer = WireAnswer(status: 429, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"])
        #expect(answer.retryAfter == 0)
        #expect(WireAnswer(status: 429, headers: ["retry-after": "7"]).retryAfter == 7)
        #expect(WireAnswer(status: 429, headers: ["Retry-After": "soon"]).retryAfter == nil)
    }
}

/// How long `sync status` says the waiting changes will take.
@Suite struct SyncEstimateTests {
    @Test func theEstimateKeepsToTheSlowerOfTheLastRunAndTheServersPace() {
        var progress = SyncProgress(serverURL: "https://x.cm", pushRate: 50)
        #expect(progress.estimate(waiting: 0) == 0)
        #expect(progress.estimate(waiting: 500) == 10)
        // A server that allows 100 requests a minute: 5,000 patients take 50 minutes one by one,
        progress.paceLimit = 100
        progress.paceWindow = 60
        #expect(progress.estimate(waiting: 5_000) == 3_000)
        // with batches of 200 changes a request the pace allows far more: the last run's rate is then the slower.
        progress.batchLimit = 200
        #expect(progress.estimate(waiting: 5_000) == 100)
        #expect(SyncProgress(serverURL: "https://x.cm").estimate(waiting: 3) == nil)
    }
}
