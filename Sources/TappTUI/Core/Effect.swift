/// What the app asks of the terminal after a key or a tick.
public enum Effect: Equatable {
    case quit
    case bell
    /// Repaint everything (after Ctrl+L or a resize).
    case repaint
}
