import Foundation

/// Reading and writing instants the way the server does: ISO 8601, UTC with milliseconds on the wire,
/// the clinic's zone with its offset for people. A time written without an offset is read in the clinic's zone.
public enum Instant {
    /// The clinic's zone when none is configured, as on the real server.
    public static let defaultZone = TimeZone(identifier: "Africa/Douala") ?? TimeZone(secondsFromGMT: 3600) ?? .gmt

    /// `2025-10-16T09:30:00.000Z`
    public static func utcString(_ date: Date) -> String {
        format(date, zone: utc, milliseconds: true)
    }

    /// `2025-10-16 09:30:00.000`: how the store keeps instants (UTC, GRDB's own format), written without a
    /// `DateFormatter` for the bulk writes.
    public static func storageString(_ date: Date) -> String {
        var text = ""
        text.reserveCapacity(23)
        appendDateTime(CivilTime.fields(date, offset: 0), separator: " ", milliseconds: true, to: &text)
        return text
    }

    /// `YYYY-MM-DD?HH:MM:SS[.SSS]` with `?` the separator.
    static func appendDateTime(_ f: CivilTime.Fields, separator: String, milliseconds: Bool, to text: inout String) {
        CivilTime.append(f.year, width: 4, to: &text)
        text += "-"
        CivilTime.append(f.month, width: 2, to: &text)
        text += "-"
        CivilTime.append(f.day, width: 2, to: &text)
        text += separator
        CivilTime.append(f.hour, width: 2, to: &text)
        text += ":"
        CivilTime.append(f.minute, width: 2, to: &text)
        text += ":"
        CivilTime.append(f.second, width: 2, to: &text)
        if milliseconds {
            text += "."
            CivilTime.append(f.millisecond, width: 3, to: &text)
        }
    }

    /// `2025-10-16T10:30:00+01:00`
    public static func zonedString(_ date: Date, zone: TimeZone) -> String {
        format(date, zone: zone, milliseconds: false)
    }

    /// `16/10/2025 10:30` for French readers, `2025-10-16 10:30` otherwise.
    public static func display(_ date: Date, zone: TimeZone, french: Bool = false) -> String {
        let c = CivilTime.fields(date, offset: zone.secondsFromGMT(for: date))
        let time = "\(CalendarDate.pad(c.hour, 2)):\(CalendarDate.pad(c.minute, 2))"
        if french {
            return "\(CalendarDate.pad(c.day, 2))/\(CalendarDate.pad(c.month, 2))/\(c.year) \(time)"
        }
        return "\(c.year)-\(CalendarDate.pad(c.month, 2))-\(CalendarDate.pad(c.day, 2)) \(time)"
    }

    /// Parses `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]`. Without an offset the time is the clinic's.
    public static func parse(_ text: String, field: String, zone: TimeZone = defaultZone) throws(FieldError) -> Date {
        // Made only when it is thrown: the echo of the text costs more than reading a good one.
        func bad() -> FieldError { FieldError(field, .dateTimeFormat, Echo.of(text)) }
        let trimmed = text.first?.isWhitespace == true || text.last?.isWhitespace == true ? text.trimmingCharacters(in: .whitespaces) : text
        let s = Array(trimmed.utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= s.count else { return nil }
            var value = 0
            for k in i..<(i + width) {
                guard s[k] >= 48, s[k] <= 57 else { return nil }
                value = value * 10 + Int(s[k] - 48)
            }
            i += width
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < s.count, s[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else { throw bad() }
        guard (try? CalendarDate(year: year, month: month, day: day)) != nil else {
            throw FieldError(field, .realDate, Echo.of(text))
        }
        guard i < s.count, s[i] == 84 || s[i] == 32 || s[i] == 116 else { throw bad() }
        i += 1
        guard let hour = number(2), expect(58), let minute = number(2), hour < 24, minute < 60 else { throw bad() }
        var second = 0
        var nanos = 0
        if expect(58) {
            guard let sec = number(2), sec < 60 else { throw bad() }
            second = sec
            if expect(46) {
                var digits = 0
                var fraction = 0
                while i < s.count, s[i] >= 48, s[i] <= 57 {
                    if digits < 9 { fraction = fraction * 10 + Int(s[i] - 48); digits += 1 }
                    i += 1
                }
                guard digits > 0 else { throw bad() }
                for _ in digits..<9 { fraction *= 10 }
                nanos = fraction
            }
        }
        var offset: UTCOffset?
        if i < s.count {
            if s[i] == 90 || s[i] == 122 {
                offset = .zero
                i += 1
            } else if s[i] == 43 || s[i] == 45 {
                let sign = s[i] == 45 ? -1 : 1
                i += 1
                guard let oh = number(2) else { throw bad() }
                _ = expect(58)
                guard let om = number(2) else { throw bad() }
                offset = try UTCOffset(sign: sign, hours: oh, minutes: om, field: field)
            }
        }
        guard i == s.count else { throw bad() }
        // Seconds since 1970 of the wall-clock time as if it were UTC, then moved by the offset (given, or the zone's
        // at that time): plain integer arithmetic on a year within 1800...9999, which cannot overflow.
        let wall = CivilTime.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        let shift: Int
        if let offset {
            shift = offset.seconds
        } else {
            // The zone's offset at that wall time (asked at the wall time read as UTC, then corrected once).
            let first = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall)))
            shift = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall - first)))
        }
        return Date(timeIntervalSince1970: Double(wall - shift) + Double(nanos) / 1e9)
    }

    static func format(_ date: Date, zone: TimeZone, milliseconds: Bool) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let f = CivilTime.fields(date, offset: offset)
        var text = ""
        text.reserveCapacity(29)
        appendDateTime(f, separator: "T", milliseconds: milliseconds, to: &text)
        if offset == 0, zone.identifier == "UTC" || zone.identifier == "GMT" { return text + "Z" }
        text += offset < 0 ? "-" : "+"
        CivilTime.append(abs(offset) / 3600, width: 2, to: &text)
        text += ":"
        CivilTime.append(abs(offset) % 3600 / 60, width: 2, to: &text)
        return text
    }

    static let utc = TimeZone(identifier: "UTC") ?? .gmt
}
