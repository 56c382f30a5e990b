import Foundation
import Hummingbird
import TappAPI
import TappDomain

/// `/reminders`.
struct RemindersController: Sendable {
    let database: any ServerDatabase
    let auth: Authenticator
    static let types = ["EMAIL", "SMS", "PUSH"]
    static let statuses = ["PENDING", "SENT", "FAILED", "CANCELLED"]

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.post("reminders") { request, _ -> Response in
            try await auth.user(request).require("ADMIN", "DOCTOR")
            var rules = BodyRules(try await HTTP.object(request))
            let interventionId = rules.string("interventionId")
            let type = rules.enumeration("type", RemindersController.types)
            let scheduledAt = rules.isoDate("scheduledAt", dayZone: ServerDates.utc)
            let message = rules.string("message", optional: true, multiline: true)
            let recipient = rules.string("recipient", optional: true)
            let status = rules.enumeration("status", RemindersController.statuses, optional: true)
            try rules.check()
            let intervention = try BodyRules.present(interventionId), channel = try BodyRules.present(type)
            let when = try BodyRules.present(scheduledAt)
            let id = Cuid.make(), now = Instants.stamp()
            let reminder = try await database.write { db -> TappAPI.Reminder in
                // The real server lets the foreign key fail (500); we say what is missing.
                if RealServerFaults.on, try await db.fetchOne("SELECT 1 FROM interventions WHERE id = ?", [intervention]) == nil {
                    throw NestError.internalError
                }
                try await exists(db, "interventions", intervention, "Intervention non trouvée")
                try await db.execute("""
                    INSERT INTO reminders (id, interventionId, type, plannedSendUtc, message, recipient, status, idempotencyKey, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [id, intervention, channel, Instants.stamp(when), message, recipient, status ?? "PENDING",
                          RemindersController.manualKey(), now, now])
                return try found(try await Included.reminder(db, id, logs: false), "Rappel non trouvé")
            }
            return HTTP.json(reminder, status: .created)
        }
        api.get("reminders") { request, _ -> Response in
            _ = try await auth.user(request)
            let query = request.uri.queryParameters
            var filter = SQLFilter()
            for name in ["status", "interventionId"] { filter.equals(name, query.get(name)) }
            try filter.between("plannedSendUtc", from: query.get("from"), to: query.get("to"))
            return HTTP.json(try await database.read { db in
                var list: [TappAPI.Reminder] = []
                for row in try await db.fetchAll("SELECT * FROM reminders \(filter.whereClause) ORDER BY plannedSendUtc DESC, rowid",
                                                 filter.arguments) {
                    list.append(try await Included.reminder(db, row, logs: true))
                }
                return list
            })
        }
        api.get("reminders/stats") { request, _ -> Response in
            try await auth.user(request).require("ADMIN", "DOCTOR")
            let counts = try await database.read { db in
                try await db.fetchAll("SELECT status, count(*) AS n FROM reminders GROUP BY status")
                    .reduce(into: [String: Int]()) { $0[$1["status"]] = $1["n"] }
            }
            let total = counts.values.reduce(0, +), sent = counts["SENT"] ?? 0
            // As the real server: sent out of all reminders, in percent, as text with two decimals ("0" when there are none).
            let rate = total == 0 ? "0" : String(format: "%.2f", Double(sent) / Double(total) * 100)
            return HTTP.json(ReminderStats(total: total, sent: sent, failed: counts["FAILED"] ?? 0, pending: counts["PENDING"] ?? 0,
                                           cancelled: counts["CANCELLED"] ?? 0, successRate: rate))
        }
        api.get("reminders/:id") { request, context -> Response in
            _ = try await auth.user(request)
            let id = try context.pathId("id")
            guard let reminder = try await database.read({ db in try await Included.reminder(db, id, logs: true) }) else {
                throw NestError.notFound("Rappel non trouvé")
            }
            return HTTP.json(reminder)
        }
        api.patch("reminders/:id") { request, context -> Response in
            try await auth.user(request).require("ADMIN", "DOCTOR")
            let id = try context.pathId("id")
            // The create DTO, every field optional; as the real server, `interventionId` is checked but not written,
            // and an empty value changes nothing.
            var rules = BodyRules(try await HTTP.object(request))
            rules.string("interventionId", optional: true)
            let type = rules.enumeration("type", RemindersController.types, optional: true)
            let scheduledAt = rules.isoDate("scheduledAt", optional: true, dayZone: ServerDates.utc)
            let message = rules.string("message", optional: true, multiline: true)
            let recipient = rules.string("recipient", optional: true)
            let status = rules.enumeration("status", RemindersController.statuses, optional: true)
            rules.notNull("interventionId", "type", "scheduledAt", "status")
            try rules.check()
            let reminder = try await database.write { db -> TappAPI.Reminder in
                try await exists(db, "reminders", id, "Rappel non trouvé")
                var sets = ["updatedAt = ?"]
                var arguments: SQLArguments = [Instants.stamp()]
                if let scheduledAt { sets.append("plannedSendUtc = ?"); arguments.append(Instants.stamp(scheduledAt)) }
                if let message, !message.isEmpty { sets.append("message = ?"); arguments.append(message) }
                if let recipient, !recipient.isEmpty { sets.append("recipient = ?"); arguments.append(recipient) }
                if let status { sets.append("status = ?"); arguments.append(status) }
                if let type { sets.append("type = ?"); arguments.append(type) }
                try await db.execute("UPDATE reminders SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments + [id])
                return try found(try await Included.reminder(db, id, logs: false), "Rappel non trouvé")
            }
            return HTTP.json(reminder)
        }
        api.delete("reminders/:id") { request, context -> Response in
            try await auth.user(request).require("ADMIN", "DOCTOR")
            let id = try context.pathId("id")
            // As the real server: the answer is the deleted reminder.
            let deleted = try await database.write { db -> TappAPI.Reminder in
                guard let row = try await db.fetchOne("SELECT * FROM reminders WHERE id = ?", [id]) else {
                    throw NestError.notFound("Rappel non trouvé")
                }
                try await db.execute("DELETE FROM reminders WHERE id = ?", [id])
                return try TappAPI.Reminder(row: row)
            }
            return HTTP.json(deleted)
        }
        api.post("reminders/:id/retry") { request, context -> Response in
            try await auth.user(request).require("ADMIN", "DOCTOR")
            let id = try context.pathId("id")
            let retried = try await database.write { db -> TappAPI.Reminder in
                guard let status = try await db.fetchValue("SELECT status FROM reminders WHERE id = ?", [id], as: String.self) else {
                    throw NestError.notFound("Rappel non trouvé")
                }
                // The real server answers 500 for a reminder that is not FAILED; we say why.
                if status != "FAILED", RealServerFaults.on { throw NestError.internalError }
                guard status == "FAILED" else { throw NestError.badRequest("Seul un rappel en échec peut être relancé") }
                try await db.execute("UPDATE reminders SET status = 'PENDING', lastError = NULL, updatedAt = ? WHERE id = ?",
                                     [Instants.stamp(), id])
                try await db.execute("DELETE FROM deliveries WHERE reminderId = ?", [id])
                return try TappAPI.Reminder(row: try found(try await db.fetchOne("SELECT * FROM reminders WHERE id = ?", [id]), "Rappel non trouvé"))
            }
            return HTTP.json(retried, status: .created)
        }
    }

    /// The key the real server gives a reminder made through `POST /reminders`: `reminder-<ms>-<random>`.
    static func manualKey(now: Date = Date()) -> String {
        "reminder-\(Int64(now.timeIntervalSince1970 * 1000))-\(Double.random(in: 0..<1))"
    }
}
