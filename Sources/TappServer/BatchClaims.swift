import Foundation

/// A batch's idempotency keys, settled a chunk of operations at a time (`IdempotencyRecords.settle`: the previous
/// chunk's answers kept, then this chunk's keys claimed, in one transaction) instead of two transactions per
/// operation. Handed to `IdempotencyMiddleware` (a task local) while an operation runs, which then answers from what
/// the batch found — a replay, a 422 — or runs the route on a key the batch claimed and leaves its answer here.
/// A key the batch did not settle (one it has already used, one in progress) goes the middleware's own way.
final class BatchClaims: @unchecked Sendable {
    static let task = TaskLocal<BatchClaims?>(wrappedValue: nil)
    static var current: BatchClaims? { task.get() }

    enum Decision: Sendable {
        /// Claimed by the batch: run the route, then `finished`.
        case owned
        case answered(StoredAnswer)
        case otherRequest
    }

    let user: String
    private let lock = NSLock()
    private var decisions: [String: Decision] = [:]
    private var kept: [(IdempotencyKey, StoredAnswer)] = []
    private var released: [IdempotencyKey] = []

    init(user: String) { self.user = user }

    func decide(_ key: String, _ claim: IdempotencyClaim) {
        lock.withLock {
            switch claim {
            case .claimed: decisions[key] = .owned
            case .answered(let answer): decisions[key] = .answered(answer)
            case .otherRequest: decisions[key] = .otherRequest
            case .inProgress: decisions[key] = nil
            }
        }
    }

    /// What the batch decided for this key, once: a key used again later in the batch goes the usual way.
    func take(_ key: String) -> Decision? {
        lock.withLock { decisions.removeValue(forKey: key) }
    }

    /// The answer of an operation on a key the batch claimed: kept if it is a success, else the key let go.
    func finished(_ key: String, answer: StoredAnswer?) {
        lock.withLock {
            let id = IdempotencyKey(user: user, key: key)
            if let answer { kept.append((id, answer)) } else { released.append(id) }
        }
    }

    /// The answers to keep and the keys to let go since the last call; `abandoning` adds the keys claimed and never
    /// run (a throttled operation, a batch stopped midway), let go too.
    func drain(abandoning: Bool = false) -> (keep: [(IdempotencyKey, StoredAnswer)], release: [IdempotencyKey]) {
        lock.withLock {
            var release = released
            if abandoning {
                for (key, decision) in decisions { if case .owned = decision { release.append(IdempotencyKey(user: user, key: key)) } }
                decisions = [:]
            }
            defer { kept = []; released = [] }
            return (kept, release)
        }
    }
}
