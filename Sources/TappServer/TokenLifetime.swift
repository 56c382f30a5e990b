import Foundation

/// A token lifetime written as the real server's `JWT_EXPIRES_IN` / `JWT_REFRESH_EXPIRES_IN` are (the `ms` package):
/// a number and a unit (`15m`, `7d`, `2 hours`, `90s`); a bare number in an environment variable is milliseconds.
public enum TokenLifetime {
    static let units: [(names: [String], seconds: Double)] = [
        (["ms", "msec", "msecs", "millisecond", "milliseconds"], 0.001),
        (["s", "sec", "secs", "second", "seconds"], 1),
        (["m", "min", "mins", "minute", "minutes"], 60),
        (["h", "hr", "hrs", "hour", "hours"], 3600),
        (["d", "day", "days"], 86_400),
        (["w", "week", "weeks"], 604_800),
        (["y", "yr", "yrs", "year", "years"], 31_557_600),
    ]

    /// The longest lifetime taken: a hundred years (a longer one could not be written as a date).
    static let longest: TimeInterval = 100 * 31_557_600

    /// Seconds, or nil when the text is not a positive time span of at most a hundred years.
    public static func parse(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let number = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(number), value > 0 else { return nil }
        let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        let seconds: Double
        if unit.isEmpty {
            seconds = value / 1000
        } else {
            guard let match = units.first(where: { $0.names.contains(unit) }) else { return nil }
            seconds = value * match.seconds
        }
        return seconds.isFinite && seconds <= longest ? seconds : nil
    }
}
