import Foundation
import TappAPI
import TappDomain
import TappStore

/// The clinic's records as the server's bodies. What the server has no place for (a patient's blood group,
/// medical notes, channels and emergency contact) stays here; a consultation's reason, diagnosis and treatment go
/// into its `notes` as labelled lines the pull splits back (see docs/sync.md).
enum ServerBodies {
    /// First and last name joined; the birth date as a full date-time (a date alone makes the real server fail).
    static func person(_ patient: Patient) -> PersonBody {
        PersonBody(fullName: "\(patient.firstName) \(patient.lastName)",
                   birthdate: patient.dateOfBirth.flatMap { try? WireInstant(parsing: "\($0)T00:00:00.000Z") },
                   phone: patient.phone, email: patient.email, address: patient.address)
    }

    static func consultation(_ consultation: TappDomain.Consultation, personId: String?, doctorId: String) -> ConsultationBody {
        ConsultationBody(personId: personId, doctorId: doctorId, dateTime: WireInstant(consultation.dateTime),
                         notes: ConsultationNotes.compose(reason: consultation.reason, diagnosis: consultation.diagnosis,
                                                          treatment: consultation.treatment, notes: consultation.notes),
                         attachments: consultation.attachments.isEmpty ? nil : consultation.attachments, status: consultation.status)
    }

    /// Rules pushed enabled when the server sends reminders, disabled when the clinic sends its own; never an empty
    /// list, which would bring the server's J-1/H-1 SMS.
    static func intervention(_ intervention: TappDomain.Intervention, rules: [ReminderRuleSpec], personId: String?, doctorId: String,
                             reminders: QueuePush.ReminderOwner, create: Bool, now: Date = Date()) -> InterventionBody {
        var sent = rules.map { RuleBody(offsetMinutes: $0.offsetMinutes, channel: $0.channel, enabled: reminders == .server && $0.enabled) }
        if sent.isEmpty, reminders == .clinic { sent = [RuleBody(offsetMinutes: -1440, channel: .sms, enabled: false)] }
        // The real server refuses a PATCH that sends a past time, even unchanged: a PATCH sends the time only if ahead.
        let at: WireInstant? = create || intervention.scheduledAt > now ? WireInstant(intervention.scheduledAt) : nil
        return InterventionBody(personId: personId, doctorId: doctorId, title: intervention.title, description: intervention.description,
                                scheduledAt: at, priority: intervention.priority, status: create ? nil : intervention.status,
                                location: intervention.location, rules: sent)
    }
}
