import TappDomain

/// A one-line text being typed: the text, where the cursor stands, and the usual editing keys.
public struct TextField: Equatable {
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
            guard !c.unicodeScalars.contains(where: ControlCharacters.isControl) else { return true }
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

    /// Draws the field in `width` columns, scrolled so that the cursor shows; returns the cursor's column.
    @discardableResult
    public func draw(_ grid: inout Grid, row: Int, column: Int, width: Int, secret: Bool = false, focused: Bool,
                     style: Style = .input) -> Int {
        guard width > 0 else { return column }
        let shown = secret ? Array(repeating: Character("•"), count: characters.count) : characters
        // Scroll so that the cursor stays inside the field.
        var start = 0
        while TextWidth.of(String(shown[start..<cursor])) > width - 1 { start += 1 }
        grid.fill(Rect(row: row, column: column, width: width, height: 1), style: style)
        grid.write(String(shown[start...]), row: row, column: column, style: style, limit: width)
        let cursorColumn = column + TextWidth.of(String(shown[start..<cursor]))
        if focused { grid.cursor = (row, cursorColumn) }
        return cursorColumn
    }
}
