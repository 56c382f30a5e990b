import Foundation
import Testing

@Suite(.serialized) struct ThrottleConformanceTests {
    @Test func overTheLimitAnswers429WithRetryAfterThenRecovers() async throws {
        let server = try await ServerProcess(arguments: ["--throttle-limit", "5", "--throttle-window", "2", "--login-limit", "3"])
        defer { server.stop() }
        for _ in 0..<5 { #expect(try await server.get("/api/v1/people").status == 401) }
        let refused = try await server.get("/api/v1/people")
        #expect(refused.status == 429)
        #expect(refused.object["message"] as? String == "ThrottlerException: Too Many Requests")
        #expect(refused.object["statusCode"] as? Int == 429)
        let retryAfter = refused.headers.first { ($0.key as? String)?.lowercased() == "retry-after" }?.value as? String
        #expect(Int(retryAfter ?? "") ?? 0 >= 1)
        // Monitoring is never throttled.
        #expect(try await server.get("/health").status == 200)
        // The window ends: requests go through again.
        try await Task.sleep(for: .milliseconds(2200))
        #expect(try await server.get("/api/v1/people").status == 401)
        // Sign-in attempts have a tighter limit of their own.
        try await Task.sleep(for: .milliseconds(2200))
        for _ in 0..<3 {
            #expect(try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "wrong-one"]).status == 401)
        }
        #expect(try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"]).status == 429)
    }
}
