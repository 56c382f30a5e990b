/// One writer at a time, first come first served, without blocking a thread: SQLite has one write transaction at a
/// time, and a transaction here spans several awaits.
actor WriteTurn {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn to the next writer, if any (it stays busy).
    func give() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
