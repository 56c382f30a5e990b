import Foundation
import Testing
import TappTestSupport

/// Issue 16, item 2: `/notifications`, as on a real server without SMS, push or mail credentials.
@Suite(.serialized) struct NotificationsConformanceTests {
    @Test(arguments: ServerMode.allCases) func theNotificationsRoutes(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let admin = try await server.login()
        _ = try await server.send("POST", "/api/v1/auth/register",
                                  body: ["email": "dr@x.cm", "password": "Secret123!", "role": "DOCTOR"], token: admin)
        let doctor = try await server.login("dr@x.cm", "Secret123!")
        for token in [admin, doctor] {
            let stats = try await server.get("/api/v1/notifications/stats", token: token)
            #expect(stats.status == 200)
            #expect(stats.text == "{}")
        }
        #expect(try await server.get("/api/v1/notifications/stats").status == 401)
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let sms = try await server.send("POST", "/api/v1/notifications/test/sms", body: ["to": "+237 6 98 76 54 32"], token: admin)
        #expect(sms.status == 201)
        #expect(sms.object["success"] as? Bool == true)
        let sid = sms.object["sid"] as? String ?? ""
        #expect(sid.hasPrefix("simulated_") && (Int64(sid.dropFirst(10)) ?? 0) >= before, "\(sid)")
        #expect(sms.text.hasPrefix(#"{"sid":"#))
        let push = try await server.send("POST", "/api/v1/notifications/test/push", body: ["token": "device"], token: admin)
        #expect(push.status == 201)
        #expect((push.object["id"] as? String)?.hasPrefix("simulated_") == true)
        #expect(push.object["success"] as? Bool == true)
        let email = try await server.send("POST", "/api/v1/notifications/test/email", body: ["to": "a@b.cm"], token: admin)
        #expect(email.status == 500)
        #expect(AnswerShapes.same(email.object, ["statusCode": 500, "message": "Internal server error"]))
        for path in ["sms", "push", "email"] {
            let refused = try await server.send("POST", "/api/v1/notifications/test/\(path)", body: ["to": "x"], token: doctor)
            #expect(refused.status == 403, "\(path)")
        }
        // The API page's document lists them.
        let paths = try #require(try await server.get("/api/docs-json").object["paths"] as? [String: Any])
        for path in ["/api/v1/notifications/stats", "/api/v1/notifications/test/sms", "/api/v1/notifications/test/push",
                     "/api/v1/notifications/test/email"] {
            #expect(paths[path] != nil, "\(path)")
        }
    }
}
