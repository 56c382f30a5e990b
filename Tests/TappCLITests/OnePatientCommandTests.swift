import Foundation
import Testing

/// Issue 13 through the real binary: phones as numbers, the desk check, the scan, merge and unmerge.
@Suite struct OnePatientCommandTests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func add(_ tapp: TappProcess, _ arguments: [String]) throws -> TappProcess.Result {
        try tapp.run(["patient", "add"] + arguments + ["--json"])
    }

    @Test func phonesAreReadStoredAndShownAsNumbers() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database)
        let added = try add(tapp, ["--first-name", "Paul", "--last-name", "Zeutchoua", "--phone", "00237 670.11.22.33"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect((try json(added.stdout) as? [String: Any])?["phone"] as? String == "+237670112233")
        let listed = try tapp.run(["patient", "list", "--search", "zeutchoua"])
        #expect(listed.stdout.contains("+237 670 11 22 33"))
        let short = try add(tapp, ["--first-name", "Rose", "--last-name", "Zeutchoua", "--phone", "677 12 34 5"])
        #expect(short.status == 65)
        #expect(short.stderr.contains("phone") && short.stderr.contains("9 digits"))
        // Another country, set by an administrator
        #expect(try tapp.run(["settings", "phone", "--calling-code", "33", "--national-digits", "9"]).status == 0)
        #expect(try tapp.run(["settings", "show"]).stdout.contains("+33, 9 digits"))
        let french = try add(tapp, ["--first-name", "Marie", "--last-name", "Zeutchoua", "--phone", "06 12 34 56 78"])
        #expect((try json(french.stdout) as? [String: Any])?["phone"] as? String == "+33612345678")
        let refused = try TappProcess(database: folder.database, user: "reception@meditache.com")
            .run(["settings", "phone", "--calling-code", "237", "--national-digits", "9"])
        #expect(refused.status == 77)
        #expect(try tapp.run(["settings", "phone", "--calling-code", "237", "--national-digits", "x"]).status == 65)
        // No bad phone in a clinic made today
        #expect(try tapp.run(["patient", "list", "--bad-phones"]).stdout.contains("0 patient(s)"))
    }

    @Test func addRefusesALikelyDuplicateNamingTheRecord() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database, user: "reception@meditache.com")
        let before = try tapp.run(["patient", "list", "--search", "honorine", "--json"])
        let registered = (try json(before.stdout) as? [Any])?.count ?? 0
        let first = try add(tapp, ["--first-name", "Honorine", "--last-name", "DOUMBÉ", "--birthdate", "1990-04-12", "--phone", "663924388"])
        let id = try #require((try json(first.stdout) as? [String: Any])?["id"] as? String)
        let again = try tapp.run(["patient", "add", "--first-name", "Honorinne", "--last-name", "Doumbé", "--birthdate", "1990-04-12",
                                  "--phone", "+237663924388"])
        #expect(again.status == 65)
        #expect(again.stderr.contains(id) && again.stderr.contains("DOUMBÉ Honorine"))
        let asJSON = try add(tapp, ["--first-name", "Doumbe", "--last-name", "Honorine", "--birthdate", "1990-12-04"])
        #expect(asJSON.status == 65)
        let error = try #require(try json(asJSON.stdout) as? [String: Any])
        let matches = try #require(error["likelyDuplicates"] as? [[String: Any]])
        #expect(matches.first?["id"] as? String == id)
        let count = try tapp.run(["patient", "list", "--search", "honorine", "--json"])
        #expect((try json(count.stdout) as? [Any])?.count == registered + 1)
        let allowed = try add(tapp, ["--first-name", "Honorinne", "--last-name", "Doumbé", "--birthdate", "1990-04-12", "--allow-duplicate"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test func importReportsDuplicateRowsWithExitThree() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database)
        let csv = folder.file("patients.csv")
        try """
            prénom;nom;date de naissance;téléphone
            Hélène;Zeutchoua;1985-03-15;699123456
            Helene;ZEUTCHOUA;1985-03-15;+237 699 12 34 56
            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let refused = try tapp.run(["import", "patients", csv])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("line 3") && refused.stderr.contains("line 2"))
        let allowed = try tapp.run(["import", "patients", csv, "--allow-duplicates"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test func theScanFindsThePairAndMergeAndUnmergeSettleIt() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        let tapp = TappProcess(database: folder.database)
        let a = try add(tapp, ["--first-name", "Honorine", "--last-name", "Zeutchoua", "--birthdate", "1990-04-12", "--phone", "663924388"])
        let b = try add(tapp, ["--first-name", "Onorine", "--last-name", "Zeutchwa", "--birthdate", "1990-04-12", "--allow-duplicate"])
        let keep = try #require((try json(a.stdout) as? [String: Any])?["id"] as? String)
        let other = try #require((try json(b.stdout) as? [String: Any])?["id"] as? String)
        let scan = try tapp.run(["patient", "duplicates", "--json", "--limit", "100"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let pairs = try #require(try json(scan.stdout) as? [[String: Any]])
        let pair = try #require(pairs.first { Set(($0["patientIds"] as? [String]) ?? []) == [keep, other] })
        #expect((pair["score"] as? Double ?? 0) >= 0.8)
        #expect((pair["reasons"] as? [String])?.contains("same birth date") == true)
        #expect(try tapp.run(["patient", "duplicates", "--min-score", "2"]).status == 65)
        // Only an administrator merges; without --yes and without a terminal it asks and does nothing
        #expect(try TappProcess(database: folder.database, user: "doctor@meditache.com").run(["patient", "merge", keep, other, "--yes"]).status == 77)
        #expect(try tapp.run(["patient", "merge", keep, other]).status != 0)
        let merged = try tapp.run(["patient", "merge", keep, other, "--yes"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let shown = try tapp.run(["patient", "show", other, "--json"])
        #expect(shown.stdout.contains(keep))
        #expect(!(try tapp.run(["patient", "list", "--search", "zeutch"]).stdout.contains(other)))
        let rescan = try tapp.run(["patient", "duplicates", "--json", "--limit", "100"])
        #expect(!rescan.stdout.contains(other))
        #expect(try tapp.run(["patient", "unmerge", keep, other]).status == 0)
        #expect(try tapp.run(["patient", "list", "--search", "zeutch"]).stdout.contains(other))
        // Dismissed, the pair is not offered again
        #expect(try tapp.run(["patient", "not-duplicates", keep, other]).status == 0)
        #expect(!(try tapp.run(["patient", "duplicates", "--json", "--limit", "100"]).stdout.contains(other)))
    }
}
