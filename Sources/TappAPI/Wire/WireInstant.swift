import Foundation
import TappDomain

/// An instant as the API writes it: ISO 8601 in UTC with milliseconds (`2025-10-16T09:30:00.000Z`). Read from any
/// ISO 8601 text with an offset (what a body may send); the text read is kept as it came, so a value goes back out
/// unchanged, and two instants compare by the moment they name.
public struct WireInstant: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let text: String
    public let date: Date

    public init(_ date: Date) {
        self.date = date
        text = Instant.utcString(date)
    }

    /// A text that names an instant; `field` names it in the error.
    public init(parsing text: String, field: String = "date") throws(FieldError) {
        date = try Instant.parse(text, field: field)
        self.text = text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        // The server's own form, read at once; any other ISO 8601 text as the domain reads it.
        if let date = WireInstant.apiForm(text) {
            self.init(text: text, date: date)
            return
        }
        if let date = try? Instant.parse(text, field: decoder.codingPath.last?.stringValue ?? "date") {
            self.init(text: text, date: date)
            return
        }
        // What the server writes is read whatever its year: a day of 1800 east of UTC is an instant of 1799
        // (`1799-12-31T23:00:00.000Z`), one of 9999 west of it an instant of 10000, beyond `Instant.parse`'s calendar.
        guard let date = WireInstant.written(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 instant: \(Echo.of(text))")
        }
        self.init(text: text, date: date)
    }

    /// An instant as a server stored it, to be written back as it is: read at once when it is in the API's own form
    /// (`2025-10-16T09:30:00.000Z`), else as any ISO 8601 text. A text that names no instant at all (a store
    /// damaged by hand) still goes out as it was stored; its moment is then taken as 1970's first.
    public init(stored text: String) {
        self.text = text
        date = WireInstant.apiForm(text) ?? WireInstant.written(text) ?? (try? Instant.parse(text, field: "date"))
            ?? Date(timeIntervalSince1970: 0)
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ`, read digit by digit (the days counted from 1970 by the civil calendar's rule).
    static func apiForm(_ text: String) -> Date? {
        // A native string's bytes are read where they are (no copy of the text); a bridged one is made native first.
        if let found = text.utf8.withContiguousStorageIfAvailable(apiForm) { return found }
        var text = text
        return text.withUTF8(apiForm)
    }

    private static func apiForm(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E,
              b[23] == 0x5A else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for index in from..<(from + count) {
                let digit = Int(b[index]) - 0x30
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2), let millis = number(20, 3),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let length = switch month {
        case 2: leap ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
        guard day <= length else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1_000)
    }

    private init(text: String, date: Date) {
        self.text = text
        self.date = date
    }

    /// An instant as the API writes it (`YYYY…-MM-DDTHH:MM:SS.sssZ`), of any year.
    static func written(_ text: String) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, parts[1].hasSuffix("Z") else { return nil }
        let day = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].dropLast().split(separator: ":")
        guard day.count == 3, time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]), let seconds = Double(time[2]),
              (1...12).contains(day[1]), (1...31).contains(day[2]), (0..<24).contains(hour), (0..<60).contains(minute),
              (0..<60).contains(seconds) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let whole = Int(seconds)
        let components = DateComponents(year: day[0], month: day[1], day: day[2], hour: hour, minute: minute, second: whole)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day[2] else { return nil }
        return date.addingTimeInterval(seconds - Double(whole))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// The same instant written as the API writes it (`…T…:…:….sssZ`).
    public var canonical: WireInstant { WireInstant(date) }

    public var description: String { text }

    public static func == (a: WireInstant, b: WireInstant) -> Bool { a.date == b.date }
    public func hash(into hasher: inout Hasher) { hasher.combine(date) }
    public static func < (a: WireInstant, b: WireInstant) -> Bool { a.date < b.date }
}
