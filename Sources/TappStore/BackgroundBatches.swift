import Foundation

/// Batches made in order on a second thread and taken in that order by the caller, at most `ahead` batches in
/// advance: a bulk import checks the next rows on one core while the writer stores the ones before on the other.
///
/// Hand each batch back with `done(_:)` once through with it: the making thread frees it, so that the caller's
/// thread does not spend its time on that. Call `stop()` when giving up before the last batch (a failed write), so
/// that the thread ends.
final class BackgroundBatches<Batch: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Int: Batch] = [:]
    private var spent: [Batch] = []
    private var taken = 0
    private var stopped = false
    private let count: Int

    /// Starts making `count` batches with `make(index)`, in index order.
    init(count: Int, ahead: Int = 4, make: @escaping @Sendable (Int) -> Batch) {
        self.count = count
        let thread = Thread { [self] in
            var garbage: [Batch] = []
            for index in 0..<count {
                condition.lock()
                while index - taken >= ahead, !stopped { condition.wait() }
                let stop = stopped
                swap(&garbage, &spent)
                condition.unlock()
                garbage.removeAll()
                if stop { return }
                let batch = make(index)
                condition.lock()
                ready[index] = batch
                condition.broadcast()
                condition.unlock()
            }
            // Free the batches handed back until the caller has taken the last one.
            while true {
                condition.lock()
                while spent.isEmpty, taken < count, !stopped { condition.wait() }
                let finished = taken >= count || stopped
                swap(&garbage, &spent)
                condition.unlock()
                garbage.removeAll()
                if finished { return }
            }
        }
        thread.start()
    }

    /// The next batch, waiting for it if it is not made yet; nil after the last one.
    func next() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        guard taken < count, !stopped else { return nil }
        while ready[taken] == nil { condition.wait() }
        let batch = ready.removeValue(forKey: taken)
        taken += 1
        condition.broadcast()
        return batch
    }

    /// Hands back a batch the caller is through with, for the making thread to free.
    func done(_ batch: consuming Batch) {
        condition.lock()
        spent.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Makes no more batches; `next()` then answers nil.
    func stop() {
        condition.lock()
        stopped = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
