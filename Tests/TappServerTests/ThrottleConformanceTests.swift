import Foundation
import Testing
import TappTestSupport

@Suite(.serialized) struct ThrottleConformanceTests {
    @Test func overTheLimitAnswers429WithRetryAfter() async throws {
        // A window long enough that no test machine is slow enough to see it end.
        let server = try await ServerProcess.owned(["--throttle-limit", "5", "--throttle-window", "60", "--login-limit", "3"])
        defer { server.stop() }
        // Sign-in attempts have a tighter limit of their own (they count toward the global one too).
        for _ in 0..<3 {
            #expect(try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "wrong-one"]).status == 401)
        }
        #expect(try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"]).status == 429)
        #expect(try await server.get("/api/v1/people").status == 401)
        let refused = try await server.get("/api/v1/people")
        #expect(refused.status == 429)
        #expect(AnswerShapes.same(refused.object, ["statusCode": 429, "message": "ThrottlerException: Too Many Requests"]))
        let retryAfter = refused.headers.first { ($0.key as? String)?.lowercased() == "retry-after" }?.value as? String
        #expect((1...60).contains(Int(retryAfter ?? "") ?? 0))
        // Monitoring is never throttled.
        #expect(try await server.get("/health").status == 200)
    }

    @Test func theWindowEnds() async throws {
        let server = try await ServerProcess.owned(["--throttle-limit", "1", "--throttle-window", "1"])
        defer { server.stop() }
        #expect(try await server.get("/api/v1/people").status == 401)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try await server.get("/api/v1/people").status == 401)
    }
}

@Suite(.serialized) struct ServiceConformanceTests {
    @Test func theOpenAPIDocumentListsTheRoutes() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let document = try await server.get("/api/docs-json")
        #expect(document.status == 200)
        #expect(document.object["openapi"] as? String == "3.0.0")
        let paths = try #require(document.object["paths"] as? [String: Any])
        for path in ["/api/v1/auth/login", "/api/v1/people", "/api/v1/interventions", "/api/v1/reminders/{id}/retry"] {
            #expect(paths[path] != nil, "\(path)")
        }
    }

    @Test func everyRequestIsLoggedWithItsClientAndStatus() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        _ = try await server.get("/api/v1/people")
        var log = ""
        for _ in 0..<40 {
            log = (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? ""
            if log.contains("GET /api/v1/people 401") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(log.contains("127.0.0.1 GET /api/v1/people 401"))
    }

    @Test func sigtermStopsItCleanly() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        kill(server.process.processIdentifier, SIGTERM)
        for _ in 0..<100 where server.process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!server.process.isRunning)
        #expect(server.process.terminationStatus == 0)
    }
}
