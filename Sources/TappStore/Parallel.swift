import Dispatch
import Foundation

/// Pure work over many items on all cores, results in the items' order.
enum Parallel {
    /// Below `smallest` items, all in one chunk on the calling thread.
    static func map<T: Sendable, R: Sendable>(_ items: [T], chunks: Int, smallest: Int = 1001,
                                              _ transform: @Sendable ([T]) -> [R]) -> [R] {
        guard items.count >= smallest, chunks > 1 else { return transform(items) }
        let size = (items.count + chunks - 1) / chunks
        let results = ChunkResults<R>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let start = index * size
            let end = min(items.count, start + size)
            results.set(index, start < end ? transform(Array(items[start..<end])) : [])
        }
        return results.joined()
    }
}

/// Results of the chunks, filled from several threads under a lock.
private final class ChunkResults<R: Sendable>: @unchecked Sendable {
    private var parts: [[R]]
    private let lock = NSLock()

    init(count: Int) { parts = Array(repeating: [], count: count) }

    func set(_ index: Int, _ part: [R]) {
        lock.lock()
        parts[index] = part
        lock.unlock()
    }

    func joined() -> [R] {
        lock.lock()
        defer { lock.unlock() }
        return Array(parts.joined())
    }
}
