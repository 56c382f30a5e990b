import Foundation
import GRDB
import TappDomain

/// A reminder with what a list shows beside it.
public struct ReminderListing: Sendable, Equatable {
    public var reminder: Reminder
    public var patientName: String
    public var interventionTitle: String
    public var interventionStatus: InterventionStatus
}

extension ClinicDatabase {
    /// Reminders by planned send time, with their patient and intervention; `dueAt` keeps the PENDING ones due by then.
    public func reminderListings(status: ReminderStatus?, dueAt: Date? = nil, limit: Int = 500,
                                 by session: Session) throws -> [ReminderListing] {
        try session.require(.readReminders)
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let status {
            conditions.append("reminder.status = ?")
            _ = arguments.append(contentsOf: [status.rawValue])
        }
        if let dueAt {
            conditions.append("reminder.status = 'PENDING' AND reminder.plannedSendAt <= ?")
            _ = arguments.append(contentsOf: [dueAt])
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        _ = arguments.append(contentsOf: [limit])
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT reminder.*, patient.firstName || ' ' || patient.lastName AS patientName,
                       intervention.title AS interventionTitle, intervention.status AS interventionStatus
                FROM reminder JOIN intervention ON intervention.id = reminder.interventionId
                JOIN patient ON patient.id = intervention.patientId
                \(whereClause) ORDER BY reminder.plannedSendAt, reminder.id LIMIT ?
                """, arguments: arguments).map { row in
                ReminderListing(reminder: try Reminder(row: row), patientName: row["patientName"],
                                interventionTitle: row["interventionTitle"],
                                interventionStatus: InterventionStatus(rawValue: row["interventionStatus"]) ?? .planned)
            }
        }
    }

    /// The reminder as the patient will get it: the text, the recipient, or why it cannot go.
    public func reminderPreview(id: String, french: Bool, by session: Session) throws -> OutgoingReminder {
        try session.require(.readReminders)
        return try read { db in
            try outgoing(db, try existing(db, Reminder.self, .reminder, id: id), french: french)
        }
    }
}
