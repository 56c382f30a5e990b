import Foundation
import GRDB
import Testing
import TappDomain
@testable import TappStore

/// The real `tapp` binary in a real terminal (tmux) on a demo clinic: what a receptionist does, then the database
/// checked.
@Suite(.serialized) struct FullScreenTests {
    @Test func signInSearchCreateBookResizeAndQuit() throws {
        let folder = try DemoFolder(patients: 60)
        defer { folder.remove() }
        // A demo patient whose name has an accent, to find by typing without it.
        let database = try ClinicDatabase(path: folder.database)
        let accented = try #require(try database.patients(limit: 200).first { $0.lastName.contains(where: { !$0.isASCII }) })
        let plain = String(accented.lastName.folding(options: .diacriticInsensitive, locale: nil).lowercased().prefix(6))

        let terminal = try TmuxSession([TappProcess.binary, "--db", folder.database],
                                       environment: ["LANG": "C.UTF-8", "TAPP_USER": "", "TERM": "screen"])
        defer { terminal.kill() }
        try terminal.waitFor("Sign in")
        try terminal.type("reception@meditache.com")
        try terminal.press("Enter")
        try terminal.type("admin123")
        try terminal.press("Enter")
        try terminal.waitFor("reception@meditache.com · receptionist")

        // Search with the accent left out.
        try terminal.press("F3")
        try terminal.waitFor("Search:")
        try terminal.type(plain)
        try terminal.waitFor(accented.lastName.uppercased())

        // A new patient, from anywhere with Ctrl+N.
        try terminal.press("C-n")
        try terminal.waitFor("New patient")
        try terminal.type("Tchoumi")
        try terminal.press("Tab")
        try terminal.type("Aïcha")
        try terminal.press("Tab")
        try terminal.type("1992-03-14")
        try terminal.press("Tab")
        try terminal.type("+237 699 42 42 42")
        try terminal.press("C-s")
        try terminal.waitFor("TCHOUMI Aïcha")

        // Book an intervention for her (tomorrow 09:00 is the form's default), with the default reminders.
        try terminal.press("i")
        try terminal.waitFor("New intervention")
        try terminal.press("C-s")
        try terminal.waitFor("Intervention saved with its reminders.")

        // The window grows and shrinks: the screen follows at once.
        try terminal.resize(rows: 30, columns: 100)
        try terminal.waitFor("Consultations")
        let wide = try terminal.waitFor("Interventions (1)")
        #expect(wide.split(separator: "\n", omittingEmptySubsequences: false).count >= 30)
        try terminal.resize(rows: 8, columns: 30)
        try terminal.waitFor("Window too small")
        try terminal.resize(rows: 24, columns: 80)
        try terminal.waitFor("TCHOUMI Aïcha")

        // Back to the top and quit.
        try terminal.press("Escape")
        Thread.sleep(forTimeInterval: 0.2)
        try terminal.press("Escape")
        Thread.sleep(forTimeInterval: 0.2)
        try terminal.press("F2")
        try terminal.waitFor("Dashboard")
        try terminal.press("q")
        #expect(terminal.waitForExit())

        let created = try database.patients(matching: "tchoumi aicha")
        #expect(created.count == 1)
        #expect(created.first?.phone == "+237699424242")
        let id = try #require(created.first?.id)
        let record = try database.patientRecord(id: id, by: .system(), audit: false)
        #expect(record.interventions.count == 1)
        #expect(record.interventions.first?.rules.map(\.offsetMinutes) == [-1440, -60])
    }

    @Test func frenchAndMonochromeOnAPlainTerminal() throws {
        let folder = try DemoFolder(patients: 60)
        defer { folder.remove() }
        let terminal = try TmuxSession([TappProcess.binary, "--db", folder.database],
                                       environment: ["LANG": "fr_FR.UTF-8", "NO_COLOR": "1", "TERM": "vt100",
                                                     "TAPP_USER": "doctor@meditache.com", "TAPP_PASSWORD": "admin123"])
        defer { terminal.kill() }
        try terminal.waitFor("Tableau de bord")
        try terminal.waitFor("médecin")
        try terminal.press("F1")
        try terminal.waitFor("Une touche ferme l'aide.")
        try terminal.press("Escape")
        Thread.sleep(forTimeInterval: 0.2)
        try terminal.press("C-q")
        #expect(terminal.waitForExit())
    }

    @Test func withoutATerminalItPrintsTheHelp() throws {
        let folder = try DemoFolder(patients: 50)
        defer { folder.remove() }
        let result = try TappProcess(database: folder.database).run([])
        #expect(result.status == 0)
        #expect(result.stdout.contains("The screens open on a terminal"))
    }
}
