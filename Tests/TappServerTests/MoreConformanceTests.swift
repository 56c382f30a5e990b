import Foundation
import GRDB
import Testing
import TappTestSupport

/// More rows of the API document: checks order, dates without offset, cascades, fixed faults.
@Suite(.serialized) struct MoreConformanceTests {
    @Test(arguments: ServerMode.allCases) func checksRunInTheDocumentedOrder(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        // Unknown route first, whatever the method.
        let unknown = try await server.send("POST", "/api/v1/nothing", body: ["a": 1])
        #expect(unknown.object["message"] as? String == "Cannot POST /api/v1/nothing")
        // Then the token (401) before the role (403) before the body (400).
        #expect(try await server.send("POST", "/api/v1/organizations", body: ["bad": 1]).status == 401)
        let admin = try await server.login()
        _ = try await server.send("POST", "/api/v1/auth/register", body: ["email": "nurse@tappplus.com", "password": "Nurse123!", "role": "NURSE"],
                                  token: admin)
        let nurse = try await server.login("nurse@tappplus.com", "Nurse123!")
        #expect(try await server.send("POST", "/api/v1/organizations", body: ["bad": 1], token: nurse).status == 403)
        #expect(try await server.send("POST", "/api/v1/people/person_1/organizations/org_default", body: [:], token: nurse).status == 403)
        #expect(try await server.send("POST", "/api/v1/organizations", body: ["bad": 1], token: admin).status == 400)
    }

    @Test(arguments: ServerMode.allCases) func aDisabledAccountCannotSignIn(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        try server.execute("UPDATE users SET isActive = 0 WHERE email = 'admin@meditache.com'")
        let refused = try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
        #expect(refused.status == 401)
        #expect(refused.object["message"] as? String == "Compte désactivé")
    }

    @Test(arguments: ServerMode.allCases) func datesWithoutOffsetAreDoualaTimeAndComeBackInUTCWithMilliseconds(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let created = try await server.send("POST", "/api/v1/consultations", body: [
            "personId": "person_1", "doctorId": doctorId, "dateTime": "2026-11-20T09:30:00",
        ], token: token)
        #expect(created.object["dateTimeUtc"] as? String == "2026-11-20T08:30:00.000Z")
        let inRange = try await server.get("/api/v1/consultations?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&status=COMPLETED", token: token)
        #expect((inRange.json as? [[String: Any]])?.map { $0["id"] as? String } == [created.object["id"] as? String])
        // No body at all is an empty DTO: its required fields are reported.
        let noBody = try await server.send("POST", "/api/v1/people", body: nil, token: token)
        #expect(noBody.object["message"] as? [String] == ["fullName must be a string"])
    }

    @Test func interventionPatchWritesPeopleAndRulesAndDeleteCascades() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let formatter = ISO8601DateFormatter()
        let created = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_1", "doctorId": doctorId, "title": "Vaccination",
            "scheduledAt": formatter.string(from: Date().addingTimeInterval(5 * 86_400)),
        ], token: token)
        let id = try #require(created.object["id"] as? String)
        // The person's record lists the intervention with its pending reminders (the real one lists none).
        let person = try await server.get("/api/v1/people/person_1", token: token)
        let listed = (person.object["interventions"] as? [[String: Any]])?.first { $0["id"] as? String == id }
        #expect((listed?["reminders"] as? [Any])?.count == 2)
        // PATCH writes personId and rules (the real one ignores them).
        let patched = try await server.send("PATCH", "/api/v1/interventions/\(id)", body: [
            "personId": "person_2", "rules": [["offsetMinutes": -120, "channel": "EMAIL"]],
        ], token: token)
        #expect(patched.status == 200)
        #expect(patched.object["personId"] as? String == "person_2")
        #expect((patched.object["rules"] as? [[String: Any]])?.map { $0["offsetMinutes"] as? Int } == [-120])
        #expect((patched.object["reminders"] as? [[String: Any]])?.map { $0["type"] as? String } == ["EMAIL"])
        #expect(try await server.send("DELETE", "/api/v1/interventions/\(id)", token: token).status == 200)
        let orphans = try await server.get("/api/v1/reminders?interventionId=\(id)", token: token)
        #expect((orphans.json as? [Any])?.isEmpty == true)
    }

    @Test(arguments: ServerMode.allCases) func remindersArePatchedAndDeleted(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let created = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_3", "doctorId": doctorId, "title": "Suivi",
            "scheduledAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(4 * 86_400)),
        ], token: token)
        let reminder = try #require((created.object["reminders"] as? [[String: Any]])?.first)
        let id = try #require(reminder["id"] as? String)
        let patched = try await server.send("PATCH", "/api/v1/reminders/\(id)", body: ["message": "Rappel personnalisé", "status": "CANCELLED"],
                                            token: token)
        #expect(patched.object["message"] as? String == "Rappel personnalisé")
        #expect(patched.object["status"] as? String == "CANCELLED")
        let pending = try await server.get("/api/v1/reminders?status=PENDING", token: token)
        #expect((pending.json as? [[String: Any]])?.contains { $0["id"] as? String == id } == false)
        #expect(try await server.send("DELETE", "/api/v1/reminders/\(id)", token: token).status == 200)
        #expect(try await server.get("/api/v1/reminders/\(id)", token: token).object["message"] as? String == "Rappel non trouvé")
    }
}
