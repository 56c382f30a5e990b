import Foundation
import GRDB
import Testing
import TappTestSupport

extension IssueSixteenConformance {
    /// `serve --real-server-faults`: each fault of the real server listed in `shared/tappplus-api.md`, reproduced for
    /// clients' tests — and fixed without the flag.
    @Suite(.serialized) struct RealServerFaultsTests {
        static func future(days: Double) -> String { ISO8601DateFormatter().string(from: Date().addingTimeInterval(days * 86_400)) }

        @Test(arguments: ServerMode.allCases) func readsAndWrites(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let faulty = mode == .realFaults
            let token = try await server.login()
            let doctorId = try await server.seedDoctorId()
            // Search.
            let search = try await server.get("/api/v1/people?search=marie", token: token)
            #expect(search.status == (faulty ? 500 : 200))
            if faulty { #expect(AnswerShapes.same(search.object, ["statusCode": 500, "message": "Internal server error"])) }
            // A date-only birthdate.
            let born = try await server.send("POST", "/api/v1/people", body: ["fullName": "Awa Fotso", "birthdate": "1985-03-15"], token: token)
            #expect(born.status == (faulty ? 500 : 201))
            // Deleting a person with records.
            #expect(try await server.send("DELETE", "/api/v1/people/person_1", token: token).status == (faulty ? 500 : 409))
            // null in a required field of a PATCH.
            #expect(try await server.send("PATCH", "/api/v1/people/person_2", body: ["fullName": NSNull()], token: token).status == (faulty ? 500 : 400))
            // Detaching a person who is not attached.
            let made = try await server.send("POST", "/api/v1/people", body: ["fullName": "Paul Eto"], token: token)
            let paul = try #require(made.object["id"] as? String)
            #expect(try await server.send("DELETE", "/api/v1/people/\(paul)/organizations/org_default", token: token).status == (faulty ? 500 : 404))
            // An intervention with its default rules and their reminders.
            let booked = try await server.send("POST", "/api/v1/interventions", body: [
                "personId": "person_1", "doctorId": doctorId, "title": "Suivi", "scheduledAt": Self.future(days: 5)], token: token)
            let interventionId = try #require(booked.object["id"] as? String)
            // A person's interventions list no reminders.
            let record = try await server.get("/api/v1/people/person_1", token: token)
            let listed = (record.object["interventions"] as? [[String: Any]])?.first { $0["id"] as? String == interventionId }
            #expect(((listed?["reminders"] as? [Any])?.isEmpty) == faulty)
            // Retrying a reminder that is not FAILED.
            let reminderId = try #require(((booked.object["reminders"] as? [[String: Any]])?.first)?["id"] as? String)
            #expect(try await server.send("POST", "/api/v1/reminders/\(reminderId)/retry", token: token).status == (faulty ? 500 : 400))
            // PATCH of an intervention ignores personId, doctorId and rules.
            let changed = try await server.send("PATCH", "/api/v1/interventions/\(interventionId)", body: [
                "personId": "person_3", "rules": [["offsetMinutes": -30, "channel": "EMAIL"]]], token: token)
            #expect(changed.status == 200)
            #expect(changed.object["personId"] as? String == (faulty ? "person_1" : "person_3"))
            let rules = (changed.object["rules"] as? [[String: Any]])?.compactMap { $0["offsetMinutes"] as? Int }
            #expect(rules == (faulty ? [-1440, -60] : [-30]))
            // Password hashes in included users.
            let organization = try await server.get("/api/v1/organizations/org_default", token: token)
            let user = (organization.object["users"] as? [[String: Any]])?.first
            #expect(((user?["password"] as? String)?.hasPrefix("$2")) == (faulty ? true : nil))
            // …but never in the signed-in user's own profile, in either.
            #expect(try await server.get("/api/v1/auth/profile", token: token).object["password"] == nil)
        }

        @Test(arguments: ServerMode.allCases) func writesAreNotTransactional(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let token = try await server.login()
            let doctorId = try await server.seedDoctorId()
            let twice = try await server.send("POST", "/api/v1/interventions", body: [
                "personId": "person_3", "doctorId": doctorId, "title": "Deux fois", "scheduledAt": Self.future(days: 6),
                "rules": [["offsetMinutes": -60, "channel": "SMS"], ["offsetMinutes": -60, "channel": "SMS"]]], token: token)
            let all = try #require(try await server.get("/api/v1/interventions", token: token).json as? [[String: Any]])
            let halfMade = all.first { $0["title"] as? String == "Deux fois" }
            if mode == .realFaults {
                #expect(twice.status == 500)
                #expect(halfMade != nil)
                #expect((halfMade?["rules"] as? [Any])?.count == 1)
                #expect((halfMade?["reminders"] as? [Any])?.isEmpty == true)
            } else {
                #expect(twice.status == 400)
                #expect(halfMade == nil)
            }
        }

        @Test(arguments: ServerMode.allCases) func accountsAndRoles(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let faulty = mode == .realFaults
            // Anyone registers, as any role, without a token.
            let anonymous = try await server.send("POST", "/api/v1/auth/register",
                                                  body: ["email": "intrus@x.cm", "password": "Secret123!", "role": "ADMIN"])
            #expect(anonymous.status == (faulty ? 201 : 401))
            // Roles are compared as substrings: SUPERADMIN (set in the file: no route gives it) passes ADMIN.
            let admin = try await server.login()
            let registered = try await server.send("POST", "/api/v1/auth/register",
                                                   body: ["email": "super@x.cm", "password": "Secret123!", "role": "NURSE"], token: admin)
            #expect(registered.status == 201)
            try server.execute("UPDATE users SET role = 'SUPERADMIN' WHERE email = 'super@x.cm'")
            let superToken = try await server.login("super@x.cm", "Secret123!")
            let organization = try await server.send("POST", "/api/v1/organizations", body: ["name": "Clinique"], token: superToken)
            #expect(organization.status == (faulty ? 201 : 403))
            // No throttling: more than 100 requests in a window all pass.
            let throttled = try await mode.start(["--throttle-limit", "5"])
            defer { throttled.stop() }
            var statuses: [Int] = []
            for _ in 0..<8 { statuses.append(try await throttled.get("/api/v1/people").status) }
            #expect(statuses.contains(429) != faulty, "\(statuses)")
            // /health: nginx's `healthy` in fault mode.
            let health = try await server.get("/health")
            #expect(health.status == 200)
            #expect(faulty ? health.text == "healthy\n" : health.object["status"] as? String == "ok")
        }

        @Test func theWorkerNeverSendsAndTheStartIsLoud() async throws {
            let server = try await ServerProcess.owned(["--real-server-faults", "--provider", "outbox", "--outbox", "{folder}/outbox.jsonl",
                                                             "--worker-interval", "1"])
            defer { server.stop() }
            let token = try await server.login()
            let doctorId = try await server.seedDoctorId()
            let reminder = try await server.send("POST", "/api/v1/interventions", body: [
                "personId": "person_1", "doctorId": doctorId, "title": "Suivi", "scheduledAt": Self.future(days: 5)], token: token)
            let interventionId = try #require(reminder.object["id"] as? String)
            let due = try await server.send("POST", "/api/v1/reminders", body: [
                "interventionId": interventionId, "type": "SMS", "scheduledAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))],
                                            token: token)
            let dueId = try #require(due.object["id"] as? String)
            // Three worker intervals pass (bounded wait on a deadline): the due reminder stays PENDING, nothing is sent.
            let deadline = Date().addingTimeInterval(3.5)
            while Date() < deadline { try await Task.sleep(for: .milliseconds(250)) }
            #expect(try await server.get("/api/v1/reminders/\(dueId)", token: token).object["status"] as? String == "PENDING")
            #expect(!FileManager.default.fileExists(atPath: server.folder.appendingPathComponent("outbox.jsonl").path))
            let log = (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? ""
            #expect(log.contains("REAL SERVER FAULTS ARE ON"))
        }
    }
}
