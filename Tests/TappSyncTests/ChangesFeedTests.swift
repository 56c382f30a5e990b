import Foundation
import Testing
import TappAPI
import TappDomain
import TappStore
import TappTestSupport
@testable import TappSync

/// The pull from a server with a changes feed: only what changed is read, from where the last run stopped, and what
/// was deleted there is deleted here.
@Suite struct ChangesFeedTests {
    @Test func onlyChangesAreReadAndTombstonesDeleteHere() async throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try clinic.database.mapDoctor(email: "doctor@test.cm", toServerDoctor: "d1", by: clinic.admin)
        let fake = FakeServer()
        await fake.configure { $0.features = ServerFeatures(idempotencyKeys: true, changes: true, batchLimit: nil) }
        try clinic.patient("Marie", "NGUEMA")
        let (push, server) = try QueuePushTests.push(clinic, fake)
        _ = try await push.run()
        let personId = try #require(await fake.people.keys.first)
        let made = await fake.addConsultation(personId: personId, doctorId: "d1", notes: "Tension normale")
        let pull = ServerPull(database: clinic.database, server: server, session: clinic.admin, serverURL: QueuePushTests.account.serverURL)
        let first = try await pull.run()
        #expect(first[.consultation]?.added == 1)
        #expect(try clinic.database.syncProgress(serverURL: QueuePushTests.account.serverURL).changesCursor != nil)
        // Nothing changed: nothing read.
        let quiet = try await pull.run()
        #expect(quiet.values.map(\.read).reduce(0, +) == 0)
        // Deleted on the server: deleted here.
        await fake.deleteConsultation(made)
        let after = try await pull.run()
        #expect(after[.consultation]?.removed == 1)
        #expect(after.values.map(\.read).reduce(0, +) == 1)
        #expect(await fake.log.contains { $0.hasPrefix("GET people") } == false)
    }
}
