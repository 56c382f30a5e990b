import Foundation

/// Writes an `Encodable` value as the real server writes JSON (Node's `JSON.stringify`): the keys of each object in
/// the order the type encodes them, slashes unescaped, text as UTF-8, whole numbers without a fraction.
///
/// Foundation's `JSONEncoder` cannot be used for this: on Linux it writes an object's keys in a different order from
/// one run to the next (it keeps them in a dictionary), and the conformance tests pin the real server's order.
public enum WireEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = WireNode()
        try value.encode(to: NodeEncoder(node: root, codingPath: []))
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        root.write(into: &out)
        return out
    }

    public static func data<T: Encodable>(_ value: T) throws -> Data { Data(try encode(value)) }

    public static func string<T: Encodable>(_ value: T) throws -> String { String(decoding: try encode(value), as: UTF8.self) }
}

/// One value being encoded: containers hold their children by reference, so that a nested container filled after
/// its parent was handed on still lands in the parent.
final class WireNode {
    enum Content {
        case empty
        case null
        case bool(Bool)
        case integer(Int64)
        case unsigned(UInt64)
        case double(Double)
        case string(String)
        case array([WireNode])
        case object([(String, WireNode)])
    }

    var content: Content = .empty

    func append(_ child: WireNode) {
        if case .array(var items) = content {
            content = .empty
            items.append(child)
            content = .array(items)
        } else {
            content = .array([child])
        }
    }

    func set(_ key: String, _ child: WireNode) {
        var fields: [(String, WireNode)] = []
        if case .object(let existing) = content { fields = existing }
        content = .empty
        if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = child } else { fields.append((key, child)) }
        content = .object(fields)
    }

    func write(into out: inout [UInt8]) {
        switch content {
        case .empty, .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let flag): out.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .integer(let number): out.append(contentsOf: Array(String(number).utf8))
        case .unsigned(let number): out.append(contentsOf: Array(String(number).utf8))
        case .double(let number): WireNode.write(number, into: &out)
        case .string(let text): WireNode.write(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireNode.write(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A number as JavaScript prints it: a whole one without a fraction; NaN and infinities as `null`.
    static func write(_ number: Double, into out: inout [UInt8]) {
        guard number.isFinite else { return out.append(contentsOf: Array("null".utf8)) }
        if number == number.rounded(), let whole = Int64(exactly: number) {
            return out.append(contentsOf: Array(String(whole).utf8))
        }
        var text = "\(number)"
        // Swift writes 1e-07 where JavaScript writes 1e-7.
        if let e = text.firstIndex(of: "e") {
            let mantissa = text[..<e]
            var exponent = String(text[text.index(after: e)...])
            let sign = exponent.hasPrefix("-") ? "-" : "+"
            exponent = String(exponent.drop { $0 == "-" || $0 == "+" || $0 == "0" })
            text = "\(mantissa)e\(sign)\(exponent.isEmpty ? "0" : exponent)"
        }
        out.append(contentsOf: Array(text.utf8))
    }

    /// A string as `JSON.stringify` writes it: `"` and `\` escaped, the short escapes for common controls, `\u00XX`
    /// for the others, everything else (slashes and non-ASCII included) as it is.
    static func write(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

struct NodeEncoder: Encoder {
    let node: WireNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(node: node, codingPath: codingPath) }
}

/// The scalar cases shared by the three containers.
enum NodeScalar {
    static func content<T: Encodable>(of value: T, codingPath: [any CodingKey]) throws -> WireNode {
        let child = WireNode()
        switch value {
        case let text as String: child.content = .string(text)
        case let flag as Bool: child.content = .bool(flag)
        case let number as Int: child.content = .integer(Int64(number))
        case let number as Int64: child.content = .integer(number)
        case let number as Int32: child.content = .integer(Int64(number))
        case let number as UInt64: child.content = .unsigned(number)
        case let number as Double: child.content = .double(number)
        default: try value.encode(to: NodeEncoder(node: child, codingPath: codingPath))
        }
        return child
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: WireNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        let child = WireNode()
        child.content = .null
        node.set(key.stringValue, child)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(key.stringValue, try NodeScalar.content(of: value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = WireNode()
        node.set(key.stringValue, child)
        return NodeEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = WireNode()
        node.set(key.stringValue, child)
        return NodeEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = WireNode()
        node.set("super", child)
        return NodeEncoder(node: child, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = WireNode()
        node.set(key.stringValue, child)
        return NodeEncoder(node: child, codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: WireNode
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let items) = node.content { return items.count }
        return 0
    }

    mutating func encodeNil() throws {
        let child = WireNode()
        child.content = .null
        node.append(child)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.append(try NodeScalar.content(of: value, codingPath: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = WireNode()
        node.append(child)
        return NodeEncoder(node: child, codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = WireNode()
        node.append(child)
        return NodeEncoder(node: child, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = WireNode()
        node.append(child)
        return NodeEncoder(node: child, codingPath: codingPath)
    }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: WireNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = try NodeScalar.content(of: value, codingPath: codingPath).content
    }
}
