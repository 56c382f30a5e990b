import Foundation
import Logging
import Testing
import TappNotify
import TappTestSupport
@testable import TappServer

/// The worker's claim on PostgreSQL, where several instances share the reminders: two workers never take the same
/// one, and a claim whose worker died is taken over after its lease, sending only what the provider does not have.
@Suite struct ReminderClaimTests {
    /// A seeded database on the shared cluster with `count` reminders due now, and their idempotency keys.
    static func database(due count: Int) async throws -> (PostgresDatabase, PostgresCluster, String, [String]) {
        let cluster = try await SharedPostgresCluster.shared.get()
        let name = "claim_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try cluster.createDatabase(name)
        let database = await PostgresDatabase(address: try PostgresAddress(cluster.url(name)))
        try await database.migrate()
        try await Seed.run(database: database)
        let keys = try await database.write { db -> [String] in
            let intervention: String = try #require(try await db.fetchValue("SELECT id FROM interventions ORDER BY rowid LIMIT 1"))
            var keys: [String] = []
            for n in 0..<count {
                let key = "claim-\(n)-\(UUID().uuidString)"
                let at = Instants.stamp(Date().addingTimeInterval(-60))
                try await db.execute("""
                    INSERT INTO reminders (id, interventionId, type, plannedSendUtc, message, recipient, status, idempotencyKey, createdAt, updatedAt)
                    VALUES (?, ?, 'SMS', ?, ?, '+237 650 00 00 00', 'PENDING', ?, ?, ?)
                    """, [Cuid.make(), intervention, at, "Rappel \(n)", key, at, at])
                keys.append(key)
            }
            return keys
        }
        return (database, cluster, name, keys)
    }

    static func outboxKeys(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["idempotencyKey"] as? String
        }
    }

    @Test func twoWorkersAtOnceSendEachReminderOnce() async throws {
        let (database, cluster, name, keys) = try await Self.database(due: 60)
        defer { cluster.dropDatabase(name) }
        let outbox = cluster.folder.appendingPathComponent("\(name).jsonl").path
        let provider = OutboxProvider(path: outbox)
        let first = ReminderWorker(database: database, provider: provider, interval: .seconds(1), owner: "first", logger: Logger(label: "first"))
        let second = ReminderWorker(database: database, provider: provider, interval: .seconds(1), owner: "second", logger: Logger(label: "second"))
        // Both pass at the same time, again and again, until nothing is left.
        var sent = 0
        for _ in 0..<10 {
            async let a = first.runOnce()
            async let b = second.runOnce()
            let (x, y) = try await (a, b)
            sent += x + y
            if x + y == 0 { break }
        }
        #expect(sent == keys.count)
        let written = Self.outboxKeys(outbox)
        #expect(written.count == keys.count)
        #expect(Set(written) == Set(keys))
        let statuses = try await database.read { db in try await db.fetchColumn("SELECT status FROM reminders WHERE idempotencyKey LIKE 'claim-%'", as: String.self) }
        #expect(statuses.count == keys.count && statuses.allSatisfy { $0 == "SENT" })
        await database.close()
    }

    @Test func aDeadWorkersClaimIsTakenOverAfterItsLeaseWithoutSendingWhatWentOut() async throws {
        let (database, cluster, name, keys) = try await Self.database(due: 4)
        defer { cluster.dropDatabase(name) }
        let outbox = cluster.folder.appendingPathComponent("\(name).jsonl").path
        let provider = OutboxProvider(path: outbox)
        // The first worker claims everything, hands two messages over, and dies before recording anything.
        let dead = ReminderClaim(database: database, lease: 60, owner: "dead")
        let now = Date()
        let claimed = try await dead.take(now: now)
        #expect(claimed.count == keys.count)
        for delivery in claimed.prefix(2) {
            _ = try provider.send(OutgoingMessage(reminderId: delivery.row["id"], channel: "SMS", recipient: "+237 650 00 00 00",
                                                  text: "Rappel", idempotencyKey: delivery.row["idempotencyKey"]))
        }
        // Within the lease another worker takes none of them.
        let survivor = ReminderWorker(database: database, provider: provider, interval: .seconds(1), lease: 60, owner: "survivor",
                                      logger: Logger(label: "survivor"))
        #expect(try await survivor.runOnce(now: now.addingTimeInterval(30)) == 0)
        // After it, all four: the two handed over are SENT without a second line, the two others sent now.
        #expect(try await survivor.runOnce(now: now.addingTimeInterval(61)) == keys.count)
        let written = Self.outboxKeys(outbox)
        #expect(written.count == keys.count)
        #expect(Set(written) == Set(keys))
        let rows = try await database.read { db in
            try await db.fetchAll("""
                SELECT r.status, d.attempts, (SELECT count(*) FROM notification_logs l WHERE l.reminderId = r.id) AS logs
                FROM reminders r JOIN deliveries d ON d.idempotencyKey = r.idempotencyKey WHERE r.idempotencyKey LIKE 'claim-%'
                """)
        }
        #expect(rows.count == keys.count)
        for row in rows {
            #expect(row["status"] as String == "SENT")
            #expect(row["attempts"] as Int == 2)
            #expect(row["logs"] as Int == 1)
        }
        await database.close()
    }
}
