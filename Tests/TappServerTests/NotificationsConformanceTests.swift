import Foundation
import Testing
import TappTestSupport

extension IssueSixteenConformance {
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

        /// The stats count the logs the worker writes; `interventionId` keeps that intervention's (the real server
        /// compares it with `reminderId` and finds nothing; its worker never writes a log anyway).
        @Test func theStatsCountTheWorkersLogs() async throws {
            let server = try await ServerProcess.owned(["--provider", "outbox", "--outbox", "{folder}/outbox.jsonl", "--worker-interval", "1"])
            defer { server.stop() }
            let token = try await server.login()
            let doctorId = try await server.seedDoctorId()
            let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))
            let booked = try await server.send("POST", "/api/v1/interventions", body: [
                "personId": "person_1", "doctorId": doctorId, "title": "Vaccination", "scheduledAt": at,
                "rules": [["offsetMinutes": -1440, "channel": "SMS", "enabled": false]]], token: token)
            let interventionId = try #require(booked.object["id"] as? String)
            let due = try await server.send("POST", "/api/v1/reminders", body: [
                "interventionId": interventionId, "type": "SMS", "scheduledAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))],
                                            token: token)
            let dueId = try #require(due.object["id"] as? String)
            // Until the worker has sent it (bounded by a deadline).
            let deadline = Date().addingTimeInterval(20)
            var status = ""
            while Date() < deadline {
                status = try await server.get("/api/v1/reminders/\(dueId)", token: token).object["status"] as? String ?? ""
                if status != "PENDING" { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(status == "SENT")
            #expect(try await server.get("/api/v1/notifications/stats", token: token).text == #"{"SMS_SENT":1}"#)
            #expect(try await server.get("/api/v1/notifications/stats?interventionId=\(interventionId)", token: token).text == #"{"SMS_SENT":1}"#)
            #expect(try await server.get("/api/v1/notifications/stats?interventionId=\(dueId)", token: token).text == "{}")
        }
    }
}
