import Foundation

/// How workers share the due reminders: each takes a lease on a reminder's delivery (`deliveries`: owner, until,
/// attempts) in one transaction, skipping the rows another worker's transaction holds (`FOR UPDATE … SKIP LOCKED` on
/// PostgreSQL), then records the outcome. A lease that expires without an outcome lets another worker claim it again,
/// marked `interrupted`.
public struct ReminderClaim: Sendable {
    let database: any ServerDatabase
    let lease: TimeInterval
    let owner: String
    /// Claimed per pass, at most.
    static let batch = 100

    public struct Delivery: Sendable {
        let row: SQLRow
        /// A worker claimed it before and did not record what happened.
        let interrupted: Bool
    }

    /// This process, as the lease's owner.
    public static func defaultOwner() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    }

    func take(now: Date) async throws -> [Delivery] {
        let stamp = Instants.stamp(now), until = Instants.stamp(now.addingTimeInterval(lease))
        return try await database.write { db in
            try await db.execute("""
                UPDATE reminders SET status = 'CANCELLED', updatedAt = ?
                WHERE status = 'PENDING' AND plannedSendUtc <= ?
                  AND interventionId IN (SELECT id FROM interventions WHERE status IN ('CANCELED', 'DONE'))
                """, [stamp, stamp])
            // Every due reminder has a delivery row, free (no lease) until a worker claims it.
            try await db.execute("""
                INSERT INTO deliveries (idempotencyKey, reminderId, startedAt, leaseUntil, attempts)
                SELECT idempotencyKey, id, ?, '', 0 FROM reminders WHERE status = 'PENDING' AND plannedSendUtc <= ?
                ON CONFLICT (idempotencyKey) DO NOTHING
                """, [stamp, stamp])
            let due = try await db.fetchAll("""
                SELECT d.idempotencyKey, d.attempts, r.id, r.type, r.recipient, r.message, i.title, i.scheduledAtUtc, i.priority,
                       i.location, p.fullName, p.phone, p.email, u.timezone, u.email AS doctorEmail
                FROM deliveries d JOIN reminders r ON r.idempotencyKey = d.idempotencyKey
                JOIN interventions i ON i.id = r.interventionId JOIN people p ON p.id = i.personId
                JOIN doctors dr ON dr.id = i.doctorId JOIN users u ON u.id = dr.userId
                WHERE d.finishedAt IS NULL AND d.leaseUntil < ? AND r.status = 'PENDING' AND r.plannedSendUtc <= ?
                ORDER BY r.plannedSendUtc LIMIT \(ReminderClaim.batch) \(database.skipLocked("d"))
                """, [stamp, stamp])
            for row in due {
                try await db.execute("UPDATE deliveries SET leaseUntil = ?, owner = ?, attempts = attempts + 1, startedAt = ? WHERE idempotencyKey = ?",
                                     [until, owner, stamp, row["idempotencyKey"] as String])
            }
            return due.map { Delivery(row: $0, interrupted: ($0["attempts"] as Int) > 0) }
        }
    }

    /// Just before the provider is called: the lease is this worker's still, and runs a full lease from now. False
    /// when it ended (another worker may have taken the reminder over): then this worker must not send it.
    func renew(key: String, now: Date = Date()) async throws -> Bool {
        let stamp = Instants.stamp(now), until = Instants.stamp(now.addingTimeInterval(lease))
        return try await database.write { db in
            try await db.fetchAll("""
                UPDATE deliveries SET leaseUntil = ? WHERE idempotencyKey = ? AND owner = ? AND finishedAt IS NULL AND leaseUntil >= ?
                RETURNING idempotencyKey
                """, [until, key, owner, stamp])
        }.count == 1
    }

    /// The outcome, with its notification log; the delivery is finished. Nothing is written when the delivery is no
    /// longer this worker's (another one took it over and records it).
    func record(key: String, reminderId id: String, channel: String, recipient: String?, text: String, providerId: String?,
                failure: String?) async throws {
        let now = Instants.stamp()
        try await database.write { db in
            let finished = try await db.fetchAll("""
                UPDATE deliveries SET finishedAt = ? WHERE idempotencyKey = ? AND owner = ? AND finishedAt IS NULL RETURNING idempotencyKey
                """, [now, key, owner])
            guard finished.count == 1 else { return }
            if let failure {
                try await db.execute("UPDATE reminders SET status = 'FAILED', lastError = ?, message = ?, recipient = ?, updatedAt = ? WHERE id = ?",
                                     [failure, text, recipient, now, id])
            } else {
                try await db.execute("""
                    UPDATE reminders SET status = 'SENT', sentAt = ?, lastError = NULL, message = ?, recipient = ?, updatedAt = ? WHERE id = ?
                    """, [now, text, recipient, now, id])
            }
            try await db.execute("""
                INSERT INTO notification_logs (id, reminderId, channel, "to", payload, status, providerMsgId, error, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [Cuid.make(), id, channel, recipient ?? "", text, failure == nil ? "SENT" : "FAILED", providerId, failure, now])
        }
    }
}
