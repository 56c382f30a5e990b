import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// Deletes a consultation entered by mistake: one still SCHEDULED or CANCELLED. A COMPLETED consultation is the
    /// patient's clinical history: it is refused (cancel it first if it really never happened).
    public func deleteConsultation(id: String, expectedVersion: Int? = nil, by session: Session) throws {
        try session.require(.writeClinical)
        try write { db in
            let consultation = try current(db, Consultation.self, .consultation, id: id, expectedVersion: expectedVersion)
            guard consultation.status != .completed else {
                throw ClinicError.rule(Phrase(.consultationIsHistory, id))
            }
            try consultation.delete(db)
            try Journal.deleted(db, .consultation, consultation, by: session)
        }
    }

    /// Deletes an intervention booked by mistake, with its rules and reminders. One whose reminder already reached the
    /// patient (SENT or CONFIRMED) is history: it is refused (cancel it instead).
    public func deleteIntervention(id: String, expectedVersion: Int? = nil, by session: Session) throws {
        try session.require(.deleteInterventions)
        try write { db in
            let intervention = try current(db, Intervention.self, .intervention, id: id, expectedVersion: expectedVersion)
            let sent = try Reminder.filter(Column("interventionId") == id && [ReminderStatus.sent, .confirmed].contains(Column("status")))
                .fetchCount(db)
            guard sent == 0 else {
                throw ClinicError.rule(Phrase(.interventionReminderReceived, id, String(sent)))
            }
            let rules = try self.rules(db, interventionId: id)
            try intervention.delete(db)
            try Journal.deleted(db, .intervention, InterventionSnapshot(intervention, rules), by: session)
        }
    }
}
