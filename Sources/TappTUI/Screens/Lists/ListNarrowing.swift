import Foundation

/// A list's `/` narrowing: the text typed, whether it is being typed, its keys, the rows it keeps and how it is drawn.
/// The consultation, intervention and reminder lists share it.
struct ListNarrowing {
    var field = TextField()
    var active = false

    var text: String {
        get { field.text }
        set { field.text = newValue }
    }

    /// What a key did to the narrowing.
    enum Outcome: Equatable {
        /// Not a narrowing key: the list's own keys get it.
        case notMine
        /// `/` started the typing.
        case started
        /// The text changed (typed, corrected or emptied): the rows are narrowed again.
        case edited
        /// The typing ended (Enter, Esc on an empty text, ↑/↓); `passOn`: the list should still act on the key (↑/↓).
        case left(passOn: Bool)
    }

    /// `/` starts it, typed text narrows, Esc empties then leaves it.
    mutating func handle(_ key: Key) -> Outcome {
        guard active else {
            guard key == .char("/") else { return .notMine }
            active = true
            return .started
        }
        switch key {
        case .escape where !field.text.isEmpty:
            field.text = ""
            return .edited
        case .escape, .enter, .down, .up:
            active = false
            return .left(passOn: key == .down || key == .up)
        default:
            return field.edit(key) ? .edited : .notMine
        }
    }

    /// Whether a row's text (folded with `fold`) holds every typed word.
    func keeps(_ folded: String) -> Bool { Self.words(field.text).allSatisfy(folded.contains) }

    /// `/ ` and the field, while typed or while it narrows anything; at most 30 columns of field.
    func draw(_ grid: inout Grid, row: Int, column: Int, available: Int) {
        guard active || !field.text.isEmpty else { return }
        let at = column + grid.write("/ ", row: row, column: column, style: .bold)
        field.draw(&grid, row: row, column: at, width: max(4, min(30, available - (at - column))), focused: active,
                   style: active ? .input : .normal)
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }

    static func words(_ text: String) -> [String] {
        fold(text).split(whereSeparator: { $0 == " " }).map(String.init)
    }
}
