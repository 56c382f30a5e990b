import Foundation
import Hummingbird
import NIOCore

/// For tests only, off unless asked: the faults a poor link and a flaky server produce, so that `tapp sync` is
/// tested against them. `failRate`: answer 500 before doing anything. `dropAfterCommitRate`: do a write, then close
/// the connection without answering (the client cannot know it was committed). `latency`: wait before answering.
public struct FaultInjection: Sendable {
    public var failRate: Double = 0
    public var dropAfterCommitRate: Double = 0
    public var latency: Duration = .zero

    public init(failRate: Double = 0, dropAfterCommitRate: Double = 0, latency: Duration = .zero) {
        self.failRate = failRate
        self.dropAfterCommitRate = dropAfterCommitRate
        self.latency = latency
    }

    public var isActive: Bool { failRate > 0 || dropAfterCommitRate > 0 || latency > .zero }
}

struct FaultInjectionMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let faults: FaultInjection

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        // A batch's operations are not requests of their own on the wire: the batch itself meets the faults.
        if context.inBatch { return try await next(request, context) }
        if faults.latency > .zero { try await Task.sleep(for: faults.latency) }
        if Double.random(in: 0..<1) < faults.failRate {
            return HTTP.json(NestError.internalError.body, status: .internalServerError)
        }
        let response = try await next(request, context)
        let isWrite = request.method == .post || request.method == .patch || request.method == .delete || request.method == .put
        if isWrite, response.status.code < 300, Double.random(in: 0..<1) < faults.dropAfterCommitRate {
            context.logger.notice("fault injection: \(request.method) \(request.uri.path) committed, connection closed without answer")
            try? await context.channel.close()
        }
        return response
    }
}
