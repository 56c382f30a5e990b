import Crypto
import Foundation
import Hummingbird
import NIOCore

/// `Idempotency-Key` on the API's writes (POST, PATCH, DELETE; not on `auth/` nor `sync/`): the first successful
/// answer is kept a day with the key, per user; a replay with the same key and the same request answers it again
/// with `Idempotent-Replayed: true`; the same key on another request is a 422. The key is claimed in the database
/// before the route runs, so that of two requests with one key only one is carried out: the other waits for its
/// answer (a few seconds at most), then gets a 409. An answer that is not a success is not kept: the key is let go
/// and a retry runs again. Requests without the header, or without a valid token, are left as they are.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let records: any IdempotencyRecords
    let access: TokenKey
    let purge: PurgeSchedule
    /// How long a key and its answer are kept.
    static let lifetime: TimeInterval = 86_400
    /// How long a request waits for another one with its key to finish.
    static let patience: Duration = .seconds(5)
    /// A claim older than this without an answer belongs to a request that never finished (a crash between its
    /// write and the keeping of its answer): whether it was carried out is unknown.
    static let abandonedAfter: TimeInterval = 60

    static let otherRequest = NestError(.unprocessableContent, .text("Cette clé d'idempotence a déjà servi pour une autre requête"),
                                        error: "Unprocessable Entity")
    static let inProgress = NestError.conflict("Une requête avec cette clé d'idempotence est en cours")
    static let abandoned = NestError.conflict("La requête d'origine de cette clé d'idempotence s'est interrompue : son résultat est inconnu")

    /// Whether a request to this path (under `/api/v1`) takes a key.
    static func applies(to request: Request) -> Bool {
        guard request.method == .post || request.method == .patch || request.method == .delete else { return false }
        let path = request.uri.path.lowercased()
        guard path.hasPrefix("/api/v1/") else { return false }
        let route = path.dropFirst("/api/v1/".count)
        return !route.hasPrefix("auth/") && !route.hasPrefix("sync/")
    }

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard let key = request.headers[SyncHeaders.idempotencyKey], IdempotencyMiddleware.applies(to: request) else {
            return try await next(request, context)
        }
        guard IdempotencyKey.isWellFormed(key) else { throw NestError.badRequest(IdempotencyKey.wellFormedMessage) }
        if let batch = BatchClaims.current, let decision = batch.take(key) {
            return try await settled(decision, key: key, batch: batch, request, context: context, next: next)
        }
        // Keys are the user's: without a valid token the route answers its 401 and nothing is kept.
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let claims = await access.verify(String(header.dropFirst(7))) else {
            return try await next(request, context)
        }
        if let declared = request.headers[.contentLength], let length = Int(declared), length > HTTP.maxBody {
            throw NestError.payloadTooLarge
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: HTTP.maxBody) } catch is NIOTooManyBytesError { throw NestError.payloadTooLarge }
        let id = IdempotencyKey(user: claims.sub.value, key: key)
        let fingerprint = IdempotencyMiddleware.fingerprint(request, body: body)
        if purge.isDue() {
            try? await records.purge(before: Date().addingTimeInterval(-IdempotencyMiddleware.lifetime))
        }
        let deadline = ContinuousClock.now + IdempotencyMiddleware.patience
        claiming: while true {
            let now = Date()
            switch try await records.claim(id, fingerprint: fingerprint, now: now, expiredBefore: now.addingTimeInterval(-IdempotencyMiddleware.lifetime)) {
            case .claimed:
                break claiming
            case .answered(let answer):
                return IdempotencyMiddleware.replay(answer)
            case .otherRequest:
                throw IdempotencyMiddleware.otherRequest
            case .inProgress(let since):
                if now.timeIntervalSince(since) > IdempotencyMiddleware.abandonedAfter { throw IdempotencyMiddleware.abandoned }
                guard ContinuousClock.now < deadline else { throw IdempotencyMiddleware.inProgress }
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            try? await records.release(id)
            throw error
        }
        guard (200..<300).contains(response.status.code) else {
            try? await records.release(id)
            return response
        }
        let bytes = try await ResponseBytes.collect(response.body)
        do {
            try await records.keep(id, answer: StoredAnswer(status: Int(response.status.code), body: bytes))
        } catch {
            // The write is done: the key stays claimed, and a replay is told its outcome is unknown (409).
            context.logger.error("idempotency: answer of \(request.method) \(request.uri.path) not kept: \(error)")
        }
        return Response(status: response.status, headers: response.headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An operation of a batch whose key the batch settled (`BatchClaims`): the same answers as below.
    func settled(_ decision: BatchClaims.Decision, key: String, batch: BatchClaims, _ request: Request, context: ServerContext,
                 next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        switch decision {
        case .answered(let answer): return IdempotencyMiddleware.replay(answer)
        case .otherRequest: throw IdempotencyMiddleware.otherRequest
        case .owned: break
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            batch.finished(key, answer: nil)
            throw error
        }
        guard (200..<300).contains(response.status.code) else {
            batch.finished(key, answer: nil)
            return response
        }
        let bytes = try await ResponseBytes.collect(response.body)
        batch.finished(key, answer: StoredAnswer(status: Int(response.status.code), body: bytes))
        return Response(status: response.status, headers: response.headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// What makes two requests the same one: method, path and body bytes.
    static func fingerprint(_ request: Request, body: ByteBuffer) -> String {
        fingerprint(method: request.method.rawValue, path: request.uri.path, body: body.readableBytesView)
    }

    static func fingerprint(method: String, path: String, body: some Collection<UInt8>) -> String {
        var hash = SHA256()
        hash.update(data: Array("\(method) \(path)\n".utf8))
        hash.update(data: Array(body))
        let hex = Array("0123456789abcdef".utf8)
        return String(decoding: hash.finalize().flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0xF)]] }, as: UTF8.self)
    }

    static func replay(_ answer: StoredAnswer) -> Response {
        var response = HTTP.bytes(answer.body, status: HTTPResponse.Status(code: answer.status))
        response.headers[SyncHeaders.idempotentReplayed] = "true"
        return response
    }
}

/// When the keys older than a day are next forgotten: at most every ten minutes, by whichever request comes then.
final class PurgeSchedule: @unchecked Sendable {
    private let lock = NSLock()
    private var next = Date.distantPast
    let every: TimeInterval

    init(every: TimeInterval = 600) { self.every = every }

    func isDue(now: Date = Date()) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard now >= next else { return false }
        next = now.addingTimeInterval(every)
        return true
    }
}
