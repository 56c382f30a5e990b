import Foundation
import TappTestSupport

/// Requests to our server's extensions, on a new connection each, with exactly the headers given.
enum SyncRequests {
    static func send(_ server: ServerProcess, _ method: String, _ path: String, body: String? = nil, token: String?,
                     key: String? = nil, headers extra: [(String, String)] = []) throws -> RawHTTP.Answer {
        var headers = extra
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if let key { headers.append(("Idempotency-Key", key)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try RawHTTP.exchange(port: server.port, method, path, headers: headers, body: body.map { Data($0.utf8) })
    }

    /// A JSON object's text, keys in the order given.
    static func json(_ pairs: KeyValuePairs<String, String>) -> String {
        "{" + pairs.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    static func quoted(_ text: String) -> String {
        (try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed])).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    /// How many people have this name, read in the server's own database.
    static func people(named name: String, in server: ServerProcess) async throws -> Int {
        try await DatabaseCount.rows(in: server, sql: "SELECT count(*) FROM people WHERE fullName = ?", name)
    }
}
