import TappDomain
import TappStore

/// One screen of the application: its state, how a key changes it, and how it is drawn.
///
/// `handle` is the update step (state + key → new state + an outcome the app acts on); `draw` renders the state into
/// a grid. Screens read and write the clinic through `Env.database`; they never touch the terminal.
public protocol Screen {
    /// The title bar's name for it.
    func title(_ lang: Lang) -> String
    /// Its keys, for the footer and the help screen: the same table `handle` acts on.
    func help(_ lang: Lang) -> [HelpLine]
    mutating func handle(_ key: Key, _ env: inout Env) -> Outcome
    func draw(_ grid: inout Grid, _ area: Rect, _ env: Env)
    /// Reads its data again (on showing, and when another process changed the database).
    mutating func reload(_ env: Env)
    /// The area it will be drawn in (at start and after a resize), for lists to read as many rows as show.
    mutating func layout(_ area: Rect, _ env: Env)
    /// A value picked on a screen pushed from this one (a patient, the reminder rules…).
    mutating func receive(_ picked: Picked, _ env: inout Env) -> Outcome
    /// After "yes" to a question this screen asked.
    mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome
    /// Typed text that would be lost by leaving.
    var hasUnsavedChanges: Bool { get }
    /// Printable keys are being typed into a field (so `q`, `?` and `/` are text, not commands).
    var isTyping: Bool { get }
}

extension Screen {
    public mutating func reload(_ env: Env) {}
    public mutating func layout(_ area: Rect, _ env: Env) {}
    public mutating func receive(_ picked: Picked, _ env: inout Env) -> Outcome { .handled }
    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome { .handled }
    public var hasUnsavedChanges: Bool { false }
    public var isTyping: Bool { false }
}

/// What the app does after a screen handled a key.
public enum Outcome {
    case handled
    /// Not a key of this screen: the app's own keys get it.
    case ignored
    case push(any Screen)
    case pop
    /// Back to the screen below, giving it a value.
    case popWith(Picked)
    case replace(any Screen)
    /// A yes/no question; "yes" calls `confirmed` on the screen that asked.
    case ask(Question)
    /// A line in the footer.
    case say(String)
    case popAndSay(String)
    /// Closes this screen and does one of the app's own actions (from the command palette).
    case popAndDo(AppAction)
}

/// What the app itself does, whatever the screen: the global keys, as the command palette offers them.
public enum AppAction: Equatable, Sendable {
    case go(Destination)
    case newPatient, findPatient, newIntervention, lock, help, quit, duplicates
}

/// A question a screen asks before doing something that cannot be taken back.
public struct Question: Equatable {
    public var text: String
    /// Which of the screen's questions this is.
    public var tag: String
    public init(_ text: String, tag: String) {
        self.text = text
        self.tag = tag
    }
}

/// What a picker gives back.
public enum Picked {
    case patient(id: String, name: String)
    case rules([ReminderRuleSpec])
    case dateRange(from: CalendarDate, to: CalendarDate)
    case organization(id: String, name: String)
}

/// One line of help: the keys and what they do.
public struct HelpLine: Equatable {
    public var keys: [Key]
    public var text: String
    /// Shown in the footer (the most used keys), not only on the help screen.
    public var inFooter: Bool
    /// What the role must be allowed for the key to be offered at all (footer and help).
    public var needs: Permission?
    public init(_ keys: [Key], _ text: String, footer: Bool = false, needs: Permission? = nil) {
        self.keys = keys
        self.text = text
        inFooter = footer
        self.needs = needs
    }

    /// Offered to this person: keys a role cannot use are not shown.
    public func isOffered(to session: Session) -> Bool { needs.map(session.can) ?? true }
}

/// A screen's key table: keys, the action they trigger, the help text. `handle` looks keys up here and the help
/// screen lists the same table, so they cannot disagree.
public struct KeyTable<Action: Sendable>: Sendable {
    public struct Entry: Sendable {
        public var keys: [Key]
        public var action: Action
        public var text: ScreenKey
        public var footer: Bool
        public var needs: Permission?
    }
    public var entries: [Entry] = []

    public init() {}

    public mutating func add(_ keys: [Key], _ action: Action, _ text: ScreenKey, footer: Bool = false, needs: Permission? = nil) {
        entries.append(Entry(keys: keys, action: action, text: text, footer: footer, needs: needs))
    }

    public func action(for key: Key) -> Action? { entries.first { $0.keys.contains(key) }?.action }

    /// The action of a key this person may use: a key whose permission the role lacks does nothing, as it is not offered.
    public func action(for key: Key, _ session: Session) -> Action? {
        guard let entry = entries.first(where: { $0.keys.contains(key) }) else { return nil }
        return entry.needs.map(session.can) ?? true ? entry.action : nil
    }

    public func help(_ lang: Lang) -> [HelpLine] {
        entries.map { HelpLine($0.keys, lang[$0.text], footer: $0.footer, needs: $0.needs) }
    }
}
