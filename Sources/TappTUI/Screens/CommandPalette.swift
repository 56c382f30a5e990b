import Foundation
import TappDomain

/// Ctrl+P: every screen and action by a few letters of its name, in English or French, whichever the person types
/// (accents ignored). Only what the role may do is offered.
public struct CommandPalette: Screen {
    struct Entry {
        var english: String
        var french: String
        var keys: String
        var action: AppAction
        var needs: Permission?

        init(english: String, french: String, keys: String, action: AppAction, needs: Permission? = nil) {
            (self.english, self.french, self.keys, self.action, self.needs) = (english, french, keys, action, needs)
        }

        /// An entry named by the screens' catalogue, found by its words in either language.
        init(_ text: ScreenKey, keys: String, action: AppAction, needs: Permission? = nil) {
            self.init(english: Lang.en[text], french: Lang.fr[text], keys: keys, action: action, needs: needs)
        }
    }

    var query = TextField()
    var list = ListCursor()
    var matches: [Entry] = []
    let entries: [Entry]

    public init(_ env: Env) {
        var all = Destination.allCases.map { d in
            Entry(english: Lang.en.text(.goTo, d.name(.en)), french: Lang.fr.text(.goTo, d.name(.fr)), keys: d.keys[0].description, action: .go(d))
        }
        all += [
            Entry(.newPatient, keys: "Ctrl+N", action: .newPatient, needs: .registerPatients),
            Entry(.findAPatient, keys: "Ctrl+F", action: .findPatient),
            Entry(.newInterventionBook, keys: "Ctrl+K",
                  action: .newIntervention, needs: .bookInterventions),
            Entry(.findLikelyDuplicates, keys: "", action: .duplicates, needs: .reviewDuplicates),
            Entry(.calendarOfInterventions, keys: "F5 v", action: .go(.interventions)),
            Entry(.lockTheScreen, keys: "F12", action: .lock),
            Entry(.keysOfThisScreenHelp, keys: "F1", action: .help),
            Entry(.quit, keys: "Ctrl+Q", action: .quit),
        ]
        entries = all.filter { $0.needs.map(env.session.can) ?? true }
        filter()
    }

    public func title(_ lang: Lang) -> String { lang[.findAnAction] }
    public func help(_ lang: Lang) -> [HelpLine] {
        [HelpLine([.enter], lang[.doIt], footer: true),
         HelpLine([.up, .down], lang[.choose], footer: true),
         HelpLine([.escape], lang[.close], footer: true)]
    }
    public var isTyping: Bool { true }

    /// Each typed word must begin a word of the English or the French name (accents and case ignored).
    mutating func filter() {
        let typed = Self.words(query.text)
        matches = entries.filter { entry in
            let names = [Self.words(entry.english), Self.words(entry.french)]
            return typed.allSatisfy { word in names.contains { $0.contains { $0.hasPrefix(word) } } }
        }
        list.count = matches.count
        list.reset()
    }

    static func words(_ text: String) -> [String] {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        switch key {
        case .escape: return .pop
        case .enter:
            guard matches.indices.contains(list.selected) else { return .handled }
            return .popAndDo(matches[list.selected].action)
        case .up, .down, .pageUp, .pageDown:
            _ = list.move(key, visible: 12)
            return .handled
        default:
            let before = query.text
            guard query.edit(key) else { return .handled }
            if query.text != before { filter() }
            return .handled
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        let lang = env.lang
        grid.write(title(lang), row: area.row, column: 1, style: .title)
        let x = 1 + grid.write("> ", row: area.row + 2, column: 1, style: .bold)
        query.draw(&grid, row: area.row + 2, column: x, width: min(40, area.width - x - 1), focused: true)
        for (i, entry) in matches.prefix(max(0, area.height - 4)).enumerated() {
            let selected = i == list.selected
            let row = area.row + 4 + i
            grid.fill(Rect(row: row, column: 1, width: area.width - 2, height: 1), style: selected ? .selected : .normal)
            grid.write(TextWidth.pad(lang(entry.english, entry.french), max(10, area.width - 14)) + " " + entry.keys, row: row, column: 1,
                       style: selected ? .selected : .normal, limit: area.width - 2)
        }
        if matches.isEmpty {
            grid.write(lang[.nothingMatches], row: area.row + 4, column: 1, style: .dim)
        }
    }
}
