import Foundation
import Testing
import TappTestSupport

/// Every date the server reads, in a body or a query, refuses a UTC offset beyond ±18:00 (and any other non-date)
/// with the real 400 shape; the reproductions killed the server ("Unexpectedly found nil").
@Suite(.serialized) struct DateRefusalTests {
    static let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))

    static func expectRefused(_ answer: ServerProcess.Answer, _ field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(answer.status == 400, sourceLocation: sourceLocation)
        #expect(AnswerShapes.same(answer.object, ["statusCode": 400, "error": "Bad Request",
                                                  "message": ["\(field) must be a valid ISO 8601 date string"]]),
                "\(answer.object)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ServerMode.allCases) func anOffsetBeyondEighteenHoursInAQueryIsA400AndTheServerLives(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        for list in ["consultations", "interventions", "reminders"] {
            for offset in ["%2B19:00", "-19:00", "%2B23:59", "-2359"] {
                Self.expectRefused(try await server.get("/api/v1/\(list)?from=2026-01-01T00:00:00\(offset)", token: token), "from")
                Self.expectRefused(try await server.get("/api/v1/\(list)?to=2026-01-01T00:00:00\(offset)", token: token), "to")
            }
            Self.expectRefused(try await server.get("/api/v1/\(list)?from=yesterday", token: token), "from")
            // Within ±18:00 is a date; an empty value is not given.
            #expect(try await server.get("/api/v1/\(list)?from=2026-01-01T00:00:00%2B18:00&to=", token: token).status == 200)
        }
        #expect(server.process.isRunning)
        #expect(try await server.get("/health").status == 200)
        // upcoming?days= far beyond any date that can be written.
        #expect(try await server.get("/api/v1/interventions/upcoming?days=9223372036854775807", token: token).status == 200)
        #expect(try await server.get("/api/v1/interventions/upcoming?days=-9223372036854775808", token: token).status == 200)
    }

    @Test(arguments: ServerMode.allCases) func anOffsetBeyondEighteenHoursInABodyIsA400(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        for date in ["2026-12-01T10:00:00+19:00", "2026-12-01T10:00-20:00", "2026-12-01T10:00:00+23:59", "2026-12-01T10:00:00+2400",
                     "0000-01-01T00:00:00Z", "99999-01-01T00:00:00Z", "2026-W54-1T00:00:00Z"] {
            Self.expectRefused(try await server.send("POST", "/api/v1/consultations",
                                                     body: ["personId": "person_1", "doctorId": doctorId, "dateTime": date], token: token),
                               "dateTime")
            Self.expectRefused(try await server.send("POST", "/api/v1/people", body: ["fullName": "Awa", "birthdate": date], token: token),
                               "birthdate")
            Self.expectRefused(try await server.send("PATCH", "/api/v1/people/person_1", body: ["birthdate": date], token: token), "birthdate")
            Self.expectRefused(try await server.send("POST", "/api/v1/interventions", body: [
                "personId": "person_1", "doctorId": doctorId, "title": "Suivi", "scheduledAt": date,
            ], token: token), "scheduledAt")
            Self.expectRefused(try await server.send("POST", "/api/v1/reminders", body: [
                "interventionId": "x", "type": "SMS", "scheduledAt": date,
            ], token: token), "scheduledAt")
        }
        #expect(server.process.isRunning)
    }

    @Test(arguments: ServerMode.allCases) func aRuleOffsetBeyondAYearIsRefused(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let cases: [(Any, String)] = [
            (525_601, "rules.0.offsetMinutes must not be greater than 525600"),
            (-525_601, "rules.0.offsetMinutes must not be less than -525600"),
            (Int64.max, "rules.0.offsetMinutes must not be greater than 525600"),
            (Int64.min, "rules.0.offsetMinutes must not be less than -525600"),
        ]
        for (offset, message) in cases {
            let answer = try await server.send("POST", "/api/v1/interventions", body: [
                "personId": "person_1", "doctorId": doctorId, "title": "Suivi", "scheduledAt": Self.future,
                "rules": [["offsetMinutes": offset, "channel": "SMS"]],
            ], token: token)
            #expect(answer.status == 400, "\(offset)")
            #expect(answer.object["message"] as? [String] == [message], "\(offset): \(answer.object)")
        }
        // A number too big for any integer (JSON allows it) is not a number the rule can hold.
        let huge = try await server.sendRaw("POST", "/api/v1/interventions", body: Data("""
            {"personId":"person_1","doctorId":"\(doctorId)","title":"Suivi","scheduledAt":"\(Self.future)",
             "rules":[{"offsetMinutes":1e400,"channel":"SMS"},{"offsetMinutes":-99999999999999999999999,"channel":"SMS"}]}
            """.utf8), token: token)
        #expect(huge.status == 400, "\(huge.text)")
        let within = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_1", "doctorId": doctorId, "title": "Suivi", "scheduledAt": Self.future,
            "rules": [["offsetMinutes": -525_600, "channel": "SMS", "enabled": false]],
        ], token: token)
        #expect(within.status == 201)
        #expect(server.process.isRunning)
    }
}
