import Foundation
import TappDomain

/// The language of the screens: French when `LC_ALL`, `LC_MESSAGES` or `LANG` says so, else English.
public enum Lang: Sendable, Equatable {
    case en, fr

    public static func from(environment env: [String: String]) -> Lang {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = env[name], !value.isEmpty { return value.lowercased().hasPrefix("fr") ? .fr : .en }
        }
        return .en
    }

    /// Picks the English or the French text.
    public func callAsFunction(_ english: String, _ french: String) -> String { self == .fr ? french : english }

    public var isFrench: Bool { self == .fr }
}

/// Dates and times as a person reads them, in the clinic's zone and the user's language.
public struct Clock: Sendable {
    public let zone: TimeZone
    public let lang: Lang

    public init(zone: TimeZone, lang: Lang) {
        self.zone = zone
        self.lang = lang
    }

    public func dateTime(_ date: Date) -> String { Instant.display(date, zone: zone, french: lang.isFrench) }

    /// `16/10/2025` in French, `2025-10-16` in English; `always` writes the clinic's `16/10/2025` in both (the form's
    /// way of writing a birth date, as the clinic's papers do).
    public func day(_ date: CalendarDate, always: Bool = false) -> String {
        lang.isFrench || always ? "\(CalendarDate.pad(date.day, 2))/\(CalendarDate.pad(date.month, 2))/\(date.year)" : date.description
    }

    public func time(_ date: Date) -> String { String(dateTime(date).suffix(5)) }

    /// `16/10/2025 10:30` in French, `2025-10-16 10:30` in English: the form's way of writing a time, read back by
    /// `TypedDateTime` in the clinic's zone (which reads both, and `demain 9h30`).
    public func formValue(_ date: Date) -> String {
        let iso = String(Instant.zonedString(date, zone: zone).prefix(16)).replacingOccurrences(of: "T", with: " ")
        guard lang.isFrench else { return iso }
        return day(calendarDay(date)) + " " + String(iso.suffix(5))
    }

    /// Reads a typed date and time as the forms do.
    public func read(_ text: String, field: String, now: Date) throws(FieldError) -> Date {
        try TypedDateTime.parse(text, field: field, zone: zone, now: now)
    }

    public func calendarDay(_ date: Date) -> CalendarDate { CalendarDate(date, in: zone) }

    public static let weekdaysEN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    public static let weekdaysFR = ["Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim"]
    public var weekdays: [String] { lang.isFrench ? Clock.weekdaysFR : Clock.weekdaysEN }

    public func monthName(_ month: Int) -> String {
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"]
        let fr = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                  "novembre", "décembre"]
        return (lang.isFrench ? fr : en)[month - 1]
    }
}

/// The words for the record's closed sets of values.
extension Lang {
    public func word(_ status: InterventionStatus) -> String {
        switch status {
        case .planned: self[.planned]
        case .inProgress: self[.inProgress]
        case .done: self[.done]
        case .canceled: self[.cancelled2]
        }
    }

    public func word(_ status: ConsultationStatus) -> String {
        switch status {
        case .scheduled: self[.scheduled]
        case .completed: self[.completed]
        case .cancelled: self[.cancelled2]
        }
    }

    public func word(_ status: ReminderStatus) -> String {
        switch status {
        case .pending: self[.pending]
        case .sent: self[.sent3]
        case .failed: self[.failed2]
        case .cancelled: self[.cancelled3]
        case .confirmed: self[.confirmed2]
        }
    }

    public func word(_ priority: InterventionPriority) -> String {
        priority == .urgent ? self[.urgent] : self[.normal]
    }

    public func word(_ role: Role) -> String {
        switch role {
        case .admin: self[.administrator]
        case .doctor: self[.doctor2]
        case .nurse: self[.nurse]
        case .receptionist: self[.receptionist]
        }
    }

    public func word(_ kind: InterventionKind) -> String { isFrench ? kind.french : kind.rawValue }

    /// `J-1 SMS`, `H-2 EMAIL`, `-90 min SMS` (and `(off)` for a rule kept but not sent).
    public func word(_ rule: ReminderRuleSpec) -> String {
        let m = -rule.offsetMinutes
        let when: String
        if m > 0, m % 1440 == 0 { when = "J-\(m / 1440)" }
        else if m > 0, m % 60 == 0 { when = "H-\(m / 60)" }
        else { when = "\(rule.offsetMinutes) min" }
        return "\(when) \(rule.channel.rawValue)" + (rule.enabled ? "" : self[.off])
    }
}

extension Lang {
    /// An intervention's title as the reader says it: the usual types (stored by their English name, as the server
    /// gets them) in the screen's language, free text as typed.
    public func title(_ stored: String) -> String {
        InterventionKind(rawValue: stored).map(word) ?? stored
    }
}
