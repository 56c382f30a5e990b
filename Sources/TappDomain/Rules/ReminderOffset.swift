import Foundation

/// When a reminder goes, in minutes from its intervention's time (negative is before): within a year either way,
/// so that every sum and product made of it fits in an `Int` and a `Date`.
public struct ReminderOffset: Sendable, Hashable, Comparable, Codable {
    /// A year of minutes (365 days).
    public static let limit = 525_600

    public let minutes: Int

    /// Refuses an offset of more than a year, naming the field.
    public init(minutes: Int, field: String = "rule") throws(FieldError) {
        guard (-Self.limit...Self.limit).contains(minutes) else {
            throw FieldError(field, .ruleWithinAYear, String(Self.limit), Echo.of(String(minutes)))
        }
        self.minutes = minutes
    }

    /// The nearest offset within a year: for constants, and for rows that were checked when they were written.
    public init(clamping minutes: Int) {
        self.minutes = min(max(minutes, -Self.limit), Self.limit)
    }

    /// Reads minutes (`-1440`) or a preset: `J-7`/`D-7` days, `H-2` hours. The number is read with its digits
    /// counted first, so that no text can make the product overflow.
    public static func parse(_ text: String, field: String = "rule") throws(FieldError) -> ReminderOffset {
        let upper = text.trimmed.uppercased()
        let unit: Int
        var number = Substring(upper)
        switch upper.first {
        case "J", "D": unit = 1440; number = number.dropFirst()
        case "H": unit = 60; number = number.dropFirst()
        default: unit = 1
        }
        let digits = number.first == "-" || number.first == "+" ? number.dropFirst() : number
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else {
            throw FieldError(field, .ruleOffsetNumber, Echo.of(text))
        }
        // More than seven significant digits is more than a year in any unit; below that the product fits easily.
        let significant = digits.drop { $0 == "0" }
        let magnitude = significant.isEmpty ? "0" : String(significant)
        guard significant.count <= 7, let value = Int(number.first == "-" ? "-" + magnitude : magnitude) else {
            throw FieldError(field, .ruleWithinAYear, String(limit), Echo.of(text))
        }
        return try ReminderOffset(minutes: value * unit, field: field)
    }

    public static func < (a: ReminderOffset, b: ReminderOffset) -> Bool { a.minutes < b.minutes }

    public init(from decoder: any Decoder) throws {
        let minutes = try decoder.singleValueContainer().decode(Int.self)
        do { self = try ReminderOffset(minutes: minutes) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(minutes)
    }
}
