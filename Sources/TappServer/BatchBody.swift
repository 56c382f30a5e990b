import Foundation
import Hummingbird

/// The body of `POST /sync/batch` (`TappAPI.BatchRequest`), read so that each operation's body is handed on as the
/// very bytes the client wrote (key order, number forms): `{"operations":[{"key","method","path","body"?}, …]}`.
/// What is wrong with it is said in class-validator's words, all at once, as a 400.
struct BatchBody {
    struct Operation {
        let key: String
        let method: HTTPRequest.Method
        /// Under `/api/v1`, without the leading slash.
        let path: String
        /// The bytes of the operation's `body` in the batch's body; nil when absent or null.
        let body: Range<Int>?
    }

    static let methods: [String: HTTPRequest.Method] = ["POST": .post, "PATCH": .patch, "DELETE": .delete]
    /// A path's characters: letters, digits and `_ ~ % -`, in segments joined by `/`.
    static let pathPattern = "^[A-Za-z0-9_~%-]+(/[A-Za-z0-9_~%-]+)*$"

    let operations: [Operation]

    init(_ bytes: [UInt8], limit: Int) throws {
        let parsed: Any
        let orders: [String: [String]]
        do { (parsed, orders) = try JSONParser.parse(Data(bytes)) } catch { throw NestError.badRequest(error.message) }
        let object = parsed as? [String: Any] ?? [:]
        var messages: [String] = []
        for key in JSONBody.javaScriptOrder(orders[""] ?? []) where key != "operations" {
            messages.append("property \(key) should not exist")
        }
        guard let list = object["operations"] as? [Any] else {
            throw NestError.validation(messages + ["operations must be an array"])
        }
        if list.count > limit { messages.append("operations must contain no more than \(limit) elements") }
        let spans = RawJSON(bytes).operationBodies()
        var operations: [Operation] = []
        for (index, item) in list.enumerated() where messages.count < 100 {
            let at = "operations.\(index)"
            guard let fields = item as? [String: Any] else {
                messages.append("\(at) must be an object")
                continue
            }
            for key in JSONBody.javaScriptOrder(orders["/operations/\(index)"] ?? []) where !["key", "method", "path", "body"].contains(key) {
                messages.append("\(at).property \(key) should not exist")
            }
            let key = fields["key"] as? String
            if key == nil { messages.append("\(at).key must be a string") } else if let key, !IdempotencyKey.isWellFormed(key) {
                messages.append("\(at).key must be 1 to 255 visible ASCII characters")
            }
            let method = (fields["method"] as? String).flatMap { BatchBody.methods[$0] }
            if method == nil { messages.append("\(at).method must be one of the following values: POST, PATCH, DELETE") }
            let path = fields["path"] as? String
            if path == nil { messages.append("\(at).path must be a string") } else if let path, !BatchBody.isRoute(path) {
                messages.append("\(at).path must be a route under /api/v1 without its leading slash (people, consultations/ID)")
            }
            guard let key, let method, let path, messages.isEmpty else { continue }
            let hasBody = fields["body"].map { !($0 is NSNull) } ?? false
            operations.append(Operation(key: key, method: method, path: path, body: hasBody ? spans[index] : nil))
        }
        guard messages.isEmpty else { throw NestError.validation(messages) }
        self.operations = operations
    }

    static func isRoute(_ path: String) -> Bool {
        !path.isEmpty && path.utf8.count <= 2048 && path.range(of: pathPattern, options: .regularExpression) != nil
    }
}

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
        return ((try? JSONParser.parse(wrapped))?.value as? [Any])?.first as? String ?? ""
    }
}
