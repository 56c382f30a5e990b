import Foundation
import Testing
import TappTestSupport

@Suite(.serialized) struct OrganizationsAndConsultationsConformanceTests {
    @Test(arguments: ServerMode.allCases) func registerMakesDoctorsAndRolesAreExact(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        // Only an ADMIN registers accounts (the real server lets anyone, with any role).
        let admin = try await server.login()
        let registered = try await server.send("POST", "/api/v1/auth/register",
                                               body: ["email": "docteur@tappplus.com", "password": "Doctor123!", "role": "DOCTOR",
                                                      "organizationId": "org_default", "speciality": "Pédiatrie"], token: admin)
        #expect(registered.status == 201)
        #expect(registered.object["password"] == nil)
        // As the real server: the user with its organization; the doctor profile is made but not part of the answer.
        #expect((registered.object["organization"] as? [String: Any])?["id"] as? String == "org_default")
        #expect(registered.object["doctor"] == nil)
        let signedIn = try await server.send("POST", "/api/v1/auth/login", body: ["email": "docteur@tappplus.com", "password": "Doctor123!"])
        #expect(((signedIn.object["user"] as? [String: Any])?["doctor"] as? [String: Any])?["speciality"] as? String == "Pédiatrie")
        let again = try await server.send("POST", "/api/v1/auth/register", body: ["email": "docteur@tappplus.com", "password": "Doctor123!"],
                                          token: admin)
        #expect(again.status == 401)
        let badRole = try await server.send("POST", "/api/v1/auth/register", body: ["email": "x@y.cm", "password": "secret1", "role": "SUPERADMIN"],
                                            token: admin)
        #expect(badRole.object["message"] as? [String] == ["role must be one of the following values: "])
        let nurse = try await server.send("POST", "/api/v1/auth/register", body: ["email": "nurse@tappplus.com", "password": "Nurse123!", "role": "NURSE"],
                                          token: admin)
        #expect(nurse.status == 201)
        let nurseSignedIn = try await server.send("POST", "/api/v1/auth/login", body: ["email": "nurse@tappplus.com", "password": "Nurse123!"])
        #expect((nurseSignedIn.object["user"] as? [String: Any])?["doctor"] is NSNull)
        // A nurse reads but may not create people: 403 with the real body.
        let nurseToken = try await server.login("nurse@tappplus.com", "Nurse123!")
        #expect(try await server.get("/api/v1/people", token: nurseToken).status == 200)
        let refused = try await server.send("POST", "/api/v1/people", body: ["fullName": "X"], token: nurseToken)
        #expect(refused.status == 403)
        #expect(refused.object["message"] as? String == "Forbidden resource")
        #expect(refused.object["error"] as? String == "Forbidden")
        // A doctor creates people but does not delete them.
        let doctorToken = try await server.login("docteur@tappplus.com", "Doctor123!")
        let person = try await server.send("POST", "/api/v1/people", body: ["fullName": "Awa Fotso"], token: doctorToken)
        #expect(person.status == 201)
        #expect(try await server.send("DELETE", "/api/v1/people/\(person.object["id"] as? String ?? "")", token: doctorToken).status == 403)
    }

    @Test func organizationsAndAttachments() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let empty = try await server.send("POST", "/api/v1/organizations", body: [:], token: token)
        #expect(empty.object["message"] as? [String] == ["name should not be empty", "name must be a string"])
        let created = try await server.send("POST", "/api/v1/organizations", body: ["name": "Clinique du Wouri"], token: token)
        #expect(created.status == 201)
        let orgId = try #require(created.object["id"] as? String)
        let stats = try await server.get("/api/v1/organizations/org_default/stats", token: token)
        #expect((stats.object["stats"] as? [String: Any])?["totalPeople"] as? Int == 3)
        #expect((stats.object["stats"] as? [String: Any])?["totalConsultations"] as? Int == 2)
        #expect((stats.object["stats"] as? [String: Any])?["totalUsers"] as? Int == 1)
        #expect(stats.object["organization"] as? String == "Hôpital Central de Douala")
        #expect(try await server.get("/api/v1/organizations/none", token: token).object["message"] as? String == "Organisation non trouvée")
        let attached = try await server.send("POST", "/api/v1/people/person_1/organizations/\(orgId)", body: ["role": "PATIENT"], token: token)
        #expect(attached.status == 201)
        #expect(attached.object["isActive"] as? Bool == true)
        let detached = try await server.send("DELETE", "/api/v1/people/person_1/organizations/\(orgId)", token: token)
        #expect(detached.status == 200)
        #expect(detached.object["isActive"] as? Bool == false)
        #expect(detached.object["endAt"] is String)
        // Detaching again updates the ended link, as the real server does; detaching a person never attached is a
        // clear 404 where the real server answers 500.
        #expect(try await server.send("DELETE", "/api/v1/people/person_1/organizations/\(orgId)", token: token).status == 200)
        let never = try await server.send("DELETE", "/api/v1/people/person_2/organizations/\(orgId)", token: token)
        #expect(never.status == 404)
        #expect(never.object["message"] as? String == "Cette personne n'est pas rattachée à cette organisation")
    }

    @Test(arguments: ServerMode.allCases) func consultationsAreRecordedAndFiltered(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let created = try await server.send("POST", "/api/v1/consultations", body: [
            "personId": "person_3", "doctorId": doctorId, "dateTime": "2026-11-20T09:30:00+01:00",
            "notes": "Motif : fièvre", "attachments": ["/scans/a.pdf"],
        ], token: token)
        #expect(created.status == 201)
        #expect(created.object["status"] as? String == "COMPLETED")
        #expect(created.object["dateTimeUtc"] as? String == "2026-11-20T08:30:00.000Z")
        #expect(created.object["attachments"] as? [String] == ["/scans/a.pdf"])
        let unknownPerson = try await server.send("POST", "/api/v1/consultations",
                                                  body: ["personId": "nobody", "doctorId": doctorId, "dateTime": "2026-11-20T09:30:00Z"], token: token)
        #expect(unknownPerson.status == 404)
        #expect(unknownPerson.object["message"] as? String == "Personne non trouvée")
        let unknownDoctor = try await server.send("POST", "/api/v1/consultations",
                                                  body: ["personId": "person_1", "doctorId": "nobody", "dateTime": "2026-11-20T09:30:00Z"], token: token)
        #expect(unknownDoctor.object["message"] as? String == "Médecin non trouvé")
        let invalid = try await server.send("POST", "/api/v1/consultations",
                                            body: ["personId": "person_1", "doctorId": doctorId, "dateTime": "soon", "status": "DONE"], token: token)
        #expect(invalid.object["message"] as? [String] == ["dateTime must be a valid ISO 8601 date string", "status must be one of the following values: "])
        let history = try await server.get("/api/v1/consultations/history/person_3", token: token)
        #expect((history.json as? [[String: Any]])?.count == 1)
        let filtered = try await server.get("/api/v1/consultations?personId=person_1", token: token)
        #expect((filtered.json as? [[String: Any]])?.count == 1)
        let id = try #require(created.object["id"] as? String)
        let patched = try await server.send("PATCH", "/api/v1/consultations/\(id)", body: ["status": "CANCELLED"], token: token)
        #expect(patched.object["status"] as? String == "CANCELLED")
        #expect(try await server.send("DELETE", "/api/v1/consultations/\(id)", token: token).status == 200)
    }
}
