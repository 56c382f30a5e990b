import Foundation
import GRDB
import Testing
@testable import TappServer

/// A server file made before the schema had the real Prisma columns is upgraded in place, its links kept.
@Suite struct ServerSchemaUpgradeTests {
    @Test func aFileOfTheFirstSchemaGetsThePrismaColumnsAndKeepsItsRows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-server-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("server.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(old, upTo: "v2 deliveries")
        try old.write { db in
            let at = "2026-01-05T08:00:00.000Z"
            try db.execute(sql: "INSERT INTO organizations VALUES ('org_a', 'Clinique A', ?, ?)", arguments: [at, at])
            try db.execute(sql: """
                INSERT INTO users (id, email, password, role, organizationId, createdAt, updatedAt) VALUES ('u1', 'd@a.cm', 'x', 'DOCTOR', 'org_a', ?, ?)
                """, arguments: [at, at])
            try db.execute(sql: "INSERT INTO doctors VALUES ('d1', 'u1', NULL, NULL, ?, ?)", arguments: [at, at])
            try db.execute(sql: "INSERT INTO people (id, fullName, createdAt, updatedAt) VALUES ('p1', 'Awa Fotso', ?, ?)", arguments: [at, at])
            try db.execute(sql: """
                INSERT INTO person_organizations (id, personId, organizationId, role, isActive, startAt, endAt)
                VALUES ('l1', 'p1', 'org_a', 'PATIENT', 0, ?, '2026-02-01T00:00:00.000Z')
                """, arguments: [at])
            try db.execute(sql: """
                INSERT INTO interventions (id, personId, doctorId, title, scheduledAtUtc, createdAt, updatedAt)
                VALUES ('i1', 'p1', 'd1', 'Suivi', '2027-01-01T09:00:00.000Z', ?, ?)
                """, arguments: [at, at])
            try db.execute(sql: "INSERT INTO reminder_rules (id, interventionId, offsetMinutes, channel, enabled) VALUES ('r1', 'i1', -60, 'SMS', 1)")
        }
        try old.close()

        _ = try SQLiteDatabase(path: path)
        let upgraded = try DatabaseQueue(path: path)
        defer { try? upgraded.close() }
        try upgraded.read { db in
            #expect(try db.columns(in: "person_organizations").map(\.name)
                    == ["personId", "orgId", "startAt", "endAt", "role", "isActive", "createdAt", "updatedAt"])
            #expect(try db.primaryKey("person_organizations").columns == ["personId", "orgId"])
            let link = try #require(try Row.fetchOne(db, sql: "SELECT * FROM person_organizations"))
            #expect(link["orgId"] as String == "org_a")
            #expect(link["isActive"] as Bool == false)
            #expect(link["createdAt"] as String == "2026-01-05T08:00:00.000Z")
            #expect(link["updatedAt"] as String == "2026-02-01T00:00:00.000Z")
            #expect(try Bool.fetchOne(db, sql: "SELECT isActive FROM doctors WHERE id = 'd1'") == true)
            #expect(try String.fetchOne(db, sql: "SELECT createdAt FROM reminder_rules WHERE id = 'r1'") == "2026-01-05T08:00:00.000Z")
            #expect(try db.tableExists("deliveries"))
        }
    }
}
