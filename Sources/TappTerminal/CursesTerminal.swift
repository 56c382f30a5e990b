import CTappCurses
import TappDomain
import TappTUI

/// The ncurses backend: draws grids (only the cells that changed since the last one) and reads keys.
/// Every ncurses call goes through the C shim, so Swift never touches its global state.
public final class CursesTerminal {
    private var previous: Grid?
    private var pending: Key?
    /// An ESC read while reading another ESC's sequence: it starts the next one.
    private var pendingEscape = false
    public private(set) var colour = false

    /// Enters full-screen mode. Colours unless `monochrome` (NO_COLOR, TERM=vt100) or the terminal has none.
    public init(monochrome: Bool) {
        colour = tc_start(monochrome ? 0 : 1) == 1
    }

    /// Leaves full-screen mode and gives the terminal back as it was.
    public func stop() { tc_stop() }

    public var size: (rows: Int, columns: Int) {
        var rows: Int32 = 0, columns: Int32 = 0
        tc_size(&rows, &columns)
        return (Int(rows), Int(columns))
    }

    /// Forgets what is on screen so that the next draw sends every cell (after a resize or Ctrl+L).
    public func invalidate() {
        previous = nil
        tc_invalidate()
    }

    /// Sends the cells that differ from the previous grid, then moves or hides the cursor.
    public func draw(_ grid: Grid) {
        let old = previous
        for row in grid.changedRows(since: old) {
            for column in 0..<grid.columns {
                let cell = grid[row, column]
                if let old, old.rows == grid.rows, old.columns == grid.columns, old[row, column] == cell { continue }
                // The right half of a wide character is drawn with it.
                if cell.text.isEmpty { continue }
                var scalars = cell.text.unicodeScalars.map(\.value)
                tc_put(Int32(row), Int32(column), &scalars, Int32(scalars.count), cell.style.rawValue)
            }
        }
        if let cursor = grid.cursor {
            tc_cursor(Int32(cursor.row), Int32(cursor.column), 1)
        } else {
            tc_cursor(0, 0, 0)
        }
        tc_flush()
        previous = grid
    }

    public enum Input: Equatable { case key(Key), resize, none }

    /// Waits up to `milliseconds` for a key. An escape sequence ncurses did not know (`TERM=vt100` has no F5–F12,
    /// PgDn or Home), a terminal string (OSC, DCS…) or a C1 introducer (U+009B) is read by `EscapeSequence`: a key, or
    /// dropped whole, never typed into a field.
    public func read(milliseconds: Int) -> Input {
        if let key = pending {
            pending = nil
            return .key(key)
        }
        if pendingEscape {
            pendingEscape = false
            return escapeSequence(after: []).map { .key($0) } ?? .none
        }
        var code: UInt32 = 0
        switch Int32(tc_read_key(Int32(milliseconds), &code)) {
        case Int32(TC_CHAR.rawValue):
            if code == 0x1B { return escapeSequence(after: []).map { .key($0) } ?? .none }
            if let introducer = EscapeSequence.c1Introducer(code) {
                return escapeSequence(after: [introducer]).map { .key($0) } ?? .none
            }
            if let key = Key.control(code) { return .key(key) }
            guard let scalar = Unicode.Scalar(code), !ControlCharacters.isControl(scalar) else { return .none }
            return .key(.char(Character(scalar)))
        case Int32(TC_SPECIAL.rawValue):
            return Self.special(Int(code))
        default:
            return .none
        }
    }

    /// The key an ESC starts: the sequence's characters (controls included, for a string's BEL or ST) are read, each
    /// within a short wait (over SSH they may come apart), until `EscapeSequence` knows them; a lone ESC is the Escape
    /// key, and ESC ESC is Escape then a new sequence.
    private func escapeSequence(after start: [Character]) -> Key? {
        var after = start
        for _ in 0..<4096 {
            var code: UInt32 = 0
            let got = Int32(tc_read_key(after.isEmpty ? 0 : 30, &code))
            if got == Int32(TC_SPECIAL.rawValue) {
                // A key ncurses decoded itself cannot be part of a sequence: keep it for next time.
                if case .key(let key) = Self.special(Int(code)) { pending = key }
                return after.isEmpty ? .escape : EscapeSequence.read(after).key
            }
            guard got == Int32(TC_CHAR.rawValue), let scalar = Unicode.Scalar(code) else {
                return after.isEmpty ? .escape : EscapeSequence.read(after).key
            }
            if after.isEmpty, code == 0x1B {
                pendingEscape = true
                return .escape
            }
            after.append(Character(scalar))
            switch EscapeSequence.read(after) {
            case .key(let key, _): return key
            case .unknown: return nil
            case .incomplete: continue
            }
        }
        return nil
    }

    private static func special(_ code: Int) -> Input {
        switch code {
        case Int(TC_KEY_UP): .key(.up)
        case Int(TC_KEY_DOWN): .key(.down)
        case Int(TC_KEY_LEFT): .key(.left)
        case Int(TC_KEY_RIGHT): .key(.right)
        case Int(TC_KEY_HOME): .key(.home)
        case Int(TC_KEY_END): .key(.end)
        case Int(TC_KEY_PAGE_UP): .key(.pageUp)
        case Int(TC_KEY_PAGE_DOWN): .key(.pageDown)
        case Int(TC_KEY_BACKSPACE): .key(.backspace)
        case Int(TC_KEY_DELETE): .key(.delete)
        case Int(TC_KEY_ENTER): .key(.enter)
        case Int(TC_KEY_BACK_TAB): .key(.backTab)
        case Int(TC_KEY_RESIZE): .resize
        case Int(TC_KEY_F0) + 1...Int(TC_KEY_F0) + 12: .key(.function(code - Int(TC_KEY_F0)))
        default: .none
        }
    }
}
