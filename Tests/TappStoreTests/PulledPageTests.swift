import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore

/// A page of what the server sent is merged in one transaction, each record as it would be merged alone.
@Suite struct PulledPageTests {
    func person(_ serverId: String, _ name: String) -> PulledPerson {
        PulledPerson(serverId: serverId, updatedAt: "2026-11-30T10:00:00.000Z", fullName: name, birthdate: nil, phone: "+237698765432",
                     email: nil, address: nil)
    }

    func serverIds(_ clinic: TestClinic) throws -> [String] {
        try clinic.database.reader.read { db in
            try String.fetchAll(db, sql: "SELECT serverId FROM patient WHERE serverId IS NOT NULL ORDER BY serverId")
        }
    }

    @Test func aPageIsMergedAsItsRecordsAlone() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let results = try clinic.database.mergePulled(page: [
            .person(person("s1", "Marie Nguema")), .person(person("s2", "Jean Mballa")), .person(person("s1", "Marie Nguema")),
            .deletion(.patient, serverId: "s2"), .deletion(.patient, serverId: "s9"),
        ], by: clinic.admin)
        #expect(results == [.added, .added, .unchanged, .removed, .unchanged])
        #expect(try serverIds(clinic) == ["s1"])
        #expect(try clinic.database.mergePulled(page: [], by: clinic.admin).isEmpty)
    }

    @Test func aPageThatFailsLeavesNothingOfIt() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        // A name of blanks is no patient's name: the store refuses it, and the page with it.
        #expect(throws: (any Error).self) {
            try clinic.database.mergePulled(page: [.person(person("s1", "Marie Nguema")), .person(person("s2", "   "))], by: clinic.admin)
        }
        #expect(try serverIds(clinic).isEmpty)
    }
}
