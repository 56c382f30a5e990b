import Foundation
import TappDomain
import TappStore

/// A list of clinical records under a `ListFilter`: what the consultation and intervention lists share (their
/// filters and the keys for them, the rows read, the patients' names, the cursor, the header and the rows drawn).
struct FilteredList<Item> {
    var filter: ListFilter
    var items: [Item] = []
    var names: [String: String] = [:]
    var doctors: [DoctorListing] = []
    var list = ListCursor()
    var problem: String?
    var visible = 15
    /// `/` narrows the rows to those whose text holds every typed word (accents and case ignored).
    var narrowing = ListNarrowing()
    /// Each item's text as its row shows it, folded, for the narrowing.
    var texts: [String] = []
    /// The items shown: all, or those the narrowing keeps (indices into `items`).
    var shown: [Int] = []
    static var pageSize: Int { 500 }

    init(period: ListFilter.Period, today: CalendarDate) { filter = ListFilter(period: period, today: today) }

    /// Reads the rows the filter selects (at most `pageSize`), and their patients' names; `describe` gives the text a
    /// row shows, for the narrowing.
    mutating func reload(_ env: Env, read: (ListFilter, Env) throws -> [Item], patientId: (Item) -> String,
                         describe: (Item, [String: String]) -> String) {
        do {
            doctors = try env.database.doctors()
            items = try read(filter, env)
            names = try env.database.patientNames(items.map(patientId))
            texts = items.map { ListNarrowing.fold(describe($0, names)) }
            problem = nil
        } catch {
            items = []
            texts = []
            problem = env.explain(error)
        }
        applyNarrowing()
    }

    /// Keeps the items whose text holds every typed word.
    mutating func applyNarrowing() {
        shown = items.indices.filter { i in narrowing.keeps(texts[safe: i] ?? "") }
        list.count = shown.count
        list.clamp(visible: visible)
    }

    /// The narrowing's keys (see `ListNarrowing`); false when the key is the list's.
    mutating func narrowingKey(_ key: Key) -> Bool {
        switch narrowing.handle(key) {
        case .notMine: return false
        case .started: return true
        case .left(let passOn): return !passOn
        case .edited:
            list.reset()
            applyNarrowing()
            return true
        }
    }

    mutating func layout(_ area: Rect) {
        visible = max(1, area.height - 3)
        list.clamp(visible: visible)
    }

    var selected: Item? { shown[safe: list.selected].flatMap { items[safe: $0] } }

    /// A filter key: the screen to push (the patient picker, the range form), or nil once the filter changed and the
    /// caller should read again.
    mutating func apply(_ action: ListFilter.Action, statuses: [String], _ env: Env) -> (any Screen)? {
        switch filter.apply(action, today: env.today, doctors: doctors, ownUserId: env.session.userId, statuses: statuses) {
        case .rangeForm?:
            return RangeFormScreen(filter.days, env)
        case .patientPicker?:
            var picker = PatientListScreen(mode: .pick)
            picker.reload(env)
            return picker
        case nil:
            list.reset()
            return nil
        }
    }

    /// A patient or a range picked for the filter.
    mutating func take(_ picked: Picked) {
        switch picked {
        case .patient(let id, let name): filter.patient = (id, name)
        case .dateRange(let from, let to): filter.period = .range(from, to)
        case .rules, .organization: break
        }
        list.reset()
    }

    /// The title with the count, the filter's summary, the rows, or what to do when there are none.
    func draw(_ grid: inout Grid, _ area: Rect, _ env: Env, title: String, statusWord: (String) -> String, empty: String,
              row: (Item, Int) -> (String, Style)) {
        let count = narrowing.text.isEmpty ? "\(items.count)" : "\(shown.count)/\(items.count)"
        let heading = title + " (\(count)" + (items.count == Self.pageSize ? "+" : "") + ")"
        let x = 1 + grid.write(heading, row: area.row, column: 1, style: .title)
        narrowing.draw(&grid, row: area.row, column: x + 2, available: area.width - x - 3)
        grid.write(filter.summary(env, statusWord: statusWord), row: area.row + 1, column: 1, style: .accent, limit: area.width - 2)
        if let problem { grid.write(problem, row: area.row + 2, column: 1, style: .error, limit: area.width - 2) }
        ListDrawing.rows(&grid, Rect(row: area.row + 3, column: 1, width: area.width - 2, height: area.height - 3), list) { i, width in
            row(items[shown[i]], width)
        }
        if items.isEmpty { grid.write(empty, row: area.row + 3, column: 1, style: .dim, limit: area.width - 2) }
        else if shown.isEmpty { grid.write(env.lang[.nothingMatchesEscEmptiesTheNarrowing],
                                           row: area.row + 3, column: 1, style: .dim, limit: area.width - 2) }
    }
}
