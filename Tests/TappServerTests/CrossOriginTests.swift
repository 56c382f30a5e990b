import Foundation
import Testing
import TappTestSupport

/// Browsers: the real server lets its web front-ends call the API (`app.enableCors` with credentials); so does ours,
/// for the same development origins by default or the ones named with `--cors-origin`.
@Suite(.serialized) struct CrossOriginTests {
    func header(_ answer: ServerProcess.Answer, _ name: String) -> String? {
        answer.headers.first { ($0.key as? String)?.lowercased() == name.lowercased() }?.value as? String
    }

    @Test(arguments: ServerMode.allCases) func theRealDevelopmentOriginsMayCallAndOthersMayNot(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let preflight = try await server.sendRaw("OPTIONS", "/api/v1/people", body: nil, headers: [
            "Origin": "http://localhost:5500", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        ])
        #expect(preflight.status == 204)
        #expect(header(preflight, "Access-Control-Allow-Origin") == "http://localhost:5500")
        #expect(header(preflight, "Access-Control-Allow-Credentials") == "true")
        #expect(header(preflight, "Access-Control-Allow-Methods") == "GET,HEAD,PUT,PATCH,POST,DELETE")
        #expect(header(preflight, "Access-Control-Allow-Headers") == "authorization,content-type")
        // The answer itself, a 401 included, carries the origin.
        let call = try await server.sendRaw("GET", "/api/v1/people", body: nil, headers: ["Origin": "http://localhost:5500"])
        #expect(call.status == 401)
        #expect(header(call, "Access-Control-Allow-Origin") == "http://localhost:5500")
        // Another site gets no CORS header, so its browser refuses the answer.
        let other = try await server.sendRaw("OPTIONS", "/api/v1/people", body: nil, headers: [
            "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET",
        ])
        #expect(other.status == 204)
        #expect(header(other, "Access-Control-Allow-Origin") == nil)
        let otherCall = try await server.sendRaw("GET", "/health", body: nil, headers: ["Origin": "https://elsewhere.example"])
        #expect(header(otherCall, "Access-Control-Allow-Origin") == nil)
    }

    @Test(arguments: ServerMode.allCases) func aDeploymentNamesItsOwnOrigins(_ mode: ServerMode) async throws {
        let server = try await mode.start(["--cors-origin", "https://clinique.example.cm"])
        defer { server.stop() }
        let token = try await server.login()
        let allowed = try await server.sendRaw("GET", "/api/v1/people", body: nil, token: token, headers: ["Origin": "https://clinique.example.cm"])
        #expect(allowed.status == 200)
        #expect(header(allowed, "Access-Control-Allow-Origin") == "https://clinique.example.cm")
        let development = try await server.sendRaw("GET", "/api/v1/people", body: nil, token: token, headers: ["Origin": "http://localhost:5500"])
        #expect(header(development, "Access-Control-Allow-Origin") == nil)
    }
}
