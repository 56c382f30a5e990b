import Foundation

/// The `Encoder` `WireEncoder` hands to each value: its containers write straight into the shared `WireOutput`.
/// `depth` is the index its container takes among the open ones.
struct WireStreamEncoder: Encoder {
    let out: WireOutput
    let depth: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        out.openContainer(UInt8(ascii: "{"), UInt8(ascii: "}"), depth: depth)
        return KeyedEncodingContainer(WireObjectContainer<Key>(out: out, depth: depth, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        out.openContainer(UInt8(ascii: "["), UInt8(ascii: "]"), depth: depth)
        return WireListContainer(out: out, depth: depth, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        WireSingleContainer(out: out, depth: depth, codingPath: codingPath)
    }
}

struct WireObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let out: WireOutput
    let depth: Int
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        out.key(key.stringValue, in: depth)
        out.literal("null")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        out.key(key.stringValue, in: depth)
        out.string(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        out.key(key.stringValue, in: depth)
        out.literal(value ? "true" : "false")
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        out.key(key.stringValue, in: depth)
        out.integer(Int64(value))
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        out.key(key.stringValue, in: depth)
        out.number(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        out.key(key.stringValue, in: depth)
        try out.value(value, depth: depth + 1, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        out.key(key.stringValue, in: depth)
        return WireStreamEncoder(out: out, depth: depth + 1, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        out.key(key.stringValue, in: depth)
        return WireStreamEncoder(out: out, depth: depth + 1, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        out.key("super", in: depth)
        return WireStreamEncoder(out: out, depth: depth + 1, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        out.key(key.stringValue, in: depth)
        return WireStreamEncoder(out: out, depth: depth + 1, codingPath: codingPath + [key])
    }
}

struct WireListContainer: UnkeyedEncodingContainer {
    let out: WireOutput
    let depth: Int
    let codingPath: [any CodingKey]
    private(set) var count = 0

    init(out: WireOutput, depth: Int, codingPath: [any CodingKey]) {
        self.out = out
        self.depth = depth
        self.codingPath = codingPath
    }

    mutating func encodeNil() throws {
        out.element(in: depth)
        out.literal("null")
        count += 1
    }

    mutating func encode(_ value: String) throws {
        out.element(in: depth)
        out.string(value)
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        out.element(in: depth)
        try out.value(value, depth: depth + 1, codingPath: codingPath)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        out.element(in: depth)
        count += 1
        return WireStreamEncoder(out: out, depth: depth + 1, codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        out.element(in: depth)
        count += 1
        return WireStreamEncoder(out: out, depth: depth + 1, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        out.element(in: depth)
        count += 1
        return WireStreamEncoder(out: out, depth: depth + 1, codingPath: codingPath)
    }
}

/// A single value: written where the encoder stands (after its key, or as a list's element).
struct WireSingleContainer: SingleValueEncodingContainer {
    let out: WireOutput
    let depth: Int
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { out.literal("null") }

    mutating func encode(_ value: String) throws { out.string(value) }

    mutating func encode(_ value: Bool) throws { out.literal(value ? "true" : "false") }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try out.value(value, depth: depth, codingPath: codingPath)
    }
}
