import Foundation
import GRDB
import Testing
import TappDomain
@testable import TappStore

@Suite struct DemoClinicTests {
    func makeDemo(seed: UInt64, now: Date) throws -> (ClinicDatabase, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try ClinicDatabase(path: folder.appendingPathComponent("demo.sqlite").path)
        try DemoClinic(patients: 200, seed: seed, now: now).write(into: database)
        return (database, folder)
    }

    func fingerprint(_ database: ClinicDatabase) throws -> [String] {
        try database.reader.read { db in
            try String.fetchAll(db, sql: """
                SELECT id || firstName || lastName || ifnull(phone, '') FROM patient
                UNION ALL SELECT id || dateTime || status FROM consultation
                UNION ALL SELECT idempotencyKey || status FROM reminder
                ORDER BY 1
                """)
        }
    }

    @Test func theSameSeedMakesTheSameClinic() throws {
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let (first, a) = try makeDemo(seed: 7, now: now)
        let (second, b) = try makeDemo(seed: 7, now: now)
        let (other, c) = try makeDemo(seed: 8, now: now)
        defer { for folder in [a, b, c] { try? FileManager.default.removeItem(at: folder) } }
        #expect(try fingerprint(first) == fingerprint(second))
        #expect(try fingerprint(first) != fingerprint(other))
    }

    @Test func theDemoHasAccentsPhonesAndRemindersInEveryStatus() throws {
        let (database, folder) = try makeDemo(seed: 42, now: Date())
        defer { try? FileManager.default.removeItem(at: folder) }
        let statuses = try database.reader.read { db in try String.fetchSet(db, sql: "SELECT DISTINCT status FROM reminder") }
        #expect(statuses == Set(ReminderStatus.allCases.map(\.rawValue)))
        let names = try database.patients(limit: 200).map(\.fullName).joined()
        #expect(names.contains { "éèëïôÉ".contains($0) })
        #expect(try database.patients(limit: 200).allSatisfy { $0.phone?.hasPrefix("+2376") == true })
        // Its search index agrees with its patients, and demo accounts sign in.
        #expect(try database.patientCount(matching: "a") <= 200)
        _ = try database.signIn(email: "reception@meditache.com", password: DemoClinic.password)
        #expect(throws: ClinicError.self) { try DemoClinic(patients: 200).write(into: database) }
        #expect(throws: ClinicError.self) { try DemoClinic(patients: 10).write(into: database) }
        // Every row holds the schema's CHECK constraints, which the bulk write left to the domain's types.
        #expect(try database.reader.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") } == ["ok"])
    }

    @Test func aNewDemoFileHoldsTheSchemasChecks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (database, summary) = try DemoClinic(patients: 300, seed: 3).create(at: folder.appendingPathComponent("demo.sqlite").path)
        #expect(summary.patients == 300)
        #expect(try database.reader.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") } == ["ok"])
        // and the file, opened again, tests them
        #expect(throws: ClinicError.self) {
            try database.write { db in try db.execute(sql: "UPDATE intervention SET title = '  ' WHERE rowid = 1") }
        }
    }
}
