import Foundation
import Testing
import TappTestSupport

extension IssueSixteenConformance {
    /// Issue 16, item 10: every answer lists its keys in the real server's order — each record's columns in the order
    /// of `apps/api/prisma/schema.prisma`, its relations after — and the same answer twice is the same bytes.
    @Suite(.serialized) struct KeyOrderConformanceTests {
        /// The Prisma models' fields in the schema's order (users with `password`, which only fault mode shows).
        static let models: [(signature: String, order: [String])] = [
            ("fullName", ["id", "fullName", "birthdate", "phone", "email", "address", "createdAt", "updatedAt",
                          "organizations", "consultations", "interventions"]),
            ("scheduledAtUtc", ["id", "personId", "doctorId", "title", "description", "scheduledAtUtc", "priority", "status", "location",
                                "createdAt", "updatedAt", "person", "doctor", "reminders", "rules"]),
            ("dateTimeUtc", ["id", "personId", "doctorId", "dateTimeUtc", "notes", "attachments", "status", "createdAt", "updatedAt",
                             "person", "doctor"]),
            ("plannedSendUtc", ["id", "interventionId", "type", "plannedSendUtc", "message", "recipient", "status", "lastError",
                                "idempotencyKey", "sentAt", "createdAt", "updatedAt", "intervention", "notificationLogs"]),
            ("offsetMinutes", ["id", "interventionId", "offsetMinutes", "channel", "enabled", "createdAt", "updatedAt"]),
            ("orgId", ["personId", "orgId", "startAt", "endAt", "role", "isActive", "createdAt", "updatedAt", "person", "org"]),
            ("speciality", ["id", "userId", "speciality", "license", "isActive", "createdAt", "updatedAt", "user"]),
            ("timezone", ["id", "email", "phone", "role", "timezone", "password", "isActive", "createdAt", "updatedAt", "organizationId",
                          "organization", "doctor"]),
            ("statusCode", ["message", "error", "statusCode"]),
        ]

        static func problems(in data: Data, _ what: String) -> [String] {
            guard let json = OrderedJSON.read(data) else { return ["\(what): not JSON"] }
            var found: [String] = []
            for keys in json.objects {
                if keys == ["statusCode", "message"] { continue }  // NestJS's bare error body
                guard let model = models.first(where: { keys.contains($0.signature) }) else { continue }
                let wanted = model.order.filter { keys.contains($0) }
                if keys != wanted || keys.count != Set(keys).count { found.append("\(what): \(keys) instead of \(wanted)") }
            }
            return found
        }

        @Test(arguments: ServerMode.allCases) func keysComeInThePrismaOrder(_ mode: ServerMode) async throws {
            let server = try await mode.start()
            defer { server.stop() }
            let token = try await server.login()
            let doctorId = try await server.seedDoctorId()
            let made = try await server.send("POST", "/api/v1/interventions", body: [
                "personId": "person_1", "doctorId": doctorId, "title": "Suivi",
                "scheduledAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(4 * 86_400))], token: token)
            let interventionId = try #require(made.object["id"] as? String)
            let reminderId = try #require(((made.object["reminders"] as? [[String: Any]])?.first)?["id"] as? String)
            let paths = ["/api/v1/auth/profile", "/api/v1/organizations", "/api/v1/organizations/org_default", "/api/v1/people",
                         "/api/v1/people/person_1", "/api/v1/consultations", "/api/v1/interventions", "/api/v1/interventions/\(interventionId)",
                         "/api/v1/interventions/upcoming", "/api/v1/reminders", "/api/v1/reminders/\(reminderId)", "/api/v1/people/nobody",
                         "/api/v1/nothing"]
            var problems: [String] = []
            for path in paths {
                let first = try await server.get(path, token: token)
                let second = try await server.get(path, token: token)
                problems += Self.problems(in: first.data, path)
                if first.data != second.data { problems.append("\(path): two answers differ") }
            }
            let signedIn = try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
            problems += Self.problems(in: signedIn.data, "login")
            #expect(signedIn.text.hasPrefix(#"{"access_token":"#))
            let page = try await server.get("/api/v1/people?limit=1", token: token)
            #expect(OrderedJSON.read(page.data)?.objects.first == ["data", "total", "limit", "offset"])
            let refused = try await server.send("POST", "/api/v1/people", body: ["bloodType": "O+"], token: token)
            problems += Self.problems(in: refused.data, "validation error")
            #expect(refused.text.hasPrefix(#"{"message":["#))
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }
}
