import Foundation
import GRDB
import Testing

/// Issue 12 through the real binary: every reproduction gives a clear refusal (exit 64/65/77) and no process dies.
@Suite struct TrustCommandTests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func firstPatient(_ tapp: TappProcess) throws -> String {
        let rows = try #require(try json(try tapp.run(["patient", "list", "--limit", "1", "--json"]).stdout) as? [[String: Any]])
        return try #require(rows.first?["id"] as? String)
    }

    @Test func oddOffsetsAndRuleOverflowsAreRefusedNotTrapped() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let doctor = TappProcess(database: folder.database, user: "doctor@meditache.com")
        let patient = try firstPatient(doctor)
        let runs: [[String]] = [
            ["consultation", "add", "--patient", patient, "--at", "2026-12-01T10:00+20:00"],
            ["consultation", "list", "--from", "2026-12-01T10:00+20:00"],
            ["intervention", "add", "--patient", patient, "--title", "Suivi", "--at", "2026-12-01T10:00+19:00"],
            ["intervention", "list", "--from", "2026-01-01T00:00:00-23:59"],
            ["intervention", "add", "--patient", patient, "--title", "Suivi", "--at", "2027-12-01T10:00", "--rule", "J-9223372036854775807"],
            ["intervention", "add", "--patient", patient, "--title", "Suivi", "--at", "2027-12-01T10:00", "--rule=-9223372036854775808:SMS"],
            ["intervention", "add", "--patient", patient, "--title", "Suivi", "--at", "2027-12-01T10:00", "--rule", "H-153722867280912931"],
        ]
        for arguments in runs {
            let result = try doctor.run(arguments)
            #expect(result.status == 65, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix("tapp: "), "\(arguments)")
            #expect(result.stderr.contains("18:00") || result.stderr.contains("within a year"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func countsAreReadAsValuesAndTheirFaultSaid() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let desk = TappProcess(database: folder.database, user: "reception@meditache.com")
        for (arguments, says) in [(["patient", "list", "--limit", "-1"], "--limit must be"), (["patient", "list", "--offset", "-5"], "--offset must be"),
                                  (["patient", "edit", "x", "--expect-version", "-1", "--email", "a@b.cm"], "--expect-version must be"),
                                  (["consultation", "list", "--limit", "0"], "--limit must be"), (["patient", "list", "--limit", "0"], "--limit must be"),
                                  (["intervention", "list", "--limit", "0"], "--limit must be"), (["reminder", "list", "--limit", "0"], "--limit must be")] {
            let result = try desk.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(says), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Missing value"), "\(arguments)")
        }
        let past = try desk.run(["patient", "list", "--offset", "2500"])
        #expect(past.status == 0)
        #expect(past.stdout.contains("past the last of 60"), "\(past.stdout)")
        #expect(!past.stdout.contains("0–2500"))
    }

    @Test func controlCharactersAreRefusedAtTheDoorAndNeverPrintedRaw() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let desk = TappProcess(database: folder.database, user: "reception@meditache.com")
        let attack = "\u{1B}]0;pwned\u{07}\u{1B}[2J"
        let added = try desk.run(["patient", "add", "--first-name", attack, "--last-name", "Nguema"])
        #expect(added.status == 65)
        #expect(added.stderr.contains("firstName") && added.stderr.contains("U+001B"))
        #expect(!added.stderr.contains("\u{1B}"))
        // A row stored before the checks existed (written here behind tapp's back) is listed harmlessly.
        let queue = try DatabaseQueue(path: folder.database)
        try queue.write { db in
            try db.execute(sql: "UPDATE patient SET lastName = ? WHERE id = (SELECT id FROM patient ORDER BY sortKey LIMIT 1)",
                           arguments: ["Evil\(attack)"])
        }
        try queue.close()
        let listed = try desk.run(["patient", "list", "--limit", "3"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("EVIL\u{FFFD}]0;PWNED\u{FFFD}\u{FFFD}[2J") || listed.stdout.contains("\u{FFFD}"), "\(listed.stdout)")
        #expect(!listed.stdout.contains("\u{1B}") && !listed.stdout.contains("\u{07}"))
        // JSON escapes it, as JSON does.
        let asJSON = try desk.run(["patient", "list", "--limit", "3", "--json"])
        #expect(!asJSON.stdout.contains("\u{1B}"))
    }

    @Test func exportsNeutraliseFormulasAndReadBack() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let admin = TappProcess(database: folder.database)
        let added = try admin.run(["patient", "add", "--first-name", "Ada", "--last-name", "Formule", "--address", "=HYPERLINK(\"http://x.cm\",\"clic\")",
                                   "--emergency-contact", "@SUM(A1)", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let file = folder.file("patients.csv")
        #expect(try admin.run(["export", "patients", "--output", file]).status == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("Formule") })
        #expect(line.contains("\"'=HYPERLINK("))
        #expect(line.contains("'@SUM(A1)"))
        #expect(!line.contains(",=") && !line.contains(",@"))
        // Every CSV we write: the folder export too.
        let all = folder.file("all")
        #expect(try admin.run(["export", "all", "--format", "csv", "--output", all]).status == 0)
        let patients = try String(contentsOfFile: all + "/patients.csv", encoding: .utf8)
        #expect(patients.contains("\"'=HYPERLINK(") && !patients.contains(",=HYPERLINK"))
        // The export imports back as it was.
        let other = try DemoFolder(demo: false)
        defer { other.remove() }
        let setUp = try TappProcess(database: other.database, user: nil)
            .run(["init", "--admin-email", "admin@clinique.cm", "--clinic-name", "B"], stdin: "secret123\n")
        #expect(setUp.status == 0, "\(setUp.stderr)")
        let importer = TappProcess(database: other.database, user: "admin@clinique.cm", password: "secret123")
        #expect(try importer.run(["import", "patients", file]).status == 0)
        let back = try importer.run(["patient", "list", "--search", "formule", "--json"])
        let rows = try #require(try json(back.stdout) as? [[String: Any]])
        #expect(rows.first?["address"] as? String == "=HYPERLINK(\"http://x.cm\",\"clic\")")
    }

    @Test func aRefusedOrFailedExportLeavesNothingBehind() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let desk = TappProcess(database: folder.database, user: "reception@meditache.com")
        let file = folder.file("out.csv"), all = folder.file("all")
        #expect(try desk.run(["export", "patients", "--output", file]).status == 77)
        #expect(try desk.run(["export", "all", "--format", "csv", "--output", all]).status == 77)
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(!FileManager.default.fileExists(atPath: all))
        let admin = TappProcess(database: folder.database)
        #expect(try admin.run(["export", "patients", "--output", file]).status == 0)
        #expect(try admin.run(["export", "all", "--format", "csv", "--output", all]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).allSatisfy { !$0.contains(".partial-") })
    }

    @Test func importRefusesNULsAndNamesWideEncodings() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let admin = TappProcess(database: folder.database)
        let nul = folder.file("nul.csv")
        try Data("prénom,nom\nMarie,Nguema\nJe\u{0}an,Mballa\n".utf8).write(to: URL(fileURLWithPath: nul))
        let imported = try admin.run(["import", "patients", nul])
        #expect(imported.status == 3)
        #expect(imported.stderr.contains("line 3") && imported.stderr.contains("U+0000"), "\(imported.stderr)")
        #expect(imported.stdout.contains("1 patient(s) imported"))
        let wide = folder.file("wide.csv")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "prénom,nom\nMarie,Nguema\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: URL(fileURLWithPath: wide))
        let refused = try admin.run(["import", "patients", wide])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("UTF-16 (little-endian)") && refused.stderr.contains("UTF-8"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("\u{0}"))
    }

    @Test func longValuesAreCutInErrorsAndRoleRefusalsSayWhat() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let desk = TappProcess(database: folder.database, user: "reception@meditache.com")
        let long = String(repeating: "x", count: 100_000)
        let result = try desk.run(["patient", "add", "--first-name", "A", "--last-name", "B", "--email", long])
        #expect(result.status == 65)
        #expect(result.stderr.utf8.count < 400, "\(result.stderr.utf8.count) bytes")
        // Not found, with a 100 KB id or path: cut as well.
        for arguments in [["patient", "show", long], ["intervention", "show", long], ["reminder", "retry", long],
                          ["export", "patients", "--output", "/nonexistent/" + long]] {
            let refused = try TappProcess(database: folder.database).run(arguments)
            #expect(refused.status != 0)
            #expect(refused.stderr.utf8.count < 600, "\(arguments[0]) \(arguments[1]): \(refused.stderr.utf8.count) bytes")
        }
        let upcoming = try desk.run(["intervention", "list", "--upcoming", "-1"])
        #expect(upcoming.status == 64)
        #expect(upcoming.stderr.contains("--upcoming must be"))
        let nurse = TappProcess(database: folder.database, user: "nurse@meditache.com")
        let login = try nurse.run(["sync", "login", "--server", "http://127.0.0.1:9", "--email", "a@b.cm", "--reminders", "server"],
                                  stdin: "secret123\n")
        #expect(login.status == 77)
        #expect(login.stderr.contains("connecting the clinic to a TappPlus server"), "\(login.stderr)")
        #expect(!login.stderr.contains("managing users"))
    }

    @Test func aDemoKilledHalfWayLeavesNoFileBehind() throws {
        let folder = try DemoFolder(demo: false)
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database, user: nil)
        let running = try tapp.start(["init", "--demo", "--patients", "400000"])
        // Wait (bounded) until the clinic is being built aside, then kill it.
        var building = false
        for _ in 0..<600 where !building {
            building = (try? FileManager.default.contentsOfDirectory(atPath: folder.url.path))?.contains { $0.contains(".building-") } ?? false
            if !building { usleep(20_000) }
        }
        #expect(building)
        kill(running.process.processIdentifier, SIGKILL)
        _ = try running.finish()
        #expect(!FileManager.default.fileExists(atPath: folder.database))
        // The next try works and signs in, and takes away what the killed one left.
        #expect(try tapp.run(["init", "--demo", "--patients", "50"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).allSatisfy { !$0.contains(".building-") })
        let admin = TappProcess(database: folder.database)
        #expect(try admin.run(["patient", "list", "--limit", "1"]).status == 0)
    }
}
