import Foundation
import GRDB
import Hummingbird
import TappDomain

/// `/reminders`.
struct RemindersController: Sendable {
    let store: ServerStore
    let auth: Authenticator
    static let types = ["EMAIL", "SMS", "PUSH"]
    static let statuses = ["PENDING", "SENT", "FAILED", "CANCELLED"]

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.post("reminders") { request, _ -> Response in
            try auth.user(request).require("ADMIN", "DOCTOR")
            var rules = BodyRules(try await HTTP.object(request))
            let interventionId = rules.string("interventionId")
            let type = rules.enumeration("type", RemindersController.types)
            let scheduledAt = rules.isoDate("scheduledAt")
            let message = rules.string("message", optional: true)
            let recipient = rules.string("recipient", optional: true)
            let status = rules.enumeration("status", RemindersController.statuses, optional: true)
            try rules.check()
            let id = Cuid.make(), now = ServerStore.stamp()
            let reminder = try store.write { db -> [String: Any] in
                try exists(db, "interventions", interventionId!, "Intervention non trouvée")
                let channel = ReminderChannel(rawValue: type!)!
                let key = ReminderPlan.idempotencyKey(interventionId: interventionId!, plannedSendAt: scheduledAt!, channel: channel)
                guard try Row.fetchOne(db, sql: "SELECT 1 FROM reminders WHERE idempotencyKey = ?", arguments: [key]) == nil else {
                    throw NestError.conflict("Un rappel existe déjà pour cette intervention, cette heure et ce canal")
                }
                try db.execute(sql: """
                    INSERT INTO reminders (id, interventionId, type, plannedSendUtc, message, recipient, status, idempotencyKey, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, interventionId!, type!, ServerStore.stamp(scheduledAt!), message, recipient, status ?? "PENDING",
                                     key, now, now])
                return try Row.fetchOne(db, sql: "SELECT * FROM reminders WHERE id = ?", arguments: [id])!.json()
            }
            return HTTP.json(reminder, status: .created)
        }
        api.get("reminders") { request, _ -> Response in
            _ = try auth.user(request)
            let query = request.uri.queryParameters
            var filter = SQLFilter()
            for name in ["status", "interventionId"] { filter.equals(name, query.get(name)) }
            filter.between("plannedSendUtc", from: query.get("from"), to: query.get("to"))
            return HTTP.json(try store.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM reminders \(filter.whereClause) ORDER BY plannedSendUtc DESC",
                                 arguments: filter.statementArguments).map { $0.json() }
            })
        }
        api.get("reminders/stats") { request, _ -> Response in
            try auth.user(request).require("ADMIN", "DOCTOR")
            let counts = try store.read { db in
                try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM reminders GROUP BY status")
                    .reduce(into: [String: Int]()) { $0[$1["status"]] = $1["n"] }
            }
            let sent = counts["SENT"] ?? 0, failed = counts["FAILED"] ?? 0
            return HTTP.json(["total": counts.values.reduce(0, +), "pending": counts["PENDING"] ?? 0, "sent": sent, "failed": failed,
                              "cancelled": counts["CANCELLED"] ?? 0,
                              "successRate": sent + failed == 0 ? 0 : Double(sent) / Double(sent + failed) * 100])
        }
        api.get("reminders/:id") { request, context -> Response in
            _ = try auth.user(request)
            return HTTP.json(try reminder(try context.parameters.require("id")))
        }
        api.patch("reminders/:id") { request, context -> Response in
            try auth.user(request).require("ADMIN", "DOCTOR")
            let id = try context.parameters.require("id")
            var rules = BodyRules(try await HTTP.object(request))
            let message = rules.string("message", optional: true)
            let recipient = rules.string("recipient", optional: true)
            let status = rules.enumeration("status", RemindersController.statuses, optional: true)
            try rules.check()
            _ = try reminder(id)
            try store.write { db in
                var sets = ["updatedAt = ?"]
                var arguments: [(any DatabaseValueConvertible)?] = [ServerStore.stamp()]
                if rules.has("message") { sets.append("message = ?"); arguments.append(message) }
                if rules.has("recipient") { sets.append("recipient = ?"); arguments.append(recipient) }
                if let status { sets.append("status = ?"); arguments.append(status) }
                try db.execute(sql: "UPDATE reminders SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments: StatementArguments(arguments + [id]))
            }
            return HTTP.json(try reminder(id))
        }
        api.delete("reminders/:id") { request, context -> Response in
            try auth.user(request).require("ADMIN", "DOCTOR")
            let id = try context.parameters.require("id")
            _ = try reminder(id)
            try store.write { db in try db.execute(sql: "DELETE FROM reminders WHERE id = ?", arguments: [id]) }
            return HTTP.json(["message": "Rappel supprimé avec succès"])
        }
        api.post("reminders/:id/retry") { request, context -> Response in
            try auth.user(request).require("ADMIN", "DOCTOR")
            let id = try context.parameters.require("id")
            let current = try reminder(id)
            // The real server answers 500 for a reminder that is not FAILED; we say why.
            guard current["status"] as? String == "FAILED" else {
                throw NestError.badRequest("Seul un rappel en échec peut être relancé")
            }
            let retried = try store.write { db -> [String: Any] in
                try db.execute(sql: "UPDATE reminders SET status = 'PENDING', lastError = NULL, updatedAt = ? WHERE id = ?",
                               arguments: [ServerStore.stamp(), id])
                try db.execute(sql: "DELETE FROM deliveries WHERE reminderId = ?", arguments: [id])
                return try Row.fetchOne(db, sql: "SELECT * FROM reminders WHERE id = ?", arguments: [id])!.json()
            }
            return HTTP.json(retried, status: .created)
        }
    }

    func reminder(_ id: String) throws -> [String: Any] {
        guard let row = try store.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM reminders WHERE id = ?", arguments: [id]) }) else {
            throw NestError.notFound("Rappel non trouvé")
        }
        return row.json()
    }
}
