import Foundation
import Testing
@testable import TappServer

/// The answers' JSON writer: what it writes reads back as the value it was given, escaped as JSON wants.
@Suite struct JSONWriterTests {
    func written(_ value: Any) -> String? { JSONWriter.bytes(value).map { String(decoding: $0, as: UTF8.self) } }

    @Test func textIsEscapedAsJSONWantsAndSlashesAndAccentsAreLeftAlone() {
        #expect(written(["a": "x\"y\\z\n\t\r\u{1}\u{1F}é/ü 😀"]) == #"{"a":"x\"y\\z\n\t\r\u0001\u001fé/ü 😀"}"#)
    }

    @Test func whatItWritesReadsBackAsTheValue() throws {
        let value: [String: Any] = [
            "id": "c123", "count": Int64(-42), "small": 7, "rate": 12.5, "whole": 3.0, "active": true, "off": false, "none": NSNull(),
            "list": [["k": "v"], ["k": NSNull()]] as [[String: Any]], "strings": ["a", "b"], "empty": [Any](), "nested": ["deep": ["x": 1]],
        ]
        let bytes = try #require(JSONWriter.bytes(value))
        let back = try JSONSerialization.jsonObject(with: Data(bytes))
        #expect(AnswerShapes.same(back, value))
        // Booleans stay booleans and integers integers.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""active":true"#) && text.contains(#""small":7"#) && text.contains(#""whole":3"#))
    }

    @Test func anythingElseIsLeftToJSONSerialization() {
        // A number read back through Foundation is written as what it is, never confused with a boolean.
        #expect(JSONWriter.bytes(["n": NSNumber(value: 3)]).map { String(decoding: $0, as: UTF8.self) } == #"{"n":3}"#)
        #expect(JSONWriter.bytes(["b": NSNumber(value: true)]).map { String(decoding: $0, as: UTF8.self) } == #"{"b":true}"#)
        #expect(JSONWriter.bytes(["d": Date()]) == nil)
        #expect(JSONWriter.bytes(["nan": Double.nan]) == nil)
    }
}
