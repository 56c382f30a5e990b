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
        do {
            try self.init(parsing: text, field: decoder.codingPath.last?.stringValue ?? "date")
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 instant: \(Echo.of(text))")
        }
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
