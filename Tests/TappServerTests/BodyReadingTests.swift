import Foundation
import Testing
import TappAPI
@testable import TappServer

/// Request bodies read into `WireValue` trees as `JSON.parse` and the DTOs read them: a repeated key keeps its last
/// value in its first place, unknown fields are named in `Object.keys` order, numbers keep their kind.
@Suite struct BodyReadingTests {
    static func parse(_ text: String) throws -> WireValue { try JSONParser.parse(Data(text.utf8)) }

    @Test func aRepeatedKeyKeepsItsLastValueInItsFirstPlace() throws {
        let value = try Self.parse(#"{"b":1,"a":{"x":1,"y":2},"b":"last","a":{"y":3}}"#)
        #expect(value == .object([.init("b", .string("last")), .init("a", .object([.init("y", .integer(3))]))]))
    }

    /// Random trees (fixed seed), their objects' keys in no sorted order, written as JavaScript writes them, read back
    /// the same: every kind, every key in its place, text with control characters and beyond ASCII.
    @Test func randomTreesReadBackInTheirKeyOrder() throws {
        var random = SeededRandom(seed: 15)
        func tree(_ depth: Int) -> WireValue {
            switch random.next() % (depth > 3 ? 5 : 7) {
            case 0: return .null
            case 1: return .bool(random.next() % 2 == 0)
            case 2: return .integer(Int64(bitPattern: random.next()) >> 12)
            case 3: return .number(Double(Int64(bitPattern: random.next()) >> 40) + 0.25)
            case 4:
                let scalars = (0..<Int(random.next() % 8)).compactMap { _ in Unicode.Scalar(UInt32(random.next() % 0x2FF)) }
                return .string(String(String.UnicodeScalarView(scalars)))
            case 5: return .array((0..<Int(random.next() % 4)).map { _ in tree(depth + 1) })
            default:
                var keys: [String] = []
                for _ in 0..<Int(random.next() % 5) {
                    let key = random.next() % 3 == 0 ? "\(random.next() % 20)" : "k\(random.next() % 50)"
                    if !keys.contains(key) { keys.append(key) }
                }
                return .object(keys.map { WireValue.Field($0, tree(depth + 1)) })
            }
        }
        for _ in 0..<500 {
            let value = WireValue.array([tree(0)])
            #expect(try JSONParser.parse(Data(try WireEncoder.encode(value))) == value)
        }
    }

    @Test func numbersKeepTheirKind() throws {
        let value = try Self.parse(#"[5,5.0,5e2,-0,0.5,9223372036854775807,9223372036854775808,1e400,true,false,null]"#)
        #expect(value == .array([.integer(5), .number(5), .number(500), .integer(0), .number(0.5), .integer(Int64.max),
                                 .number(9.223372036854775808e18), .number(.infinity), .bool(true), .bool(false), .null]))
        let whole = value.items?.map(\.wholeNumber)
        #expect(whole == [5, 5, 500, 0, nil, Int.max, nil, nil, nil, nil, nil])
        #expect(WireValue.number(9.1e15).wholeNumber == nil)
        #expect(WireValue.number(-8.9e15).wholeNumber == -8_900_000_000_000_000)
    }

    @Test func syntaxErrorsAreV8Sentences() {
        for (text, message) in [(#"{"a":1,}"#, "Unexpected token } in JSON at position 7"),
                                (#"{"a":1"#, "Unexpected end of JSON input"),
                                ("5", "Unexpected token 5 in JSON at position 0"),
                                (#"{"a":-}"#, "Unexpected token } in JSON at position 6"),
                                (String(repeating: "[", count: 600), "Maximum call stack size exceeded")] {
            #expect(throws: JSONParser.SyntaxError(message: message), "\(text.prefix(20))") { try Self.parse(text) }
        }
    }

    @Test func unknownFieldsAreNamedInObjectKeysOrder() throws {
        let body = try BodyParsing.json(Data(#"{"zeta":1,"10":1,"fullName":"Awa","2":1,"alpha":1,"01":1,"2":2}"#.utf8))
        #expect(body.keyOrder == ["2", "10", "zeta", "fullName", "alpha", "01"])
        var rules = BodyRules(body)
        rules.string("fullName")
        #expect(Self.messages(rules) == ["property 2 should not exist", "property 10 should not exist", "property zeta should not exist",
                                         "property alpha should not exist", "property 01 should not exist"])
    }

    /// The sentences of the 400 `check()` throws; empty when it passes.
    static func messages(_ rules: BodyRules) -> [String] {
        do { try rules.check() } catch let error as NestError {
            if case .list(let messages) = error.message { return messages }
            return ["not a list"]
        } catch { return ["\(error)"] }
        return []
    }

    @Test func rulesReadTypedValues() throws {
        let body = try BodyParsing.json(Data(#"{"name":5,"tags":"one","list":["a",1],"gone":null,"when":"2026-01-02"}"#.utf8))
        var rules = BodyRules(body)
        let name = rules.string("name"), tags = rules.stringArray("tags"), list = rules.stringArray("list")
        let gone = rules.string("gone", optional: true), when = rules.isoDate("when")
        #expect(name == nil && tags == nil && list == nil && gone == nil && when != nil)
        rules.notNull("gone")
        #expect(rules.messages == ["name must be a string", "tags must be an array", "each value in list must be a string",
                                   "gone should not be null or undefined"])
        #expect(rules.has("gone") && !rules.has("other"))
    }

    @Test func aFormKeyGivenTwiceHoldsItsValues() {
        let body = BodyParsing.form(Data("b=1&a=x+y&b=2&b=%41&c".utf8))
        #expect(body.keyOrder == ["b", "a", "c"])
        #expect(body["b"] == .array([.string("1"), .string("2"), .string("A")]))
        #expect(body["a"] == .string("x y"))
        #expect(body["c"] == .string(""))
    }

    @Test func aBatchNamesUnknownFieldsInObjectKeysOrderAndKeepsTheLastBody() throws {
        let refused = #"{"zz":1,"1":2,"operations":[{"key":"k1","method":"POST","path":"people","x":1,"0":1}]}"#
        do {
            _ = try BatchBody(Array(refused.utf8), limit: 200)
            Issue.record("a batch with unknown fields was taken")
        } catch let error as NestError {
            guard case .list(let messages) = error.message else { throw error }
            #expect(messages == ["property 1 should not exist", "property zz should not exist", "operations.0.property 0 should not exist",
                                 "operations.0.property x should not exist"])
        }
        let text = #"{"operations":[{"key":"a","method":"POST","path":"people","body":{"x":1},"body":null},"#
            + #"{"key":"b","method":"POST","path":"people","body":null,"body":{"fullName":"A"}}]}"#
        let bytes = Array(text.utf8)
        let batch = try BatchBody(bytes, limit: 200)
        #expect(batch.operations.map(\.key) == ["a", "b"])
        #expect(batch.operations[0].body == nil)
        #expect(batch.operations[1].body.map { String(decoding: bytes[$0], as: UTF8.self) } == #"{"fullName":"A"}"#)
    }

    /// A list reads as class-transformer hands it to a DTO (its indices as keys), marked as a list; an empty body as `{}`.
    @Test func aTopLevelListIsMarkedWithItsIndicesAsKeys() throws {
        let list = try BodyParsing.json(Data(#"[1,{"a":2}]"#.utf8))
        #expect(list.isList && list.keyOrder == ["0", "1"] && list["1"]?["a"] == .integer(2))
        let empty = try BodyParsing.json(Data())
        #expect(empty.fields.isEmpty && !empty.isList)
        #expect(throws: NestError.self) { try BodyRules(list).check() }
    }
}
