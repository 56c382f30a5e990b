import Foundation

/// SplitMix64: the same seed gives the same inputs on every machine, so a failure can be replayed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Hostile JSON, written as text (so that numbers JSON allows and Swift cannot hold, `1e400`, reach the server):
/// every type, huge and negative numbers, 0 and 1, odd dates, control characters, very long strings, nested junk.
struct FuzzInputs {
    var random: SeededRandom

    static let numbers = ["0", "1", "-1", "0.0", "1.0", "-0", "1.5", "-1440", "525600", "525601", "-525601", "2147483648",
                          "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999999",
                          "1e400", "-1e400", "1e-400", "1E3", "4.9e-324", "1.7976931348623157e308"]
    static let dates = ["2026-01-01T00:00:00+19:00", "2026-01-01T00:00:00-19:00", "2026-01-01T00:00:00+23:59", "2026-01-01T00:00:00-2359",
                        "2026-01-01T00:00+18:01", "2026-01-01T00:00:00+24:00", "0000-01-01T00:00:00Z", "99999-01-01T00:00:00Z",
                        "9999-12-31T23:59:59.999-18:00", "1800-01-01T00:00:00+18:00", "2026-W01-1", "2026-W53-7T10:00:00Z",
                        "2026-02-29T10:00:00Z", "2024-02-29", "2026-13-01", "2026-00-10", "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z",
                        "2026-01-01T10:00:00.", "2026-01-01T10:00:00.1234567890123Z", "+002026-01-01T00:00:00Z", "-000001-01-01T00:00:00Z",
                        "2026-001", "20260101T000000Z", "2026-01-01T10:00:00 +01:00", "2026-12-01T10:00:00Z", "1985-03-15"]
    static let texts = ["", " ", "a", "Awa Fotso", "person_1", "doctor_1", "org_default", "ADMIN", "DOCTOR", "NURSE", "SMS", "EMAIL", "PUSH",
                        "NORMAL", "URGENT", "PLANNED", "DONE", "CANCELED", "CANCELLED", "PENDING", "FAILED", "COMPLETED", "x@y.cm",
                        "admin@meditache.com", "not-an-email", "\u{1B}]0;pwned\u{07}\u{1B}[2J", "a\u{0}b", "\u{7F}", "\u{85}", "\u{9B}",
                        "line\nbreak", "tab\there", "\r\n", "é😀\u{202E}", "\u{FEFF}", "%00", "../../etc/passwd", "' OR 1=1 --", "null",
                        "true", "0", "1", "NaN", "Infinity"]

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// A JSON string literal for `text` (escaped as JSON wants; controls as `\u00XX`).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    mutating func text() -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return String(repeating: pick(["a", "é", "\u{1B}", "😀"]), count: pick([256, 4096, 65_536]))
        case 1, 2: return pick(Self.dates)
        default: return pick(Self.texts)
        }
    }

    /// Any JSON value, nested at most `depth` deep.
    mutating func value(depth: Int = 3) -> String {
        switch Int.random(in: 0..<(depth > 0 ? 8 : 5), using: &random) {
        case 0: return pick(Self.numbers)
        case 1: return pick(["true", "false", "null"])
        case 2, 3: return Self.quoted(text())
        case 4: return pick(["[]", "{}", "[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]", #"{"":{"":{"":{}}}}"#, "[1,\"a\",null,true,{}]"])
        case 5: return "[" + (0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth: depth - 1) }.joined(separator: ",") + "]"
        default: return object(keys: [pick(["a", "offsetMinutes", "channel", "enabled", "__proto__", "constructor"])], depth: depth - 1)
        }
    }

    mutating func object(keys: [String], depth: Int) -> String {
        "{" + keys.map { Self.quoted($0) + ":" + value(depth: depth) }.joined(separator: ",") + "}"
    }

    /// A body for a route whose DTO has these properties: mostly its own fields with hostile values, sometimes an
    /// unknown field, sometimes not an object at all, sometimes broken JSON.
    mutating func body(properties: [String]) -> Data {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return Data(value().utf8)
        case 1: return Data(pick(["{", "{\"a\":", "[", "\u{0}", "{\"a\":1,}", "{'a':1}", "{\"a\":1}{}", "\u{FEFF}{}"]).utf8)
        default:
            var keys = properties.filter { _ in chance(60) }
            if chance(15) { keys.append(pick(["id", "bloodType", "password", "role", "", "a\u{1B}"])) }
            let rules = "[" + (0..<Int.random(in: 0...3, using: &random)).map { _ in
                object(keys: ["offsetMinutes", "channel", "enabled"].filter { _ in chance(70) }, depth: 1)
            }.joined(separator: ",") + "]"
            return Data(("{" + keys.map { key in
                Self.quoted(key) + ":" + (key == "rules" && chance(70) ? rules : value())
            }.joined(separator: ",") + "}").utf8)
        }
    }

    /// A query string of these parameters with hostile values, percent-encoded.
    mutating func query(names: [String]) -> String {
        let pairs = names.filter { _ in chance(50) }.map { name -> String in
            // Cut to 2,000 characters: a request head over the HTTP parser's limit (80 KiB) is refused before any
            // route, with a bare 400 (see RouteFuzzTests' own case for it).
            let raw = String((chance(70) ? text() : pick(Self.numbers)).prefix(2000))
            return name + "=" + (raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    /// An id for a path: a real one, an unknown one, or junk (percent-encoded).
    mutating func pathId() -> String {
        let raw = chance(40) ? pick(["person_1", "org_default", "doctor_1", "nobody"]) : text()
        return String((raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "x").prefix(20_000))
    }
}
