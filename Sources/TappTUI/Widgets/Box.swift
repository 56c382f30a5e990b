/// A framed rectangle, cleared inside.
public enum Box {
    public static func draw(_ grid: inout Grid, _ rect: Rect, style: Style = .normal) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        grid.fill(rect, style: .normal)
        let inner = rect.width - 2
        grid.write("┌" + String(repeating: "─", count: inner) + "┐", row: rect.row, column: rect.column, style: style)
        for r in 1..<(rect.height - 1) {
            grid.write("│", row: rect.row + r, column: rect.column, style: style)
            grid.write("│", row: rect.row + r, column: rect.column + rect.width - 1, style: style)
        }
        grid.write("└" + String(repeating: "─", count: inner) + "┘", row: rect.row + rect.height - 1, column: rect.column,
                   style: style)
    }
}
