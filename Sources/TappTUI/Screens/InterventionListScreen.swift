import Foundation
import TappDomain
import TappStore

/// Interventions filtered by period, doctor, status and patient; `v` shows them on a calendar.
public struct InterventionListScreen: Screen {
    enum Action { case open, add, calendar, filter(ListFilter.Action) }
    var filter: ListFilter
    var items: [Intervention] = []
    var names: [String: String] = [:]
    var doctors: [DoctorListing] = []
    var list = ListCursor()
    var problem: String?
    var visible = 15
    static let pageSize = 500

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.enter], .open, "Open the intervention", "Ouvrir l'intervention", footer: true)
        t.add([.char("n")], .add, "New intervention", "Nouvelle intervention", footer: true)
        t.add([.char("v")], .calendar, "Calendar (month, week, day)", "Calendrier (mois, semaine, jour)", footer: true)
        for f in ListFilter.help { t.add(f.keys, .filter(f.action), f.en, f.fr, footer: [.week, .month].contains(f.action)) }
        return t
    }()

    public init(_ env: Env) { filter = ListFilter(period: .month, today: env.today) }

    public func title(_ lang: Lang) -> String { lang("Interventions", "Interventions") }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) }

    public mutating func reload(_ env: Env) {
        do {
            doctors = try env.database.doctors()
            var f = InterventionFilter()
            let interval = filter.interval(env.session.zone)
            f.from = interval.from
            f.to = interval.to
            f.doctorId = filter.doctor?.id
            f.patientId = filter.patient?.id
            f.status = filter.status.flatMap(InterventionStatus.init(rawValue:))
            f.limit = Self.pageSize
            items = try env.database.interventions(f, by: env.session).sorted { $0.scheduledAt < $1.scheduledAt }
            names = try env.database.patientNames(items.map(\.patientId))
            list.count = items.count
            list.clamp(visible: visible)
            problem = nil
        } catch {
            items = []
            list.count = 0
            problem = env.explain(error)
        }
    }

    public mutating func layout(_ area: Rect, _ env: Env) {
        visible = max(1, area.height - 3)
        list.clamp(visible: visible)
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        if list.move(key, visible: visible) { return .handled }
        switch Self.keys.action(for: key) {
        case .open:
            guard let i = items[safe: list.selected] else { return .handled }
            var screen = InterventionDetailScreen(id: i.id)
            screen.reload(env)
            return .push(screen)
        case .add:
            return .push(InterventionFormScreen(editing: nil, patient: filter.patient, env))
        case .calendar:
            var calendar = CalendarScreen(day: env.today)
            calendar.reload(env)
            return .push(calendar)
        case .filter(let action):
            let statuses = InterventionStatus.allCases.map(\.rawValue)
            if let screen = filter.apply(action, today: env.today, doctors: doctors, statuses: statuses, env: env) {
                return .push(screen)
            }
            list.reset()
            reload(env)
            return .handled
        case nil:
            return .ignored
        }
    }

    public mutating func receive(_ picked: Picked, _ env: inout Env) -> Outcome {
        switch picked {
        case .patient(let id, let name): filter.patient = (id, name)
        case .dateRange(let from, let to): filter.period = .range(from, to)
        case .rules: break
        }
        list.reset()
        reload(env)
        return .handled
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        grid.write(title(lang) + " (\(items.count)" + (items.count == Self.pageSize ? "+" : "") + ")", row: area.row, column: 1,
                   style: .title)
        grid.write(filter.summary(env) { InterventionStatus(rawValue: $0).map(lang.word) ?? $0 }, row: area.row + 1,
                   column: 1, style: .accent, limit: area.width - 2)
        if let problem { grid.write(problem, row: area.row + 2, column: 1, style: .error, limit: area.width - 2) }
        ListDrawing.rows(&grid, Rect(row: area.row + 3, column: 1, width: area.width - 2, height: area.height - 3), list) { index, width in
            let i = items[index]
            let style: Style = i.status.isClosed ? .dim : (i.priority == .urgent ? .error
                : (i.serverWillRefuse(now: env.now) ? .warning : .normal))
            return (InterventionRow.text(i, patient: names[i.patientId] ?? "?", env: env, width: width), style)
        }
        if items.isEmpty {
            grid.write(lang("No intervention in this period: n books one.", "Aucune intervention sur cette période : n en prévoit une."),
                       row: area.row + 3, column: 1, style: .dim)
        }
    }
}
