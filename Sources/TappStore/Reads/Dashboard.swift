import Foundation
import GRDB
import TappDomain

/// The figures the dashboard shows, read in one snapshot.
public struct Dashboard: Sendable, Equatable {
    public var patients: Int
    public var consultationsToday: Int
    /// Interventions still to do (PLANNED or IN_PROGRESS) in the next 24 hours, 7 days and 30 days.
    public var interventionsNext24h: Int
    public var interventionsNext7d: Int
    public var interventionsNext30d: Int
    /// The next ones, URGENT first, then soonest.
    public var upcoming: [Intervention]
    /// PENDING reminders whose time has come.
    public var remindersDue: Int
    public var remindersPending: Int
    public var remindersFailed: Int
    /// Sent or confirmed, out of all that were attempted (sent, confirmed, failed); nil before any attempt.
    public var reminderSuccessRate: Double?
    /// Consultations per day over the last 30 days, oldest first (today last), in the clinic's zone.
    public var consultationsPerDay: [(day: CalendarDate, count: Int)]

    public static func == (a: Dashboard, b: Dashboard) -> Bool {
        a.patients == b.patients && a.consultationsToday == b.consultationsToday
            && a.interventionsNext24h == b.interventionsNext24h && a.interventionsNext7d == b.interventionsNext7d
            && a.interventionsNext30d == b.interventionsNext30d && a.upcoming == b.upcoming
            && a.remindersDue == b.remindersDue && a.remindersPending == b.remindersPending
            && a.remindersFailed == b.remindersFailed && a.reminderSuccessRate == b.reminderSuccessRate
            && a.consultationsPerDay.map(\.day) == b.consultationsPerDay.map(\.day)
            && a.consultationsPerDay.map(\.count) == b.consultationsPerDay.map(\.count)
    }
}

extension ClinicDatabase {
    /// Every dashboard figure at `now`, days counted in `zone`.
    public func dashboard(now: Date = Date(), zone: TimeZone, upcomingLimit: Int = 10, by session: Session) throws -> Dashboard {
        try session.require(.readPatients)
        let today = CalendarDate(now, in: zone)
        let startOfToday = today.start(in: zone)
        let startOfTomorrow = CalendarDate(startOfToday.addingTimeInterval(36 * 3600), in: zone).start(in: zone)
        let firstDay = CalendarDate(startOfToday.addingTimeInterval(-29 * 86_400 + 12 * 3600), in: zone)
        return try read { db in
            let open = "status IN ('PLANNED','IN_PROGRESS')"
            func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
                try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
            }
            func upcoming(within seconds: TimeInterval) throws -> Int {
                try count("SELECT count(*) FROM intervention WHERE \(open) AND scheduledAt >= ? AND scheduledAt < ?",
                          [now, now.addingTimeInterval(seconds)])
            }
            let statuses = try Row.fetchAll(db, sql: "SELECT status, count(*) FROM reminder GROUP BY status")
                .reduce(into: [String: Int]()) { $0[$1[0]] = $1[1] }
            let sent = (statuses["SENT"] ?? 0) + (statuses["CONFIRMED"] ?? 0)
            let attempted = sent + (statuses["FAILED"] ?? 0)
            // Per day: bucket instants by the clinic's day, in Swift, so that the zone's rules (and any change
            // of offset) apply exactly as they do on screen.
            var perDay: [CalendarDate: Int] = [:]
            let cursor = try Date.fetchCursor(db, sql: "SELECT dateTime FROM consultation WHERE dateTime >= ? AND dateTime < ?",
                                              arguments: [firstDay.start(in: zone), startOfTomorrow])
            while let instant = try cursor.next() { perDay[CalendarDate(instant, in: zone), default: 0] += 1 }
            var days: [(day: CalendarDate, count: Int)] = []
            var day = firstDay
            while day <= today {
                days.append((day, perDay[day] ?? 0))
                day = CalendarDate(day.start(in: zone).addingTimeInterval(36 * 3600), in: zone)
            }
            return Dashboard(
                patients: try count(PatientSearch.unmergedCount),
                consultationsToday: try count("SELECT count(*) FROM consultation WHERE dateTime >= ? AND dateTime < ?",
                                              [startOfToday, startOfTomorrow]),
                interventionsNext24h: try upcoming(within: 86_400),
                interventionsNext7d: try upcoming(within: 7 * 86_400),
                interventionsNext30d: try upcoming(within: 30 * 86_400),
                upcoming: try Intervention.fetchAll(db, sql: """
                    SELECT * FROM intervention WHERE \(open) AND scheduledAt >= ? AND scheduledAt < ?
                    ORDER BY priority = 'URGENT' DESC, scheduledAt LIMIT ?
                    """, arguments: [now, now.addingTimeInterval(30 * 86_400), upcomingLimit]),
                remindersDue: try count("SELECT count(*) FROM reminder WHERE status = 'PENDING' AND plannedSendAt <= ?", [now]),
                remindersPending: statuses["PENDING"] ?? 0,
                remindersFailed: statuses["FAILED"] ?? 0,
                reminderSuccessRate: attempted == 0 ? nil : Double(sent) / Double(attempted),
                consultationsPerDay: days)
        }
    }

    /// SQLite's count of commits made by other connections (other `tapp` processes, a sync run): a screen that
    /// asks every half second and sees it change knows to read again. GRDB's observation sees only this process.
    public func dataVersion() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
