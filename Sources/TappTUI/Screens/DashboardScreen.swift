import Foundation
import TappDomain
import TappStore

/// The day at a glance: patients, today's consultations, what is coming, the reminders and 30 days of consultations.
public struct DashboardScreen: Screen {
    enum Action { case refresh, open }
    var figures: Dashboard?
    var problem: String?
    var names: [String: String] = [:]
    var list = ListCursor()

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.char("r")], .refresh, .refresh, footer: true)
        t.add([.enter], .open, .openTheSelectedIntervention, footer: true)
        return t
    }()

    public init() {}

    public func title(_ lang: Lang) -> String { lang[.dashboard] }
    public func help(_ lang: Lang) -> [HelpLine] {
        Self.keys.help(lang) + [HelpLine([.up, .down], lang[.chooseAnUpcomingIntervention])]
    }

    public mutating func reload(_ env: Env) {
        do {
            let figures = try env.database.dashboard(now: env.now, zone: env.session.zone, upcomingLimit: 12, by: env.session)
            self.figures = figures
            names = try env.database.patientNames(figures.upcoming.map(\.patientId))
            list.count = figures.upcoming.count
            list.clamp(visible: 12)
            problem = nil
        } catch {
            problem = env.explain(error)
        }
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        if list.move(key, visible: 12) { return .handled }
        switch Self.keys.action(for: key) {
        case .refresh:
            reload(env)
            return .handled
        case .open:
            guard let item = figures?.upcoming[safe: list.selected] else { return .handled }
            var screen = InterventionDetailScreen(id: item.id)
            screen.reload(env)
            return .push(screen)
        case nil:
            return .ignored
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        grid.write(lang[.dashboard] + " — " + env.clock.day(env.today), row: area.row, column: 1,
                   style: .title, limit: area.width - 2)
        if let problem { grid.write(problem, row: area.row + 1, column: 1, style: .error, limit: area.width - 2) }
        guard let f = figures else { return }
        let rate = f.reminderSuccessRate.map { String(format: "%.0f %%", $0 * 100) } ?? "—"
        let left: [(String, String, Style)] = [
            (lang[.patients], "\(f.patients)", .bold),
            (lang[.consultationsToday], "\(f.consultationsToday)", .bold),
            (lang[.interventions24H], "\(f.interventionsNext24h)", .bold),
            (lang[.interventions7Days], "\(f.interventionsNext7d)", .normal),
            (lang[.interventions30Days], "\(f.interventionsNext30d)", .normal),
        ]
        let right: [(String, String, Style)] = [
            (lang[.remindersDue], "\(f.remindersDue)", f.remindersDue > 0 ? .warning : .normal),
            (lang[.remindersPending], "\(f.remindersPending)", .normal),
            (lang[.remindersFailed], "\(f.remindersFailed)", f.remindersFailed > 0 ? .error : .normal),
            (lang[.reminderSuccess], rate, .ok),
        ]
        let half = area.width / 2
        for (i, item) in left.enumerated() {
            grid.write(item.0, row: area.row + 2 + i, column: 1, limit: half - 9)
            grid.write(TextWidth.pad(item.1, 7, right: true), row: area.row + 2 + i, column: half - 8, style: item.2)
        }
        for (i, item) in right.enumerated() {
            grid.write(item.0, row: area.row + 2 + i, column: half + 1, limit: half - 10)
            grid.write(TextWidth.pad(item.1, 7, right: true), row: area.row + 2 + i, column: area.width - 8, style: item.2)
        }
        let chartTop = area.row + 8
        drawChart(&grid, f, Rect(row: chartTop, column: 1, width: area.width - 2, height: 5), env)
        let listTop = chartTop + 6
        let rows = area.row + area.height - listTop - 1
        guard rows > 0 else { return }
        grid.write(lang[.comingUpUrgentFirst], row: listTop, column: 1, style: .title)
        if f.upcoming.isEmpty {
            grid.write(lang[.nothingBookedInTheNext30], row: listTop + 1,
                       column: 1, style: .dim)
        }
        for (i, item) in f.upcoming.prefix(rows).enumerated() {
            let selected = i == list.selected
            let style: Style = selected ? .selected : (item.priority == .urgent ? .error : .normal)
            let line = InterventionRow.text(item, patient: names[item.patientId] ?? "?", env: env, width: area.width - 2)
            grid.fill(Rect(row: listTop + 1 + i, column: 1, width: area.width - 2, height: 1), style: selected ? .selected : .normal)
            grid.write(line, row: listTop + 1 + i, column: 1, style: style, limit: area.width - 2)
        }
    }

    /// Consultations per day over the last 30 days, one column per day in Unicode eighth blocks.
    private func drawChart(_ grid: inout Grid, _ f: Dashboard, _ rect: Rect, _ env: Env) {
        let days = f.consultationsPerDay.suffix(30)
        let peak = max(1, days.map(\.count).max() ?? 0)
        let title = env.lang.text(.consultationsPerDayLast30Days, "\(peak)")
        grid.write(title, row: rect.row, column: rect.column, style: .title, limit: rect.width)
        let barRows = rect.height - 2
        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for (i, day) in days.enumerated() {
            let x = rect.column + i * 2
            guard x < rect.column + rect.width else { break }
            let eighths = Int((Double(day.count) / Double(peak) * Double(barRows * 8)).rounded())
            for r in 0..<barRows {
                let level = max(0, min(8, eighths - (barRows - 1 - r) * 8))
                grid.write(String(blocks[level]), row: rect.row + 1 + r, column: x, style: .accent)
            }
        }
        if let first = days.first?.day, let last = days.last?.day {
            grid.write(env.clock.day(first), row: rect.row + rect.height - 1, column: rect.column, style: .dim)
            let end = env.clock.day(last)
            let x = rect.column + max(0, (days.count - 1) * 2 + 1 - TextWidth.of(end))
            grid.write(end, row: rect.row + rect.height - 1, column: x, style: .dim)
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
