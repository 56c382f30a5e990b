import Foundation

/// One user's idempotency key: keys are scoped per user, so two users' keys never meet.
struct IdempotencyKey: Hashable, Sendable {
    let user: String
    let key: String

    /// A key as a client may send it: 1 to 255 visible ASCII characters (it travels in a header).
    static func isWellFormed(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 255 && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
    static let wellFormedMessage = "Idempotency-Key must be 1 to 255 visible ASCII characters"
}

/// The first answer to a request made with a key: its status and JSON body.
struct StoredAnswer: Equatable, Sendable {
    let status: Int
    let body: [UInt8]
}

/// What claiming a key found.
enum IdempotencyClaim: Equatable, Sendable {
    /// The key is this request's now: carry it out, then keep or release its answer.
    case claimed
    /// A request with this key and this very body was answered: answer the same.
    case answered(StoredAnswer)
    /// The key was used for another request (another route or another body).
    case otherRequest
    /// A request with this key and this body is under way, since then.
    case inProgress(since: Date)
}

/// Where idempotency keys are kept, shared by every server instance on one database
/// (`DatabaseIdempotencyRecords`, on either back-end). A key is forgotten a day after it was claimed.
protocol IdempotencyRecords: Sendable {
    /// Claims the key for a request whose method, path and body hash to `fingerprint`, atomically: of two requests
    /// with one key, one claims it and the other finds it in progress. A key claimed before `expiredBefore` is free.
    func claim(_ key: IdempotencyKey, fingerprint: String, now: Date, expiredBefore: Date) async throws -> IdempotencyClaim
    /// Keeps the answer of a claimed key, for its replays.
    func keep(_ key: IdempotencyKey, answer: StoredAnswer) async throws
    /// Lets a claimed key go (its request failed: a retry runs again).
    func release(_ key: IdempotencyKey) async throws
    /// Forgets the keys claimed before `date`.
    func purge(before date: Date) async throws
    /// Keeps answers, lets keys go, then claims keys, all in one transaction: a batch's operations settle their keys
    /// a chunk at a time instead of two transactions each. The claims are answered in order.
    func settle(keep: [(IdempotencyKey, StoredAnswer)], release: [IdempotencyKey], claim: [(IdempotencyKey, String)], now: Date,
                expiredBefore: Date) async throws -> [IdempotencyClaim]
}
