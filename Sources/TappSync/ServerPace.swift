import Foundation
import TappAPI

/// How fast the server lets this client go. Nothing holds a request back until the server says something: its
/// `X-RateLimit-*` headers (what is left in the window, when it starts again), a 429 with `Retry-After`, or a 429
/// without a word, from which the limit is learned (the requests of the last minute). A limit given by hand
/// (`--rate-limit`) or learned in an earlier run starts in force.
public struct ServerPace: Sendable, Equatable {
    /// At most `limit` requests in any `window` seconds; nil: no limit known.
    public var limit: Int?
    public var window: TimeInterval
    /// No request before this (the server said to wait).
    public var resumeAt: Date?
    /// The starts of the recent requests, within one window.
    var sent: [Date] = []
    /// What the server last said is left of its window (less what went since), and when the window turns.
    var allowance: Allowance?

    struct Allowance: Sendable, Equatable {
        var left: Int
        var turnsAt: Date
    }

    public init(limit: Int? = nil, window: TimeInterval = 60) {
        self.limit = limit.flatMap { $0 > 0 ? $0 : nil }
        self.window = window > 0 && window.isFinite ? window : 60
    }

    /// How long the next request must wait, at `now`; zero to go at once.
    public func wait(at now: Date) -> TimeInterval {
        var wait = max(0, resumeAt?.timeIntervalSince(now) ?? 0)
        if let allowance, allowance.left <= 0, allowance.turnsAt > now { wait = max(wait, allowance.turnsAt.timeIntervalSince(now)) }
        if let limit {
            let recent = sent.filter { now.timeIntervalSince($0) < window }
            if recent.count >= limit {
                // Once the request `limit` back from the newest leaves the window, one more may go.
                let oldest = recent.sorted()[recent.count - limit]
                wait = max(wait, window - now.timeIntervalSince(oldest) + 0.01)
            }
        }
        return wait
    }

    /// A request goes at `now`.
    public mutating func record(at now: Date) {
        sent.removeAll { now.timeIntervalSince($0) >= window }
        sent.append(now)
        if let current = allowance {
            allowance = current.turnsAt <= now ? nil : Allowance(left: current.left - 1, turnsAt: current.turnsAt)
        }
    }

    /// Learns from an answer's headers and status.
    public mutating func learn(from answer: WireAnswer, at now: Date) {
        let limitHeader = answer.header(WireHeader.rateLimit).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let remaining = answer.header(WireHeader.rateLimitRemaining).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let reset = answer.header(WireHeader.rateLimitReset).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            .flatMap { $0.isFinite && $0 >= 0 ? min($0, 3600) : nil }
        if let limitHeader, limitHeader > 0 {
            limit = limitHeader
            // The window the server counts in, when it says it (the reset of a fresh window).
            if let reset, remaining == limitHeader - 1, reset > 0 { window = reset }
        }
        // Requests already in flight when this answer left are not in its count: they are taken off as they went.
        if let remaining, let reset {
            let turnsAt = now.addingTimeInterval(reset)
            if let current = allowance, current.turnsAt > now, abs(current.turnsAt.timeIntervalSince(turnsAt)) < 1 {
                allowance = Allowance(left: min(remaining, current.left), turnsAt: current.turnsAt)
            } else {
                allowance = Allowance(left: remaining, turnsAt: turnsAt)
            }
        }
        guard answer.status == 429 || answer.status == 503 else { return }
        if let after = answer.retryAfter ?? (remaining == 0 ? reset : nil) {
            resumeAt = now.addingTimeInterval(max(after, 0.1))
        } else {
            // Throttled without a word: as many as went in the last window is the limit (a little under, to stay
            // clear of it); wait for the window to turn.
            // This request was not let through: it does not count among what the server took.
            if !sent.isEmpty { sent.removeLast() }
            let recent = sent.filter { now.timeIntervalSince($0) < window }.count
            if recent >= 2 { limit = max(1, min(limit ?? Int.max, recent - max(1, recent / 10))) }
            resumeAt = now.addingTimeInterval(window)
        }
    }
}
