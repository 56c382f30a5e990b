import Foundation
import Testing
import TappTestSupport

@Suite(.serialized) struct RemindersConformanceTests {
    func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    func outboxLines(_ server: ServerProcess) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: server.folder.appendingPathComponent("outbox.jsonl").path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Waits (at most 10 s) until the reminder leaves PENDING.
    func settled(_ server: ServerProcess, _ id: String, token: String) async throws -> [String: Any] {
        for _ in 0..<100 {
            let reminder = try await server.get("/api/v1/reminders/\(id)", token: token).object
            if reminder["status"] as? String != "PENDING" { return reminder }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await server.get("/api/v1/reminders/\(id)", token: token).object
    }

    @Test func theWorkerSendsEachDueReminderExactlyOnce() async throws {
        let server = try await ServerProcess.owned(["--provider", "outbox", "--outbox", "{folder}/outbox.jsonl", "--worker-interval", "1"])
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let booked = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_1", "doctorId": doctorId, "title": "Vaccination", "scheduledAt": iso(Date().addingTimeInterval(3 * 86_400)),
            "location": "Salle 2", "rules": [["offsetMinutes": -1440, "channel": "SMS", "enabled": false]],
        ], token: token)
        let interventionId = try #require(booked.object["id"] as? String)
        // A reminder due now, one for later, and one of an intervention that gets cancelled.
        let due = try await server.send("POST", "/api/v1/reminders", body: [
            "interventionId": interventionId, "type": "SMS", "scheduledAt": iso(Date().addingTimeInterval(-60)),
        ], token: token)
        #expect(due.status == 201)
        let laterAt = iso(Date().addingTimeInterval(3600))
        let later = try await server.send("POST", "/api/v1/reminders", body: [
            "interventionId": interventionId, "type": "SMS", "scheduledAt": laterAt,
        ], token: token)
        let dueId = try #require(due.object["id"] as? String)
        let sent = try await settled(server, dueId, token: token)
        #expect(sent["status"] as? String == "SENT")
        #expect(sent["recipient"] as? String == "+237 6 98 76 54 32")
        #expect((sent["message"] as? String)?.contains("Marie Nguema") == true)
        #expect((sent["message"] as? String)?.contains("Salle 2") == true)
        // The doctor is named as the real server names them: by their account's email (users have no name there).
        #expect((sent["message"] as? String)?.contains("Dr admin@meditache.com") == true)
        // Two more passes of the worker: still exactly one message, and the later one not sent.
        try await Task.sleep(for: .milliseconds(2500))
        let lines = outboxLines(server)
        #expect(lines.count == 1)
        #expect(lines.first?["idempotencyKey"] as? String == due.object["idempotencyKey"] as? String)
        #expect(lines.first?["to"] as? String == "+237 6 98 76 54 32")
        let laterId = try #require(later.object["id"] as? String)
        #expect(try await server.get("/api/v1/reminders/\(laterId)", token: token).object["status"] as? String == "PENDING")
        let stats = try await server.get("/api/v1/reminders/stats", token: token)
        #expect(stats.object["sent"] as? Int == 1)
        // As the real server: sent out of all reminders, as text with two decimals.
        #expect(stats.object["total"] as? Int == 2 && stats.object["pending"] as? Int == 1)
        #expect(stats.object["successRate"] as? String == "50.00")
        // Retry is for failed reminders only.
        #expect(try await server.send("POST", "/api/v1/reminders/\(dueId)/retry", token: token).status == 400)
        // A reminder made through the API gets the real server's key, `reminder-<ms>-<random>`: asking twice makes two.
        let again = try await server.send("POST", "/api/v1/reminders", body: [
            "interventionId": interventionId, "type": "SMS", "scheduledAt": laterAt,
        ], token: token)
        #expect(again.status == 201)
        #expect((again.object["idempotencyKey"] as? String)?.hasPrefix("reminder-") == true)
        #expect(again.object["idempotencyKey"] as? String != later.object["idempotencyKey"] as? String)
        let badType = try await server.send("POST", "/api/v1/reminders", body: [
            "interventionId": interventionId, "type": "FAX", "scheduledAt": iso(Date()),
        ], token: token)
        #expect(badType.object["message"] as? [String] == ["type must be one of the following values: EMAIL, SMS, PUSH"])
    }

    @Test func aFailedSendIsKeptWithItsReasonAndCanBeRetried() async throws {
        let server = try await ServerProcess.owned(["--provider", "command", "--command", "/bin/false", "--worker-interval", "1"])
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let booked = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_2", "doctorId": doctorId, "title": "Examen", "scheduledAt": iso(Date().addingTimeInterval(86_400 * 2)),
            "rules": [["offsetMinutes": -1440, "channel": "SMS", "enabled": false]],
        ], token: token)
        let interventionId = try #require(booked.object["id"] as? String)
        let due = try await server.send("POST", "/api/v1/reminders", body: [
            "interventionId": interventionId, "type": "SMS", "scheduledAt": iso(Date().addingTimeInterval(-5)),
        ], token: token)
        let id = try #require(due.object["id"] as? String)
        let failed = try await settled(server, id, token: token)
        #expect(failed["status"] as? String == "FAILED")
        #expect((failed["lastError"] as? String)?.contains("/bin/false exited with 1") == true)
        let retried = try await server.send("POST", "/api/v1/reminders/\(id)/retry", token: token)
        #expect(retried.status == 201)
        #expect(retried.object["status"] as? String == "PENDING")
        #expect(retried.object["lastError"] is NSNull)
        // The next pass tries it again, and records the failure again.
        let again = try await settled(server, id, token: token)
        #expect(again["status"] as? String == "FAILED")
    }

    @Test func remindersOfACancelledInterventionAreNotSent() async throws {
        let server = try await ServerProcess.owned(["--provider", "outbox", "--outbox", "{folder}/outbox.jsonl", "--worker-interval", "1"])
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let booked = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_3", "doctorId": doctorId, "title": "Suivi", "scheduledAt": iso(Date().addingTimeInterval(86_400 * 2)),
            "rules": [["offsetMinutes": -1440, "channel": "SMS", "enabled": false]],
        ], token: token)
        let interventionId = try #require(booked.object["id"] as? String)
        _ = try await server.send("PATCH", "/api/v1/interventions/\(interventionId)", body: ["status": "CANCELED"], token: token)
        let due = try await server.send("POST", "/api/v1/reminders", body: [
            "interventionId": interventionId, "type": "SMS", "scheduledAt": iso(Date().addingTimeInterval(-5)),
        ], token: token)
        let settledReminder = try await settled(server, try #require(due.object["id"] as? String), token: token)
        #expect(settledReminder["status"] as? String == "CANCELLED")
        #expect(outboxLines(server).isEmpty)
    }
}
