import Foundation
import Testing
import TappTestSupport

/// Each route's success answer, as the real server gives it: status (201 for every POST, 200 otherwise), the record's
/// columns, the relations its Prisma query includes, ISO instants with milliseconds, cuid ids — and never a password hash.
@Suite(.serialized) struct SuccessAnswerConformanceTests {
    typealias S = AnswerShapes

    func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test func authAndOrganizationAnswers() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let login = try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
        #expect(login.status == 201)
        S.expect(login.object, ["access_token", "refresh_token", "user"], "login")
        S.expect(login.object["user"], S.signedInUser, "login.user")
        S.expect((login.object["user"] as? [String: Any])?["organization"], S.organization, "login.user.organization")
        S.expect((login.object["user"] as? [String: Any])?["doctor"], S.doctor, "login.user.doctor")
        let token = try #require(login.object["access_token"] as? String)
        let refresh = try await server.send("POST", "/api/v1/auth/refresh", body: ["refresh_token": login.object["refresh_token"] ?? ""])
        #expect(refresh.status == 201)
        S.expect(refresh.object, ["access_token", "user"], "refresh")
        S.expect(refresh.object["user"], S.signedInUser, "refresh.user")
        let profile = try await server.get("/api/v1/auth/profile", token: token)
        #expect(profile.status == 200)
        S.expect(profile.object, S.user, plus: ["organization", "doctor"], "profile")

        let created = try await server.send("POST", "/api/v1/organizations", body: ["name": "Clinique du Wouri"], token: token)
        #expect(created.status == 201)
        #expect(S.isCuid(created.object["id"]))
        S.expect(created.object, S.organization, plus: ["people", "users"], "organization create")
        let orgId = try #require(created.object["id"] as? String)
        let registered = try await server.send("POST", "/api/v1/auth/register", body: [
            "email": "wouri@tappplus.com", "password": "Wouri123!", "role": "NURSE", "organizationId": orgId, "phone": "+237 699 00 00 00",
        ], token: token)
        #expect(registered.status == 201)
        #expect(S.isCuid(registered.object["id"]))
        S.expect(registered.object, S.user, plus: ["organization"], "register")
        #expect(registered.object["role"] as? String == "NURSE")
        let list = try await server.get("/api/v1/organizations", token: token)
        #expect(list.status == 200)
        #expect((list.json as? [[String: Any]])?.map { $0["name"] as? String } == ["Clinique du Wouri", "Hôpital Central de Douala"])
        let seeded = (list.json as? [[String: Any]])?.last
        S.expect(seeded, S.organization, plus: ["people", "users"], "organization in list")
        S.expect(S.first(seeded?["people"]), S.link, plus: ["person"], "organization.people")
        S.expect((S.first(seeded?["people"]) as? [String: Any])?["person"], S.person, "organization.people.person")
        S.expect(S.first(seeded?["users"]), S.user, plus: ["doctor"], "organization.users")
        S.expect((S.first(seeded?["users"]) as? [String: Any])?["doctor"], S.doctor, "organization.users.doctor")
        let one = try await server.get("/api/v1/organizations/\(orgId)", token: token)
        #expect(one.status == 200)
        #expect((one.object["users"] as? [[String: Any]])?.map { $0["email"] as? String } == ["wouri@tappplus.com"])
        let patched = try await server.send("PATCH", "/api/v1/organizations/\(orgId)", body: ["name": "Clinique du Wouri (Bonabéri)"],
                                            token: token)
        #expect(patched.status == 200)
        #expect(patched.object["name"] as? String == "Clinique du Wouri (Bonabéri)")
        S.expect(patched.object, S.organization, plus: ["people", "users"], "organization patch")
        let stats = try await server.get("/api/v1/organizations/\(orgId)/stats", token: token)
        #expect(stats.status == 200)
        S.expect(stats.object, ["organization", "stats"], "stats")
        S.expect(stats.object["stats"], ["totalPeople", "totalUsers", "totalConsultations", "totalInterventions"], "stats.stats")
        #expect((stats.object["stats"] as? [String: Any])?["totalUsers"] as? Int == 1)

        let attached = try await server.send("POST", "/api/v1/people/person_2/organizations/\(orgId)", body: ["role": "PATIENT"], token: token)
        #expect(attached.status == 201)
        S.expect(attached.object, S.link, "attach")
        let detached = try await server.send("DELETE", "/api/v1/people/person_2/organizations/\(orgId)", token: token)
        #expect(detached.status == 200)
        S.expect(detached.object, S.link, "detach")

        // Deleting an organization keeps its users, without an organization (Prisma's default), and ends its links.
        let deleted = try await server.send("DELETE", "/api/v1/organizations/\(orgId)", token: token)
        #expect(deleted.status == 200)
        #expect(AnswerShapes.same(deleted.object, ["message": "Organisation supprimée avec succès"]))
        let nurse = try await server.login("wouri@tappplus.com", "Wouri123!")
        #expect(try await server.get("/api/v1/auth/profile", token: nurse).object["organization"] is NSNull)
        for answer in [login, refresh, profile, created, registered, list, one, patched, stats, attached, detached] {
            S.expectClean(answer.json, "auth/organizations")
        }
    }

    @Test func peopleAndConsultationAnswers() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let created = try await server.send("POST", "/api/v1/people", body: ["fullName": "Awa Fotso", "birthdate": "1990-05-04T00:00:00.000Z",
                                                                            "phone": "+237 677 11 22 33", "email": "awa@exemple.cm"], token: token)
        #expect(created.status == 201)
        #expect(S.isCuid(created.object["id"]))
        S.expect(created.object, S.person, plus: ["organizations", "consultations", "interventions"], "person create")
        let personId = try #require(created.object["id"] as? String)
        let list = try await server.get("/api/v1/people?limit=2", token: token)
        #expect(list.status == 200)
        S.expect(list.object, ["data", "total", "limit", "offset"], "people list")
        let firstListed = S.first(list.object["data"])
        S.expect(firstListed, S.person, plus: ["organizations"], "people list item")
        // The real server reads limit/offset with parseInt and `|| 50`: 0 or unreadable is the default.
        for (query, limit, offset) in [("limit=0", 50, 0), ("limit=abc&offset=x", 50, 0), ("limit=3abc&offset=1", 3, 1)] {
            let page = try await server.get("/api/v1/people?\(query)", token: token)
            #expect(page.object["limit"] as? Int == limit && page.object["offset"] as? Int == offset, "\(query)")
        }
        let record = try await server.get("/api/v1/people/person_1", token: token)
        #expect(record.status == 200)
        S.expect(record.object, S.person, plus: ["organizations", "consultations", "interventions"], "person record")
        S.expect(S.first(record.object["organizations"]), S.link, plus: ["org"], "person.organizations")
        S.expect((S.first(record.object["organizations"]) as? [String: Any])?["org"], S.organization, "person.organizations.org")
        S.expect(S.first(record.object["consultations"]), S.consultation, plus: ["doctor"], "person.consultations")
        let doctor = (S.first(record.object["consultations"]) as? [String: Any])?["doctor"]
        S.expect(doctor, S.doctor, plus: ["user"], "person.consultations.doctor")
        S.expect((doctor as? [String: Any])?["user"], S.user, "person.consultations.doctor.user")
        S.expect(S.first(record.object["interventions"]), S.intervention, plus: ["doctor", "reminders"], "person.interventions")
        let patched = try await server.send("PATCH", "/api/v1/people/\(personId)", body: ["address": "Bonapriso"], token: token)
        #expect(patched.status == 200)
        S.expect(patched.object, S.person, plus: ["organizations"], "person patch")

        let consultation = try await server.send("POST", "/api/v1/consultations", body: [
            "personId": personId, "doctorId": doctorId, "dateTime": "2026-11-02T10:00:00+01:00", "notes": "Toux",
        ], token: token)
        #expect(consultation.status == 201)
        #expect(S.isCuid(consultation.object["id"]))
        S.expect(consultation.object, S.consultation, plus: ["person", "doctor"], "consultation create")
        #expect(consultation.object["attachments"] is NSNull)
        S.expect(consultation.object["person"], S.person, "consultation.person")
        S.expect((consultation.object["doctor"] as? [String: Any])?["user"], S.user, "consultation.doctor.user")
        let id = try #require(consultation.object["id"] as? String)
        let all = try await server.get("/api/v1/consultations", token: token)
        #expect(all.status == 200)
        #expect((all.json as? [[String: Any]])?.count == 3)
        let times = (all.json as? [[String: Any]])?.compactMap { $0["dateTimeUtc"] as? String } ?? []
        #expect(times == times.sorted(by: >), "consultations newest first")
        S.expect(S.first(all.json), S.consultation, plus: ["person", "doctor"], "consultation list")
        let one = try await server.get("/api/v1/consultations/\(id)", token: token)
        S.expect(one.object, S.consultation, plus: ["person", "doctor"], "consultation one")
        let history = try await server.get("/api/v1/consultations/history/\(personId)?doctorId=\(doctorId)", token: token)
        #expect(history.status == 200)
        S.expect(S.first(history.json), S.consultation, plus: ["doctor"], "consultation history")
        let changed = try await server.send("PATCH", "/api/v1/consultations/\(id)", body: ["attachments": ["/scans/radio.png"]], token: token)
        #expect(changed.status == 200)
        #expect(changed.object["attachments"] as? [String] == ["/scans/radio.png"])
        S.expect(changed.object, S.consultation, plus: ["person", "doctor"], "consultation patch")
        let removed = try await server.send("DELETE", "/api/v1/consultations/\(id)", token: token)
        #expect(AnswerShapes.same(removed.object, ["message": "Consultation supprimée avec succès"]))
        let gone = try await server.send("DELETE", "/api/v1/people/\(personId)", token: token)
        #expect(gone.status == 200)
        #expect(AnswerShapes.same(gone.object, ["message": "Personne supprimée avec succès"]))
        for answer in [created, list, record, patched, consultation, all, one, history, changed] {
            S.expectClean(answer.json, "people/consultations")
        }
    }

    @Test func interventionAndReminderAnswers() async throws {
        let server = try await ServerProcess.owned(["--provider", "outbox", "--outbox", "{folder}/outbox.jsonl", "--worker-interval", "1"])
        defer { server.stop() }
        let token = try await server.login()
        let doctorId = try await server.seedDoctorId()
        let created = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_1", "doctorId": doctorId, "title": "Pansement", "scheduledAt": iso(Date().addingTimeInterval(5 * 86_400)),
            "priority": "URGENT", "location": "Salle 3", "description": "Plaie au pied",
        ], token: token)
        #expect(created.status == 201)
        #expect(S.isCuid(created.object["id"]))
        S.expect(created.object, S.intervention, plus: ["person", "doctor", "reminders", "rules"], "intervention create")
        S.expect(S.first(created.object["reminders"]), S.reminder, plus: ["notificationLogs"], "intervention.reminders")
        S.expect(S.first(created.object["rules"]), S.rule, "intervention.rules")
        // The rules in the order they were made: J-1 then H-1.
        #expect((created.object["rules"] as? [[String: Any]])?.map { $0["offsetMinutes"] as? Int } == [-1440, -60])
        let id = try #require(created.object["id"] as? String)
        let list = try await server.get("/api/v1/interventions?priority=URGENT", token: token)
        #expect(list.status == 200)
        let listed = (list.json as? [[String: Any]])?.first { $0["id"] as? String == id }
        S.expect(listed, S.intervention, plus: ["person", "doctor", "reminders", "rules"], "intervention list")
        let scheduled = (list.json as? [[String: Any]])?.compactMap { $0["scheduledAtUtc"] as? String } ?? []
        #expect(scheduled == scheduled.sorted(), "interventions soonest first")
        #expect((list.json as? [[String: Any]])?.allSatisfy { $0["priority"] as? String == "URGENT" } == true)
        S.expect(S.first(listed?["reminders"]), S.reminder, "intervention list reminders")
        let upcoming = try await server.get("/api/v1/interventions/upcoming?days=7", token: token)
        #expect(upcoming.status == 200)
        S.expect(S.first(upcoming.json), S.intervention, plus: ["person", "doctor", "reminders"], "upcoming")
        let one = try await server.get("/api/v1/interventions/\(id)", token: token)
        S.expect(one.object, S.intervention, plus: ["person", "doctor", "reminders", "rules"], "intervention one")
        let patched = try await server.send("PATCH", "/api/v1/interventions/\(id)", body: ["location": "Salle 4"], token: token)
        #expect(patched.status == 200)
        S.expect(patched.object, S.intervention, plus: ["person", "doctor", "reminders", "rules"], "intervention patch")

        let due = try await server.send("POST", "/api/v1/reminders", body: [
            "interventionId": id, "type": "SMS", "scheduledAt": iso(Date().addingTimeInterval(-30)),
        ], token: token)
        #expect(due.status == 201)
        #expect(S.isCuid(due.object["id"]))
        S.expect(due.object, S.reminder, plus: ["intervention"], "reminder create")
        S.expect(due.object["intervention"], S.intervention, plus: ["person", "doctor"], "reminder.intervention")
        let dueId = try #require(due.object["id"] as? String)
        var sent: [String: Any] = [:]
        for _ in 0..<40 {
            sent = try await server.get("/api/v1/reminders/\(dueId)", token: token).object
            if sent["status"] as? String == "SENT" { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(sent["status"] as? String == "SENT")
        S.expect(sent, S.reminder, plus: ["intervention", "notificationLogs"], "reminder one")
        S.expect(S.first(sent["notificationLogs"]), S.notificationLog, "reminder.notificationLogs")
        let all = try await server.get("/api/v1/reminders?interventionId=\(id)", token: token)
        #expect(all.status == 200)
        S.expect(S.first(all.json), S.reminder, plus: ["intervention", "notificationLogs"], "reminder list")
        let planned = (all.json as? [[String: Any]])?.compactMap { $0["plannedSendUtc"] as? String } ?? []
        #expect(planned.count == 3 && planned == planned.sorted(by: >), "reminders latest first")
        let later = try #require((created.object["reminders"] as? [[String: Any]])?.first?["id"] as? String)
        let failed = try await server.send("PATCH", "/api/v1/reminders/\(later)", body: ["status": "FAILED", "recipient": "+237699000000"],
                                           token: token)
        #expect(failed.status == 200)
        S.expect(failed.object, S.reminder, plus: ["intervention"], "reminder patch")
        let retried = try await server.send("POST", "/api/v1/reminders/\(later)/retry", token: token)
        #expect(retried.status == 201)
        S.expect(retried.object, S.reminder, "retry")
        #expect(retried.object["status"] as? String == "PENDING")
        let stats = try await server.get("/api/v1/reminders/stats", token: token)
        S.expect(stats.object, ["total", "sent", "failed", "pending", "cancelled", "successRate"], "reminder stats")
        // As the real server: the answer to a reminder's DELETE is the reminder.
        let removed = try await server.send("DELETE", "/api/v1/reminders/\(later)", token: token)
        #expect(removed.status == 200)
        S.expect(removed.object, S.reminder, "reminder delete")
        #expect(removed.object["id"] as? String == later)
        let gone = try await server.send("DELETE", "/api/v1/interventions/\(id)", token: token)
        #expect(AnswerShapes.same(gone.object, ["message": "Intervention supprimée avec succès"]))
        for answer in [created, list, upcoming, one, patched, due, all, failed, retried, removed] { S.expectClean(answer.json, "interventions") }
        S.expectClean(sent, "reminder")
    }
}
