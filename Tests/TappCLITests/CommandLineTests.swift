import Foundation
import Testing

@Suite struct CommandLineTests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func initWithoutDemoMakesTheFirstAdministrator() throws {
        let folder = try DemoFolder(demo: false)
        defer { folder.remove() }
        let anonymous = TappProcess(database: folder.database, user: nil)
        let missing = try anonymous.run(["init"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("--admin-email"))
        let made = try anonymous.run(["init", "--admin-email", "chef@clinique.cm", "--clinic-name", "Clinique du Wouri"], stdin: "wouri2026\n")
        #expect(made.status == 0, "\(made.stderr)")
        let admin = TappProcess(database: folder.database, user: "chef@clinique.cm", password: "wouri2026")
        #expect(try admin.run(["user", "list"]).stdout.contains("chef@clinique.cm"))
        let again = try anonymous.run(["init"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("up to date"))
        // --user reads the acting password, then the new user's, from standard input.
        let added = try TappProcess(database: folder.database, user: nil).run(
            ["user", "add", "--user", "chef@clinique.cm", "--email", "dr@clinique.cm", "--first-name", "Rose", "--last-name", "Mballa",
             "--role", "DOCTOR", "--json"], stdin: "wouri2026\nrose-secret\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try TappProcess(database: folder.database, user: "dr@clinique.cm", password: "rose-secret").run(["patient", "list"]).status == 0)
    }

    @Test func patientAddAndListPrintJSON() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database)
        let added = try tapp.run(["patient", "add", "--first-name", "Hélène", "--last-name", "Zé", "--birthdate", "1985-03-15",
                                  "--phone", "+237 699 12 34 56", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let patient = try #require(try json(added.stdout) as? [String: Any])
        #expect(patient["firstName"] as? String == "Hélène")
        #expect(patient["dateOfBirth"] as? String == "1985-03-15")
        let id = try #require(patient["id"] as? String)
        let listed = try tapp.run(["patient", "list", "--search", "HELENE ZE", "--limit", "5", "--json"])
        let rows = try #require(try json(listed.stdout) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == [id])
        for key in ["id", "firstName", "lastName", "dateOfBirth", "phone", "email", "address", "bloodType", "medicalNotes"] {
            #expect(rows[0].keys.contains(key) || key == "email" || key == "address" || key == "bloodType" || key == "medicalNotes")
        }
        let byPhone = try tapp.run(["patient", "list", "--search", "69912", "--json"])
        #expect((try json(byPhone.stdout) as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
    }

    @Test func interventionsCarryScheduledAtWithOffset() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database, user: "reception@meditache.com")
        let patient = try #require(try json(try tapp.run(["patient", "list", "--limit", "1", "--json"]).stdout) as? [[String: Any]])[0]
        let doctors = TappProcess(database: folder.database, user: "doctor@meditache.com")
        let future = Date().addingTimeInterval(5 * 86_400)
        let at = ISO8601DateFormatter().string(from: future)
        // The receptionist has no doctor profile: she names the doctor. Without one, the field is reported.
        let noDoctor = try tapp.run(["intervention", "add", "--patient", patient["id"] as! String, "--title", "Vaccination", "--at", at])
        #expect(noDoctor.status == 65)
        #expect(noDoctor.stderr.contains("doctorId: is required"))
        let booked = try doctors.run(["intervention", "add", "--patient", patient["id"] as! String, "--title", "Vaccination",
                                      "--at", at, "--rule", "J-3:SMS", "--rule", "-60:SMS", "--json"])
        #expect(booked.status == 0, "\(booked.stderr)")
        let intervention = try #require(try json(booked.stdout) as? [String: Any])
        let scheduledAt = try #require(intervention["scheduledAt"] as? String)
        #expect(scheduledAt.hasSuffix("+01:00"))
        #expect((intervention["reminders"] as? [Any])?.count == 2)
        let cancelled = try tapp.run(["intervention", "cancel", intervention["id"] as! String, "--json"])
        let after = try #require(try json(cancelled.stdout) as? [String: Any])
        #expect(after["status"] as? String == "CANCELED")
        #expect((after["reminders"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "CANCELLED" } == true)
        // A time already past is recorded, with a warning that the server will refuse it.
        let past = try doctors.run(["intervention", "add", "--patient", patient["id"] as! String, "--title", "Check-up",
                                    "--at", "2025-01-10T09:00"])
        #expect(past.status == 0)
        #expect(past.stderr.contains("server refuses interventions in the past"))
    }

    @Test func badInputGivesOneClearLineAndAStatus() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database)
        let bad = try tapp.run(["patient", "add", "--first-name", "Jean", "--last-name", "Mballa", "--birthdate", "1990-02-30"])
        #expect(bad.status == 65)
        #expect(bad.stderr == "tapp: dateOfBirth: is not a real date (got \"1990-02-30\")\n")
        let rule = try tapp.run(["intervention", "add", "--patient", "x", "--title", "t", "--at", "2030-01-01T10:00", "--rule", "-60:FAX"])
        #expect(rule.status == 65)
        #expect(rule.stderr.contains("FAX"))
        let wrong = try TappProcess(database: folder.database, password: "nope").run(["patient", "list"])
        #expect(wrong.status == 77)
        #expect(wrong.stderr == "tapp: wrong email or password\n")
        let nurse = try TappProcess(database: folder.database, user: "nurse@meditache.com").run(["user", "list"])
        #expect(nurse.status == 77)
        #expect(nurse.stderr.contains("needs role ADMIN (you are NURSE)"))
        let missing = try tapp.run(["patient", "show", "no-such-id"])
        #expect(missing.status == 66)
        let noFile = try TappProcess(database: folder.file("absent.sqlite")).run(["patient", "list"])
        #expect(noFile.status == 1)
        #expect(noFile.stderr.contains("tapp init"))
    }

    @Test func aStaleEditFromTheCommandLineIsRefused() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database)
        let added = try tapp.run(["patient", "add", "--first-name", "Awa", "--last-name", "Fotso", "--json"])
        let id = try #require((try json(added.stdout) as? [String: Any])?["id"] as? String)
        #expect(try tapp.run(["patient", "edit", id, "--phone", "+237 650 00 00 01", "--expect-version", "1"]).status == 0)
        let stale = try TappProcess(database: folder.database, user: "doctor@meditache.com")
            .run(["patient", "edit", id, "--address", "Akwa", "--expect-version", "1"])
        #expect(stale.status == 75)
        #expect(stale.stderr.contains("changed by admin@meditache.com"))
    }

    @Test func importReportsBadRowsAndExportReadsBack() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database)
        let csv = "Prénom,Nom,Date de naissance,Téléphone\nHélène,Ékambi,1985-03-15,+237 699 00 00 01\nSans,,1990-01-01,\nJean,Tsala,1975-06-01,pas de numéro\nÉmilie,Bella,,\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: folder.file("in.csv")))
        let imported = try tapp.run(["import", "patients", folder.file("in.csv")])
        #expect(imported.status == 3)
        #expect(imported.stdout.contains("2 patient(s) imported, 2 row(s) refused"))
        #expect(imported.stderr.contains("line 3: lastName: is required"))
        #expect(imported.stderr.contains("line 4: phone"))
        let exported = try tapp.run(["export", "patients", "--output", folder.file("out.csv")])
        #expect(exported.status == 0, "\(exported.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.file("out.csv"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // The export reads back into a new clinic.
        let second = try DemoFolder(demo: false)
        defer { second.remove() }
        _ = try TappProcess(database: second.database, user: nil)
            .run(["init", "--admin-email", "a@b.cm"], stdin: "secret1\n")
        let again = try TappProcess(database: second.database, user: "a@b.cm", password: "secret1")
            .run(["import", "patients", folder.file("out.csv"), "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect((try json(again.stdout) as? [String: Any])?["imported"] as? Int == 62)
        let all = try tapp.run(["export", "all", "--format", "json"])
        let document = try #require(try json(all.stdout) as? [String: [Any]])
        #expect(document["patients"]?.count == 62)
        #expect(!all.stdout.contains("$2b$"))
    }

    @Test func severalProcessesWriteAtOnceWithoutLockErrors() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        // Given eight people saving at the same moment (a CSV import among them)
        var csv = "firstName,lastName\n"
        for i in 0..<300 { csv += "Import\(i),Concurrent\n" }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: folder.file("many.csv")))
        let roles = ["admin@meditache.com", "doctor@meditache.com", "nurse@meditache.com", "reception@meditache.com"]
        var running: [TappProcess.Running] = []
        for round in 0..<2 {
            for (index, user) in roles.enumerated() {
                running.append(try TappProcess(database: folder.database, user: user)
                    .start(["patient", "add", "--first-name", "Writer\(round)\(index)", "--last-name", "Concurrent"]))
            }
        }
        running.append(try TappProcess(database: folder.database).start(["import", "patients", folder.file("many.csv")]))
        let results = try running.map { try $0.finish() }
        // Then every save went through and nobody saw "database is locked"
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("locked"))
        }
        let listed = try TappProcess(database: folder.database).run(["patient", "list", "--search", "concurrent", "--limit", "1"])
        #expect(listed.stdout.contains("of 308"))
    }

    @Test func backupMakesAWorkingCopy() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database)
        #expect(try tapp.run(["backup", folder.file("copy.sqlite")]).status == 0)
        let copy = try TappProcess(database: folder.file("copy.sqlite")).run(["patient", "list", "--limit", "1"])
        #expect(copy.stdout.contains("of 60"))
        let overwrite = try tapp.run(["backup", folder.file("copy.sqlite")])
        #expect(overwrite.status != 0)
        #expect(overwrite.stderr.contains("already exists"))
    }
}
