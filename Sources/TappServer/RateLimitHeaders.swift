import Foundation
import Hummingbird

/// Which throttle counted the request being answered, and for which key: noted by `ThrottleMiddleware`, read once
/// the answer is made (errors included), so that the headers tell where the client stands after this request — and
/// after a batch's operations, which are counted too.
final class RateLimitNote: @unchecked Sendable {
    static let task = TaskLocal<RateLimitNote?>(wrappedValue: nil)
    static var current: RateLimitNote? { task.get() }

    private let lock = NSLock()
    private var counted: (Throttle, String)?

    func note(_ throttle: Throttle, key: String) {
        lock.withLock { if counted == nil { counted = (throttle, key) } }
    }

    var state: (limit: Int, remaining: Int, reset: Int)? {
        lock.withLock { counted }.map { $0.0.state($0.1) }
    }
}

/// Writes `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds) on every answer the throttle
/// counted. Placed outside the error middleware, so that error answers carry them too.
struct RateLimitHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let note = RateLimitNote()
        var response = try await RateLimitNote.task.withValue(note) { try await next(request, context) }
        if let state = note.state {
            response.headers[SyncHeaders.rateLimit] = String(state.limit)
            response.headers[SyncHeaders.rateLimitRemaining] = String(state.remaining)
            response.headers[SyncHeaders.rateLimitReset] = String(state.reset)
        }
        return response
    }
}
