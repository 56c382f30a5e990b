import Foundation
import Testing
import TappAPI
import TappDomain

/// The encoder writes JSON as Node's `JSON.stringify` does, and what it writes always reads back.
@Suite struct WireEncoderTests {
    @Test func textIsEscapedAsJavaScriptEscapesIt() throws {
        #expect(try WireEncoder.string(["a/b \"q\" \\ é\u{1}\t"]) == #"["a/b \"q\" \\ é\u0001\t"]"#)
    }

    @Test func numbersAsJavaScriptPrintsThem() throws {
        #expect(try WireEncoder.string([1.0, 0.5, -3.0, 1e-7, 1e300]) == "[1,0.5,-3,1e-7,1e+300]")
        #expect(try WireEncoder.string([Double.nan]) == "[null]")
        #expect(try WireEncoder.string([Int64.min]) == "[-9223372036854775808]")
    }

    @Test func aBadInstantIsADecodingErrorNamingNothingRaw() {
        #expect(throws: DecodingError.self) {
            try WireDecoder.decode(WireInstant.self, from: Data(#""2025-13-45T99:00:00Z""#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try WireDecoder.decode(Person.self, from: Data(#"{"id":"c","fullName":"A","createdAt":"x","updatedAt":"x"}"#.utf8))
        }
    }

    @Test func instantsKeepTheirTextAndCompareByTheMoment() throws {
        let a = try WireInstant(parsing: "2026-01-02T10:00:00+01:00")
        let b = try WireInstant(parsing: "2026-01-02T09:00:00.000Z")
        #expect(a == b)
        #expect(a.text == "2026-01-02T10:00:00+01:00")
        #expect(a.canonical.text == "2026-01-02T09:00:00.000Z")
    }

    /// Random trees (fixed seed, bounded count) written and read back are the same tree.
    @Test func randomTreesRoundTrip() throws {
        var random = SplitMix64(seed: 15)
        func tree(_ depth: Int) -> WireValue {
            switch random.next() % (depth > 3 ? 5 : 7) {
            case 0: return .null
            case 1: return .bool(random.next() % 2 == 0)
            case 2: return .integer(Int64(bitPattern: random.next()) >> 12)
            case 3: return .number(Double(Int64(bitPattern: random.next()) >> 40) + 0.5)
            case 4:
                let scalars = (0..<Int(random.next() % 8)).compactMap { _ in Unicode.Scalar(UInt32(random.next() % 0x2FF)) }
                return .string(String(String.UnicodeScalarView(scalars)))
            case 5: return .array((0..<Int(random.next() % 4)).map { _ in tree(depth + 1) })
            default:
                let keys = Set((0..<Int(random.next() % 4)).map { _ in "k\(random.next() % 50)" }).sorted()
                return .object(keys.map { WireValue.Field($0, tree(depth + 1)) })
            }
        }
        for _ in 0..<500 {
            let value = tree(0)
            let bytes = try WireEncoder.encode(value)
            #expect(try WireDecoder.decode(WireValue.self, from: bytes) == value)
        }
    }

    /// A value that asks for its container twice writes one object; one that asks for none writes `{}`; nested
    /// objects and lists are closed where their parent goes on.
    @Test func containersAreWrittenAsTheValueFillsThem() throws {
        struct Twice: Encodable {
            enum Keys: String, CodingKey { case a, b, c }
            func encode(to encoder: any Encoder) throws {
                var first = encoder.container(keyedBy: Keys.self)
                try first.encode(1, forKey: .a)
                var list = first.nestedUnkeyedContainer(forKey: .b)
                try list.encode("x")
                var inner = list.nestedContainer(keyedBy: Keys.self)
                try inner.encodeNil(forKey: .c)
                var second = encoder.container(keyedBy: Keys.self)
                try second.encode(true, forKey: .c)
            }
        }
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(try WireEncoder.string(Twice()) == #"{"a":1,"b":["x",{"c":null}],"c":true}"#)
        #expect(try WireEncoder.string([Nothing(), Nothing()]) == "[{},{}]")
        #expect(try WireEncoder.string([[Int]](), ) == "[]")
        #expect(try WireEncoder.string([[1, 2], [], [3]]) == "[[1,2],[],[3]]")
        #expect(try WireEncoder.string(["k": [String: Int]()]) == #"{"k":{}}"#)
        #expect(try WireEncoder.string([Int64.max, -7, 0, 10, -10]) == "[9223372036854775807,-7,0,10,-10]")
    }

    /// Text is written as `JSON.stringify` writes it: emoji and accents as they are, controls escaped, keys too.
    @Test func keysAndTextAreEscapedAlike() throws {
        let value: WireValue = ["a\"b": "x\"y\\z\n\t\r\u{1}\u{1F}é/ü 😀", "é": .array([])]
        #expect(try WireEncoder.string(value) == #"{"a\"b":"x\"y\\z\n\t\r\u0001\u001fé/ü 😀","é":[]}"#)
    }

    /// Texts of every length, the characters to escape anywhere in them (inside the eight-byte words the writer scans
    /// and in the bytes left over), are written as a plain escaper writes them. Seeded, bounded.
    @Test func escapingFindsEveryCharacterWhereverItIs() throws {
        var random = SplitMix64(seed: 41)
        let alphabet: [Character] = ["a", "Z", "7", " ", "/", "é", "😀", "\"", "\\", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "~"]
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\u{8}": out += "\\b"
                case "\u{C}": out += "\\f"
                case "\r": out += "\\r"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        for _ in 0..<3_000 {
            let length = Int(random.next() % 40)
            // Mostly plain letters, so that a lone character to escape lands in any position of a word.
            let text = String((0..<length).map { _ in random.next() % 4 == 0 ? alphabet[Int(random.next() % UInt64(alphabet.count))] : "m" })
            #expect(try WireEncoder.string([text]) == "[" + reference(text) + "]", "\(Array(text.utf8))")
        }
    }

    /// An instant stored by a server reads in its own form at once, and as any ISO text otherwise, to the same moment.
    @Test func storedInstantsReadToTheirMoment() throws {
        var random = SplitMix64(seed: 17)
        for _ in 0..<2_000 {
            // From 1811 to 2221, with milliseconds.
            let seconds = Double(Int64(random.next() % 13_000_000_000) - 5_000_000_000) + Double(random.next() % 1000) / 1000
            let instant = WireInstant(Date(timeIntervalSince1970: seconds))
            let stored = WireInstant(stored: instant.text)
            #expect(stored.text == instant.text)
            #expect(abs(stored.date.timeIntervalSince(try WireInstant(parsing: instant.text).date)) < 0.0005, "\(instant.text)")
        }
        #expect(WireInstant(stored: "2024-02-29T23:59:59.999Z").date == Date(timeIntervalSince1970: 1_709_251_199.999))
        #expect(WireInstant(stored: "2026-01-02T10:00:00+01:00").date == Date(timeIntervalSince1970: 1_767_344_400))
        #expect(WireInstant(stored: "2023-02-29T00:00:00.000Z").text == "2023-02-29T00:00:00.000Z")
        #expect(WireInstant(stored: "not a date").date == Date(timeIntervalSince1970: 0))
    }
}
