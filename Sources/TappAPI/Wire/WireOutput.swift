import Foundation

/// The JSON text being written by `WireEncoder`, and the objects and lists still open in it (innermost last).
final class WireOutput {
    var bytes: [UInt8] = []
    /// For each open container: its closing byte, and whether it has an element yet (the next needs a comma).
    private var open: [(closer: UInt8, started: Bool)] = []

    init() { bytes.reserveCapacity(4096) }

    var depth: Int { open.count }

    /// Closes the containers opened at `depth` and deeper: something is written to one above them.
    func close(to depth: Int) {
        while open.count > depth, let last = open.popLast() { bytes.append(last.closer) }
    }

    /// Opens an object or a list for an encoder at `depth`, unless that encoder opened it already (a value may ask
    /// for its container twice).
    func openContainer(_ opener: UInt8, _ closer: UInt8, depth: Int) {
        guard open.count <= depth else { return }
        bytes.append(opener)
        open.append((closer, false))
    }

    /// Before an element of the container at `depth`: what was opened inside the previous one is closed, a comma.
    func element(in depth: Int) {
        close(to: depth + 1)
        guard depth < open.count else { return }
        if open[depth].started { bytes.append(UInt8(ascii: ",")) } else { open[depth].started = true }
    }

    func key(_ key: String, in depth: Int) {
        element(in: depth)
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Any value, the encoder's own for the types JSON has; a value that writes nothing is an empty object.
    func value<T: Encodable>(_ value: T, depth: Int, codingPath: [any CodingKey]) throws {
        switch value {
        case let text as String: string(text)
        case let flag as Bool: literal(flag ? "true" : "false")
        case let number as Int: integer(Int64(number))
        case let number as Int64: integer(number)
        case let number as Int32: integer(Int64(number))
        case let number as UInt64: literal(String(number))
        case let number as Double: self.number(number)
        default:
            let before = bytes.count
            try value.encode(to: WireStreamEncoder(out: self, depth: depth, codingPath: codingPath))
            if bytes.count == before { literal("{}") }
        }
    }

    func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    func literal(_ text: String) { bytes.append(contentsOf: text.utf8) }

    func integer(_ number: Int64) {
        guard number != Int64.min else { return literal(String(number)) }
        var magnitude = number < 0 ? -number : number
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        guard magnitude >= 10 else { return bytes.append(UInt8(ascii: "0") + UInt8(magnitude)) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0, count < buffer.count {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// A number as JavaScript prints it: a whole one without a fraction; NaN and infinities as `null`.
    func number(_ number: Double) {
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
        literal(text)
    }

    /// A string as `JSON.stringify` writes it: `"` and `\` escaped, the short escapes for common controls, `\u00XX`
    /// for the others, everything else (slashes and non-ASCII included) as it is. A text with nothing to escape is
    /// copied at once.
    func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
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
        bytes.append(UInt8(ascii: "\""))
    }
}
