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
