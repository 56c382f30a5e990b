import Foundation
import GRDB
import TappDomain
import TappNotify

/// A reminder ready to go: to whom, on which channel, and the text the patient will read.
public struct OutgoingReminder: Sendable, Equatable {
    public var reminder: Reminder
    public var patientName: String
    /// Nil when the patient has no phone (SMS) or email (EMAIL), or refuses the channel: the reason is in `problem`.
    public var recipient: String?
    public var text: String
    public var problem: String?
}

/// What one `tapp reminder send` did.
public struct SendReport: Sendable, Equatable {
    public var sent = 0
    public var failed = 0
    public var cancelled = 0
    public var interrupted = 0
}

extension ClinicDatabase {
    /// A failed reminder is tried again at most this many times in all.
    public static let maxSendAttempts = 5

    /// Waits between attempts: 5 minutes, then 10, 20, 40.
    static func backoff(afterAttempt attempt: Int) -> TimeInterval { 300 * pow(2, Double(max(0, attempt - 1))) }

    /// The reminders that would go now: PENDING and due, or FAILED and due for another attempt, of interventions
    /// still open. Reminders the server made (pulled, with a server id) are the server's to send, never ours.
    public func outgoingReminders(now: Date = Date(), french: Bool = true, limit: Int = 500) throws -> [OutgoingReminder] {
        try read { db in
            let reminders = try Reminder.fetchAll(db, sql: """
                SELECT reminder.* FROM reminder JOIN intervention ON intervention.id = reminder.interventionId
                WHERE intervention.status IN ('PLANNED', 'IN_PROGRESS') AND reminder.plannedSendAt <= :now
                  AND reminder.serverId IS NULL
                  AND (reminder.status = 'PENDING'
                       OR (reminder.status = 'FAILED' AND reminder.attempts < :max AND reminder.nextAttemptAt <= :now))
                ORDER BY reminder.plannedSendAt LIMIT :limit
                """, arguments: ["now": now, "max": ClinicDatabase.maxSendAttempts, "limit": limit])
            return try reminders.map { try outgoing(db, $0, french: french) }
        }
    }

    func outgoing(_ db: Database, _ reminder: Reminder, french: Bool) throws -> OutgoingReminder {
        let intervention = try existing(db, Intervention.self, .intervention, id: reminder.interventionId)
        let patient = try existing(db, Patient.self, .patient, id: intervention.patientId)
        let organization = try Organization.fetchOne(db, key: ["id": intervention.organizationId])
        let doctor = try Row.fetchOne(db, sql: """
            SELECT user.firstName || ' ' || user.lastName FROM doctor JOIN user ON user.id = doctor.userId WHERE doctor.id = ?
            """, arguments: [intervention.doctorId])?[0] as String?
        let text = reminder.message ?? ReminderMessage(
            patientName: patient.fullName, title: intervention.title, scheduledAt: intervention.scheduledAt,
            zone: organization?.zone ?? Instant.defaultZone, doctorName: doctor, location: intervention.location,
            priority: intervention.priority, french: french).text
        var recipient = reminder.recipient ?? (reminder.channel == .email ? patient.email : patient.phone)
        var problem: String?
        if !patient.notificationChannels.contains(reminder.channel) {
            problem = "the patient does not accept reminders by \(reminder.channel.rawValue)"
            recipient = nil
        } else if recipient?.isEmpty != false {
            problem = reminder.channel == .email ? "the patient has no email address" : "the patient has no phone number"
            recipient = nil
        } else if reminder.channel == .push {
            problem = "push notifications have no provider here"
            recipient = nil
        }
        return OutgoingReminder(reminder: reminder, patientName: patient.fullName, recipient: recipient, text: text, problem: problem)
    }

    /// Sends what is due through the provider, each reminder exactly once: it is claimed before the provider is
    /// called and marked after, and a claim left unfinished by a crash marks it FAILED instead of sending again.
    /// Due reminders of cancelled or finished interventions are cancelled. Every outcome has its notification log.
    public func sendDueReminders(through provider: any MessageProvider, by session: Session, now: Date = Date(),
                                 french: Bool = true) throws -> SendReport {
        try session.require(.handleReminders)
        var report = SendReport()
        report.interrupted = try recoverInterruptedSends(by: session, now: now)
        report.cancelled = try cancelRemindersOfClosedInterventions(by: session, now: now)
        for item in try outgoingReminders(now: now, french: french) {
            let attempt = item.reminder.attempts + 1
            // Claim: if another `tapp reminder send` took it first, skip it.
            let claimed = try write { db -> Bool in
                let current = try existing(db, Reminder.self, .reminder, id: item.reminder.id)
                guard current.status == item.reminder.status, current.attempts == item.reminder.attempts else { return false }
                try db.execute(sql: "INSERT OR IGNORE INTO reminderDelivery (reminderId, attempt, startedAt) VALUES (?, ?, ?)",
                               arguments: [item.reminder.id, attempt, now])
                return db.changesCount == 1
            }
            guard claimed else { continue }
            var providerId: String?
            var failure = item.problem
            if failure == nil, let recipient = item.recipient {
                do {
                    providerId = try provider.send(OutgoingMessage(reminderId: item.reminder.id, channel: item.reminder.channel.rawValue,
                                                                   recipient: recipient, text: item.text,
                                                                   idempotencyKey: item.reminder.idempotencyKey))
                } catch {
                    failure = "\(error)"
                }
            }
            try finishSend(item, attempt: attempt, providerId: providerId, failure: failure, by: session, now: now)
            if failure == nil { report.sent += 1 } else { report.failed += 1 }
        }
        return report
    }

    func finishSend(_ item: OutgoingReminder, attempt: Int, providerId: String?, failure: String?, by session: Session, now: Date) throws {
        try write { db in
            let before = try existing(db, Reminder.self, .reminder, id: item.reminder.id)
            var after = before
            after.attempts = attempt
            after.message = item.text
            after.recipient = item.recipient ?? before.recipient
            after.updatedAt = now
            after.version += 1
            if let failure {
                after.status = .failed
                after.lastError = attempt >= ClinicDatabase.maxSendAttempts ? "\(failure) (gave up after \(attempt) attempts)" : failure
            } else {
                after.status = .sent
                after.sentAt = now
                after.lastError = nil
            }
            try after.update(db)
            try db.execute(sql: "UPDATE reminder SET nextAttemptAt = ? WHERE id = ?",
                           arguments: [failure == nil ? nil : now.addingTimeInterval(ClinicDatabase.backoff(afterAttempt: attempt)), after.id])
            try NotificationLog(reminderId: after.id, channel: after.channel, to: item.recipient ?? "", payload: item.text,
                                status: failure == nil ? .sent : .failed, providerMsgId: providerId, error: failure, now: now).insert(db)
            try db.execute(sql: "UPDATE reminderDelivery SET finishedAt = ? WHERE reminderId = ? AND attempt = ?",
                           arguments: [now, after.id, attempt])
            try Journal.updated(db, .reminder, before: before, after: after, by: session)
        }
    }

    /// Claims never finished (the process died while sending): the message may have gone, so the reminder is
    /// marked FAILED with that reason, and is not tried again automatically.
    func recoverInterruptedSends(by session: Session, now: Date) throws -> Int {
        try write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT reminderId, attempt FROM reminderDelivery WHERE finishedAt IS NULL")
            for row in rows {
                let before = try existing(db, Reminder.self, .reminder, id: row["reminderId"])
                var after = before
                after.status = .failed
                // Counted as out of attempts: only a person's retry sends it again.
                after.attempts = ClinicDatabase.maxSendAttempts
                after.lastError = "sending was interrupted: the message may have gone; not sent again automatically (retry to send it)"
                after.updatedAt = now
                after.version += 1
                try after.update(db)
                try db.execute(sql: "UPDATE reminder SET nextAttemptAt = NULL WHERE id = ?", arguments: [after.id])
                try db.execute(sql: "UPDATE reminderDelivery SET finishedAt = ? WHERE reminderId = ? AND attempt = ?",
                               arguments: [now, after.id, row["attempt"] as Int])
                try Journal.updated(db, .reminder, before: before, after: after, by: session)
            }
            return rows.count
        }
    }

    func cancelRemindersOfClosedInterventions(by session: Session, now: Date) throws -> Int {
        try write { db in
            let reminders = try Reminder.fetchAll(db, sql: """
                SELECT reminder.* FROM reminder JOIN intervention ON intervention.id = reminder.interventionId
                WHERE intervention.status IN ('CANCELED', 'DONE') AND reminder.status = 'PENDING' AND reminder.plannedSendAt <= ?
                """, arguments: [now])
            for before in reminders {
                var after = before
                after.status = .cancelled
                after.updatedAt = now
                after.version += 1
                try after.update(db)
                try Journal.updated(db, .reminder, before: before, after: after, by: session)
            }
            return reminders.count
        }
    }
}
