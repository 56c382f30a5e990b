import Hummingbird

/// Cross-origin requests from the web front-ends allowed to call the API, as the real server's `app.enableCors`
/// (the `cors` package): an allowed `Origin` gets it back with credentials allowed; a preflight `OPTIONS` is answered
/// 204 with the methods and the headers asked for; any other origin gets no CORS header (the browser then refuses).
struct CrossOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The real server's development origins; production deployments name theirs (`--cors-origin`).
    static var realDevelopmentOrigins: [String] { ["http://localhost:5500", "http://localhost:5550"] }
    static var methods: String { "GET,HEAD,PUT,PATCH,POST,DELETE" }

    let origins: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let origin = request.headers[.origin]
        let allowed = origin.map { origins.contains($0) } ?? false
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .noContent)
            if allowed, let origin {
                response.headers[.accessControlAllowOrigin] = origin
                response.headers[.accessControlAllowCredentials] = "true"
                response.headers[.accessControlAllowMethods] = Self.methods
                if let asked = request.headers[.accessControlRequestHeaders] { response.headers[.accessControlAllowHeaders] = asked }
            }
            response.headers[.vary] = "Origin, Access-Control-Request-Headers"
            response.headers[.contentLength] = "0"
            return response
        }
        var response = try await next(request, context)
        if allowed, let origin {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlAllowCredentials] = "true"
        }
        response.headers[.vary] = "Origin"
        return response
    }
}
