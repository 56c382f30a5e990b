import Foundation

/// `POST /sync/batch`: several requests in one, each carried out as if sent alone (same checks, same answer), in
/// order, each with its idempotency key. The batch answers 200 with one result per operation; an operation that
/// fails does not stop the ones after it.
public struct BatchRequest: Codable, Sendable, Equatable {
    public var operations: [BatchOperation]

    public init(operations: [BatchOperation]) { self.operations = operations }
}

public struct BatchOperation: Codable, Sendable, Equatable {
    public enum Method: String, Codable, Sendable { case post = "POST", patch = "PATCH", delete = "DELETE" }

    /// The operation's idempotency key (as the `Idempotency-Key` header of a request sent alone).
    public var key: String
    public var method: Method
    /// The route's path under `/api/v1`, without its leading slash: `people`, `consultations/c…`.
    public var path: String
    public var body: WireValue?

    public init(key: String, method: Method, path: String, body: WireValue? = nil) {
        self.key = key
        self.method = method
        self.path = path
        self.body = body
    }

    public init<Body: Encodable>(key: String, method: Method, path: String, encoding body: Body) throws {
        self.init(key: key, method: method, path: path, body: try WireValue(encoding: body))
    }

    enum CodingKeys: String, CodingKey { case key, method, path, body }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("key", key)
        try fields.field("method", method)
        try fields.field("path", path)
        try fields.field("body", ifPresent: body)
    }
}

public struct BatchAnswer: Codable, Sendable, Equatable {
    public var results: [BatchResult]

    public init(results: [BatchResult]) { self.results = results }
}

/// What one operation answered: the status and body the route would have sent (an error body on failure).
public struct BatchResult: Codable, Sendable, Equatable {
    public var key: String
    public var status: Int
    public var body: WireValue
    /// Whether this is the stored answer of an earlier try with the same key.
    public var replayed: Bool

    public init(key: String, status: Int, body: WireValue, replayed: Bool = false) {
        self.key = key
        self.status = status
        self.body = body
        self.replayed = replayed
    }
}

extension BatchOperation: WireObject {}
