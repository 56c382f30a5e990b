import Foundation
import TappDomain
import TappStore

/// Interventions on a calendar: a month, a week or a day.
public struct CalendarScreen: Screen {
    public enum View { case month, week, day }
    enum Action { case month, week, day, today, previous, next, open, add }
    var view: View = .month
    var day: CalendarDate
    var byDay: [CalendarDate: [Intervention]] = [:]
    var names: [String: String] = [:]
    var dayList = ListCursor()
    var problem: String?

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.char("m")], .month, .monthView, footer: true)
        t.add([.char("w")], .week, .weekView, footer: true)
        t.add([.char("d")], .day, .dayView, footer: true)
        t.add([.char("t")], .today, .today)
        t.add([.char("["), .pageUp], .previous, .previousMonthWeekDay)
        t.add([.char("]"), .pageDown], .next, .nextMonthWeekDay)
        t.add([.enter], .open, .openTheDayThenTheIntervention, footer: true)
        t.add([.char("n")], .add, .newIntervention, needs: .bookInterventions)
        return t
    }()

    public init(day: CalendarDate) { self.day = day }

    public func title(_ lang: Lang) -> String { lang[.calendar] }
    public func help(_ lang: Lang) -> [HelpLine] {
        Self.keys.help(lang) + [HelpLine([.left, .right, .up, .down], lang[.moveByADayOrA])]
    }

    /// The days shown: the month's weeks, the week, or the day.
    var range: (from: CalendarDate, to: CalendarDate) {
        switch view {
        case .month:
            let first = day.firstOfMonth
            let start = first.adding(days: -first.weekdayFromMonday)
            return (start, start.adding(days: 42))
        case .week:
            let start = day.adding(days: -day.weekdayFromMonday)
            return (start, start.adding(days: 7))
        case .day:
            return (day, day.adding(days: 1))
        }
    }

    public mutating func reload(_ env: Env) {
        do {
            var filter = InterventionFilter()
            filter.from = range.from.start(in: env.session.zone)
            filter.to = range.to.start(in: env.session.zone)
            filter.limit = 2000
            let items = try env.database.interventions(filter, by: env.session).sorted { $0.scheduledAt < $1.scheduledAt }
            byDay = Dictionary(grouping: items) { CalendarDate($0.scheduledAt, in: env.session.zone) }
            names = try env.database.patientNames(items.map(\.patientId))
            dayList.count = byDay[day]?.count ?? 0
            dayList.clamp(visible: 15)
            problem = nil
        } catch {
            problem = env.explain(error)
        }
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        if view == .day, dayList.move(key, visible: 15) { return .handled }
        let before = range.from
        switch key {
        case .left: day = day.adding(days: -1)
        case .right: day = day.adding(days: 1)
        case .up where view != .day: day = day.adding(days: -7)
        case .down where view != .day: day = day.adding(days: 7)
        default:
            switch Self.keys.action(for: key, env.session) {
            case .month: view = .month
            case .week: view = .week
            case .day: view = .day
            case .today: day = env.today
            case .previous, .next:
                let step = Self.keys.action(for: key, env.session).map { if case .previous = $0 { -1 } else { 1 } } ?? 1
                switch view {
                case .month: day = day.adding(months: step)
                case .week: day = day.adding(days: 7 * step)
                case .day: day = day.adding(days: step)
                }
            case .open:
                if view != .day {
                    view = .day
                } else if let item = byDay[day]?[safe: dayList.selected] {
                    var screen = InterventionDetailScreen(id: item.id)
                    screen.reload(env)
                    return .push(screen)
                }
            case .add:
                var form = InterventionFormScreen(editing: nil, patient: nil, env)
                form.form["scheduledAt"] = env.clock.day(day) + " 09:00"
                // The day picked is where the form starts, not something typed: leaving at once asks nothing.
                form.form.markSaved()
                form.checkDate(env)
                return .push(form)
            case nil:
                return .ignored
            }
        }
        dayList.reset()
        if range.from != before || view == .day { reload(env) } else { dayList.count = byDay[day]?.count ?? 0 }
        return .handled
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let clock = env.clock
        let heading: String
        switch view {
        case .month: heading = clock.monthName(day.month) + " \(day.year)"
        case .week: heading = clock.day(range.from) + " → " + clock.day(range.to.adding(days: -1))
        case .day: heading = clock.weekdays[day.weekdayFromMonday] + " " + clock.day(day)
        }
        grid.write(title(env.lang) + " — " + heading, row: area.row, column: 1, style: .title, limit: area.width - 2)
        if let problem { grid.write(problem, row: area.row + 1, column: 1, style: .error, limit: area.width - 2) }
        let body = Rect(row: area.row + 2, column: 1, width: area.width - 2, height: area.height - 2)
        switch view {
        case .month: drawMonth(&grid, body, env)
        case .week: drawWeek(&grid, body, env)
        case .day: drawDay(&grid, body, env)
        }
    }

    private func drawMonth(_ grid: inout Grid, _ rect: Rect, _ env: Env) {
        let cellWidth = max(5, rect.width / 7)
        let cellHeight = max(1, min(3, (rect.height - 2) / 6))
        for (i, name) in env.clock.weekdays.enumerated() {
            grid.write(name, row: rect.row, column: rect.column + i * cellWidth, style: .dim)
        }
        for index in 0..<42 {
            let d = range.from.adding(days: index)
            let row = rect.row + 1 + (index / 7) * cellHeight
            let column = rect.column + (index % 7) * cellWidth
            guard row < rect.row + rect.height else { break }
            let items = byDay[d] ?? []
            let selected = d == day
            let inMonth = d.month == day.month
            let urgent = items.contains { $0.priority == .urgent && !$0.status.isClosed }
            var text = CalendarDate.pad(d.day, 2)
            if !items.isEmpty { text += " •\(items.count)" }
            let style: Style = selected ? .selected : (d == env.today ? .bold : (urgent ? .error : (inMonth ? .normal : .dim)))
            grid.fill(Rect(row: row, column: column, width: cellWidth - 1, height: 1), style: selected ? .selected : .normal)
            grid.write(text, row: row, column: column, style: style, limit: cellWidth - 1)
            if cellHeight > 1, let first = items.first {
                grid.write(env.clock.time(first.scheduledAt) + " " + env.lang.title(first.title), row: row + 1, column: column, style: .dim,
                           limit: cellWidth - 1)
            }
        }
        let items = byDay[day] ?? []
        let summaryRow = rect.row + 1 + 6 * cellHeight
        if summaryRow < rect.row + rect.height {
            let text = env.clock.day(day) + ": " + (items.isEmpty ? env.lang[.nothingBooked]
                : items.map { env.clock.time($0.scheduledAt) + " " + (names[$0.patientId] ?? "?") }.joined(separator: ", "))
            grid.write(text, row: summaryRow, column: rect.column, style: .accent, limit: rect.width)
        }
    }

    private func drawWeek(_ grid: inout Grid, _ rect: Rect, _ env: Env) {
        let cellWidth = max(6, rect.width / 7)
        for i in 0..<7 {
            let d = range.from.adding(days: i)
            let column = rect.column + i * cellWidth
            let selected = d == day
            grid.write(env.clock.weekdays[i] + " " + CalendarDate.pad(d.day, 2), row: rect.row, column: column,
                       style: selected ? .selected : (d == env.today ? .bold : .dim), limit: cellWidth - 1)
            for (n, item) in (byDay[d] ?? []).prefix(rect.height - 1).enumerated() {
                let style: Style = item.status.isClosed ? .dim : (item.priority == .urgent ? .error : .normal)
                grid.write(env.clock.time(item.scheduledAt) + " " + env.lang.title(item.title), row: rect.row + 1 + n, column: column,
                           style: style, limit: cellWidth - 1)
            }
        }
    }

    private func drawDay(_ grid: inout Grid, _ rect: Rect, _ env: Env) {
        let items = byDay[day] ?? []
        if items.isEmpty {
            grid.write(env.lang[.nothingBookedThisDayNBooks],
                       row: rect.row, column: rect.column, style: .dim)
        }
        ListDrawing.rows(&grid, Rect(row: rect.row, column: rect.column, width: rect.width, height: rect.height), dayList) { i, width in
            let item = items[i]
            return (InterventionRow.text(item, patient: names[item.patientId] ?? "?", env: env, width: width),
                    item.priority == .urgent ? .error : .normal)
        }
    }
}
