import Foundation

/// What a server offers beyond the real TappPlus API, asked once per run at `GET /sync/features`. The real server
/// answers 404: the client then keeps to the plain API (look-ups after a lost answer, full pulls, one request per
/// record).
public struct ServerFeatures: Codable, Sendable, Equatable {
    /// Creates take an `Idempotency-Key` header: a replay with the same key answers the first answer (kept a day).
    public var idempotencyKeys: Bool
    /// `GET /sync/changes`: what changed after a cursor, deletions included.
    public var changes: Bool
    /// `POST /sync/batch`, with at most this many operations per request; nil when there is no batch route.
    public var batchLimit: Int?

    public init(idempotencyKeys: Bool, changes: Bool, batchLimit: Int?) {
        self.idempotencyKeys = idempotencyKeys
        self.changes = changes
        self.batchLimit = batchLimit
    }

    /// The real server: none of them.
    public static let none = ServerFeatures(idempotencyKeys: false, changes: false, batchLimit: nil)

    enum CodingKeys: String, CodingKey { case idempotencyKeys, changes, batchLimit }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("idempotencyKeys", idempotencyKeys)
        try fields.field("changes", changes)
        try fields.field("batchLimit", batchLimit)
    }
}

/// The headers of the contract, ours and the ones the real server's throttler and proxies write.
public enum WireHeader {
    /// On a create: the client's key for this one change, the same on every retry of it.
    public static let idempotencyKey = "Idempotency-Key"
    /// On an answer replayed for a key already seen: `true`.
    public static let idempotentReplayed = "Idempotent-Replayed"
    /// The throttle's window size, what is left of it, and the seconds until it starts again.
    public static let rateLimit = "X-RateLimit-Limit"
    public static let rateLimitRemaining = "X-RateLimit-Remaining"
    public static let rateLimitReset = "X-RateLimit-Reset"
    /// Seconds to wait (on a 429 or a 503).
    public static let retryAfter = "Retry-After"
}

extension ServerFeatures: WireObject {}
