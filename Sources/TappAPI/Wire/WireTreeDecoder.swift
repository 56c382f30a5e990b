import Foundation
import TappDomain

/// Reads the contract's types from a JSON tree (`WireValue`, parsed by `JSONParser`): what `WireDecoder` does. Foundation's
/// decoder spent more than half of a sync's CPU reading the server's batch answers (each body read as a tree, then
/// written and read again as its record); this one reads a parsed tree in place. Errors are `DecodingError`s with their
/// coding path, as Foundation's.
struct WireTreeDecoder: Decoder {
    let value: WireValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else { throw mismatch(JSONObject.self, value, codingPath) }
        return KeyedDecodingContainer(WireTreeObject<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch(JSONArray.self, value, codingPath) }
        return WireTreeList(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { WireTreeSingle(value: value, codingPath: codingPath) }

    /// A value of the tree as `T`: JSON's own types read at once, the others through their `init(from:)`. A `Date`
    /// written as text is an ISO 8601 instant (as the clinic's journal and the API write them); as a number, Foundation's
    /// seconds since 2001.
    static func decode<T: Decodable>(_ type: T.Type, _ value: WireValue, _ codingPath: [any CodingKey]) throws -> T {
        if T.self == String.self, case .string(let text) = value, let text = text as? T { return text }
        if T.self == WireValue.self, let tree = value as? T { return tree }
        if T.self == Date.self, case .string(let text) = value {
            guard let date = (WireInstant.apiForm(text) ?? (try? Instant.parse(text, field: "date"))) as? T else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "not an instant: \(Echo.of(text))"))
            }
            return date
        }
        return try T(from: WireTreeDecoder(value: value, codingPath: codingPath))
    }
}

/// An object and a list, as a type mismatch names what was expected.
enum JSONObject {}
enum JSONArray {}

/// What the tree holds, named as a type mismatch names it.
func mismatch(_ type: Any.Type, _ value: WireValue, _ codingPath: [any CodingKey]) -> DecodingError {
    let found: String
    switch value {
    case .null: found = "null"
    case .bool: found = "a boolean"
    case .integer, .number: found = "a number"
    case .string: found = "a string"
    case .array: found = "an array"
    case .object: found = "an object"
    }
    return DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "Expected \(type) but found \(found) instead."))
}

/// JSON's scalars read as Swift's.
enum WireTreeScalar {
    static func bool(_ value: WireValue, _ path: [any CodingKey]) throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(Bool.self, value, path) }
        return flag
    }

    static func string(_ value: WireValue, _ path: [any CodingKey]) throws -> String {
        guard case .string(let text) = value else { throw mismatch(String.self, value, path) }
        return text
    }

    static func double(_ value: WireValue, _ path: [any CodingKey]) throws -> Double {
        switch value {
        case .integer(let whole): return Double(whole)
        case .number(let number): return number
        default: throw mismatch(Double.self, value, path)
        }
    }

    /// A whole number that fits `T`; a number with a fraction, or beyond `T`, is a mismatch, as in Foundation's decoder.
    static func integer<T: FixedWidthInteger>(_ value: WireValue, _ path: [any CodingKey], _ type: T.Type) throws -> T {
        switch value {
        case .integer(let whole):
            guard let fitting = T(exactly: whole) else { throw corrupted("\(whole) does not fit in \(T.self)", path) }
            return fitting
        case .number(let number):
            guard let fitting = T(exactly: number) else { throw corrupted("\(number) does not fit in \(T.self)", path) }
            return fitting
        default: throw mismatch(T.self, value, path)
        }
    }

    static func corrupted(_ why: String, _ path: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: "Parsed JSON number <\(why)>."))
    }
}

struct WireTreeObject<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [WireValue.Field]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { fields.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { fields.contains { $0.key == key.stringValue } }

    func field(_ key: Key) throws -> WireValue {
        let name = key.stringValue
        guard let found = fields.first(where: { $0.key == name }) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(name)."))
        }
        return found.value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try field(key) == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try WireTreeScalar.bool(try field(key), codingPath + [key]) }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try WireTreeScalar.string(try field(key), codingPath + [key]) }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try WireTreeScalar.double(try field(key), codingPath + [key]) }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try WireTreeScalar.integer(try field(key), codingPath + [key], Int.self) }

    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try WireTreeScalar.integer(try field(key), codingPath + [key], Int64.self)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try WireTreeDecoder.decode(type, try field(key), codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try WireTreeDecoder(value: try field(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try WireTreeDecoder(value: try field(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { WireTreeDecoder(value: .object(fields), codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        WireTreeDecoder(value: (try? field(key)) ?? .null, codingPath: codingPath + [key])
    }
}

struct WireTreeList: UnkeyedDecodingContainer {
    let items: [WireValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(items: [WireValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The position as a coding key (`Index 3`), as Foundation names it.
    struct Index: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { self.intValue = intValue }
    }

    mutating func next<T>(_ type: T.Type) throws -> (WireValue, [any CodingKey]) {
        guard currentIndex < items.count else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [Index(currentIndex)], debugDescription: "Unkeyed container is at end."))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [Index(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < items.count, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let (value, path) = try next(type)
        return try WireTreeScalar.string(value, path)
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next(type)
        return try WireTreeDecoder.decode(type, value, path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next(JSONObject.self)
        return try WireTreeDecoder(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next(JSONArray.self)
        return try WireTreeDecoder(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next(WireValue.self)
        return WireTreeDecoder(value: value, codingPath: path)
    }
}

struct WireTreeSingle: SingleValueDecodingContainer {
    let value: WireValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool { try WireTreeScalar.bool(value, codingPath) }

    func decode(_ type: String.Type) throws -> String { try WireTreeScalar.string(value, codingPath) }

    func decode(_ type: Double.Type) throws -> Double { try WireTreeScalar.double(value, codingPath) }

    func decode(_ type: Float.Type) throws -> Float { Float(try WireTreeScalar.double(value, codingPath)) }

    func decode(_ type: Int.Type) throws -> Int { try WireTreeScalar.integer(value, codingPath, Int.self) }

    func decode(_ type: Int8.Type) throws -> Int8 { try WireTreeScalar.integer(value, codingPath, Int8.self) }

    func decode(_ type: Int16.Type) throws -> Int16 { try WireTreeScalar.integer(value, codingPath, Int16.self) }

    func decode(_ type: Int32.Type) throws -> Int32 { try WireTreeScalar.integer(value, codingPath, Int32.self) }

    func decode(_ type: Int64.Type) throws -> Int64 { try WireTreeScalar.integer(value, codingPath, Int64.self) }

    func decode(_ type: UInt.Type) throws -> UInt { try WireTreeScalar.integer(value, codingPath, UInt.self) }

    func decode(_ type: UInt8.Type) throws -> UInt8 { try WireTreeScalar.integer(value, codingPath, UInt8.self) }

    func decode(_ type: UInt16.Type) throws -> UInt16 { try WireTreeScalar.integer(value, codingPath, UInt16.self) }

    func decode(_ type: UInt32.Type) throws -> UInt32 { try WireTreeScalar.integer(value, codingPath, UInt32.self) }

    func decode(_ type: UInt64.Type) throws -> UInt64 { try WireTreeScalar.integer(value, codingPath, UInt64.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try WireTreeDecoder.decode(type, value, codingPath) }
}
