import Foundation
import TappDomain
import TappStore

/// A patient's record as text, for `tapp patient show`.
struct PatientReport {
    let record: PatientRecord
    let zone: TimeZone
    let clinical: Bool

    func print() {
        let p = record.patient
        PrintedText.line("\(p.lastName.uppercased()) \(p.firstName)   (\(p.id), version \(p.version))")
        line("Born", p.dateOfBirth?.description)
        line("Phone", p.phone.map { PhoneNumber.grouped($0) })
        line("Email", p.email)
        line("Address", p.address)
        line("Reminders by", p.notificationChannels.map(\.rawValue).joined(separator: ", "))
        line("Emergency", [p.emergencyContactName, p.emergencyContactPhone.map { PhoneNumber.grouped($0) }].compactMap { $0 }.joined(separator: " "))
        if clinical {
            line("Blood type", p.bloodType?.rawValue)
            line("Medical notes", p.medicalNotes)
        }
        PrintedText.line("\nConsultations (\(record.consultations.count))")
        for c in record.consultations {
            var text = "  \(Instant.display(c.dateTime, zone: zone))  \(c.status.rawValue)"
            if clinical { text += "  \([c.reason, c.diagnosis, c.treatment].compactMap { $0 }.joined(separator: " / "))" }
            PrintedText.line(text)
        }
        PrintedText.line("\nInterventions (\(record.interventions.count))")
        for detail in record.interventions {
            let i = detail.intervention
            PrintedText.line("  \(Instant.display(i.scheduledAt, zone: zone))  \(i.title)  \(i.priority.rawValue)  \(i.status.rawValue)  \(i.id)")
            for r in detail.reminders {
                PrintedText.line("    reminder \(r.channel.rawValue) \(Instant.display(r.plannedSendAt, zone: zone)) \(r.status.rawValue)"
                            + (r.lastError.map { " (\($0))" } ?? ""))
            }
        }
    }

    func line(_ label: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        PrintedText.line("  \(label.padding(toLength: 14, withPad: " ", startingAt: 0)) \(value)")
    }
}
