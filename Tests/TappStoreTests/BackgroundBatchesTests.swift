import Foundation
import Testing
@testable import TappStore

@Suite struct BackgroundBatchesTests {
    @Test func batchesComeInOrderThenNil() {
        let batches = BackgroundBatches(count: 50, ahead: 3) { index in Array(index * 10..<index * 10 + 10) }
        var seen: [Int] = []
        while let batch = batches.next() { seen += batch }
        #expect(seen == Array(0..<500))
        #expect(batches.next() == nil)
    }

    @Test func stoppingEndsTheBatchesEarly() {
        let made = MadeCount()
        let batches = BackgroundBatches(count: 1000, ahead: 2) { index -> Int in
            made.add()
            return index
        }
        #expect(batches.next() == 0)
        batches.stop()
        #expect(batches.next() == nil)
        // The thread makes at most the batches it was allowed ahead, then ends.
        Thread.sleep(forTimeInterval: 0.2)
        #expect(made.value <= 4)
    }

    @Test func batchesHandedBackAreFreedOffTheCallersThread() {
        let frees = FreedOn()
        let caller = pthread_self()
        let batches = BackgroundBatches(count: 20, ahead: 2) { _ in [Tracked(frees)] }
        while let batch = batches.next() { batches.done(consume batch) }
        // The making thread frees what it was handed back (all but, at most, the last batch).
        for _ in 0..<100 where frees.count < 19 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(frees.count >= 19)
        #expect(frees.threads.filter { pthread_equal($0, caller) != 0 }.count <= 1)
    }

    @Test func noBatchesMeansNil() {
        let batches = BackgroundBatches(count: 0) { index in index }
        #expect(batches.next() == nil)
    }
}

/// How many batches were made, counted from the making thread.
private final class MadeCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// Which threads freed the tracked values.
private final class FreedOn: @unchecked Sendable {
    private let lock = NSLock()
    private var freed: [pthread_t] = []
    func add(_ thread: pthread_t) { lock.withLock { freed.append(thread) } }
    var count: Int { lock.withLock { freed.count } }
    var threads: [pthread_t] { lock.withLock { freed } }
}

/// A value that records the thread that frees it.
private final class Tracked: Sendable {
    let frees: FreedOn
    init(_ frees: FreedOn) { self.frees = frees }
    deinit { frees.add(pthread_self()) }
}
