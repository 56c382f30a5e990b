import Foundation

/// Writes an answer as JSON bytes: the values the routes build (strings, integers, booleans, null, arrays, objects).
/// Several times faster than Foundation's `JSONSerialization` on Linux, whose encoding was most of the cost of a
/// page of the people list. Anything else makes it give up, and the caller falls
/// back to `JSONSerialization`. Slashes are not escaped and non-ASCII text is written as UTF-8, as NestJS does; the keys of an object come in
/// `AnswerKeyOrder`'s order, always the same.
enum JSONWriter {
    static func bytes(_ value: Any) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        return write(value, into: &out) ? out : nil
    }

    /// Dispatches on the value's exact type: a conditional cast of an `Any` to a type it is not makes Foundation
    /// on Linux bridge it (a dictionary to `NSDictionary`…), which cost more than the writing itself. So the exact
    /// type is matched first, and only then is the value cast, to that very type (cheap, and never a trap).
    static func write(_ value: Any, into out: inout [UInt8]) -> Bool {
        switch ObjectIdentifier(type(of: value)) {
        case ObjectIdentifier(String.self):
            guard let text = value as? String else { return false }
            string(text, into: &out)
        case ObjectIdentifier([String: Any].self):
            guard let typed = value as? [String: Any] else { return false }
            return object(typed, into: &out)
        case ObjectIdentifier([[String: Any]].self):
            guard let typed = value as? [[String: Any]] else { return false }
            return list(typed, into: &out)
        case ObjectIdentifier([Any].self):
            guard let typed = value as? [Any] else { return false }
            return list(typed, into: &out)
        case ObjectIdentifier([String].self):
            guard let typed = value as? [String] else { return false }
            return list(typed, into: &out)
        case ObjectIdentifier(Int64.self):
            guard let number = value as? Int64 else { return false }
            out.append(contentsOf: Array(String(number).utf8))
        case ObjectIdentifier(Int.self):
            guard let number = value as? Int else { return false }
            out.append(contentsOf: Array(String(number).utf8))
        case ObjectIdentifier(Bool.self):
            guard let flag = value as? Bool else { return false }
            out.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case ObjectIdentifier(Double.self):
            guard let number = value as? Double, number.isFinite else { return false }
            if number == number.rounded(), abs(number) < 1e15 {
                out.append(contentsOf: Array(String(Int64(number)).utf8))
            } else {
                out.append(contentsOf: Array("\(number)".utf8))
            }
        case ObjectIdentifier(NSNull.self):
            out.append(contentsOf: Array("null".utf8))
        default:
            // A number that went through Foundation (stored JSON read back): a boolean or a number, never confused.
            if let number = value as? NSNumber, !(value is String) {
                if let flag = JSONKinds.boolean(number) { return write(flag, into: &out) }
                if let whole = JSONKinds.integer(number) { return write(whole, into: &out) }
                return write(number.doubleValue, into: &out)
            }
            // Other dictionaries and arrays (`["message": "…"]` is a `[String: String]`): converted once, rarer.
            if let typed = value as? [String: Any] { return object(typed, into: &out) }
            if let typed = value as? [Any] { return list(typed, into: &out) }
            return false
        }
        return true
    }

    static func object(_ object: [String: Any], into out: inout [UInt8]) -> Bool {
        out.append(UInt8(ascii: "{"))
        var first = true
        func member(_ key: String, _ item: Any) -> Bool {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            string(key, into: &out)
            out.append(UInt8(ascii: ":"))
            return write(item, into: &out)
        }
        // One lookup per key of the kind's order; the keys no order names, if any, after (`AnswerKeyOrder.keys`).
        let kind = AnswerKeyOrder.kind(of: object)
        var written = 0
        for key in kind.map({ AnswerKeyOrder.kinds[$0].order }) ?? [] {
            guard let item = object[key] else { continue }
            guard member(key, item) else { return false }
            written += 1
        }
        if written < object.count {
            for key in AnswerKeyOrder.unnamed(in: object, kind: kind) {
                guard let item = object[key], member(key, item) else { return false }
            }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    static func list<Item>(_ items: [Item], into out: inout [UInt8]) -> Bool {
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard write(item, into: &out) else { return false }
        }
        out.append(UInt8(ascii: "]"))
        return true
    }

    static let hex = Array("0123456789abcdef".utf8)

    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escape: copied at once (this loop was the writer's largest cost on the people list).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
