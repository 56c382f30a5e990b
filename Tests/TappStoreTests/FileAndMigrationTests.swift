import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore

@Suite struct FileAndMigrationTests {
    @Test func theFileAndItsWALAreOwnerOnly() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try clinic.patient("Marie", "Nguema")
        for suffix in ["", "-wal", "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: clinic.path + suffix)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(suffix)")
        }
    }

    @Test func theStoreIsInWALModeWithForeignKeys() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let (mode, foreignKeys, pageSize) = try clinic.database.reader.read { db -> (String?, Bool?, Int?) in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Int.fetchOne(db, sql: "PRAGMA page_size"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == true)
        #expect(pageSize == ClinicDatabase.pageSize)
    }

    /// A file made by a tapp that knew the migrations up to `migration`, holding what `sql` writes; in a folder of
    /// its own, for the caller to remove.
    func olderFile(upTo migration: String, _ sql: String) throws -> (path: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try ClinicMigrations.migrator.migrate(old, upTo: migration)
        try old.write { db in try db.execute(sql: sql) }
        try old.close()
        return (path, folder)
    }

    @Test func anOlderFileIsUpgradedInPlace() throws {
        // Given a file made by a tapp that knew only the first migration, with a patient in it
        let (path, folder) = try olderFile(upTo: "v1 record", """
            INSERT INTO patient (id, firstName, lastName, sortKey, createdAt, updatedAt)
            VALUES ('p1', 'Hélène', 'Étoundi', 'etoundi helene', '2024-01-01 00:00:00.000', '2024-01-01 00:00:00.000')
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        // When today's tapp opens it
        let database = try ClinicDatabase(path: path)
        // Then it has every migration and its patient is found by the new search index
        #expect(try database.appliedMigrations() == ["v1 record", "v2 patient search", "v3 reminder sending", "v4 sync account", "v5 sync pull",
                                                      "v6 audit indexes", "v7 phone runs of three", "v8 sign-in locks by email",
                                                      "v9 phones as numbers", "v10 one patient one record", "v11 sound-alike search",
                                                      "v12 sync progress"])
        #expect(try database.patients(matching: "helene").map(\.id) == ["p1"])
        // and the audit log's indexes answer its two questions: a record's entries, an account's failed sign-ins
        let plans = try database.reader.read { db in
            try [
                "SELECT * FROM auditLog WHERE entityId = 'p1'",
                "SELECT count(*) FROM auditLog WHERE action = 'LOGIN' AND success = 0 AND lower(userEmail) = 'u' AND at > '2024'",
            ].map { try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + $0).map { $0["detail"] as String }.joined() }
        }
        #expect(plans[0].contains("USING INDEX auditLog_entityId"))
        #expect(plans[1].contains("USING INDEX auditLog_failedLoginEmail"))
    }

    @Test func aFileIndexedBySuffixesIsIndexedAgainByRunsOfThree() throws {
        // Given a file whose search index holds every suffix of the phone numbers, as tapp wrote it up to v6
        let (path, folder) = try olderFile(upTo: "v6 audit indexes", """
            INSERT INTO patient (id, firstName, lastName, phone, sortKey, searchKey, createdAt, updatedAt)
            VALUES ('p1', 'Paul', 'Owona', '+237 612 399 234', 'owona paul', 7, '2024-01-01 00:00:00.000', '2024-01-01 00:00:00.000'),
                   ('p2', 'Jean-Pierre', 'N''Diaye', '699 12 34 56', 'ndiaye jean-pierre', 5, '2024-01-01 00:00:00.000', '2024-01-01 00:00:00.000');
            INSERT INTO patientSearch (rowid, names, phone, email)
            VALUES (7, 'Paul Owona', '612399234 12399234 2399234 399234 99234 9234 234', ''),
                   (5, 'Jean-Pierre N''Diaye JeanPierre NDiaye', '699123456 99123456 9123456 123456 23456 3456 456', '');
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        // When today's tapp opens it
        let database = try ClinicDatabase(path: path)
        // Then the index is made again from the patients, under the same keys, and runs of digits are found as typed
        let rows = try database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT rowid, phone, phoneDigits FROM patientSearch ORDER BY rowid")
                .map { "\($0[0] as Int64) \($0[1] as String) | \($0[2] as String)" }
        }
        #expect(rows == ["5 699 991 912 123 234 345 456 | 699123456", "7 612 123 239 399 992 923 234 | 612399234"])
        #expect(try database.patients(matching: "1234").map(\.id) == ["p2"])
        #expect(try database.patients(matching: "9923").map(\.id) == ["p1"])
        #expect(try database.patients(matching: "owona").map(\.id) == ["p1"])
    }

    @Test func theAuditLogIsAppendOnly() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try clinic.patient("Marie", "Nguema")
        try clinic.database.pool.write { db in
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE auditLog SET userEmail = 'someone@else.cm'") }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "DELETE FROM auditLog") }
        }
        let count = try clinic.database.reader.read { db in try AuditEntry.fetchCount(db) }
        #expect(count > 0)
    }

    @Test func aBackupIsConsistentWhileOthersWrite() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        for i in 0..<200 { try clinic.patient("Patient\(i)", "Test") }
        // Another connection keeps writing during the backup.
        let other = try ClinicDatabase(path: clinic.path)
        let writer = Thread {
            for i in 0..<50 { _ = try? other.addPatient({ var p = PatientInput(); p.firstName = "Late\(i)"; p.lastName = "Writer"; return p }(), by: clinic.doctor) }
        }
        writer.start()
        let target = clinic.folder.appendingPathComponent("backup.sqlite").path
        try clinic.database.backup(to: target, by: clinic.admin)
        let copy = try ClinicDatabase(path: target)
        let patients = try copy.patientCount()
        #expect(patients >= 200 && patients <= 250)
        // The copy is whole: its search index agrees with its patients.
        let indexed = try copy.reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM patientSearch") }
        #expect(indexed == patients)
        #expect(throws: ClinicError.self) { try clinic.database.backup(to: target, by: clinic.admin) }
        #expect(throws: ClinicError.self) { try clinic.database.backup(to: target + "2", by: clinic.doctor) }
        let deadline = Date().addingTimeInterval(60)
        while !writer.isFinished, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    }
}
