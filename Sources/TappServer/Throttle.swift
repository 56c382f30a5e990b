import Foundation
import Hummingbird

/// Counts requests per key in windows of `window` seconds, as @nestjs/throttler does: past `limit` hits the key is
/// refused until its window ends. A limit of 0 turns it off.
final class Throttle: @unchecked Sendable {
    let limit: Int
    let window: TimeInterval
    private var counters: [String: (count: Int, endsAt: Date)] = [:]
    private let lock = NSLock()

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Nil when the hit is allowed; otherwise the seconds until the key may try again.
    func hit(_ key: String, now: Date = Date()) -> Int? {
        guard limit > 0 else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if counters.count > 10_000 { counters = counters.filter { $0.value.endsAt > now } }
        var counter = counters[key] ?? (0, now.addingTimeInterval(window))
        if counter.endsAt <= now { counter = (0, now.addingTimeInterval(window)) }
        counter.count += 1
        counters[key] = counter
        return counter.count > limit ? max(1, Int(counter.endsAt.timeIntervalSince(now).rounded(.up))) : nil
    }
}

/// 429 with the real body and `Retry-After` when the client's IP is over the limit; sign-in attempts have a
/// tighter limit of their own, on top.
struct ThrottleMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let global: Throttle
    let login: Throttle

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var wait = global.hit(context.clientIP)
        if wait == nil, request.method == .post, request.uri.path.hasSuffix("/auth/login") {
            wait = login.hit(context.clientIP)
        }
        if let wait {
            var response = HTTP.json(["statusCode": 429, "message": "ThrottlerException: Too Many Requests"], status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        return try await next(request, context)
    }
}
