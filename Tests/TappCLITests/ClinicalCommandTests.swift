import Foundation
import GRDB
import Testing

/// Consultations, interventions, reminders, audit and exports through the real binary, as a clinic uses them.
@Suite struct ClinicalCommandTests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func firstPatient(_ tapp: TappProcess) throws -> String {
        let rows = try #require(try json(try tapp.run(["patient", "list", "--limit", "1", "--json"]).stdout) as? [[String: Any]])
        return try #require(rows.first?["id"] as? String)
    }

    @Test func aConsultationIsRecordedEditedAndHiddenFromTheDesk() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let doctor = TappProcess(database: folder.database, user: "doctor@meditache.com")
        let patient = try firstPatient(doctor)
        let added = try doctor.run(["consultation", "add", "--patient", patient, "--at", "2026-11-20T09:30", "--reason", "Fièvre",
                                    "--diagnosis", "Paludisme simple", "--treatment", "ACT 3 jours", "--attachment", "/scans/a.pdf", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let consultation = try #require(try json(added.stdout) as? [String: Any])
        #expect(consultation["dateTime"] as? String == "2026-11-20T09:30:00+01:00")
        #expect(consultation["attachments"] as? [String] == ["/scans/a.pdf"])
        let id = try #require(consultation["id"] as? String)
        let edited = try doctor.run(["consultation", "edit", id, "--diagnosis", "Paludisme grave", "--json"])
        #expect((try json(edited.stdout) as? [String: Any])?["diagnosis"] as? String == "Paludisme grave")
        // The nurse may read it, not write it; the desk sees the visit but not its content.
        let nurse = TappProcess(database: folder.database, user: "nurse@meditache.com")
        #expect(try nurse.run(["consultation", "show", id]).stdout.contains("Paludisme grave"))
        #expect(try nurse.run(["consultation", "edit", id, "--notes", "x"]).status == 77)
        let desk = TappProcess(database: folder.database, user: "reception@meditache.com")
        let listed = try desk.run(["consultation", "list", "--patient", patient, "--json"])
        let rows = try #require(try json(listed.stdout) as? [[String: Any]])
        #expect(rows.contains { $0["id"] as? String == id })
        #expect(!listed.stdout.contains("Paludisme"))
        #expect(try desk.run(["consultation", "show", id]).status == 77)
        // Bad input names the field.
        let bad = try doctor.run(["consultation", "add", "--patient", patient, "--at", "tomorrow"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("dateTime"))
    }

    @Test func anInterventionIsRescheduledWithNewRulesAndFinished() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let doctor = TappProcess(database: folder.database, user: "doctor@meditache.com")
        let patient = try firstPatient(doctor)
        let at = Date().addingTimeInterval(10 * 86_400)
        let booked = try doctor.run(["intervention", "add", "--patient", patient, "--title", "Surgery", "--at", ISO8601DateFormatter().string(from: at),
                                     "--json"])
        let id = try #require((try json(booked.stdout) as? [String: Any])?["id"] as? String)
        let later = ISO8601DateFormatter().string(from: at.addingTimeInterval(2 * 86_400))
        let moved = try doctor.run(["intervention", "edit", id, "--at", later, "--rule=J-7:SMS", "--rule=H-2:SMS", "--json"])
        #expect(moved.status == 0, "\(moved.stderr)")
        let detail = try #require(try json(moved.stdout) as? [String: Any])
        #expect((detail["rules"] as? [[String: Any]])?.compactMap { $0["offsetMinutes"] as? Int } == [-10080, -120])
        let reminders = try #require(detail["reminders"] as? [[String: Any]])
        #expect(reminders.count == 2)
        #expect(reminders.allSatisfy { $0["status"] as? String == "PENDING" })
        let done = try doctor.run(["intervention", "done", id, "--json"])
        let finished = try #require(try json(done.stdout) as? [String: Any])
        #expect(finished["status"] as? String == "DONE")
        #expect((finished["reminders"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "CANCELLED" } == true)
        let listed = try doctor.run(["intervention", "list", "--patient", patient, "--status", "DONE", "--json"])
        #expect((try json(listed.stdout) as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
    }

    @Test func aFailedReminderIsRetriedAndASentOneConfirmed() throws {
        let folder = try DemoFolder(patients: 300)
        defer { folder.remove() }
        let desk = TappProcess(database: folder.database, user: "reception@meditache.com")
        let failed = try #require(try json(try desk.run(["reminder", "list", "--status", "FAILED", "--json"]).stdout) as? [[String: Any]])
        let failedId = try #require(failed.first?["id"] as? String)
        // The demo's failures are of visits already past: put back, they would reach the patient too late.
        let late = try desk.run(["reminder", "retry", failedId])
        #expect(late.status == 1)
        #expect(late.stderr.contains("has already taken place"), "\(late.stderr)")
        // A failure before a visit still to come is put back.
        let doctor = TappProcess(database: folder.database, user: "doctor@meditache.com")
        let patients = try #require(try json(try doctor.run(["patient", "list", "--limit", "1", "--json"]).stdout) as? [[String: Any]])
        let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))
        let patientId = try #require(patients.first?["id"] as? String)
        let booked = try #require(try json(try doctor.run(["intervention", "add", "--patient", patientId,
                                                           "--title", "Suivi", "--at", at, "--json"]).stdout) as? [String: Any])
        let upcoming = try #require((booked["reminders"] as? [[String: Any]])?.first?["id"] as? String)
        let queue = try DatabaseQueue(path: folder.database)
        try queue.write { db in try db.execute(sql: "UPDATE reminder SET status = 'FAILED' WHERE id = ?", arguments: [upcoming]) }
        try queue.close()
        #expect(try desk.run(["reminder", "retry", upcoming]).stdout.contains("PENDING"))
        let sent = try #require(try json(try desk.run(["reminder", "list", "--status", "SENT", "--json"]).stdout) as? [[String: Any]])
        let sentId = try #require(sent.first?["id"] as? String)
        #expect(try desk.run(["reminder", "confirm", sentId]).stdout.contains("CONFIRMED"))
        let again = try desk.run(["reminder", "retry", sentId])
        #expect(again.status == 1)
        #expect(again.stderr.contains("only a FAILED reminder can be retried"))
    }

    @Test func theAuditLogShowsWhoDidWhatToAPatient() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let desk = TappProcess(database: folder.database, user: "reception@meditache.com")
        let added = try desk.run(["patient", "add", "--first-name", "Awa", "--last-name", "Fotso", "--json"])
        let id = try #require((try json(added.stdout) as? [String: Any])?["id"] as? String)
        _ = try desk.run(["patient", "edit", id, "--phone", "+237 650 00 00 01"])
        _ = try TappProcess(database: folder.database, user: "nurse@meditache.com").run(["patient", "show", id])
        #expect(try desk.run(["audit", "--patient", id]).status == 77)
        let audit = try TappProcess(database: folder.database).run(["audit", "--patient", id, "--json"])
        let entries = try #require(try json(audit.stdout) as? [[String: Any]])
        #expect(entries.compactMap { $0["action"] as? String } == ["VIEW", "UPDATE", "CREATE"])
        #expect(entries.compactMap { $0["userEmail"] as? String } == ["nurse@meditache.com", "reception@meditache.com", "reception@meditache.com"])
    }

    @Test func everyTableExportsAsCSVWithoutPasswords() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database)
        let result = try tapp.run(["export", "all", "--format", "csv", "--output", folder.file("dump")])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("dump")).sorted()
        #expect(files.contains("patients.csv") && files.contains("users.csv") && files.contains("reminders.csv"))
        let users = try String(contentsOfFile: folder.file("dump/users.csv"), encoding: .utf8)
        #expect(users.contains("admin@meditache.com"))
        #expect(!users.contains("$2b$") && !users.contains("passwordHash"))
        #expect(try TappProcess(database: folder.database, user: "nurse@meditache.com").run(["export", "patients"]).status == 77)
        let needsFolder = try tapp.run(["export", "all", "--format", "csv"])
        #expect(needsFolder.status == 64)
    }

    @Test func theDashboardCountsTheDemoClinic() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let result = try TappProcess(database: folder.database, user: "reception@meditache.com").run(["dashboard", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let board = try #require(try json(result.stdout) as? [String: Any])
        #expect(board["patients"] as? Int == 60)
        #expect((board["consultationsPerDay"] as? [Any])?.count == 30)
        #expect((board["interventionsNext30d"] as? Int ?? -1) >= (board["interventionsNext7d"] as? Int ?? 0))
        let text = try TappProcess(database: folder.database, user: "reception@meditache.com").run(["dashboard"])
        #expect(text.stdout.contains("Consultations per day, last 30 days:"))
    }
}
