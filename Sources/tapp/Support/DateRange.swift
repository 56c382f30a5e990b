import ArgumentParser
import Foundation
import TappDomain

/// `--today`, `--week`, `--month` or `--from`/`--to`, in the clinic's zone.
struct DateRangeOptions: ParsableArguments {
    @Flag(help: "Only today.") var today = false
    @Flag(help: "Only this week (Monday to Sunday).") var week = false
    @Flag(help: "Only this month.") var month = false
    @Option(help: "From this day or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM).") var from: String?
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

    func bound(_ text: String, zone: TimeZone, end: Bool) throws -> Date {
        if text.count == 10, let day = try? CalendarDate.parse(text) {
            let start = day.start(in: zone)
            return end ? start.addingTimeInterval(86_400) : start
        }
        return try Instant.parse(text, field: end ? "to" : "from", zone: zone)
    }
}
