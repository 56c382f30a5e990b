import TappDomain

/// ISO 8601 week dates (`2025-W42-4`, `2025-W42`: its Monday) and ordinal dates (`2025-289`), which the real
/// server's `@IsDateString()` and moment take, rewritten as the calendar date they name (`2025-10-16`), the rest of
/// the text (a time, an offset) kept as it is.
enum ISOWeekDates {
    static func calendarForm(_ text: String) -> String? {
        let s = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var value = 0
            for byte in s[from..<(from + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard s.count >= 8, let year = digits(0, 4), s[4] == UInt8(ascii: "-"), (1800...9999).contains(year) else { return nil }
        let day: CalendarDate
        let consumed: Int
        if s[5] == UInt8(ascii: "W") {
            guard let week = digits(6, 2), (1...53).contains(week) else { return nil }
            var weekday = 1
            consumed = s.count > 9 && s[8] == UInt8(ascii: "-") ? 10 : 8
            if consumed == 10 {
                guard let given = digits(9, 1), (1...7).contains(given) else { return nil }
                weekday = given
            }
            // Week 1 holds 4 January; its Monday is that day minus its weekday (Monday 1 … Sunday 7) plus one.
            guard let january4 = try? CalendarDate(year: year, month: 1, day: 4) else { return nil }
            let offset = -(january4.weekdayFromMonday) + (week - 1) * 7 + (weekday - 1)
            day = january4.adding(days: offset)
            // Week 53 only exists in a year that has one.
            if week == 53, day.adding(days: -(weekday - 1)).adding(days: 3).year != year { return nil }
        } else {
            guard let ordinal = digits(5, 3), ordinal >= 1, s.count == 8 || !(s[8] >= 0x30 && s[8] <= 0x39) else { return nil }
            consumed = 8
            guard let january1 = try? CalendarDate(year: year, month: 1, day: 1) else { return nil }
            day = january1.adding(days: ordinal - 1)
            guard day.year == year else { return nil }
        }
        let rest = String(decoding: s[consumed...], as: UTF8.self)
        return "\(CalendarDate.pad(day.year, 4))-\(CalendarDate.pad(day.month, 2))-\(CalendarDate.pad(day.day, 2))" + rest
    }
}
