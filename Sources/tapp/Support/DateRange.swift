import ArgumentParser
import Foundation
import TappDomain

/// `--today`, `--week`, `--month` or `--from`/`--to`, in the clinic's zone.
struct DateRangeOptions: ParsableArguments {
    @Flag(help: "Only today.") var today = false
    @Flag(help: "Only this week (Monday to Sunday).") var week = false
    @Flag(help: "Only this month.") var month = false
    @Option(help: "From this day or time (DD/MM/YYYY, DD/MM/YYYY HH:MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM, demain 9h30…).") var from: String?
    @Option(help: "Up to this day (included) or time.") var to: String?

    /// The half-open interval [from, to) asked for.
    func interval(zone: TimeZone, now: Date = Date()) throws -> (Date?, Date?) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        let unit: Calendar.Component? = today ? .day : week ? .weekOfYear : month ? .month : nil
        if let unit, let range = calendar.dateInterval(of: unit, for: now) { return (range.start, range.end) }
        return (try from.map { try bound($0, zone: zone, end: false) }, try to.map { try bound($0, zone: zone, end: true) })
    }

    func bound(_ text: String, zone: TimeZone, end: Bool, now: Date = Date()) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count <= 10, let day = try? CalendarDate.parse(trimmed) {
            let start = day.start(in: zone)
            return end ? day.adding(days: 1).start(in: zone) : start
        }
        if let day = TypedDateTime.relativeDay(trimmed.lowercased(), today: CalendarDate(now, in: zone)) {
            return end ? day.adding(days: 1).start(in: zone) : day.start(in: zone)
        }
        return try TypedDateTime.parse(trimmed, field: end ? "to" : "from", zone: zone, now: now)
    }
}
