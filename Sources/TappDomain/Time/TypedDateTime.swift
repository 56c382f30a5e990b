import Foundation

/// A date and time as people at a clinic type them, read in the clinic's zone:
/// `08/12/2026 09:30`, `08/12/2026 9h30`, `8/12/2026 9h`, `09:30` or `9h30` (today), `demain 9h30`, `tomorrow 9:30`,
/// `aujourd'hui 14h`, `après-demain 8h`, and ISO 8601 (`2026-12-08T09:30`, with or without an offset).
public enum TypedDateTime {
    /// The instant typed, `now` giving "today". A day without a time is refused, naming the time to add.
    public static func parse(_ text: String, field: String, zone: TimeZone, now: Date) throws(FieldError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bad = FieldError(field, .dateTimeFormat, Echo.of(text))
        // ISO first: what the store, the server and scripts write.
        if let first = trimmed.first, first.isNumber, trimmed.contains("-"), !trimmed.contains("/") {
            return try Instant.parse(trimmed, field: field, zone: zone)
        }
        var words = trimmed.lowercased()
            .replacingOccurrences(of: "’", with: "'")
            .split(whereSeparator: { $0 == " " || $0 == "\t" })
            .map(String.init)
            .filter { !["à", "a", "at", "le", "on"].contains($0) }
        guard !words.isEmpty, words.count <= 3 else { throw bad }
        let today = CalendarDate(now, in: zone)
        var day: CalendarDate?
        if let relative = relativeDay(words[0], today: today) {
            day = relative
            words.removeFirst()
        } else if words[0].contains("/") || words[0].contains(".") {
            let dayText = words.removeFirst().replacingOccurrences(of: ".", with: "/")
            day = try CalendarDate.parse(dayText, field: field)
        }
        guard words.count <= 1 else { throw bad }
        guard let timeText = words.first else {
            if day != nil { throw FieldError(field, .timeNeeded, Echo.of(trimmed)) }
            throw bad
        }
        guard let (hour, minute) = time(timeText) else { throw bad }
        let date = day ?? today
        return try Instant.parse("\(date)T\(CalendarDate.pad(hour, 2)):\(CalendarDate.pad(minute, 2))", field: field, zone: zone)
    }

    /// `demain`, `tomorrow`, `aujourd'hui`, `today`, `après-demain`.
    public static func relativeDay(_ word: String, today: CalendarDate) -> CalendarDate? {
        switch word {
        case "aujourd'hui", "aujourdhui", "auj", "today": today
        case "demain", "tomorrow", "tmrw": today.adding(days: 1)
        case "après-demain", "apres-demain", "aprèsdemain", "apresdemain": today.adding(days: 2)
        case "hier", "yesterday": today.adding(days: -1)
        default: nil
        }
    }

    /// `09:30`, `9:30`, `9h30`, `9h`, `09h05` (hours 0–23, minutes 0–59).
    static func time(_ text: String) -> (Int, Int)? {
        let separators: Set<Character> = [":", "h", "."]
        let parts: [Substring]
        if let separator = text.firstIndex(where: { separators.contains($0) }) {
            parts = [text[..<separator], text[text.index(after: separator)...]]
        } else {
            parts = [Substring(text), ""]
        }
        guard parts[0].count <= 2, parts[1].count <= 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let hour = Int(parts[0]) else { return nil }
        let minute = parts[1].isEmpty ? 0 : Int(parts[1]) ?? -1
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        // "9" alone is not a time (it could be a day): a time needs its h or its colon.
        if parts[1].isEmpty, !text.contains("h"), !text.contains(":") { return nil }
        return (hour, minute)
    }
}
