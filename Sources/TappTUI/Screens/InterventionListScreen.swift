import Foundation
import TappDomain
import TappStore

/// Interventions filtered by period, doctor, status and patient; `v` shows them on a calendar.
public struct InterventionListScreen: Screen {
    enum Action { case open, add, calendar, narrow, filter(ListFilter.Action) }
    var rows: FilteredList<Intervention>

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.enter], .open, .openTheIntervention, footer: true)
        t.add([.char("n")], .add, .newIntervention, footer: true, needs: .bookInterventions)
        t.add([.char("v")], .calendar, .calendarMonthWeekDay, footer: true)
        t.add([.char("/")], .narrow, .narrowTheListByTyping, footer: true)
        for f in ListFilter.help { t.add(f.keys, .filter(f.action), f.text, footer: [.week, .month].contains(f.action)) }
        return t
    }()

    public init(_ env: Env) {
        rows = FilteredList(period: .coming, today: env.today)
        // The filters and narrowing this list had when it was last left, this session.
        if let kept = env.kept.filters["interventions"] { rows.filter = kept }
        rows.narrowing.text = env.kept.texts["interventions"] ?? ""
    }

    public func title(_ lang: Lang) -> String { lang[.interventions] }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) }

    public mutating func reload(_ env: Env) {
        rows.reload(env, read: { filter, env in
            var f = InterventionFilter()
            (f.from, f.to) = filter.interval(env.session.zone)
            f.doctorId = filter.doctor?.id
            f.patientId = filter.patient?.id
            f.status = filter.status.flatMap(InterventionStatus.init(rawValue:))
            f.limit = FilteredList<Intervention>.pageSize
            return try env.database.interventions(f, by: env.session).sorted { $0.scheduledAt < $1.scheduledAt }
        }, patientId: \.patientId, describe: { i, names in
            [names[i.patientId] ?? "", env.lang.title(i.title), i.title, env.clock.dateTime(i.scheduledAt), env.lang.word(i.status),
             i.location ?? ""].joined(separator: " ")
        })
    }

    public mutating func layout(_ area: Rect, _ env: Env) { rows.layout(area) }

    public var isTyping: Bool { rows.narrowing.active }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        defer {
            env.kept.filters["interventions"] = rows.filter
            env.kept.texts["interventions"] = rows.narrowing.text
        }
        if rows.narrowingKey(key) { return .handled }
        if rows.list.move(key, visible: rows.visible) { return .handled }
        switch Self.keys.action(for: key, env.session) {
        case .open:
            guard let i = rows.selected else { return .handled }
            var screen = InterventionDetailScreen(id: i.id)
            screen.reload(env)
            return .push(screen)
        case .add:
            return .push(InterventionFormScreen(editing: nil, patient: rows.filter.patient, env))
        case .calendar:
            var calendar = CalendarScreen(day: env.today)
            calendar.reload(env)
            return .push(calendar)
        case .filter(let action):
            if let screen = rows.apply(action, statuses: InterventionStatus.allCases.map(\.rawValue), env) { return .push(screen) }
            reload(env)
            return .handled
        case .narrow, nil:
            return .ignored
        }
    }

    public mutating func receive(_ picked: Picked, _ env: inout Env) -> Outcome {
        rows.take(picked)
        reload(env)
        return .handled
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        rows.draw(&grid, area, env, title: title(lang), statusWord: { InterventionStatus(rawValue: $0).map(lang.word) ?? $0 },
                  empty: lang[.noInterventionInThisPeriodN]) { i, width in
            let style: Style = i.status.isClosed ? .dim : (i.priority == .urgent ? .error
                : (i.serverWillRefuse(now: env.now) ? .warning : .normal))
            return (InterventionRow.text(i, patient: rows.names[i.patientId] ?? "?", env: env, width: width), style)
        }
    }
}
