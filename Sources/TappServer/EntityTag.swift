import Crypto
import Foundation
import Hummingbird

/// Express's ETags: every answer with a body carries a weak one (`W/"<length in hex>-<sha1 in base64, 27 chars>"`,
/// the `etag` module), and a GET or HEAD whose `If-None-Match` names it (or `*`) answers 304 with no body (`fresh`).
enum EntityTag {
    static func weak(_ bytes: some DataProtocol) -> String {
        let hash = Data(Insecure.SHA1.hash(data: bytes)).base64EncodedString().prefix(27)
        return "W/\"\(String(bytes.count, radix: 16))-\(hash)\""
    }

    /// `fresh(req, res)` for an `If-None-Match` header: `*`, or a listed tag equal to `tag` weakly compared.
    static func isFresh(ifNoneMatch: String, cacheControl: String?, tag: String?) -> Bool {
        if let cacheControl, cacheControl.range(of: "no-cache", options: .caseInsensitive) != nil { return false }
        if ifNoneMatch.trimmingCharacters(in: .whitespaces) == "*" { return true }
        guard let tag else { return false }
        return ifNoneMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains { match in
            match == tag || "W/" + match == tag || match == "W/" + tag
        }
    }
}

/// A conditional GET or HEAD whose answer has not changed answers 304 with its ETag and no body, as Express does.
struct ConditionalGetMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .get || request.method == .head, (200..<300).contains(response.status.code),
              let ifNoneMatch = request.headers[.ifNoneMatch],
              EntityTag.isFresh(ifNoneMatch: ifNoneMatch, cacheControl: request.headers[.cacheControl], tag: response.headers[.eTag])
        else { return response }
        var headers = response.headers
        headers[.contentType] = nil
        headers[.contentLength] = nil
        return Response(status: .notModified, headers: headers, body: .init())
    }
}

/// A path parameter that cannot be percent-decoded (`/people/%FF`) is a 400 before anything else, as Express's
/// router answers it ("Failed to decode param '%FF'", made a BadRequestException by NestJS).
struct ParameterDecodingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        for (_, value) in context.parameters where String(value).removingPercentEncoding == nil {
            throw NestError.badRequest("Failed to decode param '\(value)'")
        }
        return try await next(request, context)
    }
}
