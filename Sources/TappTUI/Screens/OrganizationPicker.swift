import TappDomain
import TappStore

/// Picks one organization from a list (to link a patient to it): ↑/↓ and Enter, Esc to leave without one.
public struct OrganizationPicker: Screen {
    let choices: [Organization]
    var list = ListCursor()

    public init(_ choices: [Organization]) {
        self.choices = choices
        list.count = choices.count
    }

    public func title(_ lang: Lang) -> String { lang[.linkToAnOrganization] }
    public func help(_ lang: Lang) -> [HelpLine] {
        [HelpLine([.enter], lang[.linkToThisOne], footer: true),
         HelpLine([.up, .down], lang[.choose], footer: true),
         HelpLine([.escape], lang[.backWithoutLinking], footer: true)]
    }

    public mutating func handle(_ key: Key, _ env: inout Env) -> Outcome {
        if list.move(key, visible: 15) { return .handled }
        switch key {
        case .enter:
            guard choices.indices.contains(list.selected) else { return .handled }
            let o = choices[list.selected]
            return .popWith(.organization(id: o.id, name: o.name))
        default:
            return .ignored
        }
    }

    public func draw(_ grid: inout Grid, _ area: Rect, _ env: Env) {
        grid.write(title(env.lang), row: area.row, column: 1, style: .title)
        for (i, o) in choices.enumerated() where i < area.height - 2 {
            let selected = i == list.selected
            grid.fill(Rect(row: area.row + 2 + i, column: 1, width: area.width - 2, height: 1), style: selected ? .selected : .normal)
            grid.write(o.name, row: area.row + 2 + i, column: 1, style: selected ? .selected : .normal, limit: area.width - 2)
        }
    }
}
