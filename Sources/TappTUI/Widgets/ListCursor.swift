/// Which row of a list is selected and which is at the top of the window, for lists of any length.
public struct ListCursor: Equatable {
    public var selected = 0
    public var top = 0
    public var count = 0

    public init() {}

    /// Moves with the list keys; false when the key is not one of them.
    public mutating func move(_ key: Key, visible: Int) -> Bool {
        let page = max(1, visible - 1)
        switch key {
        case .up, .char("k"): selected -= 1
        case .down, .char("j"): selected += 1
        case .pageUp: selected -= page
        case .pageDown: selected += page
        case .home: selected = 0
        case .end: selected = count - 1
        default: return false
        }
        clamp(visible: visible)
        return true
    }

    /// Keeps the selection inside the list and the window around it.
    public mutating func clamp(visible: Int) {
        selected = max(0, min(selected, count - 1))
        if count == 0 { selected = 0 }
        if selected < top { top = selected }
        if visible > 0, selected >= top + visible { top = selected - visible + 1 }
        top = max(0, min(top, max(0, count - visible)))
    }

    public mutating func reset() {
        selected = 0
        top = 0
    }
}
