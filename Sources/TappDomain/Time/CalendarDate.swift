import Foundation

/// A day on the calendar with no time and no zone, such as a date of birth.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Refuses days that do not exist (2023-02-29, 2024-13-01).
    public init(year: Int, month: Int, day: Int) throws(FieldError) {
        guard (1...12).contains(month), (1...31).contains(day), (1800...9999).contains(year) else {
            throw FieldError("date", .realDate, "\(year)-\(month)-\(day)")
        }
        guard day <= CalendarDate.daysIn(month: month, year: year) else {
            throw FieldError("date", .realDate, "\(year)-\(month)-\(day)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`; also `DD/MM/YYYY` as French clinics write it.
    public static func parse(_ text: String, field: String = "date") throws(FieldError) -> CalendarDate {
        if let date = stored(text) { return date }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let iso = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let french = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let parts: [Substring]
        let order: (Int, Int, Int)
        if iso.count == 3, iso[0].count == 4 {
            parts = iso
            order = (0, 1, 2)
        } else if french.count == 3, french[2].count == 4 {
            parts = french
            order = (2, 1, 0)
        } else {
            throw FieldError(field, .dateFormat, Echo.of(text))
        }
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[order.0]), let m = Int(parts[order.1]), let d = Int(parts[order.2])
        else { throw FieldError(field, .dateFormat, Echo.of(text)) }
        do {
            return try CalendarDate(year: y, month: m, day: d)
        } catch {
            throw FieldError(field, .realDate, Echo.of(text))
        }
    }

    /// Reads exactly `YYYY-MM-DD` as the store writes it, without the general parser's allocations
    /// (lists decode many dates of birth). Nil for anything else.
    public static func stored(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { b -> CalendarDate? in
            guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
            func digits(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    guard b[i] >= 48, b[i] <= 57 else { return nil }
                    value = value * 10 + Int(b[i] - 48)
                }
                return value
            }
            guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
            return try? CalendarDate(year: y, month: m, day: d)
        }
    }

    /// The day an instant falls on in a zone (the first or last day a `CalendarDate` holds for instants beyond them).
    public init(_ instant: Date, in zone: TimeZone) {
        let seconds = instant.timeIntervalSince1970
        let f = CivilTime.fields(seconds.isFinite && abs(seconds) < 3e11 ? instant : Date(timeIntervalSince1970: 0),
                                 offset: zone.secondsFromGMT(for: instant))
        if seconds.isNaN || seconds < -3e11 || (seconds.isFinite && f.year < 1800) {
            (year, month, day) = (1800, 1, 1)
        } else if f.year > 9999 || seconds > 3e11 {
            (year, month, day) = (9999, 12, 31)
        } else {
            (year, month, day) = (f.year, f.month, f.day)
        }
    }

    public var description: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// Midnight of this day in the zone.
    public func start(in zone: TimeZone) -> Date {
        let utcMidnight = Double(CivilTime.days(year: year, month: month, day: day) * 86_400)
        // The zone's offset at that local midnight (asked at the UTC midnight, then corrected once for a change between).
        var offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: utcMidnight))
        offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: utcMidnight - Double(offset)))
        return Date(timeIntervalSince1970: utcMidnight - Double(offset))
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try CalendarDate.parse(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension Character {
    var isASCIIDigit: Bool {
        guard let value = asciiValue else { return false }
        return value >= 48 && value <= 57
    }
}

extension CalendarDate {
    /// The day `days` later (earlier when negative), kept within the years a `CalendarDate` can hold.
    public func adding(days: Int) -> CalendarDate {
        let lowest = CivilTime.days(year: 1800, month: 1, day: 1), highest = CivilTime.days(year: 9999, month: 12, day: 31)
        let here = CivilTime.days(year: year, month: month, day: day)
        let target = days >= 0 ? (days > highest - here ? highest : here + days) : (days < lowest - here ? lowest : here + days)
        let (y, m, d) = CivilTime.civil(days: target)
        return CalendarDate(unchecked: y, m, d)
    }

    /// A day that arithmetic on valid days made, so it exists.
    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// 0 for Monday … 6 for Sunday.
    public var weekdayFromMonday: Int {
        let days = CivilTime.days(year: year, month: month, day: day)  // 1970-01-01 was a Thursday
        return ((days % 7) + 7 + 3) % 7
    }

    public var firstOfMonth: CalendarDate { CalendarDate(unchecked: year, month, 1) }

    public var daysInMonth: Int { Self.daysIn(month: month, year: year) }

    /// The same day `count` months later, clamped to the month's last day (and to the years a `CalendarDate` holds).
    public func adding(months count: Int) -> CalendarDate {
        let here = year * 12 + (month - 1)
        let lowest = 1800 * 12, highest = 9999 * 12 + 11
        let index = count >= 0 ? (count > highest - here ? highest : here + count) : (count < lowest - here ? lowest : here + count)
        let y = index / 12, m = index % 12 + 1
        return CalendarDate(unchecked: y, m, min(day, Self.daysIn(month: m, year: y)))
    }
}
