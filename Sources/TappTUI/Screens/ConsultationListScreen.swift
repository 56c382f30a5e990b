import Foundation
import TappDomain
import TappStore

/// Consultations filtered by period, doctor, status and patient.
public struct ConsultationListScreen: Screen {
    enum Action { case open, add, narrow, filter(ListFilter.Action) }
    var rows: FilteredList<Consultation>

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.enter], .open, .openTheConsultation, footer: true, needs: .readClinical)
        t.add([.char("n")], .add, .newConsultation, footer: true, needs: .writeClinical)
        t.add([.char("/")], .narrow, .narrowTheListByTyping, footer: true)
        for f in ListFilter.help { t.add(f.keys, .filter(f.action), f.text, footer: [.today, .week, .month, .doctor].contains(f.action)) }
        return t
    }()

    public init(_ env: Env) {
        rows = FilteredList(period: .week, today: env.today)
        // The filters and narrowing this list had when it was last left, this session.
        if let kept = env.kept.filters["consultations"] { rows.filter = kept }
        rows.narrowing.text = env.kept.texts["consultations"] ?? ""
    }

    public func title(_ lang: Lang) -> String { lang[.consultations] }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) }

    public mutating func reload(_ env: Env) {
        rows.reload(env, read: { filter, env in
            var f = ConsultationFilter()
            (f.from, f.to) = filter.interval(env.session.zone)
            f.doctorId = filter.doctor?.id
            f.patientId = filter.patient?.id
            f.status = filter.status.flatMap(ConsultationStatus.init(rawValue:))
            f.limit = FilteredList<Consultation>.pageSize
            return try env.database.consultations(f, by: env.session).sorted { $0.dateTime < $1.dateTime }
        }, patientId: \.patientId, describe: { c, names in
            [names[c.patientId] ?? "", env.clock.dateTime(c.dateTime), env.lang.word(c.status)].joined(separator: " ")
        })
    }

    public mutating func layout(_ area: Rect, _ env: Env) { rows.layout(area) }

    public var isTyping: Bool { rows.narrowing.active }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        defer {
            env.kept.filters["consultations"] = rows.filter
            env.kept.texts["consultations"] = rows.narrowing.text
        }
        if rows.narrowingKey(key) { return .handled }
        if rows.list.move(key, visible: rows.visible) { return .handled }
        switch Self.keys.action(for: key, env.session) {
        case .open:
            guard let c = rows.selected else { return .handled }
            guard env.session.can(.readClinical) else {
                return .say(env.lang[.yourRoleSeesWhenAndWith])
            }
            var screen = ConsultationScreen(id: c.id)
            screen.reload(env)
            return .push(screen)
        case .add:
            return .push(ConsultationFormScreen(editing: nil, patient: rows.filter.patient, env))
        case .filter(let action):
            if let screen = rows.apply(action, statuses: ConsultationStatus.allCases.map(\.rawValue), env) { return .push(screen) }
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
        let doctorNames = Dictionary(uniqueKeysWithValues: rows.doctors.map { ($0.id, $0.name) })
        rows.draw(&grid, area, env, title: title(lang), statusWord: { ConsultationStatus(rawValue: $0).map(lang.word) ?? $0 },
                  empty: lang[.noConsultationInThisPeriodN]) { c, width in
            (ConsultationRow.text(c, patient: rows.names[c.patientId] ?? "?", doctor: doctorNames[c.doctorId] ?? "", env: env, width: width),
             c.status == .cancelled ? .dim : .normal)
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
