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
    static var pageSize: Int { 500 }

    init(period: ListFilter.Period, today: CalendarDate) { filter = ListFilter(period: period, today: today) }

    /// Reads the rows the filter selects (at most `pageSize`), and their patients' names.
    mutating func reload(_ env: Env, read: (ListFilter, Env) throws -> [Item], patientId: (Item) -> String) {
        do {
            doctors = try env.database.doctors()
            items = try read(filter, env)
            names = try env.database.patientNames(items.map(patientId))
            list.count = items.count
            list.clamp(visible: visible)
            problem = nil
        } catch {
            items = []
            list.count = 0
            problem = env.explain(error)
        }
    }

    mutating func layout(_ area: Rect) {
        visible = max(1, area.height - 3)
        list.clamp(visible: visible)
    }

    var selected: Item? { items[safe: list.selected] }

    /// A filter key: the screen to push (the patient picker, the range form), or nil once the filter changed and the
    /// caller should read again.
    mutating func apply(_ action: ListFilter.Action, statuses: [String], _ env: Env) -> (any Screen)? {
        let screen = filter.apply(action, today: env.today, doctors: doctors, statuses: statuses, env: env)
        if screen == nil { list.reset() }
        return screen
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
        grid.write(title + " (\(items.count)" + (items.count == Self.pageSize ? "+" : "") + ")", row: area.row, column: 1, style: .title)
        grid.write(filter.summary(env, statusWord: statusWord), row: area.row + 1, column: 1, style: .accent, limit: area.width - 2)
        if let problem { grid.write(problem, row: area.row + 2, column: 1, style: .error, limit: area.width - 2) }
        ListDrawing.rows(&grid, Rect(row: area.row + 3, column: 1, width: area.width - 2, height: area.height - 3), list) { i, width in
            row(items[i], width)
        }
        if items.isEmpty { grid.write(empty, row: area.row + 3, column: 1, style: .dim, limit: area.width - 2) }
    }
}
