import Foundation
import Testing
import TappAPI
import TappDomain

/// The server's answers are read from one parse of their text, and what does not fit the contract says where.
@Suite struct WireDecoderTests {
    @Test func aMissingOrMistypedFieldIsNamedWithItsPath() {
        let missing = #"{"data":[{"id":"p1","fullName":"A","createdAt":"2026-01-01T00:00:00.000Z"}],"total":1,"limit":50,"offset":0}"#
        #expect {
            try WireDecoder.decode(Page<TappAPI.Person>.self, from: Data(missing.utf8))
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, let context) = error else { return false }
            return key.stringValue == "updatedAt" && context.codingPath.map(\.stringValue) == ["data", "Index 0"]
        }
        let mistyped = #"{"data":[],"total":"many","limit":50,"offset":0}"#
        #expect {
            try WireDecoder.decode(Page<TappAPI.Person>.self, from: Data(mistyped.utf8))
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["total"] && context.debugDescription.contains("a string")
        }
        #expect(throws: DecodingError.self) { try WireDecoder.decode([Int].self, from: Data("[1,".utf8)) }
        #expect(throws: DecodingError.self) { try WireDecoder.decode(Int8.self, from: Data("300".utf8)) }
        #expect(throws: DecodingError.self) { try WireDecoder.decode(Int.self, from: Data("2.5".utf8)) }
    }

    @Test func scalarsAndTreesReadAsWritten() throws {
        #expect(try WireDecoder.decode(Int.self, from: Data("5.0".utf8)) == 5)
        #expect(try WireDecoder.decode(Double.self, from: Data("7".utf8)) == 7)
        #expect(try WireDecoder.decode(String?.self, from: Data("null".utf8)) == nil)
        #expect(try WireDecoder.decode([Bool].self, from: Data("[true,false]".utf8)) == [true, false])
        // A tree keeps its keys in the order written.
        let tree = try WireDecoder.decode(WireValue.self, from: Data(#"{"z":1,"a":[{"k":null}]}"#.utf8))
        #expect(tree == ["z": 1, "a": [["k": .null]]])
        let list: [WireValue]? = try tree.decode([WireValue].self, from: "a")
        #expect(list == [["k": .null]])
    }
}

extension WireValue {
    /// One field of an object read as `T`.
    func decode<T: Decodable>(_ type: T.Type, from key: String) throws -> T? {
        try self[key].map { try $0.decode(T.self) }
    }
}
