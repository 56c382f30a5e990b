import Foundation
import TappAPI

/// Our server's extensions in the OpenAPI document (left out under `--real-server-faults`, as the real server has
/// none), and the headers of the contract.
extension OpenAPIDocument {
    static var syncOperations: [Operation] { [
        .init(method: "get", path: "/sync/features", tag: "sync",
              summary: "What this server offers beyond the real API: {idempotencyKeys, changes, batchLimit} (the real server answers 404)",
              roles: [], body: nil, success: 200),
        .init(method: "get", path: "/sync/changes", tag: "sync",
              summary: "People, consultations and interventions changed after a cursor, oldest first, each once in its latest state, "
                  + "deletions as tombstones: {changes: [{kind, id, deleted, person|consultation|intervention}], cursor, more}",
              roles: [], body: nil, success: 200,
              query: ["after": ["type": "string", "pattern": "^[0-9]{1,18}$",
                                "description": "The cursor of the previous page; absent: from the beginning"],
                      "limit": ["type": "integer", "minimum": 1, "maximum": .integer(Int64(ChangePageSize.maximum)),
                                "description": "At most this many changes (default \(ChangePageSize.standard))"]],
              more: [400: "after is not a cursor this server gave, or limit is not from 1 to \(ChangePageSize.maximum)"]),
        .init(method: "post", path: "/sync/batch", tag: "sync",
              summary: "Up to \(BatchRunner.limit) operations in one request, carried out in order, each as if sent alone with its "
                  + "Idempotency-Key: {results: [{key, status, body, replayed}]}, one per operation, whatever each answered",
              roles: [], body: batchSchema, success: 200),
    ] }

    static var batchSchema: WireValue {
        let operation = OpenAPISchemas.object([
            "key": ["type": "string", "pattern": "^[!-~]{1,255}$", "description": "The operation's Idempotency-Key"],
            "method": ["type": "string", "enum": ["POST", "PATCH", "DELETE"]],
            "path": ["type": "string", "pattern": .string(BatchBody.pathPattern), "maxLength": 2048,
                     "description": "The route under /api/v1, without its leading slash: people, consultations/ID"],
            "body": ["description": "The route's body, as it would be sent alone"],
        ], required: ["key", "method", "path"])
        return OpenAPISchemas.object(["operations": ["type": "array", "maxItems": .integer(Int64(BatchRunner.limit)), "items": operation]],
                                     required: ["operations"], notNull: ["operations"])
    }

    /// An integer header with its description.
    static func integerHeader(_ description: String) -> WireValue {
        ["schema": ["type": "integer"], "description": .string(description)]
    }

    /// The headers an answer may carry: the throttle's (when it is on), and on a write the replay mark.
    static func headers(status: Int, method: String) -> WireValue {
        var headers: WireValue = [
            "X-RateLimit-Limit": integerHeader("Requests per window (when the throttle is on)"),
            "X-RateLimit-Remaining": integerHeader("Requests left in this window"),
            "X-RateLimit-Reset": integerHeader("Seconds until the window starts again"),
        ]
        if status == 429 { headers[field: "Retry-After"] = integerHeader("Seconds to wait") }
        if method != "get", (200..<300).contains(status), !RealServerFaults.on {
            headers[field: "Idempotent-Replayed"] = ["schema": ["type": "string", "enum": ["true"]],
                                                     "description": "This is the kept answer of an earlier request with the same Idempotency-Key"]
        }
        return headers
    }

    /// What the document's description says of the extensions.
    static var syncDescription: String {
        RealServerFaults.on ? "" : """
             Beyond the real API (GET /api/v1/sync/features says what; the real server answers 404): writes (POST, PATCH, \
            DELETE, but for auth/ and sync/) take an Idempotency-Key header (1 to 255 visible ASCII characters): a replay \
            with the same key and request answers the first successful answer, kept a day, with Idempotent-Replayed: true; \
            the same key on another request is a 422; while the first is under way, a 409.
            """
    }
}

extension OpenAPIDocument {
    /// What a write can answer because of its Idempotency-Key (each only when the route has no answer of that status).
    static func idempotencyAnswers(_ operation: Operation) -> [Int: String] {
        guard !RealServerFaults.on, operation.method != "get", !operation.path.hasPrefix("/auth/"), !operation.path.hasPrefix("/sync/")
        else { return [:] }
        return [400: "The Idempotency-Key is not 1 to 255 visible ASCII characters",
                409: "A request with this Idempotency-Key is under way (or never finished)",
                422: "This Idempotency-Key was used for another request"]
    }
}
