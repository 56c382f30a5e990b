import Foundation
import TappDomain
import TappStore

/// The whole application's state: sign-in, the stack of screens, the question being asked, the help, the lock.
/// The runtime feeds it keys and ticks with the time; it answers with effects and renders to a grid.
public struct App {
    public let database: ClinicDatabase
    public let lang: Lang
    public let clinicName: String
    /// Idle time before the screen locks.
    public var idleLimit: TimeInterval
    public private(set) var env: Env?
    public private(set) var screens: [any Screen] = []
    var signIn: SignIn?
    var lock: SignIn?
    var question: (Question, owner: Int?)?
    /// The answer highlighted in the question's box: "no" until the person moves to "yes".
    var questionYes = false
    var showingHelp = false
    var message: String?
    var lastActivity: Date
    var lastDataVersion: Int?
    var queueCount = 0
    /// Where screens draw: all but the tab bar, the footer and the status bar.
    var contentArea = Rect(row: 1, column: 0, width: 80, height: 21)

    public init(database: ClinicDatabase, lang: Lang, session: Session?, now: Date, idleLimit: TimeInterval = 600) {
        self.database = database
        self.lang = lang
        self.idleLimit = idleLimit
        lastActivity = now
        clinicName = (try? database.organizations().first?.name) ?? "TappPlus"
        if let session {
            start(session, now: now)
        } else {
            signIn = SignIn(lang: lang)
        }
    }

    public var isLocked: Bool { lock != nil }
    public var isSignedIn: Bool { env != nil }
    public var top: (any Screen)? { screens.last }

    private mutating func start(_ session: Session, now: Date) {
        let env = Env(database: database, session: session, lang: lang, now: now, clinicName: clinicName)
        self.env = env
        signIn = nil
        screens = [Destination.dashboard.makeScreen(env)]
        screens[0].layout(contentArea, env)
        lastDataVersion = try? database.dataVersion()
        queueCount = ((try? database.changeQueueCounts()) ?? []).waiting
    }

    // MARK: - Keys

    public mutating func handle(_ key: Key, now: Date) -> [Effect] {
        lastActivity = now
        message = nil
        if var form = signIn {
            defer { if env == nil { signIn = form } }
            if key == .ctrl("c") || key == .ctrl("q") { return [.quit] }
            if case .signedIn(let session) = form.handle(key, database: database, lang: lang, now: now) {
                start(session, now: now)
            }
            return []
        }
        guard var env else { return [] }
        env.now = now
        defer { self.env = env }
        if var form = lock {
            if case .signedIn = form.handle(key, database: database, lang: lang, now: now) {
                lock = nil
                reloadTop(env)
                return [.repaint]
            }
            lock = form
            return []
        }
        if let (asked, owner) = question {
            // A question that discards or deletes needs a deliberate answer: "no" is highlighted, ←/→ or Tab move to
            // "yes", Enter answers the highlighted one, Esc is no. Letters typed in flow ("Onana") answer nothing.
            switch key {
            case .left, .right, .tab, .backTab:
                questionYes.toggle()
            case .enter where questionYes:
                question = nil
                questionYes = false
                if let owner, screens.indices.contains(owner) {
                    let outcome = screens[owner].confirmed(asked, &env)
                    return apply(outcome, &env)
                }
                return answerApp(asked, &env)
            case .enter, .escape:
                question = nil
                questionYes = false
            default:
                return [.bell]
            }
            return []
        }
        if showingHelp {
            showingHelp = false
            return []
        }
        if key == .ctrl("l") { return [.repaint] }
        guard !screens.isEmpty else { return [.quit] }
        let outcome = screens[screens.count - 1].handle(key, &env)
        if case .ignored = outcome { return global(key, &env) }
        return apply(outcome, &env)
    }

    private mutating func apply(_ outcome: Outcome, _ env: inout Env) -> [Effect] {
        switch outcome {
        case .handled, .ignored:
            // Most keys (typing, moving) write nothing: the queue count is not read again on the hot path.
            return []
        case .push(let screen):
            screens.append(screen)
            layoutTop(env)
        case .pop:
            pop(env)
        case .popWith(let picked):
            pop(env)
            if !screens.isEmpty { return apply(screens[screens.count - 1].receive(picked, &env), &env) }
        case .replace(let screen):
            screens[screens.count - 1] = screen
            layoutTop(env)
        case .ask(let q):
            question = (q, screens.count - 1)
            questionYes = false
        case .say(let text):
            message = text
        case .popAndSay(let text):
            pop(env)
            message = text
        case .popAndDo(let action):
            pop(env)
            return perform(action, &env)
        }
        refreshQueueCount()
        return []
    }

    private mutating func pop(_ env: Env) {
        if screens.count > 1 { screens.removeLast() }
        reloadTop(env)
    }

    private mutating func layoutTop(_ env: Env) {
        if !screens.isEmpty { screens[screens.count - 1].layout(contentArea, env) }
    }

    /// The terminal's size, at start and after each resize.
    public mutating func resize(rows: Int, columns: Int) {
        contentArea = Rect(row: 1, column: 0, width: columns, height: max(0, rows - 3))
        guard let env else { return }
        for i in screens.indices { screens[i].layout(contentArea, env) }
    }

    private mutating func reloadTop(_ env: Env) {
        if !screens.isEmpty { screens[screens.count - 1].reload(env) }
    }

    private mutating func refreshQueueCount() {
        queueCount = (try? database.changeQueueCounts())?.waiting ?? queueCount
    }

    /// The keys that work on every screen.
    private mutating func global(_ key: Key, _ env: inout Env) -> [Effect] {
        let typing = screens.last?.isTyping ?? false
        if let destination = Destination.allCases.first(where: { $0.keys.contains(key) }) {
            return go(to: destination, &env)
        }
        switch key {
        case .function(1): showingHelp = true
        case .char("?") where !typing: showingHelp = true
        case .ctrl("n"):
            guard env.session.can(.registerPatients) else { return notOffered(&env) }
            return apply(.push(PatientFormScreen(editing: nil, env)), &env)
        case .ctrl("f"):
            var list = PatientListScreen(mode: .browse)
            list.reload(env)
            return apply(.push(list), &env)
        case .ctrl("k"):
            guard env.session.can(.bookInterventions) else { return notOffered(&env) }
            return apply(.push(InterventionFormScreen(editing: nil, patient: nil, env)), &env)
        case .ctrl("p"):
            return apply(.push(CommandPalette(env)), &env)
        case .function(12):
            lockNow()
        case .escape:
            if screens.count > 1 { pop(env) }
        case .char("q") where !typing && screens.count == 1 && !screens.contains(where: \.hasUnsavedChanges):
            return [.quit]
        case .char("q") where !typing && screens.count == 1, .ctrl("c"), .ctrl("q"):
            if screens.contains(where: \.hasUnsavedChanges) {
                question = (Question(lang[.quitWhatYouTypedInThe],
                                     tag: "quit"), nil)
                return []
            }
            return [.quit]
        default:
            return []
        }
        return []
    }

    /// An action of the app's own, as its global key does it.
    private mutating func perform(_ action: AppAction, _ env: inout Env) -> [Effect] {
        switch action {
        case .go(let destination): return go(to: destination, &env)
        case .newPatient: return global(.ctrl("n"), &env)
        case .findPatient: return global(.ctrl("f"), &env)
        case .newIntervention: return global(.ctrl("k"), &env)
        case .lock: return global(.function(12), &env)
        case .help: return global(.function(1), &env)
        case .quit: return global(.ctrl("q"), &env)
        case .duplicates:
            var screen = DuplicatesScreen()
            screen.reload(env)
            return apply(.push(screen), &env)
        }
    }

    /// A key the role cannot use: it is not offered, and pressing it says why.
    private mutating func notOffered(_ env: inout Env) -> [Effect] {
        message = lang.text(.notOfferedToYourRole, "\(lang.word(env.session.role))")
        return []
    }

    private mutating func go(to destination: Destination, _ env: inout Env) -> [Effect] {
        if screens.contains(where: \.hasUnsavedChanges) {
            question = (Question(lang[.closeTheFormWhatYouTyped],
                                 tag: "go:\(Destination.allCases.firstIndex(of: destination) ?? 0)"), nil)
            return []
        }
        screens = [destination.makeScreen(env)]
        layoutTop(env)
        return []
    }

    private mutating func answerApp(_ asked: Question, _ env: inout Env) -> [Effect] {
        if asked.tag == "quit" { return [.quit] }
        if asked.tag.hasPrefix("go:"), let i = Int(asked.tag.dropFirst(3)) {
            screens = [Destination.allCases[i].makeScreen(env)]
            layoutTop(env)
        }
        return []
    }

    // MARK: - Time

    /// Called a few times a second without a key: locks an idle screen and reloads what another process changed.
    public mutating func tick(now: Date) -> [Effect] {
        guard var env else { return [] }
        env.now = now
        defer { self.env = env }
        if lock == nil, idleLimit > 0, now.timeIntervalSince(lastActivity) >= idleLimit {
            lockNow()
            return [.repaint]
        }
        guard lock == nil, let version = try? database.dataVersion() else { return [] }
        if version != lastDataVersion {
            lastDataVersion = version
            reloadTop(env)
            refreshQueueCount()
        }
        return []
    }

    /// Locks the screen: patient data is hidden until the same user types their password; open forms are kept.
    public mutating func lockNow() {
        guard let env, lock == nil else { return }
        lock = SignIn(lang: lang, lockedTo: env.session.email)
        showingHelp = false
    }
}
