import Foundation

/// Reads a request body as the real server's body-parser does (`JSON.parse` of Node 18, strict: an object or an
/// array at the top), into a `WireValue`. Strings keep every character (`\u0000` included; a lone surrogate, which
/// JavaScript keeps and SQLite stores as U+FFFD, becomes U+FFFD); a number without fraction or exponent that fits an
/// `Int64` is an `.integer`, any other number a `.number`, `true`/`false` a `.bool` (never confused with 0 and 1).
/// Each object keeps its keys in the order written; a repeated key keeps its last value, in the place of its first.
/// A syntax error is the sentence V8 gives: `Unexpected token } in JSON at position 7`, `Unexpected end of JSON input`.
/// The server reads bodies with it, and `WireDecoder` the server's answers (any value at the top, not strict).
public struct JSONParser {
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    private let bytes: [UInt8]
    private var index = 0
    /// Nesting deeper than this is refused as V8 would run out of stack (it answers a 400 too).
    private static let maxDepth = 512

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static func parse(_ data: Data, strict: Bool = true) throws(SyntaxError) -> WireValue {
        try parse([UInt8](data), strict: strict)
    }

    /// `strict`: body-parser's strict mode, where the first character must open an object or an array.
    public static func parse(_ bytes: [UInt8], strict: Bool = true) throws(SyntaxError) -> WireValue {
        var parser = JSONParser(bytes)
        parser.skipSpace()
        if strict, parser.index < parser.bytes.count, parser.bytes[parser.index] != UInt8(ascii: "{"),
           parser.bytes[parser.index] != UInt8(ascii: "[") {
            throw parser.unexpectedToken()
        }
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.unexpected() }
        return value
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// V8's sentence for whatever stands at `index`.
    private func unexpected() -> SyntaxError {
        guard index < bytes.count else { return SyntaxError(message: "Unexpected end of JSON input") }
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") { return SyntaxError(message: "Unexpected string in JSON at position \(index)") }
        if byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39) {
            return SyntaxError(message: "Unexpected number in JSON at position \(index)")
        }
        return unexpectedToken()
    }

    private func unexpectedToken() -> SyntaxError {
        guard index < bytes.count else { return SyntaxError(message: "Unexpected end of JSON input") }
        // The whole character (a UTF-8 sequence), as JavaScript names it.
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let token = String(decoding: bytes[index..<end], as: UTF8.self)
        return SyntaxError(message: "Unexpected token \(token) in JSON at position \(index)")
    }

    private mutating func value(depth: Int) throws(SyntaxError) -> WireValue {
        skipSpace()
        guard index < bytes.count else { throw unexpected() }
        guard depth < JSONParser.maxDepth else { throw SyntaxError(message: "Maximum call stack size exceeded") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw unexpectedToken()
        }
    }

    private mutating func literal(_ word: String, _ result: WireValue) throws(SyntaxError) -> WireValue {
        for expected in word.utf8 {
            guard index < bytes.count else { throw unexpected() }
            guard bytes[index] == expected else { throw unexpectedToken() }
            index += 1
        }
        return result
    }

    private mutating func object(depth: Int) throws(SyntaxError) -> WireValue {
        index += 1
        var fields: [WireValue.Field] = []
        // Where each key stands in `fields`: a key written again takes its new value in its first place.
        var places: [String: Int] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(fields)
        }
        repeat {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw unexpected() }
            let key = try string()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw unexpected() }
            index += 1
            let member = try value(depth: depth + 1)
            if let place = places[key] {
                fields[place].value = member
            } else {
                places[key] = fields.count
                fields.append(WireValue.Field(key, member))
            }
        } while try another(before: UInt8(ascii: "}"))
        return .object(fields)
    }

    private mutating func array(depth: Int) throws(SyntaxError) -> WireValue {
        index += 1
        var list: [WireValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(list)
        }
        repeat {
            list.append(try value(depth: depth + 1))
        } while try another(before: UInt8(ascii: "]"))
        return .array(list)
    }

    /// After an element of an object or a list: true at a comma (another follows), false at `closer` (passed: the
    /// object or list ends there), anything else a syntax error.
    private mutating func another(before closer: UInt8) throws(SyntaxError) -> Bool {
        skipSpace()
        guard index < bytes.count else { throw unexpected() }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        guard bytes[index] == closer else { throw unexpected() }
        index += 1
        return false
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw unexpected() }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw unexpectedToken()
            }
            code = code * 16 + digit
            index += 1
        }
        return code
    }

    private mutating func string() throws(SyntaxError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw SyntaxError(message: "Unexpected end of JSON input") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            // A raw control character inside a string is a syntax error in JSON.
            guard byte >= 0x20 else { throw unexpectedToken() }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { throw SyntaxError(message: "Unexpected end of JSON input") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                   bytes[index + 1] == UInt8(ascii: "u") {
                    let mark = index
                    index += 2
                    let low = try hex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = mark
                    }
                }
                // A surrogate left alone cannot be UTF-8: U+FFFD, as SQLite stores what JavaScript kept.
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                index -= 1
                throw unexpectedToken()
            }
        }
    }

    private mutating func number() throws(SyntaxError) -> WireValue {
        let start = index
        var integral = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw unexpected() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if bytes[index] >= 0x31, bytes[index] <= 0x39 {
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        } else {
            throw unexpectedToken()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard index < bytes.count else { throw unexpected() }
            guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { throw unexpectedToken() }
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else { throw unexpected() }
            guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { throw unexpectedToken() }
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if integral, let whole = Int64(text) { return .integer(whole) }
        return .number(Double(text) ?? Double.infinity)
    }
}
