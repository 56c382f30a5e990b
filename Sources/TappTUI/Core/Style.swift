/// How a cell is drawn. The backend maps each to colours, or to bold/reverse/underline on a monochrome terminal.
/// Raw values match the C shim's TC_STYLE_ constants.
public enum Style: Int32, Sendable, Equatable {
    case normal = 0, bold, dim, reverse, title, selected, error, warning, ok, accent, status, input
}
