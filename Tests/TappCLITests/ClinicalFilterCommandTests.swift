import Foundation
import Testing

/// Every command that hands out a patient, a consultation or an audit entry, run as each role: clinical content
/// (medical notes, blood type, a consultation's reason, diagnosis, treatment, notes, attachments) reaches only the
/// roles that read clinical data (issue 12, item 4).
@Suite struct ClinicalFilterCommandTests {
    static let marker = "SECRET88"

    /// A demo clinic with one patient carrying clinical content everywhere it can be.
    func clinic() throws -> (DemoFolder, patient: String, consultation: String, intervention: String) {
        let folder = try DemoFolder(patients: 50)
        let doctor = TappProcess(database: folder.database, user: "doctor@meditache.com")
        let added = try doctor.run(["patient", "add", "--first-name", "Odile", "--last-name", "Zanga", "--blood-type", "AB-",
                                    "--medical-notes", "Notes \(Self.marker)", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let patient = try #require((try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])?["id"] as? String)
        let consulted = try doctor.run(["consultation", "add", "--patient", patient, "--at", "2026-11-20T09:30",
                                        "--reason", "Motif \(Self.marker)", "--diagnosis", "Diag \(Self.marker)",
                                        "--treatment", "Trait \(Self.marker)", "--notes", "Notes \(Self.marker)",
                                        "--attachment", "/scans/\(Self.marker).pdf", "--json"])
        #expect(consulted.status == 0, "\(consulted.stderr)")
        let consultation = try #require((try JSONSerialization.jsonObject(with: Data(consulted.stdout.utf8)) as? [String: Any])?["id"] as? String)
        let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(5 * 86_400))
        let booked = try doctor.run(["intervention", "add", "--patient", patient, "--title", "Suivi", "--at", at, "--json"])
        #expect(booked.status == 0, "\(booked.stderr)")
        let intervention = try #require((try JSONSerialization.jsonObject(with: Data(booked.stdout.utf8)) as? [String: Any])?["id"] as? String)
        return (folder, patient, consultation, intervention)
    }

    /// Every command that reads or hands back records, with and without `--json`.
    func commands(patient: String, consultation: String, intervention: String, folder: DemoFolder) -> [[String]] {
        var list: [[String]] = [
            ["dashboard"],
            ["patient", "list", "--search", "zanga"], ["patient", "show", patient],
            ["patient", "edit", patient, "--email", "odile@example.cm"], ["patient", "edit", patient, "--address", "Akwa"],
            ["patient", "add", "--first-name", "Paul", "--last-name", "Zanga"],
            ["consultation", "list", "--patient", patient], ["consultation", "show", consultation],
            ["intervention", "list"], ["intervention", "show", intervention],
            ["intervention", "edit", intervention, "--location", "Salle 2"],
            ["reminder", "list"], ["audit"], ["audit", "--patient", patient],
            ["export", "patients", "--output", folder.file("out-\(UUID().uuidString).csv")],
            ["export", "all", "--format", "json", "--output", folder.file("all-\(UUID().uuidString).json")],
            ["sync", "status"], ["user", "list"],
        ]
        list += list.map { $0 + ["--json"] }
        return list
    }

    func output(_ result: TappProcess.Result, files: [String]) -> String {
        var text = result.stdout + result.stderr
        for file in files { text += (try? String(contentsOfFile: file, encoding: .utf8)) ?? "" }
        return text
    }

    @Test func noCommandHandsClinicalContentToTheDesk() throws {
        let (folder, patient, consultation, intervention) = try clinic()
        defer { folder.remove() }
        let roles = [("reception@meditache.com", false), ("nurse@meditache.com", true), ("doctor@meditache.com", true),
                     ("admin@meditache.com", true)]
        for (user, reads) in roles {
            let tapp = TappProcess(database: folder.database, user: user)
            var seen = 0
            for command in commands(patient: patient, consultation: consultation, intervention: intervention, folder: folder) {
                let result = try tapp.run(command)
                let files = command.enumerated().compactMap { i, a in a == "--output" && i + 1 < command.count ? command[i + 1] : nil }
                let text = output(result, files: files)
                if text.contains(Self.marker) { seen += 1 }
                if !reads {
                    #expect(!text.contains(Self.marker), "\(user) `\(command.joined(separator: " "))` shows clinical content")
                    #expect(!text.contains("\"bloodType\" : \"AB-\"") && !text.contains("\"bloodType\":\"AB-\""),
                            "\(user) `\(command.joined(separator: " "))` shows the blood type")
                }
            }
            // The same walk shows the content to those who may read it, so the check above can fail.
            if reads { #expect(seen > 0, "\(user) saw no clinical content at all") }
        }
        // The desk's edits kept the clinical content that it never saw.
        let doctor = TappProcess(database: folder.database, user: "doctor@meditache.com")
        let shown = try doctor.run(["patient", "show", patient, "--json"])
        #expect(shown.stdout.contains("Notes \(Self.marker)"))
        #expect(shown.stdout.contains("AB-"))
    }
}
