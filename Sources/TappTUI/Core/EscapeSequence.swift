/// Reads the escape sequences common terminals send for their keys (xterm, vt100/vt220, the Linux console,
/// screen/tmux, PuTTY, rxvt), whatever `TERM` says: with `TERM=vt100` ncurses knows no F5–F12, PgDn or Home and hands
/// their bytes over as they come, which must never end up typed into a field.
///
/// Fed the characters that followed an ESC, it answers a key, "more please", or "a sequence I do not know" (dropped
/// whole, never inserted as text).
public enum EscapeSequence {
    public enum Reading: Equatable {
        /// The bytes so far make this key; `consumed` characters after the ESC were used.
        case key(Key, consumed: Int)
        /// A sequence is under way: wait (briefly) for its next character.
        case incomplete
        /// A complete sequence no table knows: drop its `consumed` characters.
        case unknown(consumed: Int)

        /// The key read, if the sequence made one.
        public var key: Key? {
            if case .key(let key, _) = self { return key }
            return nil
        }
    }

    /// The longest sequence read; past it, what came is dropped as unknown (a string sequence may be longer: up to 4 KiB).
    public static let longest = 16

    /// The C1 control that stands for `ESC` and a character (U+009B is `ESC [`), if `scalar` is one that starts a
    /// sequence.
    public static func c1Introducer(_ scalar: UInt32) -> Character? {
        switch scalar {
        case 0x9B: "["
        case 0x9D: "]"
        case 0x90: "P"
        case 0x9F: "_"
        case 0x9E: "^"
        case 0x98: "X"
        case 0x8F: "O"
        default: nil
        }
    }

    /// `after` holds the characters that came after ESC (ESC itself excluded).
    public static func read(_ after: [Character]) -> Reading {
        guard let first = after.first else { return .incomplete }
        switch first {
        case "[":
            return csi(Array(after.dropFirst()))
        case "]", "P", "_", "^", "X":
            // OSC, DCS, APC, PM, SOS: a string that ends with BEL or ST (ESC \). Pasted or answered by the terminal, it
            // is dropped whole: its body (`0;title`) is never typed.
            for (i, c) in after.enumerated().dropFirst() {
                if c == "\u{07}" { return .unknown(consumed: i + 1) }
                if c == "\\", after[i - 1] == "\u{1B}" { return .unknown(consumed: i + 1) }
            }
            return after.count > 4096 ? .unknown(consumed: after.count) : .incomplete
        case "O":
            guard after.count >= 2 else { return .incomplete }
            // SS3: vt100 keypad in application mode, xterm's F1–F4, some terminals' arrows and Home/End; with a
            // modifier digit first on some (`ESC O 5 P`).
            var i = 1
            while i < after.count, (after[i].isASCII && after[i].isNumber) || after[i] == ";" { i += 1 }
            guard i < after.count else { return after.count > longest ? .unknown(consumed: after.count) : .incomplete }
            let key: Key? = switch after[i] {
            case "A": .up
            case "B": .down
            case "C": .right
            case "D": .left
            case "H": .home
            case "F": .end
            case "P": .function(1)
            case "Q": .function(2)
            case "R": .function(3)
            case "S": .function(4)
            case "M": .enter
            default: nil
            }
            return key.map { .key($0, consumed: i + 1) } ?? .unknown(consumed: i + 1)
        default:
            // ESC then a character at once is Alt+character (Meta sends it so).
            if let scalar = first.unicodeScalars.first, scalar.value < 0x20 || scalar.value == 0x7F {
                return .unknown(consumed: 1)
            }
            return .key(.alt(first), consumed: 1)
        }
    }

    /// `ESC [` parameters, then a final character in `@`…`~`.
    static func csi(_ body: [Character]) -> Reading {
        // The Linux console's F1–F5: `ESC [ [ A` … `ESC [ [ E`.
        if body.first == "[" {
            guard body.count >= 2 else { return .incomplete }
            let key: Key? = switch body[1] {
            case "A": .function(1)
            case "B": .function(2)
            case "C": .function(3)
            case "D": .function(4)
            case "E": .function(5)
            default: nil
            }
            return key.map { .key($0, consumed: 3) } ?? .unknown(consumed: 3)
        }
        var i = 0
        while i < body.count, let v = body[i].asciiValue, (0x20...0x3F).contains(v) { i += 1 }
        guard i < body.count else { return body.count + 1 > longest ? .unknown(consumed: body.count + 1) : .incomplete }
        let consumed = i + 2
        guard let final = body[i].asciiValue, (0x40...0x7E).contains(final) else { return .unknown(consumed: consumed) }
        let parameters = String(body[0..<i])
        // The first number; a modifier (`1;5A` for Ctrl+↑) is read as the plain key.
        let number = Int(parameters.split(separator: ";").first ?? "")
        let key: Key?
        switch Character(Unicode.Scalar(final)) {
        case "A": key = .up
        case "B": key = .down
        case "C": key = .right
        case "D": key = .left
        case "H": key = .home
        case "F": key = .end
        case "Z": key = .backTab
        case "~": key = number.flatMap(tilde)
        default: key = nil
        }
        return key.map { .key($0, consumed: consumed) } ?? .unknown(consumed: consumed)
    }

    /// `ESC [ n ~`: vt220 and xterm's editing keys and F-keys (rxvt's F1–F4 are 11–14, as xterm's older ones).
    static func tilde(_ n: Int) -> Key? {
        switch n {
        case 1, 7: .home
        case 4, 8: .end
        case 3: .delete
        case 5: .pageUp
        case 6: .pageDown
        case 11...15: .function(n - 10)
        case 17...21: .function(n - 11)
        case 23, 24: .function(n - 12)
        default: nil
        }
    }
}
