import Foundation

/// The text a patient receives before an intervention, in French by default like the real server.
public struct ReminderMessage: Sendable {
    public var patientName: String
    public var title: String
    public var scheduledAt: Date
    public var zone: TimeZone
    public var doctorName: String?
    public var location: String?
    public var priority: InterventionPriority
    public var french: Bool

    public init(patientName: String, title: String, scheduledAt: Date, zone: TimeZone, doctorName: String?,
                location: String?, priority: InterventionPriority, french: Bool = true) {
        self.patientName = patientName
        self.title = title
        self.scheduledAt = scheduledAt
        self.zone = zone
        self.doctorName = doctorName
        self.location = location
        self.priority = priority
        self.french = french
    }

    public var text: String {
        let c = CivilTime.fields(scheduledAt, offset: zone.secondsFromGMT(for: scheduledAt))
        let day = "\(CalendarDate.pad(c.day, 2))/\(CalendarDate.pad(c.month, 2))/\(c.year)"
        let time = "\(CalendarDate.pad(c.hour, 2)):\(CalendarDate.pad(c.minute, 2))"
        var parts: [String]
        if french {
            // The usual types are stored by their English name (as the server gets them): a French patient reads French.
            let shown = InterventionKind(rawValue: title)?.french ?? title
            parts = ["Bonjour \(patientName), rappel : \(shown) le \(day) à \(time)"]
            if let doctorName { parts.append("avec Dr \(doctorName)") }
            if let location { parts.append("lieu : \(location)") }
            var text = parts.joined(separator: ", ") + "."
            if priority == .urgent { text += " URGENT." }
            return text + " Merci de confirmer votre présence."
        }
        parts = ["Hello \(patientName), reminder: \(title) on \(day) at \(time)"]
        if let doctorName { parts.append("with Dr \(doctorName)") }
        if let location { parts.append("at \(location)") }
        var text = parts.joined(separator: ", ") + "."
        if priority == .urgent { text += " URGENT." }
        return text + " Please confirm your attendance."
    }
}
