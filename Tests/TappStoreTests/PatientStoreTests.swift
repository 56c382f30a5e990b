import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore

@Suite struct PatientStoreTests {
    @Test func eachChangeWritesItsAuditAndQueueEntries() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        // When a patient is added, edited and deleted
        let patient = try clinic.patient("Marie", "Nguema", phone: "+237 699 11 22 33")
        var input = PatientInput(patient.fields)
        input.phone = "+237 699 44 55 66"
        let edited = try clinic.database.updatePatient(id: patient.id, expectedVersion: 1, input, by: clinic.doctor)
        try clinic.database.deletePatient(id: patient.id, by: clinic.admin)
        // Then the queue holds the three changes in order, and the audit log the three actions
        let queue = try clinic.database.queuedChanges().filter { $0.entityId == patient.id }
        #expect(queue.map(\.operation) == [.create, .update, .delete])
        #expect(queue[1].payload.contains("+237699445566"))
        let audit = try clinic.database.auditEntries(patientId: patient.id, by: clinic.admin)
        #expect(audit.map(\.action) == [.delete, .update, .create])
        #expect(audit[1].userEmail == "doctor@test.cm")
        #expect(audit[1].diff == #"{"phone":["+237699112233","+237699445566"]}"#)
        #expect(edited.version == 2)
    }

    @Test func aRefusedChangeWritesNothing() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let before = try clinic.database.queuedChanges().count
        var input = PatientInput()
        input.firstName = "Jean"
        #expect(throws: ClinicError.self) { try clinic.database.addPatient(input, by: clinic.doctor) }
        input.lastName = "Mballa"
        input.medicalNotes = "Asthme"
        #expect(throws: ClinicError.self) { try clinic.database.addPatient(input, by: clinic.receptionist) }
        #expect(try clinic.database.queuedChanges().count == before)
        #expect(try clinic.database.patientCount() == 0)
    }

    @Test func aStaleEditIsRefusedWithWhoAndWhen() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Fatou", "Diallo")
        // Given the nurse and the receptionist both read version 1
        var nurseInput = PatientInput(patient.fields)
        nurseInput.phone = "+237 677 00 00 01"
        var deskInput = PatientInput(patient.fields)
        deskInput.address = "Akwa, Douala"
        // When the nurse saves first
        _ = try clinic.database.updatePatient(id: patient.id, expectedVersion: 1, nurseInput, by: clinic.nurse)
        // Then the receptionist's save on version 1 is refused, naming the nurse
        do {
            _ = try clinic.database.updatePatient(id: patient.id, expectedVersion: 1, deskInput, by: clinic.receptionist)
            Issue.record("a stale edit was saved")
        } catch let ClinicError.staleEdit(_, _, changedBy, _, version) {
            #expect(changedBy == "nurse@test.cm")
            #expect(version == 2)
        }
        let stored = try clinic.database.patient(id: patient.id)
        #expect(stored.phone == "+237677000001")
        #expect(stored.address == nil)
    }

    @Test func searchIgnoresAccentsAndCaseBothWays() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try clinic.patient("Hélène", "Étoundi")
        try clinic.patient("Helene", "Mballa")
        try clinic.patient("Jean-Pierre", "N'Diaye", phone: "+237 699 12 34 56", email: "jp.ndiaye@example.cm")
        try clinic.patient("Marie", "Nguema", phone: "699-88-77-66")
        try clinic.patient("Paul", "Owona", phone: "612 399 234")
        #expect(try clinic.database.patients(matching: "helene").map(\.lastName) == ["Étoundi", "Mballa"])
        #expect(try clinic.database.patients(matching: "HÉLÈNE").map(\.lastName) == ["Étoundi", "Mballa"])
        #expect(try clinic.database.patients(matching: "etoun").map(\.firstName) == ["Hélène"])
        #expect(try clinic.database.patients(matching: "hel mba").map(\.lastName) == ["Mballa"])
        #expect(try clinic.database.patients(matching: "ndiaye").map(\.firstName) == ["Jean-Pierre"])
        #expect(try clinic.database.patients(matching: "jeanp").map(\.firstName) == ["Jean-Pierre"])
        // The email's local part is searched; its domain, shared by many patients, is not.
        #expect(try clinic.database.patients(matching: "jp").map(\.firstName) == ["Jean-Pierre"])
        #expect(try clinic.database.patients(matching: "example").isEmpty)
        // Phone digits match whatever the spacing, from anywhere in the number.
        #expect(try clinic.database.patients(matching: "69912").map(\.lastName) == ["N'Diaye"])
        #expect(try clinic.database.patients(matching: "699 12 34").map(\.lastName) == ["N'Diaye"])
        // With or without the country code, a number is the same number.
        #expect(try clinic.database.patients(matching: "+237699").map(\.lastName) == ["N'Diaye", "Nguema"])
        #expect(try clinic.database.patients(matching: "00237 699 12").map(\.lastName) == ["N'Diaye"])
        #expect(try clinic.database.patients(matching: "3456").map(\.lastName) == ["N'Diaye"])
        #expect(try clinic.database.patients(matching: "8877").map(\.lastName) == ["Nguema"])
        // A run is found as it was typed: Owona's 612 399 234 has 123 and 234 in it, but not 1234.
        #expect(try clinic.database.patients(matching: "1234").map(\.lastName) == ["N'Diaye"])
        #expect(try clinic.database.patientCount(matching: "12 34") == 1)
        #expect(try clinic.database.patients(matching: "99").map(\.lastName) == ["N'Diaye", "Nguema", "Owona"])
        #expect(try clinic.database.patients(matching: "paul 9923").map(\.lastName) == ["Owona"])
        #expect(try clinic.database.patients(matching: "paul 1234").isEmpty)
        #expect(try clinic.database.patients(matching: "marie 1234").isEmpty)
        #expect(try clinic.database.patients(matching: "zzz").isEmpty)
        #expect(try clinic.database.patients(matching: "\"*(").isEmpty)
    }

    @Test func aDateOfBirthThatIsNotADateReadsAsNone() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Awa", "Fotso")
        // Given a date another program wrote, which the schema's CHECK lets through
        try clinic.database.pool.write { db in
            try db.execute(sql: "UPDATE patient SET dateOfBirth = '1985-13-01' WHERE id = ?", arguments: [patient.id])
        }
        // Then the patient is still listed, found and read, without a date of birth
        #expect(try clinic.database.patients(matching: "fotso").map(\.dateOfBirth) == [nil])
        #expect(try clinic.database.patient(id: patient.id).dateOfBirth == nil)
    }

    @Test func searchFollowsEdits() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Awa", "Fotso", phone: "+237 650 00 00 00")
        var input = PatientInput(patient.fields)
        input.lastName = "Kamga"
        input.phone = "+237 651 11 11 11"
        _ = try clinic.database.updatePatient(id: patient.id, expectedVersion: 1, input, by: clinic.doctor)
        #expect(try clinic.database.patients(matching: "fotso").isEmpty)
        #expect(try clinic.database.patients(matching: "65000").isEmpty)
        #expect(try clinic.database.patients(matching: "kamga").count == 1)
        #expect(try clinic.database.patients(matching: "65111").count == 1)
    }

    @Test func listsPageAlphabetically() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        for last in ["Zambo", "Ékambi", "abéga", "Mballa", "Owona"] { try clinic.patient("Jean", last) }
        #expect(try clinic.database.patients(limit: 2).map(\.lastName) == ["abéga", "Ékambi"])
        #expect(try clinic.database.patients(limit: 2, offset: 2).map(\.lastName) == ["Mballa", "Owona"])
        #expect(try clinic.database.patients(matching: "jean", limit: 2, offset: 4).map(\.lastName) == ["Zambo"])
        #expect(try clinic.database.patientCount(matching: "jean") == 5)
    }

    @Test func aFullAlphabeticalSlotSendsTheNextNamesakeAfterEveryone() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let base = PatientSearchText.orderKey("mballa jean")
        let next = try clinic.database.pool.write { db -> Int64 in
            // Given every search key of the slot taken (and a later name further on)
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO patient (id, firstName, lastName, sortKey, searchKey, createdAt, updatedAt)
                SELECT 'p' || i, 'Jean', 'Mballa', 'mballa jean', ? + i, '2026-01-01', '2026-01-01' FROM n
                """, arguments: [PatientSearchText.orderKeySpread - 1, base])
            try db.execute(sql: """
                INSERT INTO patient (id, firstName, lastName, sortKey, searchKey, createdAt, updatedAt)
                VALUES ('z', 'Paul', 'Zambo', 'zambo paul', ?, '2026-01-01', '2026-01-01')
                """, arguments: [PatientSearchText.orderKey("zambo paul")])
            return try PatientSearchIndex.allocateKey(db, sortKey: "mballa jean")
        }
        #expect(next == PatientSearchText.orderKey("zambo paul") + 1)
    }

    @Test func anImportGivesTheSearchKeysThatAddingOneByOneGives() throws {
        // Given two clinics with the same patients already there: namesakes, and a full alphabetical slot
        func prepared() throws -> TestClinic {
            let clinic = try TestClinic()
            try clinic.patient("Jean", "Mballa")
            try clinic.patient("Awa", "Fotso")
            try clinic.database.pool.write { db in
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO patient (id, firstName, lastName, sortKey, searchKey, createdAt, updatedAt)
                    SELECT 'p' || i, 'Paul', 'Owona', 'owona paul', ? + i, '2026-01-01', '2026-01-01' FROM n
                    """, arguments: [PatientSearchText.orderKeySpread - 1, PatientSearchText.orderKey("owona paul")])
            }
            return clinic
        }
        let rows = [("Jean", "Mballa"), ("Paul", "Owona"), ("Zoé", "Zambo"), ("Jean", "Mballa"), ("Awa", "Fotso"),
                    ("Paul", "Owona"), ("Hélène", "Ékambi"), ("Jean", "Mballa")]
        let imported = try prepared(), added = try prepared()
        defer { imported.remove(); added.remove() }
        // When one imports them and the other adds them one by one, in the order the import writes them
        let report = try imported.database.importPatients(
            csv: "firstName,lastName\n" + rows.map { "\($0.0),\($0.1)" }.joined(separator: "\n"), by: imported.receptionist)
        #expect(report.imported == rows.count)
        for (first, last) in rows.sorted(by: { PatientSearchText.sortKey(first: $0.0, last: $0.1)
                                               < PatientSearchText.sortKey(first: $1.0, last: $1.1) }) {
            try added.patient(first, last)
        }
        // Then every patient has the same search key in both, and the search finds each one once
        func keys(_ clinic: TestClinic) throws -> [String] {
            try clinic.database.pool.read { db in
                try String.fetchAll(db, sql: "SELECT sortKey || ' ' || searchKey FROM patient ORDER BY searchKey")
            }
        }
        #expect(try keys(imported) == keys(added))
        #expect(try imported.database.patientCount(matching: "mballa") == 4)
        #expect(try imported.database.patientCount(matching: "owona") == 2)
    }

    @Test func moreThanAThousandNamesakesAreAllFound() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        // Given 1,100 patients whose sort keys share their first ten letters, and one after them
        var csv = "firstName,lastName\n"
        for i in 0..<1100 { csv += "Jean\(i),Mballa\n" }
        _ = try clinic.database.importPatients(csv: csv, by: clinic.receptionist)
        try clinic.patient("Jeanne", "Mballb")
        // Then paging through the search returns each of them once, the later name last
        var seen: [Patient] = []
        while true {
            let page = try clinic.database.patients(matching: "mball", limit: 100, offset: seen.count)
            if page.isEmpty { break }
            seen += page
        }
        #expect(seen.count == 1101)
        #expect(Set(seen.map(\.id)).count == 1101)
        #expect(seen.last?.lastName == "Mballb")
    }

    @Test func readingARecordIsAuditedAndRedactedForTheDesk() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        var input = PatientInput()
        input.firstName = "Marie"
        input.lastName = "Nguema"
        input.medicalNotes = "Drépanocytose"
        input.bloodType = "O+"
        let patient = try clinic.database.addPatient(input, by: clinic.doctor)
        let seenByNurse = try clinic.database.patientRecord(id: patient.id, by: clinic.nurse)
        #expect(seenByNurse.patient.medicalNotes == "Drépanocytose")
        let seenByDesk = try clinic.database.patientRecord(id: patient.id, by: clinic.receptionist)
        #expect(seenByDesk.patient.medicalNotes == nil)
        #expect(seenByDesk.patient.bloodType == nil)
        let views = try clinic.database.auditEntries(patientId: patient.id, by: clinic.admin).filter { $0.action == .view }
        #expect(Set(views.compactMap(\.userEmail)) == ["nurse@test.cm", "desk@test.cm"])
    }

    @Test func organizationLinksAreKeptAsHistory() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Jean", "Mballa")
        let link = try clinic.database.linkPatient(patient.id, toOrganization: clinic.organizationId, role: "PATIENT", by: clinic.receptionist)
        #expect(link.isActive)
        let ended = try clinic.database.unlinkPatient(patient.id, fromOrganization: clinic.organizationId, by: clinic.receptionist)
        #expect(!ended.isActive && ended.endAt != nil)
        #expect(throws: ClinicError.self) {
            try clinic.database.unlinkPatient(patient.id, fromOrganization: clinic.organizationId, by: clinic.receptionist)
        }
        #expect(try clinic.database.linkPatient(patient.id, toOrganization: clinic.organizationId, by: clinic.receptionist).isActive)
        let kinds = try clinic.database.queuedChanges().filter { $0.entityKind == .patientOrganization }.map(\.operation)
        #expect(kinds == [.create, .update, .update])
    }

    @Test func aPatientWithHistoryCannotBeDeleted() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Jean", "Mballa")
        try clinic.database.addIntervention(clinic.interventionInput(patientId: patient.id, at: Date().addingTimeInterval(86_400 * 3)),
                                            by: clinic.receptionist)
        #expect(throws: ClinicError.self) { try clinic.database.deletePatient(id: patient.id, by: clinic.admin) }
        #expect(throws: ClinicError.self) { try clinic.database.deletePatient(id: patient.id, by: clinic.doctor) }
        #expect(try clinic.database.patientCount() == 1)
    }
}
