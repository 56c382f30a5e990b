import Crypto
import Foundation
import Testing
import TappTestSupport

@Suite(.serialized) struct InterventionsConformanceTests {
    func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    @Test(arguments: ServerMode.allCases) func bookingMakesTheDefaultRemindersWithTheRealKeys(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let at = Date().addingTimeInterval(3 * 86_400).addingTimeInterval(0.5).timeIntervalSince1970.rounded()
        let when = Date(timeIntervalSince1970: at)
        let created = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_1", "doctorId": doctorId, "title": "Vaccination", "scheduledAt": iso(when), "priority": "URGENT",
        ], token: token)
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? String)
        let rules = try #require(created.object["rules"] as? [[String: Any]])
        #expect(rules.map { $0["offsetMinutes"] as? Int } == [-1440, -60])
        #expect(rules.allSatisfy { $0["channel"] as? String == "SMS" })
        let reminders = try #require(created.object["reminders"] as? [[String: Any]])
        #expect(reminders.count == 2)
        for reminder in reminders {
            let planned = try #require(reminder["plannedSendUtc"] as? String)
            #expect(reminder["status"] as? String == "PENDING")
            #expect(reminder["idempotencyKey"] as? String == sha256("\(id):\(planned):SMS"))
        }
        #expect(reminders.first?["plannedSendUtc"] as? String == iso(when.addingTimeInterval(-86_400)))
        #expect(created.object["person"] is [String: Any])
    }

    @Test func disabledRulesAreStoredButSendNothing() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let created = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_2", "doctorId": doctorId, "title": "Check-up", "scheduledAt": iso(Date().addingTimeInterval(5 * 86_400)),
            "rules": [["offsetMinutes": -1440, "channel": "SMS", "enabled": false], ["offsetMinutes": -60, "channel": "EMAIL"]],
        ], token: token)
        #expect(created.status == 201)
        #expect((created.object["rules"] as? [Any])?.count == 2)
        #expect((created.object["reminders"] as? [[String: Any]])?.map { $0["type"] as? String } == ["EMAIL"])
        // Rules that fail their checks are named with their index; two identical rules are refused cleanly.
        let bad = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_2", "doctorId": doctorId, "title": "Check-up", "scheduledAt": iso(Date().addingTimeInterval(86_400 * 5)),
            "rules": [["offsetMinutes": "soon", "channel": "FAX"]],
        ], token: token)
        #expect(bad.object["message"] as? [String] == ["rules.0.offsetMinutes must be a number conforming to the specified constraints",
                                                       "rules.0.channel must be one of the following values: "])
        let twice = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_2", "doctorId": doctorId, "title": "Check-up", "scheduledAt": iso(Date().addingTimeInterval(86_400 * 5)),
            "rules": [["offsetMinutes": -60, "channel": "SMS"], ["offsetMinutes": -60, "channel": "SMS"]],
        ], token: token)
        #expect(twice.status == 400)
        let count = try await server.get("/api/v1/interventions?doctorId=\(doctorId)", token: token)
        #expect((count.json as? [Any])?.count == 4)
    }

    @Test(arguments: ServerMode.allCases) func thePastIsRefusedAndRescheduleAndCancelWorkAsDocumented(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let past = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_1", "doctorId": doctorId, "title": "Vaccination", "scheduledAt": iso(Date().addingTimeInterval(-3600)),
        ], token: token)
        #expect(past.status == 400)
        #expect(past.object["message"] as? String == "La date de l'intervention doit être dans le futur")
        let created = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_1", "doctorId": doctorId, "title": "Vaccination", "scheduledAt": iso(Date().addingTimeInterval(2 * 86_400)),
        ], token: token)
        let id = try #require(created.object["id"] as? String)
        let oldKeys = Set((created.object["reminders"] as? [[String: Any]] ?? []).compactMap { $0["idempotencyKey"] as? String })
        let moved = try await server.send("PATCH", "/api/v1/interventions/\(id)",
                                          body: ["scheduledAt": iso(Date().addingTimeInterval(4 * 86_400))], token: token)
        #expect(moved.status == 200)
        let newKeys = Set((moved.object["reminders"] as? [[String: Any]] ?? []).compactMap { $0["idempotencyKey"] as? String })
        #expect(newKeys.count == 2 && newKeys.isDisjoint(with: oldKeys))
        let refusedMove = try await server.send("PATCH", "/api/v1/interventions/\(id)",
                                                body: ["scheduledAt": iso(Date().addingTimeInterval(-60))], token: token)
        #expect(refusedMove.status == 400)
        let cancelled = try await server.send("PATCH", "/api/v1/interventions/\(id)", body: ["status": "CANCELED"], token: token)
        #expect((cancelled.object["reminders"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "CANCELLED" } == true)
        let upcoming = try await server.get("/api/v1/interventions/upcoming?days=7", token: token)
        #expect((upcoming.json as? [[String: Any]])?.contains { $0["id"] as? String == id } == false)
        #expect(try await server.send("DELETE", "/api/v1/interventions/\(id)", token: token).status == 200)
        #expect(try await server.get("/api/v1/interventions/\(id)", token: token).status == 404)
    }
}
