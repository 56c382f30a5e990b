import Foundation
import Testing
import TappTestSupport

/// `tapp sync login` and `tapp sync status` against the real `tappplus-server` process on 127.0.0.1.
@Suite(.serialized) struct SyncCommandTests {
    @Test func signingInKeepsTheRefreshTokenNotThePassword() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let folder = try DemoFolder()
        defer { folder.remove() }
        var tapp = TappProcess(database: folder.database)
        tapp.environment["TAPP_SYNC_PASSWORD"] = "admin123"
        let login = try tapp.run(["sync", "login", "--server", "http://127.0.0.1:\(server.port)", "--email", "admin@meditache.com", "--reminders", "server"])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("doctor \(try await server.seedDoctorId())"))
        let status = try tapp.run(["sync", "status", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(object["server"] as? String == "http://127.0.0.1:\(server.port)/api/v1")
        #expect(object["signInExpired"] as? Bool == false)
        // The password is nowhere in the file; the refresh token is, and status never prints it.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.database))
        #expect(bytes.range(of: Data("admin123".utf8)) == nil)
        #expect(!status.stdout.contains("eyJ"))
        // A wrong password is the server's refusal, with its message.
        tapp.environment["TAPP_SYNC_PASSWORD"] = "wrong-one"
        let refused = try tapp.run(["sync", "login", "--server", "http://127.0.0.1:\(server.port)", "--email", "admin@meditache.com", "--reminders", "server"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("Identifiants invalides"))
    }

    @Test func plainHTTPToAnotherMachineIsRefused() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        var tapp = TappProcess(database: folder.database)
        tapp.environment["TAPP_SYNC_PASSWORD"] = "admin123"
        let refused = try tapp.run(["sync", "login", "--server", "http://tappplus.example.cm", "--email", "admin@meditache.com", "--reminders", "server"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("plain http:// is refused"))
        let unreachable = try tapp.run(["sync", "login", "--server", "http://127.0.0.1:1", "--email", "admin@meditache.com", "--reminders", "server"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("cannot reach"))
        let nurse = try TappProcess(database: folder.database, user: "nurse@meditache.com")
            .run(["sync", "login", "--server", "http://127.0.0.1:1", "--email", "x@y.cm", "--reminders", "server"])
        #expect(nurse.status == 77)
        #expect(try TappProcess(database: folder.database).run(["sync", "status"]).stdout.contains("Not connected"))
    }
}

/// Patients pushed to the real server process, with its faults on: nothing lost, nothing duplicated.
@Suite(.serialized) struct PatientPushTests {
    @Test func patientsArriveOnceEvenWhenAnswersAreLost() async throws {
        // Half the writes are committed and left unanswered, a tenth answered 500.
        let server = try await ServerProcess(arguments: ["--drop-after-commit-rate", "0.5", "--fail-rate", "0.1"])
        defer { server.stop() }
        let clean = try await ServerProcess(reusing: server)
        defer { clean.stop() }
        let folder = try DemoFolder(demo: false)
        defer { folder.remove() }
        _ = try TappProcess(database: folder.database, user: nil).run(["init", "--admin-email", "a@b.cm"], stdin: "secret1\n")
        var tapp = TappProcess(database: folder.database, user: "a@b.cm", password: "secret1")
        // Sign in through the server without faults (same database), then sync through the faulty one.
        tapp.environment["TAPP_SYNC_PASSWORD"] = "admin123"
        #expect(try tapp.run(["sync", "login", "--server", "http://127.0.0.1:\(clean.port)", "--email", "admin@meditache.com", "--reminders", "server"]).status == 0)
        for i in 0..<12 {
            let added = try tapp.run(["patient", "add", "--first-name", "Awa\(i)", "--last-name", "Fotso", "--phone", "+237 650 00 00 \(10 + i)",
                                      "--birthdate", "1990-01-\(10 + i)"])
            #expect(added.status == 0)
        }
        let gone = try tapp.run(["patient", "add", "--first-name", "Temporaire", "--last-name", "Patient", "--json"])
        let goneId = try #require((try JSONSerialization.jsonObject(with: Data(gone.stdout.utf8)) as? [String: Any])?["id"] as? String)
        #expect(try tapp.run(["patient", "delete", goneId]).status == 0)
        // Point the account at the faulty server and run until everything is sent (bounded).
        let sqlite = try DatabaseFile(path: folder.database)
        try sqlite.execute("UPDATE syncAccount SET serverURL = 'http://127.0.0.1:\(server.port)/api/v1'")
        var finished = false
        for _ in 0..<30 where !finished {
            finished = try tapp.run(["sync"]).status == 0
        }
        #expect(finished)
        let token = try await clean.login()
        let listed = try await clean.get("/api/v1/people?search=Fotso&limit=100", token: token)
        let names = (listed.object["data"] as? [[String: Any]] ?? []).compactMap { $0["fullName"] as? String }
        #expect(names.count == 12)
        #expect(Set(names).count == 12)
        #expect(try await clean.get("/api/v1/people?search=Temporaire", token: token).object["total"] as? Int == 0)
        // An edit goes as a PATCH to the same person.
        #expect(try tapp.run(["sync", "login", "--server", "http://127.0.0.1:\(clean.port)", "--email", "admin@meditache.com", "--reminders", "server"]).status == 0)
        let first = try #require((try JSONSerialization.jsonObject(with: Data(try tapp.run(["patient", "list", "--search", "awa0", "--json"]).stdout.utf8))
                                  as? [[String: Any]])?.first?["id"] as? String)
        #expect(try tapp.run(["patient", "edit", first, "--address", "Akwa, Douala"]).status == 0)
        #expect(try tapp.run(["sync"]).status == 0)
        let again = try await clean.get("/api/v1/people?search=Awa0&limit=10", token: token)
        #expect((again.object["data"] as? [[String: Any]])?.map { $0["address"] as? String } == ["Akwa, Douala"])
        #expect(again.object["total"] as? Int == 1)
    }
}

/// Consultations and interventions follow their patient to the server; a clinic that sends its own reminders
/// pushes its rules disabled; a past intervention is refused and reported.
@Suite(.serialized) struct ClinicalPushTests {
    @Test func childrenFollowTheirPatientWithoutDuplicatesOrDoubleReminders() async throws {
        let server = try await ServerProcess(arguments: ["--drop-after-commit-rate", "0.4"])
        defer { server.stop() }
        let clean = try await ServerProcess(reusing: server)
        defer { clean.stop() }
        let folder = try DemoFolder(demo: false)
        defer { folder.remove() }
        _ = try TappProcess(database: folder.database, user: nil).run(["init", "--admin-email", "a@b.cm"], stdin: "secret1\n")
        var tapp = TappProcess(database: folder.database, user: "a@b.cm", password: "secret1")
        tapp.environment["TAPP_SYNC_PASSWORD"] = "admin123"
        #expect(try tapp.run(["sync", "login", "--server", "http://127.0.0.1:\(clean.port)", "--email", "admin@meditache.com",
                              "--reminders", "clinic"]).status == 0)
        // The local admin gets a doctor profile to record consultations.
        let doctorAdd = try tapp.run(["user", "add", "--email", "dr@b.cm", "--first-name", "Rose", "--last-name", "Mballa", "--role", "DOCTOR"],
                                     stdin: "secret2\n")
        #expect(doctorAdd.status == 0)
        let doctor = TappProcess(database: folder.database, user: "dr@b.cm", password: "secret2")
        let patient = try #require((try JSONSerialization.jsonObject(with: Data(try doctor.run(["patient", "add", "--first-name", "Chloé",
            "--last-name", "Owona", "--phone", "+237 677 12 12 12", "--json"]).stdout.utf8)) as? [String: Any])?["id"] as? String)
        let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(6 * 86_400))
        #expect(try doctor.run(["intervention", "add", "--patient", patient, "--title", "Vaccination", "--at", future,
                                "--rule=J-1:SMS", "--rule=H-2:SMS"]).status == 0)
        #expect(try doctor.run(["intervention", "add", "--patient", patient, "--title", "Check-up", "--at", "2025-01-10T09:00"]).status == 0)
        #expect(try doctor.run(["consultation", "add", "--patient", patient, "--at", "2026-11-20T09:30", "--reason", "Fièvre",
                                "--diagnosis", "Paludisme simple"]).status == 0)
        try DatabaseFile(path: folder.database).execute("UPDATE syncAccount SET serverURL = 'http://127.0.0.1:\(server.port)/api/v1'")
        var last = 1 as Int32
        for _ in 0..<30 where last != 0 && last != 3 { last = try tapp.run(["sync"]).status }
        // Finished, with one change refused: the intervention already past.
        #expect(last == 3)
        let status = try tapp.run(["sync", "status"]).stdout
        #expect(status.contains("La date de l'intervention doit être dans le futur"))
        // It still needs a person at the next run (against the server without faults: a dropped answer to the run's
        // token refresh would end that run with status 1, which is not what this checks); kept here only, it no longer does.
        try DatabaseFile(path: folder.database).execute("UPDATE syncAccount SET serverURL = 'http://127.0.0.1:\(clean.port)/api/v1'")
        #expect(try tapp.run(["sync"]).status == 3)
        let past = try #require((try JSONSerialization.jsonObject(with: Data(try doctor.run(["intervention", "list", "--json"]).stdout.utf8))
                                  as? [[String: Any]])?.first { $0["title"] as? String == "Check-up" }?["id"] as? String)
        #expect(try tapp.run(["sync", "resolve", "intervention", past, "--keep", "server"]).status == 0)
        #expect(!(try tapp.run(["sync", "status"]).stdout.contains("La date de l'intervention")))
        let token = try await clean.login()
        let people = try await clean.get("/api/v1/people?search=Owona", token: token)
        #expect(people.object["total"] as? Int == 1)
        let personId = try #require((people.object["data"] as? [[String: Any]])?.first?["id"] as? String)
        let interventions = try await clean.get("/api/v1/interventions?doctorId=\(try await clean.seedDoctorId())", token: token)
        let ours = (interventions.json as? [[String: Any]] ?? []).filter { $0["personId"] as? String == personId }
        #expect(ours.count == 1)
        // The clinic sends its own reminders: the server holds the rules, disabled, and no reminder of its own.
        #expect((ours.first?["rules"] as? [[String: Any]])?.allSatisfy { $0["enabled"] as? Bool == false } == true)
        #expect((ours.first?["reminders"] as? [Any])?.isEmpty == true)
        let consultations = try await clean.get("/api/v1/consultations?personId=\(personId)", token: token)
        let consultation = try #require((consultations.json as? [[String: Any]])?.first)
        #expect((consultations.json as? [Any])?.count == 1)
        #expect(consultation["notes"] as? String == "Motif : Fièvre\nDiagnostic : Paludisme simple")
        #expect(try tapp.run(["sync"]).status == 0)
    }
}
