import Foundation
import Hummingbird
import NIOCore
import TappAPI

/// The router's own responder, set once the application is built, so that a batch's operations go through the
/// very routes and middleware a request sent alone goes through.
final class RouterSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: RouterResponder<ServerContext>?

    var responder: RouterResponder<ServerContext>? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Carries out a batch's operations one after the other, each as the same request sent alone: the batch's
/// `Authorization`, the operation's key as its `Idempotency-Key`, its body as a JSON body, dispatched through the
/// router (auth, roles, validation, idempotency: nothing of the routes is written twice; the throttle counts the batch once, not
/// each of its operations). One failing does
/// not stop the next. The answer is `TappAPI.BatchAnswer`, each result's body the route's own JSON bytes.
struct BatchRunner: Sendable {
    /// Operations per batch (`ServerFeatures.batchLimit`).
    static let limit = 200
    /// A batch's body may carry several operations' bodies: larger than a single request's.
    static let maxBody = 8 << 20
    /// Operations whose keys are settled in one transaction (`BatchClaims`): the previous chunk's answers kept and
    /// this chunk's keys claimed together. A crash in a chunk leaves at most these keys claimed without an answer.
    static let chunk = 25
    let router: RouterSlot
    let records: any IdempotencyRecords
    /// The batch runs as one transaction of it: its operations commit together, once (each in a savepoint of it).
    let database: any ServerDatabase

    struct Result {
        let key: String
        let status: Int
        let body: [UInt8]
        let replayed: Bool
    }

    func run(_ batch: BatchBody, user: String, bytes: [UInt8], outer: Request, context: ServerContext) async throws -> [UInt8] {
        guard let responder = router.responder else { throw NestError.internalError }
        return try await database.transaction {
            try await run(batch, user: user, bytes: bytes, outer: outer, context: context, responder: responder)
        }
    }

    /// The operations in order, inside the batch's transaction.
    func run(_ batch: BatchBody, user: String, bytes: [UInt8], outer: Request, context: ServerContext,
             responder: RouterResponder<ServerContext>) async throws -> [UInt8] {
        let claims = BatchClaims(user: user)
        var results: [Result] = []
        results.reserveCapacity(batch.operations.count)
        var used: Set<String> = []
        do {
            for start in stride(from: 0, to: batch.operations.count, by: BatchRunner.chunk) {
                let indices = start..<min(start + BatchRunner.chunk, batch.operations.count)
                // A key met again in the batch goes the usual way, after what its first use left is settled.
                let fresh = indices.filter { !BatchRunner.isSync(batch.operations[$0]) && used.insert(batch.operations[$0].key).inserted }
                try await settle(claims, claiming: fresh.map { batch.operations[$0] }, bytes: bytes)
                for index in indices {
                    let operation = batch.operations[index]
                    if !fresh.contains(index) { try await settle(claims, claiming: [], bytes: bytes) }
                    results.append(await BatchClaims.task.withValue(claims) {
                        await dispatch(operation, bytes: bytes, outer: outer, context: context, responder: responder)
                    })
                }
            }
            try await settle(claims, claiming: [], bytes: bytes, abandoning: true)
        } catch {
            try? await settle(claims, claiming: [], bytes: bytes, abandoning: true)
            throw error
        }
        return BatchRunner.answer(results)
    }

    /// Keeps and lets go what the operations run since the last call left, then claims the keys of the next ones.
    func settle(_ claims: BatchClaims, claiming operations: [BatchBody.Operation], bytes: [UInt8], abandoning: Bool = false) async throws {
        let (keep, release) = claims.drain(abandoning: abandoning)
        guard !keep.isEmpty || !release.isEmpty || !operations.isEmpty else { return }
        let now = Date()
        let found = try await records.settle(keep: keep, release: release, claim: operations.map { operation in
            (IdempotencyKey(user: claims.user, key: operation.key),
             IdempotencyMiddleware.fingerprint(method: operation.method.rawValue, path: "/api/v1/" + operation.path,
                                               body: operation.body.map { bytes[$0] } ?? []))
        }, now: now, expiredBefore: now.addingTimeInterval(-IdempotencyMiddleware.lifetime))
        for (operation, claim) in zip(operations, found) { claims.decide(operation.key, claim) }
    }

    static func isSync(_ operation: BatchBody.Operation) -> Bool {
        operation.path.lowercased().hasPrefix("sync/") || operation.path.lowercased() == "sync"
    }

    func dispatch(_ operation: BatchBody.Operation, bytes: [UInt8], outer: Request, context: ServerContext,
                  responder: RouterResponder<ServerContext>) async -> Result {
        let path = "/api/v1/" + operation.path
        // A batch does not hold another one, nor reads the feed: the sync routes are not operations.
        if BatchRunner.isSync(operation) {
            let missing = NestError.notFound("Cannot \(operation.method.rawValue) \(path)").body
            return Result(key: operation.key, status: 404, body: (try? WireEncoder.encode(missing)) ?? [], replayed: false)
        }
        var fields = HTTPFields()
        if let authorization = outer.headers[.authorization] { fields[.authorization] = authorization }
        fields[SyncHeaders.idempotencyKey] = operation.key
        var body = RequestBody(buffer: ByteBuffer())
        if let span = operation.body {
            fields[.contentType] = "application/json"
            fields[.contentLength] = String(span.count)
            body = RequestBody(buffer: ByteBuffer(bytes: bytes[span]))
        }
        let head = HTTPRequest(method: operation.method, scheme: outer.head.scheme, authority: outer.head.authority, path: path,
                               headerFields: fields)
        var inner = context
        inner.inBatch = true
        do {
            let response = try await responder.respond(to: Request(head: head, body: body), context: inner)
            let answer = try await ResponseBytes.collect(response.body)
            return Result(key: operation.key, status: Int(response.status.code), body: answer,
                          replayed: response.headers[SyncHeaders.idempotentReplayed] == "true")
        } catch {
            context.logger.error("batch: \(operation.method) \(path) failed: \(error)")
            return Result(key: operation.key, status: 500, body: (try? WireEncoder.encode(NestError.internalError.body)) ?? [], replayed: false)
        }
    }

    /// `{"results":[{"key","status","body","replayed"}, …]}`, `BatchResult`'s order, each body spliced as the route wrote it.
    static func answer(_ results: [Result]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(results.reduce(64) { $0 + $1.body.count + $1.key.utf8.count + 64 })
        out.append(contentsOf: Array(#"{"results":["#.utf8))
        for (index, result) in results.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array(#"{"key":"#.utf8))
            out.append(contentsOf: (try? WireEncoder.encode(result.key)) ?? Array(#""""#.utf8))
            out.append(contentsOf: Array(#","status":\#(result.status),"body":"#.utf8))
            out.append(contentsOf: result.body.isEmpty ? Array("null".utf8) : result.body)
            out.append(contentsOf: Array(#","replayed":\#(result.replayed)}"#.utf8))
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }
}
