import Foundation
import Testing
import TappTestSupport

extension IssueSixteenConformance {
    /// Issue 16, items 3, 4 and 11: dates and attachments as the real server stores and shows them, in both modes.
    @Suite(.serialized) struct RecordConformanceTests {
        @Test(arguments: ServerMode.allCases) func aDateAloneIsDoualaMidnight(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let token = try await server.login()
            let doctorId = try await server.seedDoctorId()
            let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
            let intervention = try await server.send("POST", "/api/v1/interventions", body: [
                "personId": "person_1", "doctorId": doctorId, "title": "Suivi", "scheduledAt": "\(year)-01-05"], token: token)
            #expect(intervention.status == 201)
            #expect(intervention.object["scheduledAtUtc"] as? String == "\(year)-01-04T23:00:00.000Z")
            let consultation = try await server.send("POST", "/api/v1/consultations", body: [
                "personId": "person_1", "doctorId": doctorId, "dateTime": "2025-01-05"], token: token)
            #expect(consultation.object["dateTimeUtc"] as? String == "2025-01-04T23:00:00.000Z")
            // ISO week and ordinal dates are dates too (2025-W42-4 and 2025-289 are 16 October 2025).
            for text in ["2025-W42-4", "2025-289", "2025-W42-4T10:00:00Z"] {
                let answer = try await server.send("POST", "/api/v1/consultations", body: [
                    "personId": "person_1", "doctorId": doctorId, "dateTime": text], token: token)
                #expect(answer.status == 201, "\(text): \(answer.text)")
                let expected = text.hasSuffix("Z") ? "2025-10-16T10:00:00.000Z" : "2025-10-15T23:00:00.000Z"
                #expect(answer.object["dateTimeUtc"] as? String == expected, "\(text)")
            }
            let week = try await server.send("PATCH", "/api/v1/people/person_3", body: ["birthdate": "2025-W42-4T00:00:00Z"], token: token)
            #expect(week.object["birthdate"] as? String == "2025-10-16T00:00:00.000Z")
            // Week 1 of 2026 begins on Monday 29 December 2025; 2026 has no week 54.
            let first = try await server.send("PATCH", "/api/v1/people/person_3", body: ["birthdate": "2026-W01-1T00:00:00Z"], token: token)
            #expect(first.object["birthdate"] as? String == "2025-12-29T00:00:00.000Z")
            #expect(try await server.send("PATCH", "/api/v1/people/person_3", body: ["birthdate": "2026-W54-1"], token: token).status == 400)
        }

        @Test(arguments: ServerMode.allCases) func attachmentsAsTheRealServerKeepsThem(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let token = try await server.login()
            let doctorId = try await server.seedDoctorId()
            let made = try await server.send("POST", "/api/v1/consultations", body: [
                "personId": "person_3", "doctorId": doctorId, "dateTime": "2026-11-20T09:30:00+01:00", "attachments": ["x.pdf"]], token: token)
            let id = try #require(made.object["id"] as? String)
            #expect(made.object["attachments"] as? [String] == ["x.pdf"])
            // Inside the person's record: the stored JSON text.
            let person = try await server.get("/api/v1/people/person_3", token: token)
            let listed = (person.object["consultations"] as? [[String: Any]])?.first { $0["id"] as? String == id }
            #expect(listed?["attachments"] as? String == #"["x.pdf"]"#)
            // null empties them.
            let cleared = try await server.send("PATCH", "/api/v1/consultations/\(id)", body: ["attachments": NSNull()], token: token)
            #expect(cleared.status == 200)
            #expect(cleared.object["attachments"] is NSNull)
            #expect(try await server.get("/api/v1/consultations/\(id)", token: token).object["attachments"] is NSNull)
        }
    }
}
