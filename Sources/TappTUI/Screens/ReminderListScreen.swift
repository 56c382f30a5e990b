import Foundation
import TappDomain
import TappStore

/// Reminders by state (due now, pending, sent, failed, cancelled, confirmed), each with the text the patient gets;
/// a failed one can be retried, a sent one marked confirmed.
public struct ReminderListScreen: Screen {
    public enum Tab: CaseIterable, Sendable { case due, pending, sent, failed, cancelled, confirmed }
    enum Action { case tab(Tab), nextTab, previousTab, retry, confirm, narrow }
    var tab: Tab = .due
    /// The tab's reminders, and those the `/` narrowing keeps (what shows).
    var all: [ReminderListing] = []
    var items: [ReminderListing] = []
    var narrowing = ListNarrowing()
    var preview: OutgoingReminder?
    var list = ListCursor()
    var problem: String?
    var visible = 10

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        let names: [(Tab, ScreenKey)] = [(.due, .dueNow), (.pending, .pending),
                                              (.sent, .sent), (.failed, .failed),
                                              (.cancelled, .cancelled), (.confirmed, .confirmed)]
        for (i, (tab, text)) in names.enumerated() { t.add([.char(Character(String(i + 1)))], .tab(tab), text) }
        t.add([.right, .tab], .nextTab, .nextTab, footer: true)
        t.add([.left, .backTab], .previousTab, .previousTab)
        t.add([.char("r")], .retry, .retryAFailedReminder, footer: true, needs: .handleReminders)
        t.add([.char("c")], .confirm, .markConfirmedByThePatient, footer: true, needs: .handleReminders)
        t.add([.char("/")], .narrow, .narrowTheListByTyping)
        return t
    }()

    public init() {}

    public init(_ env: Env) { narrowing.text = env.kept.texts["reminders"] ?? "" }

    public var isTyping: Bool { narrowing.active }

    /// Keeps the reminders whose patient, type, channel, status or time holds every typed word.
    mutating func applyNarrowing(_ env: Env) {
        items = narrowing.text.isEmpty ? all : all.filter { r in
            narrowing.keeps(ListNarrowing.fold([r.patientName, env.lang.title(r.interventionTitle), r.interventionTitle,
                                                r.reminder.channel.rawValue, env.lang.word(r.reminder.status),
                                                env.clock.dateTime(r.reminder.plannedSendAt)].joined(separator: " ")))
        }
        list.count = items.count
        list.clamp(visible: visible)
    }

    public func title(_ lang: Lang) -> String { lang[.reminders] }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) }

    func name(_ tab: Tab, _ lang: Lang) -> String {
        switch tab {
        case .due: lang[.dueNow]
        case .pending: lang[.pending]
        case .sent: lang[.sent]
        case .failed: lang[.failed]
        case .cancelled: lang[.cancelled]
        case .confirmed: lang[.confirmed]
        }
    }

    public mutating func reload(_ env: Env) {
        do {
            let status: ReminderStatus? = switch tab {
            case .due: nil
            case .pending: .pending
            case .sent: .sent
            case .failed: .failed
            case .cancelled: .cancelled
            case .confirmed: .confirmed
            }
            all = try env.database.reminderListings(status: status, dueAt: tab == .due ? env.now : nil, by: env.session)
            applyNarrowing(env)
            loadPreview(env)
            problem = nil
        } catch {
            all = []
            items = []
            list.count = 0
            preview = nil
            problem = env.explain(error)
        }
    }

    private mutating func loadPreview(_ env: Env) {
        preview = items[safe: list.selected].flatMap {
            try? env.database.reminderPreview(id: $0.reminder.id, french: env.lang.isFrench, by: env.session)
        }
    }

    public mutating func layout(_ area: Rect, _ env: Env) {
        visible = max(1, area.height - 8)
        list.clamp(visible: visible)
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        defer { env.kept.texts["reminders"] = narrowing.text }
        switch narrowing.handle(key) {
        case .notMine where narrowing.active: return .ignored
        case .notMine: break
        case .started: return .handled
        case .edited, .left:
            list.reset()
            applyNarrowing(env)
            loadPreview(env)
            return .handled
        }
        if list.move(key, visible: visible) {
            loadPreview(env)
            return .handled
        }
        let tabs = Tab.allCases
        switch Self.keys.action(for: key, env.session) {
        case .tab(let t): tab = t
        case .nextTab: tab = tabs[((tabs.firstIndex(of: tab) ?? 0) + 1) % tabs.count]
        case .previousTab: tab = tabs[((tabs.firstIndex(of: tab) ?? 0) + tabs.count - 1) % tabs.count]
        case .retry:
            guard let item = items[safe: list.selected] else { return .handled }
            guard item.reminder.status == .failed else {
                return .say(env.lang[.onlyAFailedReminderCanBe])
            }
            return act(env) { try env.database.retryReminder(id: item.reminder.id, by: env.session, now: env.now) }
                ?? .say(env.lang[.theReminderWillBeSentAgain])
        case .confirm:
            guard let item = items[safe: list.selected] else { return .handled }
            return act(env) { try env.database.confirmReminder(id: item.reminder.id, by: env.session, now: env.now) }
                ?? .say(env.lang[.markedConfirmed])
        case .narrow, nil:
            return .ignored
        }
        list.reset()
        reload(env)
        return .handled
    }

    /// Runs a change and reloads; the refusal's reason when there is one.
    private mutating func act(_ env: Env, _ change: () throws -> Reminder) -> Outcome? {
        do {
            _ = try change()
            reload(env)
            return nil
        } catch {
            reload(env)
            return .say(env.explain(error))
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang, clock = env.clock
        var x = 1
        for (i, t) in Tab.allCases.enumerated() {
            let label = " \(i + 1) \(name(t, lang)) "
            x += grid.write(label, row: area.row, column: x, style: t == tab ? .selected : .dim)
            if x >= area.width { break }
        }
        if let problem { grid.write(problem, row: area.row + 1, column: 1, style: .error, limit: area.width - 2) }
        else { narrowing.draw(&grid, row: area.row + 1, column: 1, available: area.width - 2) }
        let listHeight = max(1, area.height - 8)
        ListDrawing.rows(&grid, Rect(row: area.row + 2, column: 1, width: area.width - 2, height: listHeight), list) { i, width in
            let r = items[i]
            let when = clock.dateTime(r.reminder.plannedSendAt)
            let text = "\(when) \(TextWidth.pad(r.reminder.channel.rawValue, 5)) \(TextWidth.pad(lang.word(r.reminder.status), 10)) "
                + TextWidth.pad(r.patientName, 22) + " " + lang.title(r.interventionTitle)
            return (text, r.reminder.status == .failed ? .error : .normal)
        }
        if items.isEmpty {
            grid.write(lang[.noReminderHere], row: area.row + 2, column: 1, style: .dim)
        }
        let pane = area.row + 2 + listHeight
        guard let p = preview, pane < area.row + area.height else { return }
        grid.write(String(repeating: "─", count: area.width - 2), row: pane, column: 1, style: .dim)
        var lines: [(String, Style)] = []
        lines.append(((lang[.to] + (p.recipient.map { PhoneNumber.grouped($0) } ?? "—")) + (p.reminder.attempts > 0 ? lang[.attempts]
                       + "\(p.reminder.attempts)" : ""), .bold))
        if let why = p.problem { lines.append(("⚠ " + why, .warning)) }
        if let error = p.reminder.lastError { lines.append(("✗ " + error, .error)) }
        for line in Wrap.lines(p.text, width: area.width - 4) { lines.append(("  " + line, .normal)) }
        for (i, line) in lines.prefix(area.row + area.height - pane - 1).enumerated() {
            grid.write(line.0, row: pane + 1 + i, column: 1, style: line.1, limit: area.width - 2)
        }
    }
}
