import Foundation
import GRDB
import Logging
import ServiceLifecycle
import TappDomain
import TappNotify

/// Sends the reminders that are due, every `interval` (the real server's worker never sends: it looks for a
/// status nothing uses). Each reminder is claimed in `deliveries` before the provider is called, so a crash
/// between sending and marking leaves it FAILED with the reason, never sent twice.
public struct ReminderWorker: Service {
    let store: ServerStore
    let provider: any MessageProvider
    let interval: Duration
    let logger: Logger

    public init(databasePath: String, provider: any MessageProvider, interval: Duration, logger: Logger) throws {
        store = try ServerStore(path: databasePath)
        self.provider = provider
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try recoverInterrupted()
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { _ = try runOnce() } catch { logger.error("reminder worker: \(error)") }
                try await Task.sleep(for: interval)
            }
        }
    }

    /// Reminders claimed by a run that never finished (the process died): they may have gone out, so they are
    /// marked FAILED with the reason instead of being sent again; a person can check and retry.
    func recoverInterrupted() throws {
        try store.write { db in
            let now = ServerStore.stamp()
            try db.execute(sql: """
                UPDATE reminders SET status = 'FAILED', updatedAt = ?,
                  lastError = 'Envoi interrompu (arrêt du serveur) : peut-être parti, non renvoyé automatiquement'
                WHERE status = 'PENDING' AND id IN (SELECT reminderId FROM deliveries WHERE finishedAt IS NULL)
                """, arguments: [now])
            try db.execute(sql: "UPDATE deliveries SET finishedAt = ? WHERE finishedAt IS NULL", arguments: [now])
        }
    }

    /// One pass: due PENDING reminders of open interventions are sent; those of CANCELED or DONE ones are cancelled.
    @discardableResult
    public func runOnce(now: Date = Date()) throws -> Int {
        let stamp = ServerStore.stamp(now)
        let claimed = try store.write { db -> [Row] in
            try db.execute(sql: """
                UPDATE reminders SET status = 'CANCELLED', updatedAt = ?
                WHERE status = 'PENDING' AND plannedSendUtc <= ?
                  AND interventionId IN (SELECT id FROM interventions WHERE status IN ('CANCELED', 'DONE'))
                """, arguments: [stamp, stamp])
            let due = try Row.fetchAll(db, sql: """
                SELECT r.id, r.type, r.recipient, r.message, r.idempotencyKey, i.title, i.scheduledAtUtc, i.priority, i.location,
                       p.fullName, p.phone, p.email, u.timezone, u.email AS doctorEmail
                FROM reminders r JOIN interventions i ON i.id = r.interventionId JOIN people p ON p.id = i.personId
                JOIN doctors d ON d.id = i.doctorId JOIN users u ON u.id = d.userId
                WHERE r.status = 'PENDING' AND r.plannedSendUtc <= ?
                  AND NOT EXISTS (SELECT 1 FROM deliveries WHERE idempotencyKey = r.idempotencyKey)
                ORDER BY r.plannedSendUtc LIMIT 500
                """, arguments: [stamp])
            for row in due {
                try db.execute(sql: "INSERT INTO deliveries (idempotencyKey, reminderId, startedAt) VALUES (?, ?, ?)",
                               arguments: [row["idempotencyKey"] as String, row["id"] as String, stamp])
            }
            return due
        }
        for row in claimed { try deliver(row) }
        return claimed.count
    }

    func deliver(_ row: Row) throws {
        let id: String = row["id"], channel: String = row["type"], key: String = row["idempotencyKey"]
        let recipient: String? = row["recipient"] ?? (channel == "EMAIL" ? row["email"] : row["phone"])
        let zone = TimeZone(identifier: row["timezone"] ?? "Africa/Douala") ?? Instant.defaultZone
        let text: String = row["message"] ?? ReminderMessage(
            patientName: row["fullName"], title: row["title"],
            scheduledAt: ServerDates.parse(row["scheduledAtUtc"]) ?? Date(), zone: zone,
            // The server's users have no name: the doctor is named by their account's email, as the real server does.
            doctorName: row["doctorEmail"],
            location: row["location"], priority: InterventionPriority(rawValue: row["priority"]) ?? .normal).text
        var providerId: String?
        var failure: String?
        if let recipient, !recipient.isEmpty {
            do {
                providerId = try provider.send(OutgoingMessage(reminderId: id, channel: channel, recipient: recipient, text: text,
                                                               idempotencyKey: key))
            } catch {
                failure = "\(error)"
            }
        } else {
            failure = channel == "EMAIL" ? "Aucune adresse email pour ce patient" : "Aucun numéro de téléphone pour ce patient"
        }
        let now = ServerStore.stamp()
        try store.write { db in
            if let failure {
                try db.execute(sql: "UPDATE reminders SET status = 'FAILED', lastError = ?, message = ?, recipient = ?, updatedAt = ? WHERE id = ?",
                               arguments: [failure, text, recipient, now, id])
            } else {
                try db.execute(sql: """
                    UPDATE reminders SET status = 'SENT', sentAt = ?, lastError = NULL, message = ?, recipient = ?, updatedAt = ? WHERE id = ?
                    """, arguments: [now, text, recipient, now, id])
            }
            try db.execute(sql: """
                INSERT INTO notification_logs (id, reminderId, channel, "to", payload, status, providerMsgId, error, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [Cuid.make(), id, channel, recipient ?? "", text, failure == nil ? "SENT" : "FAILED", providerId, failure, now])
            try db.execute(sql: "UPDATE deliveries SET finishedAt = ? WHERE idempotencyKey = ?", arguments: [now, key])
        }
        if let failure { logger.warning("reminder \(id) failed: \(failure)") } else { logger.info("reminder \(id) sent by \(channel)") }
    }
}
