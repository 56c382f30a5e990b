import Foundation

/// Writes an `Encodable` value as the real server writes JSON (Node's `JSON.stringify`): the keys of each object in
/// the order the type encodes them, slashes unescaped, text as UTF-8, whole numbers without a fraction.
///
/// Foundation's `JSONEncoder` cannot be used for this: on Linux it writes an object's keys in a different order from
/// one run to the next (it keeps them in a dictionary), and the conformance tests pin the real server's order.
///
/// A type of the contract writes itself (`WireWritable`, `WireObject`). Any other value is written as it encodes
/// itself, with no tree in between (`WireOutput`): an object or a list is
/// opened when its container is asked for and closed when something is written to a container above it, or at
/// the end. So a value must fill a nested container before it writes its next key, as synthesized and our own
/// `encode(to:)` do; each key is written once, in the order it is encoded.
public enum WireEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let writable = value as? any WireWritable {
            var out = WireBytes()
            try writable.write(to: &out)
            return out.bytes
        }
        let out = WireOutput()
        try out.value(value, depth: 0, codingPath: [])
        out.close(to: 0)
        return out.bytes
    }

    public static func data<T: Encodable>(_ value: T) throws -> Data { Data(try encode(value)) }

    public static func string<T: Encodable>(_ value: T) throws -> String { String(decoding: try encode(value), as: UTF8.self) }
}

