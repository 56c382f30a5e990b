import Foundation
import TappDomain
import TappStore

/// Patients, with a search that narrows the list on every keystroke (accents ignored, phone digits). Only the rows on
/// screen are read, so it stays instant at 100,000 patients. In `pick` mode, Enter gives the patient back.
public struct PatientListScreen: Screen {
    public enum Mode { case browse, pick }
    enum Action { case open, add, edit, search, refresh }

    let mode: Mode
    var search = TextField()
    var searching = true
    var list = ListCursor()
    var rows: [Patient] = []
    /// The rows read: `rows[0]` is the list's row `window`.
    var window = 0
    var problem: String?
    /// Rows the last draw showed; the list reads that many around the selection.
    var visible = 17

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.enter], .open, .openThePatientSRecord, footer: true)
        t.add([.char("/")], .search, .searchNameFirstNamePhone, footer: true)
        t.add([.char("n")], .add, .newPatient, footer: true, needs: .registerPatients)
        t.add([.char("e")], .edit, .editThePatient, footer: true, needs: .registerPatients)
        t.add([.char("r")], .refresh, .refresh)
        return t
    }()

    public init(mode: Mode) { self.mode = mode }

    /// The patients' list as it was last left this session (its search kept).
    public init(mode: Mode, _ env: Env) {
        self.mode = mode
        if mode == .browse, let text = env.kept.texts["patients"], !text.isEmpty { search.text = text }
    }

    public func title(_ lang: Lang) -> String {
        mode == .pick ? lang[.chooseAPatient] : lang[.patients]
    }

    public func help(_ lang: Lang) -> [HelpLine] {
        var lines = Self.keys.help(lang)
        if mode == .pick { lines[0] = HelpLine([.enter], lang[.chooseThisPatient], footer: true) }
        lines.append(HelpLine([.up, .down, .pageUp, .pageDown, .home, .end], lang[.moveInTheList]))
        lines.append(HelpLine([.escape], lang[.leaveTheSearchThenGoBack]))
        return lines
    }

    public var isTyping: Bool { searching }

    public mutating func reload(_ env: Env) {
        do {
            list.count = try env.database.patientCount(matching: search.text)
            list.clamp(visible: visible)
            try readWindow(env)
            problem = nil
        } catch {
            problem = env.explain(error)
        }
    }

    /// Reads the rows around the window on screen.
    private mutating func readWindow(_ env: Env) throws {
        let start = list.top
        rows = try env.database.patients(matching: search.text, limit: visible, offset: start, by: env.session)
        window = start
    }

    public var selectedPatient: Patient? {
        let i = list.selected - window
        return rows.indices.contains(i) ? rows[i] : nil
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        defer { if mode == .browse { env.kept.texts["patients"] = search.text } }
        if searching {
            switch key {
            case .enter where selectedPatient == nil:
                // Nothing to open: the search keeps the keys, so Backspace goes on correcting it.
                return .handled
            case .enter, .down:
                searching = false
                if key == .down {
                    // The first ↓ from the search moves to the second row: the first is already highlighted.
                    _ = list.move(.down, visible: visible)
                    if list.top < window || list.top + visible > window + rows.count { try? readWindow(env) }
                    return .handled
                }
                return openSelected(env)
            case .escape where !search.text.isEmpty:
                // Esc empties the search first, then leaves it, then goes back.
                search.text = ""
                list.reset()
                reload(env)
                return .handled
            case .escape:
                searching = false
                return .handled
            case .up, .pageUp, .pageDown:
                break
            default:
                let before = search.text
                guard search.edit(key) else { return .ignored }
                if search.text != before {
                    list.reset()
                    reload(env)
                }
                return .handled
            }
        }
        if list.move(key, visible: visible) {
            if list.top < window || list.top + visible > window + rows.count { try? readWindow(env) }
            return .handled
        }
        switch Self.keys.action(for: key, env.session) {
        case .open: return openSelected(env)
        case .search:
            searching = true
            return .handled
        case .add:
            return .push(PatientFormScreen(editing: nil, env))
        case .edit:
            guard let p = selectedPatient else { return .handled }
            return .push(PatientFormScreen(editing: p, env))
        case .refresh:
            reload(env)
            return .handled
        case nil:
            if case .char(let c) = key, c.isLetter || c.isNumber {
                searching = true
                return handle(key, &env)
            }
            // The search's editing keys go back to it from the list: Backspace (Ctrl+H), Ctrl+U, Ctrl+W, Del.
            if [.backspace, .ctrl("h"), .ctrl("u"), .ctrl("w"), .delete].contains(key) {
                searching = true
                return handle(key == .ctrl("h") ? .backspace : key, &env)
            }
            if key == .escape, !search.text.isEmpty {
                searching = true
                return handle(key, &env)
            }
            return .ignored
        }
    }

    private func openSelected(_ env: Env) -> Outcome {
        guard let p = selectedPatient else { return .handled }
        if mode == .pick { return .popWith(.patient(id: p.id, name: p.fullName)) }
        var record = PatientRecordScreen(id: p.id)
        record.reload(env)
        return .push(record)
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        grid.write(title(lang), row: area.row, column: 1, style: .title)
        let label = lang[.search]
        let x = 1 + grid.write(label, row: area.row + 1, column: 1, style: searching ? .bold : .normal)
        search.draw(&grid, row: area.row + 1, column: x, width: min(40, area.width - x - 16), focused: searching,
                    style: searching ? .input : .normal)
        let count = lang.text(.patientS, "\(list.count)")
        grid.write(count, row: area.row + 1, column: area.width - TextWidth.of(count) - 1, style: .dim)
        if let problem { grid.write(problem, row: area.row + 2, column: 1, style: .error, limit: area.width - 2) }
        let header = PatientRow.header(lang, width: area.width - 2)
        grid.write(header, row: area.row + 3, column: 1, style: .dim)
        let top = area.row + 4
        let height = area.height - 4
        for r in 0..<max(0, height) {
            let index = list.top + r
            let i = index - window
            guard rows.indices.contains(i) else { break }
            let selected = index == list.selected
            grid.fill(Rect(row: top + r, column: 1, width: area.width - 2, height: 1), style: selected ? .selected : .normal)
            grid.write(PatientRow.text(rows[i], env: env, width: area.width - 2), row: top + r, column: 1,
                       style: selected ? .selected : .normal, limit: area.width - 2)
        }
        if list.count == 0 {
            let empty = search.text.isEmpty ? lang[.noPatientYetNAddsOne]
                : lang[.noPatientMatches]
            grid.write(empty, row: top, column: 1, style: .dim)
        }
    }

    /// The list shows `area.height - 4` rows, and reads only those.
    public mutating func layout(_ area: Rect, _ env: Env) {
        let rowsShown = max(1, area.height - 4)
        guard rowsShown != visible else { return }
        visible = rowsShown
        list.clamp(visible: visible)
        try? readWindow(env)
    }
}

extension PatientRow {
    static func header(_ lang: Lang, width: Int) -> String {
        let nameWidth = max(10, width - 12 - 18)
        return TextWidth.pad(lang[.nameFirstName], nameWidth) + " " + TextWidth.pad(lang[.born], 11)
            + " " + lang[.phone]
    }
}
