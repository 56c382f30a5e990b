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
}
