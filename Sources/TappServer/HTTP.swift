import Foundation
import Hummingbird
import Logging
import NIOCore
import TappAPI

/// JSON in and out, as the real server speaks it.
enum HTTP {
    /// Bodies larger than this are refused.
    static let maxBody = 1 << 20

    /// The request's body as the DTOs read it (see `BodyParsing`): JSON or a form; any other type is not read
    /// (`{}`). A body over `maxBody` is a 413: at once when its `Content-Length` says so (nothing of it is read),
    /// else as soon as the bytes read pass the limit (a chunked body).
    static func object(_ request: Request) async throws -> JSONBody {
        if let declared = request.headers[.contentLength], let length = Int(declared), length > maxBody {
            throw NestError.payloadTooLarge
        }
        let kind = try BodyParsing.kind(contentType: request.headers[.contentType])
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBody)
        } catch is NIOTooManyBytesError {
            throw NestError.payloadTooLarge
        }
        let data = Data(buffer.readableBytesView)
        switch kind {
        case .json: return try BodyParsing.json(data)
        case .form: return BodyParsing.form(data)
        case .ignored: return JSONBody()
        }
    }

    /// A page of the API's documentation: text of the given type, under a strict content security policy.
    static func page(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentSecurityPolicy: DocsPage.securityPolicy,
                                        .xContentTypeOptions: "nosniff", .eTag: EntityTag.weak(Array(text.utf8))],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// An answer of the API's types, written as the real server writes it (`WireEncoder`).
    static func json<Answer: Encodable>(_ value: Answer, status: HTTPResponse.Status = .ok) -> Response {
        let encoded: [UInt8]
        do {
            encoded = try WireEncoder.encode(value)
        } catch {
            // None of the API's types throws while encoding; were one to, the client gets the 500 it would get anyway.
            return json(NestError.internalError.body, status: .internalServerError)
        }
        return bytes(encoded, status: status)
    }
}

/// Turns every error into the real server's error body; an unmatched route into `Cannot GET /path?query`.
struct NestErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as NestError {
            var response = HTTP.json(error.body, status: error.status)
            // The rest of a refused body is not wanted: the client is told to close, so that nothing waits on it.
            if error.status == .contentTooLarge { response.headers[.connection] = "close" }
            return response
        } catch let error as HTTPError where error.status == .notFound {
            // The path as sent, query included, as NestJS writes `req.url`.
            return HTTP.json(NestError.notFound("Cannot \(request.method.rawValue) \(request.uri.string)").body, status: .notFound)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return HTTP.json(NestError.payloadTooLarge.body, status: .contentTooLarge)
        } catch {
            logger.error("unexpected failure on \(request.method) \(request.uri.path): \(error)")
            return HTTP.json(NestError.internalError.body, status: .internalServerError)
        }
    }
}

/// One line per request: client address, method, path, status, duration.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        logger.info("\(context.clientIP) \(request.method) \(request.uri.path) \(response.status.code) \(elapsed)")
        return response
    }
}
