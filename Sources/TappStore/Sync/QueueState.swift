import Foundation
import GRDB
import TappDomain

/// Where a queued change stands: waiting for the server, taken by it, refused with its reason, changed on both sides,
/// or set aside (kept in this clinic only).
public enum QueueState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case pending = "PENDING"
    case sent = "SENT"
    case refused = "REFUSED"
    case conflict = "CONFLICT"
    case discarded = "DISCARDED"

    /// The state as an SQL literal, for the queue's statements (always one of the cases, never text from outside).
    public var sql: String { "'\(rawValue)'" }

    /// Several states as an SQL list: `('PENDING','CONFLICT')`.
    public static func sql(_ states: QueueState...) -> String { "(" + states.map(\.sql).joined(separator: ",") + ")" }

    /// Whether the change still has to reach the server.
    public var isWaiting: Bool { self == .pending }
}

/// How many queued changes of a kind stand in a state.
public struct QueueCount: Sendable, Equatable {
    public var kind: EntityKind
    public var state: QueueState
    public var count: Int

    public init(kind: EntityKind, state: QueueState, count: Int) {
        self.kind = kind
        self.state = state
        self.count = count
    }
}

extension [QueueCount] {
    /// The changes still waiting for the server.
    public var waiting: Int { filter(\.state.isWaiting).map(\.count).reduce(0, +) }
}
