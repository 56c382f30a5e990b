import TappDomain

/// A one-line text being typed: the text, where the cursor stands, and the usual editing keys.
public struct TextField: Equatable {
    /// The most a field holds: a paste of a whole document stops here instead of being typed on for minutes.
    public static let longest = 2_000
    public private(set) var characters: [Character]
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            cursor = characters.count
        }
    }

    /// Applies an editing key; false when the key is not one (the caller may use it).
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            // A control character (a stray escape sequence's byte, a pasted BEL) is never typed into a field.
            guard !c.unicodeScalars.contains(where: ControlCharacters.isControl), characters.count < Self.longest else { return true }
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        return true
    }

    /// Draws the field in `width` columns: a focused field scrolled so that the cursor shows, another from its start;
    /// `…` marks a side that is cut. Returns the cursor's column. Linear in what shows, whatever the text's length.
    @discardableResult
    public func draw(_ grid: inout Grid, row: Int, column: Int, width: Int, secret: Bool = false, focused: Bool,
                     style: Style = .input) -> Int {
        guard width > 0 else { return column }
        func glyph(_ i: Int) -> Character { secret ? "•" : characters[i] }
        // The first character shown: the start, or (focused) as far left of the cursor as the width allows.
        var start = 0
        if focused {
            var used = 0
            start = cursor
            while start > 0 {
                let w = TextWidth.of(glyph(start - 1))
                if used + w > width - 1 { break }
                used += w
                start -= 1
            }
        }
        var shown = "", used = 0, end = start
        if start > 0 { shown = "…"; used = 1 }
        while end < characters.count {
            let w = TextWidth.of(glyph(end))
            if used + w > width { break }
            shown.append(glyph(end))
            used += w
            end += 1
        }
        if end < characters.count, !shown.isEmpty, !(focused && cursor == end) {
            shown.removeLast()
            shown.append("…")
        }
        grid.fill(Rect(row: row, column: column, width: width, height: 1), style: style)
        grid.write(shown, row: row, column: column, style: style, limit: width)
        var cursorColumn = column + (start > 0 ? 1 : 0)
        for i in start..<min(cursor, characters.count) { cursorColumn += TextWidth.of(glyph(i)) }
        if focused { grid.cursor = (row, min(cursorColumn, column + width - 1)) }
        return cursorColumn
    }
}
