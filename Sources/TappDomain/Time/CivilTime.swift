import Foundation

/// Calendar arithmetic on seconds since 1970 without `Calendar` (which is slow when called a million times):
/// days to year-month-day and back, after Howard Hinnant's `days_from_civil` and `civil_from_days`.
enum CivilTime {
    struct Fields {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int
    }

    /// The wall-clock fields of an instant shifted by `offset` seconds.
    static func fields(_ date: Date, offset: Int) -> Fields {
        // Clamped to about ±9,500 years around 1970 so that no instant (not even a NaN or an infinite one) can trap here.
        let raw = (date.timeIntervalSince1970 * 1000).rounded()
        let bound = 3e14
        let totalMs = Int(raw.isNaN ? 0 : min(max(raw, -bound), bound)) + max(-86_400, min(offset, 86_400)) * 1000
        let ms = ((totalMs % 1000) + 1000) % 1000
        let seconds = (totalMs - ms) / 1000
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (y, m, d) = civil(days: days)
        return Fields(year: y, month: m, day: d, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60, millisecond: ms)
    }

    static func civil(days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Appends a number padded with zeros to `width` digits.
    static func append(_ value: Int, width: Int, to text: inout String) {
        var digits = String(value)
        if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
        text += digits
    }
}
