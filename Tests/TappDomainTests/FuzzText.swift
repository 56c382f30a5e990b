import TappDomain

/// Text made to hit parsers where they break: pieces of the grammar they expect, numbers at the edges of `Int`,
/// controls, long runs, odd Unicode.
struct FuzzText {
    var random: SplitMix64

    static let pieces = ["2026", "-", "12", "01", "T", " ", ":", "00", "30", "+", "19", "20", "23", "59", "18", "Z", "z", ".",
                         "999999999", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "J", "H", "D",
                         "SMS", "EMAIL", "PUSH", "off", "/", "0", "1", "60", "24", "2024-02-29", "1800", "9999", "0000",
                         "\u{1B}", "\u{07}", "\u{00}", "\u{9B}", "\u{7F}", "\t", "\n", "\r", "é", "ß", "𝟙", "٣", "\u{FFFD}",
                         "\"", ",", ";", "'", "=", "@", "W", "42", "-W42-4", "\u{200B}", "\u{202E}", "e", "E5"]

    mutating func next(maxPieces: Int = 8) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...maxPieces, using: &random) {
            if Int.random(in: 0..<10, using: &random) == 0 {
                text += String(Int.random(in: Int.min...Int.max, using: &random))
            } else {
                text += Self.pieces.randomElement(using: &random) ?? ""
            }
        }
        return text
    }

    /// A date and time near the grammar: each part often right, sometimes just out of range.
    mutating func instant() -> String {
        func n(_ range: ClosedRange<Int>, _ width: Int) -> String {
            let text = String(Int.random(in: range, using: &random))
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(n(1790...10_010, 4))-\(n(0...13, 2))-\(n(0...32, 2))\(["T", " ", "t", "_"].randomElement(using: &random) ?? "T")"
        text += "\(n(0...25, 2)):\(n(0...61, 2))"
        if Bool.random(using: &random) { text += ":\(n(0...61, 2))" }
        if Bool.random(using: &random) { text += ".\(n(0...999_999_999_999, 1))" }
        switch Int.random(in: 0..<4, using: &random) {
        case 0: text += "Z"
        case 1: text += "\(Bool.random(using: &random) ? "+" : "-")\(n(0...30, 2)):\(n(0...70, 2))"
        case 2: text += "\(Bool.random(using: &random) ? "+" : "-")\(n(0...30, 2))\(n(0...70, 2))"
        default: break
        }
        return text
    }

    /// Any bytes, as a receptionist's keyboard or a damaged file could give them.
    mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }
}
