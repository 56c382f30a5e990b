import Foundation
import Testing
import TappTestSupport

/// No text the server takes may hold a control character (C0, DEL, C1): stored, `ESC ] 0 ; … BEL ESC [ 2 J` would
/// be replayed raw to the terminal of whoever lists patients. Tab and line feed pass in multi-line fields only.
@Suite(.serialized) struct ControlCharacterTests {
    static let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))
    static let attack = "Awa \u{1B}]0;pwned\u{07}\u{1B}[2J"

    static func expectRefused(_ answer: ServerProcess.Answer, _ sentence: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(answer.status == 400, sourceLocation: sourceLocation)
        #expect(AnswerShapes.same(answer.object, ["statusCode": 400, "error": "Bad Request", "message": [sentence]]),
                "\(answer.object)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ServerMode.allCases) func everyTextFieldRefusesControlsAndNamesTheProperty(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        for control in ["\u{1B}", "\u{00}", "\u{07}", "\u{7F}", "\u{9B}", "\u{85}", "\r", "\n", "\t"] {
            let name = "Awa\(control)Fotso"
            Self.expectRefused(try await server.send("POST", "/api/v1/people", body: ["fullName": name], token: token),
                               "fullName must not contain control characters")
            Self.expectRefused(try await server.send("PATCH", "/api/v1/people/person_1", body: ["address": name], token: token),
                               "address must not contain control characters")
            Self.expectRefused(try await server.send("POST", "/api/v1/organizations", body: ["name": name], token: token),
                               "name must not contain control characters")
            Self.expectRefused(try await server.send("PATCH", "/api/v1/people/person_1", body: ["email": "a\(control)@b.cm"], token: token),
                               "email must not contain control characters")
            Self.expectRefused(try await server.send("POST", "/api/v1/interventions", body: [
                "personId": "person_1", "doctorId": doctorId, "title": name, "scheduledAt": Self.future,
            ], token: token), "title must not contain control characters")
            Self.expectRefused(try await server.send("POST", "/api/v1/consultations", body: [
                "personId": "person_1", "doctorId": doctorId, "dateTime": Self.future, "attachments": ["ok.pdf", name],
            ], token: token), "each value in attachments must not contain control characters")
            Self.expectRefused(try await server.send("POST", "/api/v1/auth/register", body: [
                "email": "n@x.cm", "password": "Secret123!", "phone": name,
            ], token: token), "phone must not contain control characters")
            Self.expectRefused(try await server.send("POST", "/api/v1/people/person_1/organizations/org_default", body: ["role": name],
                                                     token: token), "role must not contain control characters")
        }
        let people = try await server.get("/api/v1/people?limit=100", token: token)
        #expect(!people.text.contains("Fotso"))
    }

    @Test(arguments: ServerMode.allCases) func multiLineFieldsTakeTabAndLineFeedOnly(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let lines = "Tension 12/8\n\tà revoir dans un mois"
        let consultation = try await server.send("POST", "/api/v1/consultations", body: [
            "personId": "person_1", "doctorId": doctorId, "dateTime": Self.future, "notes": lines,
        ], token: token)
        #expect(consultation.status == 201)
        #expect(consultation.object["notes"] as? String == lines)
        let intervention = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_1", "doctorId": doctorId, "title": "Suivi", "scheduledAt": Self.future, "description": lines,
        ], token: token)
        #expect(intervention.status == 201)
        let id = try #require(intervention.object["id"] as? String)
        let reminder = try await server.send("POST", "/api/v1/reminders", body: [
            "interventionId": id, "type": "SMS", "scheduledAt": Self.future, "message": lines,
        ], token: token)
        #expect(reminder.status == 201)
        for control in ["\u{1B}", "\r", "\u{7F}", "\u{9B}"] {
            Self.expectRefused(try await server.send("PATCH", "/api/v1/interventions/\(id)", body: ["description": "a\(control)b"], token: token),
                               "description must not contain control characters")
            Self.expectRefused(try await server.send("POST", "/api/v1/consultations", body: [
                "personId": "person_1", "doctorId": doctorId, "dateTime": Self.future, "notes": Self.attack,
            ], token: token), "notes must not contain control characters")
            Self.expectRefused(try await server.send("PATCH", "/api/v1/reminders/\(reminder.object["id"] as? String ?? "")",
                                                     body: ["message": "a\(control)b"], token: token),
                               "message must not contain control characters")
        }
    }

    @Test(arguments: ServerMode.allCases) func anIdInThePathWithAControlIsRefusedAfterTheToken(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        for path in ["/api/v1/people/%1B%5B2J", "/api/v1/consultations/a%7F", "/api/v1/interventions/%C2%9B", "/api/v1/reminders/%00"] {
            Self.expectRefused(try await server.get(path, token: token), "id must not contain control characters")
            #expect(try await server.get(path).status == 401)
        }
        Self.expectRefused(try await server.send("DELETE", "/api/v1/people/person_1/organizations/org%1B", token: token),
                           "organizationId must not contain control characters")
        // Ids are percent-decoded as Express decodes route parameters.
        #expect(try await server.get("/api/v1/people/person%5F1", token: token).status == 200)
    }
}
