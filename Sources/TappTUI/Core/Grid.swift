import TappDomain

/// One cell of the screen: the grapheme it shows (empty for the right half of a wide one) and its style.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style
    public static let blank = Cell(text: " ", style: .normal)
}

/// What the screen shows: rows × columns of cells. Screens draw into it; tests read it as text; the terminal backend
/// sends only the cells that differ from the previous grid.
public struct Grid: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public private(set) var cells: [Cell]
    /// Where the text cursor stands, if a field is being edited.
    public var cursor: (row: Int, column: Int)?

    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        cells = Array(repeating: .blank, count: self.rows * self.columns)
    }

    public static func == (a: Grid, b: Grid) -> Bool {
        a.rows == b.rows && a.columns == b.columns && a.cells == b.cells
            && a.cursor?.row == b.cursor?.row && a.cursor?.column == b.cursor?.column
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * columns + column] }
        set { cells[row * columns + column] = newValue }
    }

    /// Writes text from a cell, clipped to the grid and to `limit` columns; returns the columns used.
    /// A wide character that would not fit whole is not drawn.
    @discardableResult
    public mutating func write(_ text: String, row: Int, column: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard row >= 0, row < rows else { return 0 }
        let end = min(columns, column + (limit ?? columns))
        var x = column
        for given in text {
            // A control character never reaches the terminal: tab and line breaks are drawn as a space, any other
            // (ESC, BEL, a C1 control…) as `�`, a whole cell, so a stored escape sequence cannot drive the screen.
            let character: Character = given.unicodeScalars.contains(where: ControlCharacters.isControl)
                ? (given == "\t" || given == "\n" || given == "\r\n" || given == "\r" ? " " : "\u{FFFD}") : given
            let w = TextWidth.of(character)
            if w == 0 {
                if x > column, x - 1 >= 0, x - 1 < columns { self[row, x - 1].text.append(character) }
                continue
            }
            if x + w > end { break }
            if x >= 0 {
                self[row, x] = Cell(text: String(character), style: style)
                if w == 2 { self[row, x + 1] = Cell(text: "", style: style) }
            }
            x += w
        }
        return x - column
    }

    /// Fills a rectangle's cells with a style (and spaces).
    public mutating func fill(_ rect: Rect, style: Style) {
        for r in max(0, rect.row)..<min(rows, rect.row + rect.height) {
            for c in max(0, rect.column)..<min(columns, rect.column + rect.width) {
                self[r, c] = Cell(text: " ", style: style)
            }
        }
    }

    /// The grid as plain text, one line per row, trailing spaces kept so that the layout shows.
    public var text: String {
        (0..<rows).map(line).joined(separator: "\n")
    }

    public func line(_ row: Int) -> String {
        (0..<columns).map { self[row, $0].text }.joined()
    }

    /// The rows whose cells differ from `other` (all of them when the size changed).
    public func changedRows(since other: Grid?) -> [Int] {
        guard let other, other.rows == rows, other.columns == columns else { return Array(0..<rows) }
        return (0..<rows).filter { r in
            let range = (r * columns)..<((r + 1) * columns)
            return cells[range] != other.cells[range]
        }
    }
}

/// A rectangle of cells.
public struct Rect: Equatable, Sendable {
    public var row: Int
    public var column: Int
    public var width: Int
    public var height: Int
    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row
        self.column = column
        self.width = max(0, width)
        self.height = max(0, height)
    }
}
