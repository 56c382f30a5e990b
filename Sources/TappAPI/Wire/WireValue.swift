import Foundation

/// Any JSON value, typed: what a batch operation carries as its body and its answer (each one the body or answer of
/// a route, in that route's own type). An object keeps its keys in order.
public indirect enum WireValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([WireValue])
    case object([Field])

    public struct Field: Sendable, Equatable {
        public var key: String
        public var value: WireValue

        public init(_ key: String, _ value: WireValue) {
            self.key = key
            self.value = value
        }
    }

    /// A value of one of the API's types, as a JSON tree.
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONParser.parse(try WireEncoder.encode(value), strict: false)
    }

    /// The tree read as one of the API's types.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireTreeDecoder.decode(type, self, [])
    }

    public subscript(key: String) -> WireValue? {
        if case .object(let fields) = self { return fields.first { $0.key == key }?.value }
        return nil
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    struct FieldKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        // Read from a parsed tree: the tree itself, keys in the order written.
        if let tree = decoder as? WireTreeDecoder {
            self = tree.value
            return
        }
        if let object = try? decoder.container(keyedBy: FieldKey.self) {
            // Foundation's decoder hands keys in no set order: sorted, so that a tree read twice is the same tree.
            self = .object(try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                Field($0.stringValue, try object.decode(WireValue.self, forKey: $0))
            })
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var items: [WireValue] = []
            while !list.isAtEnd { items.append(try list.decode(WireValue.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let flag = try? single.decode(Bool.self) { self = .bool(flag) }
        else if let whole = try? single.decode(Int64.self) { self = .integer(whole) }
        else if let number = try? single.decode(Double.self) { self = .number(number) }
        else { self = .string(try single.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .integer(let whole):
            var single = encoder.singleValueContainer()
            try single.encode(whole)
        case .number(let number):
            var single = encoder.singleValueContainer()
            try single.encode(number)
        case .string(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .array(let items):
            var list = encoder.unkeyedContainer()
            for item in items { try list.encode(item) }
        case .object(let fields):
            var object = encoder.container(keyedBy: FieldKey.self)
            for field in fields { try object.encode(field.value, forKey: FieldKey(stringValue: field.key)) }
        }
    }
}
