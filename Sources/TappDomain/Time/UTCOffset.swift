import Foundation

/// A UTC offset as written after a time (`Z`, `+01:00`, `-0530`): within ±18:00, the range every zone of the world
/// and Foundation's `TimeZone` can hold, so that nothing built from it can fail later.
public struct UTCOffset: Sendable, Hashable, Comparable {
    /// 18 hours, in seconds.
    public static let limit = 18 * 3600
    public static let zero = UTCOffset(checked: 0)

    /// Seconds east of Greenwich, within ±`limit`.
    public let seconds: Int

    /// Nil outside ±18:00.
    public init?(seconds: Int) {
        guard (-Self.limit...Self.limit).contains(seconds) else { return nil }
        self.seconds = seconds
    }

    private init(checked seconds: Int) { self.seconds = seconds }

    /// Reads `±HH:MM` or `±HHMM` (hours and minutes as written), refusing minutes over 59 and offsets past ±18:00.
    public init(sign: Int, hours: Int, minutes: Int, field: String) throws(FieldError) {
        guard (0...59).contains(minutes), (0...99).contains(hours) else {
            throw FieldError(field, .offsetNotATime)
        }
        let total = (sign < 0 ? -1 : 1) * (hours * 3600 + minutes * 60)
        guard let offset = UTCOffset(seconds: total) else {
            throw FieldError(field, .offsetTooFar)
        }
        self = offset
    }

    public static func < (a: UTCOffset, b: UTCOffset) -> Bool { a.seconds < b.seconds }
}
