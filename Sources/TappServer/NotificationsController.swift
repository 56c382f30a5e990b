import Foundation
import Hummingbird
import TappAPI

/// `/notifications`: the counts of the notification logs, and the routes that try a channel. As on a real server
/// without SMS, push or mail credentials: SMS and push answer a simulated success, email a 500 (nodemailer fails).
/// The bodies are not validated (the real routes read one field with `@Body('to')`, no DTO).
struct NotificationsController: Sendable {
    let database: any ServerDatabase
    let auth: Authenticator

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.get("notifications/stats") { request, _ -> Response in
            try await auth.user(request).require("ADMIN", "DOCTOR")
            let interventionId = request.uri.queryParameters.get("interventionId").flatMap { $0.isEmpty ? nil : $0 }
            return HTTP.json(try await database.read { db in try await NotificationsController.stats(db, interventionId: interventionId) })
        }
        api.post("notifications/test/sms") { request, _ -> Response in
            try await auth.user(request).require("ADMIN")
            _ = try await HTTP.object(request)
            return HTTP.json(TestNotificationAnswer(sid: NotificationsController.simulatedId(), success: true), status: .created)
        }
        api.post("notifications/test/push") { request, _ -> Response in
            try await auth.user(request).require("ADMIN")
            _ = try await HTTP.object(request)
            return HTTP.json(TestNotificationAnswer(id: NotificationsController.simulatedId(), success: true), status: .created)
        }
        api.post("notifications/test/email") { request, _ -> Response in
            try await auth.user(request).require("ADMIN")
            _ = try await HTTP.object(request)
            // No SMTP credentials: the real server's mailer throws, and NestJS answers 500.
            throw NestError.internalError
        }
    }

    /// `{ "<CHANNEL>_<STATUS>": count }` over the notification logs, those of one intervention's reminders when
    /// asked (the real server compares `reminderId` with the intervention's id, so its filter finds nothing; under
    /// `--real-server-faults` so does ours).
    static func stats(_ db: any SQLSession, interventionId: String?) async throws -> NotificationStats {
        var sql = "SELECT channel, status, count(*) AS n FROM notification_logs"
        var arguments: SQLArguments = []
        if let interventionId {
            // No stored id holds NUL: nothing to count (PostgreSQL refuses such text in a statement).
            if interventionId.contains("\u{0}") { return NotificationStats(counts: [:]) }
            sql += RealServerFaults.on ? " WHERE reminderId = ?" : " WHERE reminderId IN (SELECT id FROM reminders WHERE interventionId = ?)"
            arguments = [interventionId]
        }
        var counts: [String: Int] = [:]
        for row in try await db.fetchAll(sql + " GROUP BY channel, status", arguments) {
            counts["\(try row.text("channel"))_\(try row.text("status"))"] = try row.integer("n")
        }
        return NotificationStats(counts: counts)
    }

    /// `'simulated_' + Date.now()`.
    static func simulatedId(_ now: Date = Date()) -> String { "simulated_\(Int64(now.timeIntervalSince1970 * 1000))" }
}
