/// A key as the screens see it, whatever terminal delivered it.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    case alt(Character)
    case function(Int)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete

    /// Reads a control byte the way terminals send them: Ctrl+N is 0x0E, Enter 0x0D, Backspace 0x7F or 0x08.
    public static func control(_ scalar: UInt32) -> Key? {
        switch scalar {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return Unicode.Scalar(scalar + 0x60).map { .ctrl(Character($0)) }
        default: return nil
        }
    }

    /// The key as the help screen and the footer write it in this language (`Échap`, `Entrée`, `Suppr` in French).
    public func name(_ lang: Lang) -> String {
        guard lang.isFrench else { return description }
        switch self {
        case .char(" "): return "Espace"
        case .enter: return "Entrée"
        case .escape: return "Échap"
        case .backTab: return "Maj+Tab"
        case .backspace: return "Retour arr."
        case .delete: return "Suppr"
        case .home: return "Début"
        case .end: return "Fin"
        case .pageUp: return "PgPréc"
        case .pageDown: return "PgSuiv"
        default: return description
        }
    }

    /// The key as the help screen writes it.
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl+" + c.uppercased()
        case .alt(let c): "Alt+" + String(c)
        case .function(let n): "F\(n)"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift+Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        }
    }
}
