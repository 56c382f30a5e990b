import Foundation
import Testing
import TappTestSupport

extension IssueSixteenConformance {
    /// Issue 16, item 5: `tappplus-server seed` writes what the real `prisma/seed.ts` writes.
    @Suite(.serialized) struct SeedConformanceTests {
        @Test func theSeedIsTheRealOne() async throws {
            let server = try await ServerProcess.owned([])
            defer { server.stop() }
            let signedIn = try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
            let token = try #require(signedIn.object["access_token"] as? String)
            let profile = try await server.get("/api/v1/auth/profile", token: token)
            #expect(AnswerShapes.isCuid(profile.object["id"]))
            #expect(profile.object["phone"] as? String == "+237 6 12 34 56 78")
            #expect(profile.object["role"] as? String == "ADMIN")
            let doctor = try #require(profile.object["doctor"] as? [String: Any])
            #expect(AnswerShapes.isCuid(doctor["id"]))
            #expect(doctor["speciality"] as? String == "Médecine Générale")
            #expect(doctor["license"] as? String == "MG001")
            let doctorId = try #require(doctor["id"] as? String)

            let people = try #require(try await server.get("/api/v1/people", token: token).object["data"] as? [[String: Any]])
            let expected: [[String: String]] = [
                ["id": "person_2", "fullName": "Jean Mballa", "birthdate": "1978-11-22T00:00:00.000Z", "phone": "+237 6 55 44 33 22",
                 "email": "jean.mballa@email.com", "address": "Quartier Bonanjo, Douala"],
                ["id": "person_1", "fullName": "Marie Nguema", "birthdate": "1985-03-15T00:00:00.000Z", "phone": "+237 6 98 76 54 32",
                 "email": "marie.nguema@email.com", "address": "Quartier Akwa, Douala"],
                ["id": "person_3", "fullName": "Fatou Diallo", "birthdate": "1992-07-08T00:00:00.000Z", "phone": "+237 6 77 88 99 00",
                 "email": "fatou.diallo@email.com", "address": "Quartier New Bell, Douala"],
            ]
            #expect(people.count == 3)
            for wanted in expected {
                let person = people.first { $0["id"] as? String == wanted["id"] }
                for (key, value) in wanted { #expect(person?[key] as? String == value, "\(wanted["id"] ?? "") \(key)") }
                let links = person?["organizations"] as? [[String: Any]]
                #expect(links?.count == 1)
                #expect(links?.first?["orgId"] as? String == "org_default")
                #expect(links?.first?["role"] as? String == "EMPLOYEE")
            }

            let consultations = try #require(try await server.get("/api/v1/consultations", token: token).json as? [[String: Any]])
            #expect(consultations.count == 2)
            let now = Date()
            for (person, days, notes) in [("person_1", 2.0, "Consultation de routine - Tension artérielle normale"),
                                          ("person_2", 7.0, "Suivi post-opératoire - Cicatrisation normale")] {
                let consultation = consultations.first { $0["personId"] as? String == person }
                #expect(consultation?["notes"] as? String == notes)
                #expect(consultation?["status"] as? String == "COMPLETED")
                #expect(consultation?["doctorId"] as? String == doctorId)
                #expect(consultation?["attachments"] is NSNull)
                let when = (consultation?["dateTimeUtc"] as? String).flatMap { try? Date($0, strategy: .iso8601) }
                #expect(when.map { abs(now.timeIntervalSince($0) - days * 86_400) < 600 } == true, "\(person)")
            }

            let interventions = try #require(try await server.get("/api/v1/interventions", token: token).json as? [[String: Any]])
            let planned: [(String, String, String, String, String, Double)] = [
                ("person_1", "Visite à domicile - Suivi diabète", "Contrôle glycémique et adaptation du traitement", "Quartier Akwa, Douala",
                 "NORMAL", 1),
                ("person_2", "Consultation urgente - Douleurs thoraciques", "Évaluation cardiaque urgente", "Hôpital Central de Douala", "URGENT", 2),
                ("person_3", "Vaccination - Rappel DTP", "Rappel vaccinal DTPolio", "Centre de santé New Bell", "NORMAL", 3),
            ]
            #expect(interventions.count == 3)
            for (person, title, description, location, priority, days) in planned {
                let intervention = interventions.first { $0["personId"] as? String == person }
                #expect(intervention?["title"] as? String == title)
                #expect(intervention?["description"] as? String == description)
                #expect(intervention?["location"] as? String == location)
                #expect(intervention?["priority"] as? String == priority)
                #expect(intervention?["status"] as? String == "PLANNED")
                #expect(intervention?["doctorId"] as? String == doctorId)
                let when = (intervention?["scheduledAtUtc"] as? String).flatMap { try? Date($0, strategy: .iso8601) }
                #expect(when.map { abs($0.timeIntervalSince(now) - days * 86_400) < 600 } == true, "\(person)")
                let rules = (intervention?["rules"] as? [[String: Any]]) ?? []
                let wanted = priority == "URGENT" ? [-1440, -60, 0] : [-1440, -60]
                #expect(rules.compactMap { $0["offsetMinutes"] as? Int } == wanted, "\(title)")
                #expect(rules.allSatisfy { $0["channel"] as? String == "SMS" && $0["enabled"] as? Bool == true })
                #expect((intervention?["reminders"] as? [Any])?.isEmpty == true, "no reminder rows")
            }
        }
    }
}
