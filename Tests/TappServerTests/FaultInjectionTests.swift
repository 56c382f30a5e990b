import Foundation
import Testing
import TappTestSupport

/// The faults `tapp sync` must survive, made on purpose.
@Suite(.serialized) struct FaultInjectionTests {
    @Test func failRateAnswers500BeforeDoingAnything() async throws {
        let server = try await ServerProcess.owned(["--fail-rate", "1"])
        defer { server.stop() }
        let answer = try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
        #expect(answer.status == 500)
        #expect(AnswerShapes.same(answer.object, ["statusCode": 500, "message": "Internal server error"]))
        #expect(try await server.get("/health").status == 200)
    }

    @Test func aDroppedAnswerStillCommitted() async throws {
        let server = try await ServerProcess.owned(["--drop-after-commit-rate", "1"])
        defer { server.stop() }
        // Sign-in is a POST too, so its answer is dropped: the token comes from a second server process on the
        // same file, which injects no fault.
        await #expect(throws: (any Error).self) { _ = try await server.login() }
        let reader = try await ServerProcess(seed: false, reusing: server)
        defer { reader.stop() }
        let realToken = try await reader.login()
        #expect(!realToken.isEmpty)
        await #expect(throws: (any Error).self) {
            _ = try await server.send("POST", "/api/v1/people", body: ["fullName": "Awa Fotso"], token: realToken)
        }
        let listed = try await reader.get("/api/v1/people?search=Awa", token: realToken)
        #expect(listed.object["total"] as? Int == 1)
    }
}
