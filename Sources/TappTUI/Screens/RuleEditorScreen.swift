import TappDomain

/// The reminder rules of an intervention: presets J-7, J-3, J-1, H-2, custom offsets, a channel per rule.
public struct RuleEditorScreen: Screen {
    enum Action { case preset(Int), add, channel, toggle, remove, done }
    var rules: [ReminderRuleSpec]
    let original: [ReminderRuleSpec]
    let isNew: Bool
    var list = ListCursor()
    /// The custom offset being typed, when adding one.
    var custom: TextField?
    var problem: String?

    static let presets = [-7 * 1440, -3 * 1440, -1440, -120]

    static let keys: KeyTable<Action> = {
        var t = KeyTable<Action>()
        t.add([.char("1")], .preset(0), .addOrRemoveJ7A, footer: true)
        t.add([.char("2")], .preset(1), .addOrRemoveJ3, footer: true)
        t.add([.char("3")], .preset(2), .addOrRemoveJ1, footer: true)
        t.add([.char("4")], .preset(3), .addOrRemoveH2, footer: true)
        t.add([.char("a")], .add, .addACustomOffsetJ2, footer: true)
        t.add([.char("c")], .channel, .changeTheChannelSmsEmailPush, footer: true)
        t.add([.char(" ")], .toggle, .turnTheRuleOnOrOff, footer: true)
        t.add([.delete, .char("x")], .remove, .removeTheRule, footer: true)
        t.add([.enter, .ctrl("s"), .function(10)], .done, .keepTheseRules, footer: true)
        return t
    }()

    public init(rules: [ReminderRuleSpec], isNew: Bool) {
        self.rules = rules
        original = rules
        self.isNew = isNew
        list.count = rules.count
    }

    public func title(_ lang: Lang) -> String { lang[.reminderRules] }
    public func help(_ lang: Lang) -> [HelpLine] { Self.keys.help(lang) + [HelpLine([.escape], lang[.backWithoutChange])] }
    public var isTyping: Bool { custom != nil }
    public var hasUnsavedChanges: Bool { rules != original }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        if var field = custom {
            switch key {
            case .escape: custom = nil
            case .enter:
                do {
                    add(try ReminderRuleSpec.parse(field.text))
                    custom = nil
                    problem = nil
                } catch {
                    problem = error.text(french: env.lang.isFrench)
                }
            default:
                guard field.edit(key) else { return .ignored }
                custom = field
            }
            return .handled
        }
        if list.move(key, visible: 10) { return .handled }
        switch Self.keys.action(for: key) {
        case .preset(let n):
            let offset = Self.presets[n]
            if let i = rules.firstIndex(where: { $0.offsetMinutes == offset }) { rules.remove(at: i) }
            else { add(ReminderRuleSpec(offset: ReminderOffset(clamping: offset), channel: .sms)) }
        case .add: custom = TextField()
        case .channel:
            guard rules.indices.contains(list.selected) else { break }
            let all = ReminderChannel.allCases
            let i = all.firstIndex(of: rules[list.selected].channel) ?? 0
            rules[list.selected].channel = all[(i + 1) % all.count]
        case .toggle:
            if rules.indices.contains(list.selected) { rules[list.selected].enabled.toggle() }
        case .remove:
            if rules.indices.contains(list.selected) { rules.remove(at: list.selected) }
        case .done:
            return .popWith(.rules(rules))
        case nil:
            if key == .escape {
                guard hasUnsavedChanges else { return .pop }
                return .ask(Question(env.lang[.forgetTheRuleChanges], tag: "leave"))
            }
            return .ignored
        }
        list.count = rules.count
        list.clamp(visible: 10)
        return .handled
    }

    public mutating func confirmed(_ question: Question, _ env: inout Env) -> Outcome { .pop }

    private mutating func add(_ rule: ReminderRuleSpec) {
        guard !rules.contains(where: { $0.offsetMinutes == rule.offsetMinutes && $0.channel == rule.channel }) else { return }
        rules.append(rule)
        rules.sort { $0.offsetMinutes < $1.offsetMinutes }
        list.count = rules.count
        list.selected = rules.firstIndex(of: rule) ?? 0
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        grid.write(title(lang), row: area.row, column: 1, style: .title)
        if rules.isEmpty {
            grid.write(isNew ? lang[.noRuleTheServerSDefaults]
                             : lang[.noRuleNoReminderWillBe],
                       row: area.row + 2, column: 1, style: .dim, limit: area.width - 2)
        }
        ListDrawing.rows(&grid, Rect(row: area.row + 2, column: 3, width: min(40, area.width - 4), height: min(10, area.height - 6)),
                         list) { i, _ in (lang.word(rules[i]), rules[i].enabled ? .normal : .dim) }
        let bottom = area.row + min(13, area.height - 3)
        if let custom {
            let label = lang[.offset]
            let x = 1 + grid.write(label, row: bottom, column: 1, style: .bold)
            custom.draw(&grid, row: bottom, column: x, width: 20, focused: true)
            grid.write(lang[.j2H690Or], row: bottom, column: x + 20, style: .dim)
        }
        if let problem { grid.write("✗ " + problem, row: bottom + 1, column: 1, style: .error, limit: area.width - 2) }
    }
}
