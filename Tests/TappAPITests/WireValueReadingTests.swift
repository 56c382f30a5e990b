import Foundation
import Testing
import TappAPI

/// A JSON tree's values read by kind: each accessor answers for its own kind alone.
@Suite struct WireValueReadingTests {
    @Test func eachKindAnswersItsOwnAccessorOnly() {
        let object = WireValue.object([.init("b", .integer(1)), .init("a", .null)])
        #expect(object.fields?.map(\.key) == ["b", "a"])
        #expect(object.items == nil && object.bool == nil && object.string == nil)
        let list = WireValue.array([.string("x"), .bool(true)])
        #expect(list.items == [.string("x"), .bool(true)])
        #expect(list.fields == nil)
        #expect(WireValue.bool(false).bool == false)
        #expect(WireValue.integer(0).bool == nil)
        #expect(WireValue.integer(1).bool == nil)
        #expect(WireValue.null.bool == nil && WireValue.null.fields == nil && WireValue.null.items == nil)
        #expect(WireValue.string("true").bool == nil)
    }

    @Test func aKeyIsReadFromAnObjectOnly() {
        let object = WireValue.object([.init("name", .string("Awa")), .init("gone", .null)])
        #expect(object["name"]?.string == "Awa")
        #expect(object["gone"] == .null)
        #expect(object["other"] == nil)
        #expect(WireValue.array([object])["name"] == nil)
    }
}
