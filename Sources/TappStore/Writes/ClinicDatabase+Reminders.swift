import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// Puts a FAILED reminder back in the queue to be sent again: only while its intervention is still to come (a
    /// reminder of a visit already past would reach the patient too late to be of use, so nothing would be sent).
    @discardableResult
    public func retryReminder(id: String, by session: Session, now: Date = Date()) throws -> Reminder {
        let visit = try read { db in
            try Date.fetchOne(db, sql: """
                SELECT i.scheduledAt FROM reminder r JOIN intervention i ON i.id = r.interventionId WHERE r.id = ?
                """, arguments: [id])
        }
        return try changeReminder(id: id, by: session, now: now) { reminder throws(ClinicError) in
            guard reminder.status == .failed else {
                throw ClinicError.rule(Phrase(.reminderRetryOnlyFailed, reminder.status.rawValue).french(reminder.status.french))
            }
            if let visit, visit <= now {
                throw ClinicError.rule(Phrase(.reminderNotSentNothingDue, reminder.status.rawValue).french(reminder.status.french))
            }
            reminder.status = .pending
            reminder.lastError = nil
            reminder.attempts = 0
        } afterwards: { db, reminder in
            // Its earlier attempts are history (their notification logs stay); the next one starts afresh.
            try db.execute(sql: "DELETE FROM reminderDelivery WHERE reminderId = ?", arguments: [reminder.id])
        }
    }

    /// Records that the patient confirmed after receiving the reminder.
    @discardableResult
    public func confirmReminder(id: String, by session: Session, now: Date = Date()) throws -> Reminder {
        try changeReminder(id: id, by: session, now: now) { reminder throws(ClinicError) in
            guard reminder.status == .sent else {
                throw ClinicError.rule(Phrase(.reminderConfirmOnlySent, reminder.status.rawValue).french(reminder.status.french))
            }
            reminder.status = .confirmed
        }
    }

    func changeReminder(id: String, by session: Session, now: Date,
                        _ change: (inout Reminder) throws(ClinicError) -> Void,
                        afterwards: (Database, Reminder) throws -> Void = { _, _ in }) throws -> Reminder {
        try session.require(.handleReminders)
        return try write { db in
            let before = try existing(db, Reminder.self, .reminder, id: id)
            var after = before
            try change(&after)
            after.version += 1
            after.updatedAt = now
            try after.update(db)
            try afterwards(db, after)
            try Journal.updated(db, .reminder, before: before, after: after, by: session)
            return after
        }
    }
}
