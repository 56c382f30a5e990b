import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore

@Suite struct PhoneStoreTests {
    /// A phone the server sends (as a person typed it there) is kept as a number too; one that cannot be read is kept
    /// as sent, and listed with the bad phones.
    @Test func pulledPhonesAreKeptAsNumbers() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        for (serverId, phone) in [("s1", "+237 6 98 76 54 32"), ("s2", "00237 655.44.33.22"), ("s3", "12")] {
            let pulled = PulledPerson(serverId: serverId, updatedAt: "2026-11-30T10:00:00.000Z", fullName: "Marie Nguema \(serverId)",
                                      birthdate: nil, phone: phone, email: nil, address: nil)
            #expect(try clinic.database.mergePulled(pulled, by: clinic.admin) == .added)
        }
        let phones = try clinic.database.reader.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT serverId, phone FROM patient WHERE serverId IS NOT NULL")
                .map { ($0[0] as String, $0[1] as String) })
        }
        #expect(phones == ["s1": "+237698765432", "s2": "+237655443322", "s3": "12"])
        // Pulled again unchanged: nothing to update, though the server still writes it its way.
        let again = PulledPerson(serverId: "s1", updatedAt: "2026-11-30T11:00:00.000Z", fullName: "Marie Nguema s1", birthdate: nil,
                                 phone: "+237 6 98 76 54 32", email: nil, address: nil)
        #expect(try clinic.database.mergePulled(again, by: clinic.admin) == .unchanged)
    }

    @Test func phonesAreStoredInE164AndFoundByTheirDigits() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Honorine", "Doumbé", phone: "663-92-43-88")
        #expect(patient.phone == "+237663924388")
        #expect(try clinic.database.patients(matching: "663 924").map(\.id) == [patient.id])
        #expect(try clinic.database.patients(matching: "+237 663924388").map(\.id) == [patient.id])
        #expect(try clinic.database.patients(matching: "00237663924388").map(\.id) == [patient.id])
        #expect(throws: ClinicError.self) { try clinic.patient("Paul", "Owona", phone: "677 12 34 5") }
        do { try clinic.patient("Paul", "Owona", phone: "677 12 34 5") } catch let ClinicError.invalid(failure) {
            #expect(failure.message(for: "phone")?.contains("9 digits") == true)
        }
    }

    @Test func theClinicsCountryChangesHowNationalNumbersAreRead() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        #expect(try clinic.database.phoneCountry() == .cameroon)
        #expect(throws: ClinicError.self) {
            try clinic.database.setPhoneCountry(try PhoneCountry(callingCode: "33", nationalDigits: 9), by: clinic.doctor)
        }
        try clinic.database.setPhoneCountry(try PhoneCountry(callingCode: "33", nationalDigits: 9), by: clinic.admin)
        #expect(try clinic.database.phoneCountry().callingCode == "33")
        #expect(try clinic.patient("Marie", "Curie", phone: "06 12 34 56 78").phone == "+33612345678")
        #expect(try clinic.patient("Jean", "Mballa", phone: "+237 699 12 34 56").phone == "+237699123456")
        let audit = try clinic.database.reader.read { db in
            try String.fetchOne(db, sql: "SELECT diff FROM auditLog WHERE entityType = 'clinicSetting'")
        }
        #expect(audit == #"{"phoneCountry":["+237, 9 digits","+33, 9 digits"]}"#)
    }

    @Test func existingPhonesAreMigratedAndUnreadableOnesKeptAsTypedAndListed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        // Given a file of tapp before v9, with phones as typed
        let old = try DatabaseQueue(path: path)
        try ClinicMigrations.migrator.migrate(old, upTo: "v8 sign-in locks by email")
        try old.write { db in
            let rows: [(String, String, String?, String?)] = [
                ("p1", "doumbe honorine", "663924388", "670-11-22-33"), ("p2", "owona paul", "+237 6 99 12 34 56", nil),
                ("p3", "mballa jean", "00237 677.12.34.56", nil), ("p4", "nguema marie", "677 12 34 5", nil),
                ("p5", "diallo fatou", "+33 6 12 34 56 78", "appeler la soeur"), ("p6", "abena rose", nil, nil),
            ]
            for (id, sortKey, phone, emergency) in rows {
                let names = sortKey.split(separator: " ").map(String.init)
                try db.execute(sql: """
                    INSERT INTO patient (id, firstName, lastName, phone, emergencyContactPhone, sortKey, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, '2024-01-01 00:00:00.000', '2024-01-01 00:00:00.000')
                    """, arguments: [id, names[1], names[0], phone, emergency, sortKey])
            }
        }
        try old.close()
        // When today's tapp opens it
        let database = try ClinicDatabase(path: path)
        let phones = try database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, phone, emergencyContactPhone FROM patient ORDER BY id")
                .map { "\($0[0] as String) \(($0[1] as String?) ?? "-") \(($0[2] as String?) ?? "-")" }
        }
        // Then readable numbers are in E.164, unreadable ones as typed, each change audited
        #expect(phones == ["p1 +237663924388 +237670112233", "p2 +237699123456 -", "p3 +237677123456 -", "p4 677 12 34 5 -",
                           "p5 +33612345678 appeler la soeur", "p6 - -"])
        let audited = try database.reader.read { db in
            try String.fetchAll(db, sql: "SELECT entityId FROM auditLog WHERE action = 'UPDATE' ORDER BY entityId")
        }
        #expect(audited == ["p1", "p2", "p3", "p5"])
        // and the unreadable ones are listed
        _ = try database.setUp(clinicName: "Clinique", admin: UserInput(email: "a@test.cm", firstName: "A", lastName: "B", role: "ADMIN",
                                                                     password: "secret123"))
        let admin = try database.signIn(email: "a@test.cm", password: "secret123")
        #expect(try database.patientsWithBadPhones(by: admin).map(\.id) == ["p5", "p4"])
    }
}
