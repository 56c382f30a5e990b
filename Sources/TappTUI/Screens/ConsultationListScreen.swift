import Foundation
import TappDomain
import TappStore

/// Consultations filtered by period, doctor, status and patient.
public struct ConsultationListScreen: Screen {
    enum Action { case open, add, filter(ListFilter.Action) }
    var filter: ListFilter
    var items: [Consultation] = []
    var names: [String: String] = [:]
    var doctors: [DoctorListing] = []
    var list = ListCursor()
    var problem: String?
    var visible = 15
    static let pageSize = 500

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.enter], .open, "Open the consultation", "Ouvrir la consultation", footer: true)
        t.add([.char("n")], .add, "New consultation", "Nouvelle consultation", footer: true)
        for f in ListFilter.help { t.add(f.keys, .filter(f.action), f.en, f.fr, footer: [.today, .week, .month, .doctor].contains(f.action)) }
        return t
    }()

    public init(_ env: Env) { filter = ListFilter(period: .week, today: env.today) }

    public func title(_ lang: Lang) -> String { lang("Consultations", "Consultations") }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) }

    public mutating func reload(_ env: Env) {
        do {
            doctors = try env.database.doctors()
            var f = ConsultationFilter()
            let interval = filter.interval(env.session.zone)
            f.from = interval.from
            f.to = interval.to
            f.doctorId = filter.doctor?.id
            f.patientId = filter.patient?.id
            f.status = filter.status.flatMap(ConsultationStatus.init(rawValue:))
            f.limit = Self.pageSize
            items = try env.database.consultations(f, by: env.session).sorted { $0.dateTime < $1.dateTime }
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
            guard let c = items[safe: list.selected] else { return .handled }
            return .push(ConsultationFormScreen(editing: c, patient: (c.patientId, names[c.patientId] ?? "?"), env))
        case .add:
            return .push(ConsultationFormScreen(editing: nil, patient: filter.patient, env))
        case .filter(let action):
            let statuses = ConsultationStatus.allCases.map(\.rawValue)
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
        grid.write(filter.summary(env) { ConsultationStatus(rawValue: $0).map(lang.word) ?? $0 }, row: area.row + 1,
                   column: 1, style: .accent, limit: area.width - 2)
        if let problem { grid.write(problem, row: area.row + 2, column: 1, style: .error, limit: area.width - 2) }
        let doctorNames = Dictionary(uniqueKeysWithValues: doctors.map { ($0.id, $0.name) })
        ListDrawing.rows(&grid, Rect(row: area.row + 3, column: 1, width: area.width - 2, height: area.height - 3), list) { i, width in
            let c = items[i]
            return (ConsultationRow.text(c, patient: names[c.patientId] ?? "?", doctor: doctorNames[c.doctorId] ?? "", env: env, width: width),
                    c.status == .cancelled ? .dim : .normal)
        }
        if items.isEmpty {
            grid.write(lang("No consultation in this period: n records one.", "Aucune consultation sur cette période : n en ajoute une."),
                       row: area.row + 3, column: 1, style: .dim)
        }
    }
}

/// Draws a list's visible rows with the selection highlighted.
enum ListDrawing {
    static func rows(_ grid: inout Grid, _ rect: Rect, _ list: ListCursor, _ line: (Int, Int) -> (String, Style)) {
        for r in 0..<max(0, rect.height) {
            let index = list.top + r
            guard index < list.count else { break }
            let selected = index == list.selected
            let (text, style) = line(index, rect.width)
            grid.fill(Rect(row: rect.row + r, column: rect.column, width: rect.width, height: 1), style: selected ? .selected : .normal)
            grid.write(text, row: rect.row + r, column: rect.column, style: selected ? .selected : style, limit: rect.width)
        }
    }
}
