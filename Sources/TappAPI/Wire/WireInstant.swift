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
