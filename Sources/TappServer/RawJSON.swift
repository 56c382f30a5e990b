import Foundation
import TappAPI

/// Finds where values stand in JSON text already checked by `JSONParser`.
struct RawJSON {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The span of each operation's `body` (the last one written, as `JSON.parse` keeps), by operation index.
    func operationBodies() -> [Int: Range<Int>] {
        var index = skipSpace(0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return [:] }
        var operations: Range<Int>?
        for (key, span) in members(at: index) where key == "operations" { operations = span }
        guard let operations, bytes[operations.lowerBound] == UInt8(ascii: "[") else { return [:] }
        var bodies: [Int: Range<Int>] = [:]
        index = 0
        for element in elements(at: operations.lowerBound) {
            if bytes[element.lowerBound] == UInt8(ascii: "{") {
                for (key, span) in members(at: element.lowerBound) where key == "body" { bodies[index] = span }
            }
            index += 1
        }
        return bodies
    }

    func skipSpace(_ start: Int) -> Int {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index
    }

    /// The end of the value starting at `start`.
    func end(of start: Int) -> Int {
        var index = start
        switch bytes[index] {
        case UInt8(ascii: "\""):
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
            return index + 1
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""): index = end(of: index); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return index
        default:
            while index < bytes.count, !",}] \t\r\n".utf8.contains(bytes[index]) { index += 1 }
            return index
        }
    }

    /// The members of the object at `start`: each key (decoded) and the span of its value.
    func members(at start: Int) -> [(String, Range<Int>)] {
        var members: [(String, Range<Int>)] = []
        var index = skipSpace(start + 1)
        while index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            let keyEnd = end(of: index)
            let key = decodeKey(bytes[index..<keyEnd])
            index = skipSpace(skipSpace(keyEnd) + 1)
            let valueEnd = end(of: index)
            members.append((key, index..<valueEnd))
            index = skipSpace(valueEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
            index = skipSpace(index + 1)
        }
        return members
    }

    /// The spans of the elements of the array at `start`.
    func elements(at start: Int) -> [Range<Int>] {
        var elements: [Range<Int>] = []
        var index = skipSpace(start + 1)
        while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
            let valueEnd = end(of: index)
            elements.append(index..<valueEnd)
            index = skipSpace(valueEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
            index = skipSpace(index + 1)
        }
        return elements
    }

    /// A key's text: as written unless it holds an escape, then as `JSONParser` reads it.
    func decodeKey(_ token: ArraySlice<UInt8>) -> String {
        let inner = token.dropFirst().dropLast()
        guard inner.contains(UInt8(ascii: "\\")) else { return String(decoding: inner, as: UTF8.self) }
        let wrapped = Data([UInt8(ascii: "[")] + Array(token) + [UInt8(ascii: "]")])
        return (try? JSONParser.parse(wrapped))?.items?.first?.string ?? ""
    }
}
