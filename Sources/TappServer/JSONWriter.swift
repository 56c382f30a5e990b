import Foundation

/// Writes an answer as JSON bytes: the values the routes build (strings, integers, booleans, null, arrays, objects).
/// Several times faster than Foundation's `JSONSerialization` on Linux, whose encoding was most of the cost of a
/// page of the people list. Anything else (a number parsed from stored JSON) makes it give up, and the caller falls
/// back to `JSONSerialization`. Slashes are not escaped and non-ASCII text is written as UTF-8, as NestJS does.
enum JSONWriter {
    static func bytes(_ value: Any) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        return write(value, into: &out) ? out : nil
    }

    /// Dispatches on the value's exact type: a conditional cast of an `Any` to a type it is not makes Foundation
    /// on Linux bridge it (a dictionary to `NSDictionary`…), which cost more than the writing itself.
    static func write(_ value: Any, into out: inout [UInt8]) -> Bool {
        let kind = type(of: value)
        if kind == String.self {
            string(value as! String, into: &out)
        } else if kind == [String: Any].self {
            return object(value as! [String: Any], into: &out)
        } else if kind == [[String: Any]].self {
            return list(value as! [[String: Any]], into: &out)
        } else if kind == [Any].self {
            return list(value as! [Any], into: &out)
        } else if kind == [String].self {
            return list(value as! [String], into: &out)
        } else if kind == Int64.self {
            out.append(contentsOf: Array(String(value as! Int64).utf8))
        } else if kind == Int.self {
            out.append(contentsOf: Array(String(value as! Int).utf8))
        } else if kind == Bool.self {
            out.append(contentsOf: Array(((value as! Bool) ? "true" : "false").utf8))
        } else if kind == Double.self {
            let number = value as! Double
            guard number.isFinite else { return false }
            if number == number.rounded(), abs(number) < 1e15 {
                out.append(contentsOf: Array(String(Int64(number)).utf8))
            } else {
                out.append(contentsOf: Array("\(number)".utf8))
            }
        } else if kind == NSNull.self {
            out.append(contentsOf: Array("null".utf8))
        } else if let typed = value as? [String: Any] {
            // Other dictionaries and arrays (`["message": "…"]` is a `[String: String]`): converted once, rarer.
            return object(typed, into: &out)
        } else if let typed = value as? [Any] {
            return list(typed, into: &out)
        } else {
            return false
        }
        return true
    }

    static func object(_ object: [String: Any], into out: inout [UInt8]) -> Bool {
        out.append(UInt8(ascii: "{"))
        var first = true
        for (key, item) in object {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            string(key, into: &out)
            out.append(UInt8(ascii: ":"))
            guard write(item, into: &out) else { return false }
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
