import Foundation

/// JSON text being written as the real server writes it (Node's `JSON.stringify`): the bytes, and whether the object
/// or list being written has an element yet (the next one needs a comma).
public struct WireBytes: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// No element yet in the innermost object or list being written.
    var first = true

    /// 32 KB: a page of fifty people (30 KB) is written without growing the buffer on the way.
    public init(capacity: Int = 32_768) { bytes.reserveCapacity(capacity) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Before an element of the object or list being written: a comma unless it is the first.
    mutating func separate() {
        if first { first = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    /// Opens an object or a list (`{` or `[`); what it hands back, the enclosing one's count of elements, goes to
    /// `close`. (No closure: a closure around a record's fields would copy the record.)
    mutating func open(_ opener: UInt8) -> Bool {
        let outer = first
        first = true
        bytes.append(opener)
        return outer
    }

    /// Closes what `open` opened.
    mutating func close(_ closer: UInt8, outer: Bool) {
        bytes.append(closer)
        first = outer
    }

    /// `"key":`, the key being one of the contract's names (ASCII letters, digits and `_`: nothing to escape).
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// `"key":` for a key known only when running (a count's `SMS_SENT`, a JSON tree's keys): escaped as any text.
    mutating func key(_ key: String) {
        separate()
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func integer(_ number: Int64) {
        guard number != Int64.min else { return bytes.append(contentsOf: "-9223372036854775808".utf8) }
        var magnitude = number < 0 ? -number : number
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        guard magnitude >= 10 else { return bytes.append(UInt8(ascii: "0") + UInt8(magnitude)) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var count = 0
            while magnitude > 0, count < buffer.count {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    mutating func unsigned(_ number: UInt64) { bytes.append(contentsOf: String(number).utf8) }

    /// A number as JavaScript prints it: a whole one without a fraction; NaN and infinities as `null`.
    mutating func number(_ number: Double) {
        guard number.isFinite else { return literal("null") }
        if number == number.rounded(), let whole = Int64(exactly: number) { return integer(whole) }
        var text = "\(number)"
        // Swift writes 1e-07 where JavaScript writes 1e-7.
        if let e = text.firstIndex(of: "e") {
            let mantissa = text[..<e]
            var exponent = String(text[text.index(after: e)...])
            let sign = exponent.hasPrefix("-") ? "-" : "+"
            exponent = String(exponent.drop { $0 == "-" || $0 == "+" || $0 == "0" })
            text = "\(mantissa)e\(sign)\(exponent.isEmpty ? "0" : exponent)"
        }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func bool(_ flag: Bool) {
        if flag { literal("true") } else { literal("false") }
    }

    /// A string as `JSON.stringify` writes it: `"` and `\` escaped, the short escapes for common controls, `\u00XX`
    /// for the others, everything else (slashes and non-ASCII included) as it is. A text with nothing to escape is
    /// copied at once.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // A native string's bytes are read where they are; any other (bridged) is made native first.
        if text.utf8.withContiguousStorageIfAvailable({ escaped($0) }) == nil {
            var text = text
            text.withUTF8 { escaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any byte is a control (below 0x20), `"` or `\`: eight bytes at a time (byte by byte, the scan took 4
    /// of a people page's 52 µs of writing), the rest one by one.
    static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = utf8.baseAddress else { return false }
        let raw = UnsafeRawPointer(start)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index + 8 <= utf8.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // Some byte below n (n ≤ 128): (w - n·ones) & ~w & highs is not 0; some byte equal to c: the same with n = 1
            // on w ^ c·ones.
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let found = ((word &- ones &* 0x20) & ~word) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
            if found & highs != 0 { return true }
            index += 8
        }
        while index < utf8.count {
            let byte = start[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            index += 1
        }
        return false
    }

    /// A string's UTF-8 bytes, escaped as `JSON.stringify` escapes them.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        if !WireBytes.needsEscaping(utf8) {
            bytes.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)],
                                          hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
    }
}
