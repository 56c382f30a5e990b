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

    /// What the `X-RateLimit-*` headers say of a key now: the limit, the hits left in its window, the seconds until
    /// the window ends.
    func state(_ key: String, now: Date = Date()) -> (limit: Int, remaining: Int, reset: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard let counter = counters[key], counter.endsAt > now else { return (limit, limit, Int(window.rounded(.up))) }
        return (limit, max(0, limit - counter.count), max(1, Int(counter.endsAt.timeIntervalSince(now).rounded(.up))))
    }
}

/// 429 with the real body and `Retry-After` when the client's IP is over the limit; sign-in attempts have a
/// tighter limit of their own, on top. Every answer says where its client stands (`X-RateLimit-*`, written by
/// `RateLimitHeadersMiddleware` once the answer is made); `quiet` (`serve --throttle-quiet`) says nothing, not even
/// `Retry-After`: a server that throttles without saying so, for clients' tests.
struct ThrottleMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let global: Throttle
    let login: Throttle
    var quiet = false

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        if context.inBatch { return try await next(request, context) }
        var wait = global.hit(context.clientIP)
        var counted = global
        if wait == nil, request.method == .post, request.uri.path.hasSuffix("/auth/login") {
            wait = login.hit(context.clientIP)
            if wait != nil { counted = login }
        }
        if !quiet, counted.limit > 0 { RateLimitNote.current?.note(counted, key: context.clientIP) }
        if let wait {
            var response = HTTP.json(NestError.tooManyRequests.body, status: .tooManyRequests)
            if !quiet { response.headers[.retryAfter] = String(wait) }
            return response
        }
        return try await next(request, context)
    }
}
