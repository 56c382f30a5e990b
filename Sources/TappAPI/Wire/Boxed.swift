import Foundation

/// A relation a record may include (a consultation's person, a doctor's user): stored out of line, since the types
/// refer to each other (a person's consultations name their person). Read as absent when its key is missing.
@propertyWrapper
public struct Boxed<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    indirect enum Storage: Sendable, Equatable {
        case none
        case some(Value)
    }

    var storage: Storage

    public init(wrappedValue: Value?) {
        storage = wrappedValue.map { .some($0) } ?? .none
    }

    public var wrappedValue: Value? {
        get {
            if case .some(let value) = storage { return value }
            return nil
        }
        set { storage = newValue.map { .some($0) } ?? .none }
    }

    /// The relation as it is stored (`link.$org`): one boxed value can be shared by many records (a page's links to
    /// the same organization), each holding a reference instead of a copy.
    public var projectedValue: Boxed<Value> {
        get { self }
        set { self = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        storage = container.decodeNil() ? .none : .some(try container.decode(Value.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// A missing key is an absent relation, not an error.
    public func decode<Value>(_ type: Boxed<Value>.Type, forKey key: Key) throws -> Boxed<Value> {
        try decodeIfPresent(type, forKey: key) ?? Boxed(wrappedValue: nil)
    }
}
