import Foundation
import Hummingbird
import TappAPI

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
        let parsed: WireValue
        do { parsed = try JSONParser.parse(Data(bytes)) } catch { throw NestError.badRequest(error.message) }
        let batch = JSONBody(parsed.fields ?? [])
        var messages: [String] = []
        for key in batch.keyOrder where key != "operations" {
            messages.append("property \(key) should not exist")
        }
        guard let list = batch["operations"]?.items else {
            throw NestError.validation(messages + ["operations must be an array"])
        }
        if list.count > limit { messages.append("operations must contain no more than \(limit) elements") }
        let spans = RawJSON(bytes).operationBodies()
        var operations: [Operation] = []
        for (index, item) in list.enumerated() where messages.count < 100 {
            let at = "operations.\(index)"
            guard let fields = item.fields.map({ JSONBody($0) }) else {
                messages.append("\(at) must be an object")
                continue
            }
            for key in fields.keyOrder where !["key", "method", "path", "body"].contains(key) {
                messages.append("\(at).property \(key) should not exist")
            }
            let key = fields["key"]?.string
            if key == nil { messages.append("\(at).key must be a string") } else if let key, !IdempotencyKey.isWellFormed(key) {
                messages.append("\(at).key must be 1 to 255 visible ASCII characters")
            }
            let method = fields["method"]?.string.flatMap { BatchBody.methods[$0] }
            if method == nil { messages.append("\(at).method must be one of the following values: POST, PATCH, DELETE") }
            let path = fields["path"]?.string
            if path == nil { messages.append("\(at).path must be a string") } else if let path, !BatchBody.isRoute(path) {
                messages.append("\(at).path must be a route under /api/v1 without its leading slash (people, consultations/ID)")
            }
            guard let key, let method, let path, messages.isEmpty else { continue }
            let hasBody = fields["body"].map { $0 != .null } ?? false
            operations.append(Operation(key: key, method: method, path: path, body: hasBody ? spans[index] : nil))
        }
        guard messages.isEmpty else { throw NestError.validation(messages) }
        self.operations = operations
    }

    static func isRoute(_ path: String) -> Bool {
        !path.isEmpty && path.utf8.count <= 2048 && path.range(of: pathPattern, options: .regularExpression) != nil
    }
}
