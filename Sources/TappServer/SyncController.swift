import Foundation
import Hummingbird
import NIOCore
import TappAPI

/// `/sync`: our server's extensions beyond the real API (issue 15), for `tapp sync`. The real server answers 404 to
/// each of them, and so does this one under `--real-server-faults` (they are not registered then).
struct SyncController: Sendable {
    let auth: Authenticator
    let feed: any ChangeFeedStore
    let batch: BatchRunner

    static let features = ServerFeatures(idempotencyKeys: true, changes: true, batchLimit: BatchRunner.limit)

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.get("sync/features") { request, _ -> Response in
            _ = try await auth.user(request)
            return HTTP.json(SyncController.features)
        }
        api.get("sync/changes") { request, context in try await changes(request, context) }
        api.post("sync/batch") { request, context in try await runBatch(request, context) }
    }

    /// `GET /sync/changes?after=CURSOR&limit=N` → `ChangesPage`.
    func changes(_ request: Request, _ context: ServerContext) async throws -> Response {
        _ = try await auth.user(request)
        let query = request.uri.queryParameters
        let cursor = try ChangeCursor.parse(query.get("after"))
        let limit = try ChangePageSize.parse(query.get("limit"))
        let read: ChangeFeedPage
        do { read = try await feed.page(after: cursor, limit: limit) } catch is ChangeCursor.Unknown {
            throw NestError.badRequest(ChangeCursor.unknownMessage)
        }
        context.logger.info("sync/changes after \(cursor): \(read.page.changes.count) changes, \(read.logRowsRead) log rows and \(read.recordsRead) records read")
        return HTTP.json(read.page)
    }

    /// `POST /sync/batch` → `BatchAnswer` (200), whatever each operation answered.
    func runBatch(_ request: Request, _ context: ServerContext) async throws -> Response {
        let me = try await auth.user(request)
        if let declared = request.headers[.contentLength], let length = Int(declared), length > BatchRunner.maxBody {
            throw NestError.payloadTooLarge
        }
        // The batch's own body is JSON whatever its Content-Type says.
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: BatchRunner.maxBody) } catch is NIOTooManyBytesError {
            throw NestError.payloadTooLarge
        }
        let bytes = [UInt8](buffer.readableBytesView)
        let body = try BatchBody(bytes, limit: BatchRunner.limit)
        return HTTP.bytes(try await batch.run(body, user: me.id, bytes: bytes, outer: request, context: context), status: .ok)
    }
}
