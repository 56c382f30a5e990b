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
            // The records made before the changes feed are in its log, so that a first pull from the beginning finds them.
            #expect(try Row.fetchAll(db, sql: "SELECT kind, recordId, deleted FROM changes ORDER BY seq").map { "\($0["kind"] as String) \($0["recordId"] as String) \($0["deleted"] as Int)" }
                    == ["person p1 0", "intervention i1 0"])
        }
    }

    /// A file of the SQLite-only server of issue 15 (its extensions' tables as version "v4 sync extensions", before
    /// the worker's leases) takes the leases and keeps its log and keys: "v5 sync extensions" merges that version.
    @Test func aFileOfTheSQLiteOnlySyncServerKeepsItsLogAndKeys() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-server-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("server.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(old, upTo: "v3 prisma columns")
        try await old.write { db in
            try db.execute(sql: SQLiteChangeLogSchema.sql)
            try db.execute(sql: IdempotencySchema.sqlite)
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v4 sync extensions')")
            let at = "2026-01-05T08:00:00.000Z"
            try db.execute(sql: "INSERT INTO people (id, fullName, createdAt, updatedAt) VALUES ('p1', 'Awa Fotso', ?, ?)", arguments: [at, at])
            try db.execute(sql: "DELETE FROM people WHERE id = 'p1'")
            try db.execute(sql: "INSERT INTO idempotency_keys VALUES ('u1', 'k1', 'f', 1800000000, 201, ?)", arguments: [Data("{}".utf8)])
        }
        try old.close()

        let upgraded = try SQLiteDatabase(path: path)
        let versions = try await upgraded.appliedVersions()
        #expect(versions == ["v1 prisma schema", "v2 deliveries", "v3 prisma columns", "v4 worker leases and list indexes", "v5 sync extensions"])
        let log = try await upgraded.read { db in try await db.fetchAll("SELECT kind, recordId, deleted FROM changes ORDER BY seq") }
        #expect(log.map { "\($0["kind"] as String) \($0["recordId"] as String) \($0["deleted"] as Int)" } == ["person p1 1"])
        // The key's answer, kept as a BLOB by that server, is read back whole.
        let claim = try await DatabaseIdempotencyRecords(database: upgraded)
            .claim(IdempotencyKey(user: "u1", key: "k1"), fingerprint: "f", now: Date(timeIntervalSince1970: 1_800_000_001), expiredBefore: .distantPast)
        #expect(claim == .answered(StoredAnswer(status: 201, body: Array("{}".utf8))))
        await upgraded.close()
    }
}
