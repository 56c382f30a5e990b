import Foundation
import Testing
import TappDomain
@testable import TappStore

/// Issue 14 on the real binary, in French, in a real terminal that says it is a vt100: the search's keys after a
/// search with no match (1), a question typed through (2), a date as the clinic writes it (3), the patient's SMS in
/// French (4), and F-keys, PgDn and Home never typed as junk (7).
@Suite(.serialized) struct FrenchScreensEndToEndTests {
    @Test func aFrenchReceptionistsDayOnAVT100() throws {
        let folder = try DemoFolder(patients: 60)
        defer { folder.remove() }
        let database = try ClinicDatabase(path: folder.database)
        let patient = try #require(try database.patients(limit: 200).first {
            $0.lastName.allSatisfy(\.isASCII) && !$0.lastName.contains(" ") && $0.firstName.allSatisfy(\.isASCII) && $0.dateOfBirth != nil
        })
        let terminal = try TmuxSession([TappProcess.binary, "--db", folder.database],
                                       environment: ["LANG": "fr_FR.UTF-8", "TAPP_USER": "", "TERM": "vt100"])
        defer { terminal.kill() }
        try terminal.waitFor("Connexion")
        try terminal.type("reception@meditache.com")
        try terminal.press("Enter")
        try terminal.type("admin123")
        try terminal.press("Enter")
        try terminal.waitFor("reception@meditache.com · accueil")

        // 7: F5 and F6 (unknown to a vt100's terminfo) go to their screens; nothing of their bytes is typed.
        try terminal.press("F5")
        try terminal.waitFor("[F5 Interv.]")
        try terminal.press("F6")
        try terminal.waitFor("[F6 Rappels]")

        // 1: a search with no match, Enter, then Backspace still corrects it.
        try terminal.press("F3")
        try terminal.waitFor("Recherche :")
        try terminal.type("zzqx")
        try terminal.press("Enter", "BSpace")
        try terminal.waitFor("Recherche : zzq ")
        try terminal.press("C-u")
        try terminal.waitFor("patient(s)")
        // 7: PgDn, Home, End and F8 in the search type nothing.
        try terminal.press("NPage", "Home", "End", "F8", "F12")
        Thread.sleep(forTimeInterval: 0.3)
        var screen = terminal.screen
        #expect(!screen.contains("~"), "junk typed:\n\(screen)")
        if screen.contains("Verrouillé") {
            try terminal.type("admin123")
            try terminal.press("Enter")
        }

        // 2: a half-filled new patient; F3 asks; typing on answers nothing; Enter keeps the form.
        try terminal.press("C-n")
        try terminal.waitFor("Nouveau patient")
        try terminal.type("Mbarga")
        try terminal.press("Home", "End", "NPage")
        try terminal.press("F3")
        try terminal.waitFor("Fermer le formulaire ?")
        try terminal.type("Onana")
        screen = try terminal.waitFor("[ Non ]")
        #expect(screen.contains("Fermer le formulaire ?"))
        try terminal.press("Enter")
        screen = try terminal.waitFor("Mbarga")
        #expect(!screen.contains("Mbarga~") && !screen.contains("6~") && !screen.contains("1~"), "junk typed:\n\(screen)")
        try terminal.press("Escape")
        try terminal.waitFor("Fermer le formulaire ?")
        try terminal.press("Right", "Enter")

        // 3: an intervention booked for "08/12/2027 09:30".
        try terminal.press("F3", "C-u")
        try terminal.type(patient.lastName.lowercased())
        try terminal.waitFor(patient.lastName.uppercased())
        try terminal.press("Enter")
        try terminal.waitFor("Rappels par")
        try terminal.press("i")
        try terminal.waitFor("Nouvelle intervention")
        for _ in 0..<4 { try terminal.press("Tab") }
        try terminal.press("C-u")
        try terminal.type("08/12/2027 09:30")
        try terminal.press("C-s")
        try terminal.waitFor("Intervention enregistrée")

        // Issue 13 at the desk: typing her again shows her existing record before anything is saved.
        try terminal.press("C-n")
        try terminal.waitFor("Nouveau patient")
        try terminal.type(patient.lastName)
        try terminal.press("Tab")
        try terminal.type(patient.firstName)
        try terminal.press("Tab")
        let birth = try #require(patient.dateOfBirth)
        try terminal.type(String(format: "%02d/%02d/%04d", birth.day, birth.month, birth.year))
        try terminal.press("Tab")
        try terminal.waitFor("Probablement déjà enregistré")
        try terminal.press("C-s")
        try terminal.waitFor("Enregistrer quand même")
        try terminal.press("Enter", "Escape")
        try terminal.waitFor("Fermer le formulaire ?")
        try terminal.press("Right", "Enter")

        // 4: the patient's reminder reads in French, its type too.
        try terminal.press("F6")
        try terminal.waitFor("[F6 Rappels]")
        try terminal.press("2", "End")
        try terminal.waitFor("rappel : Bilan de santé le 08/12/2027 à 09:30")
        try terminal.press("C-q")
        #expect(terminal.waitForExit())

        let booked = try database.patientRecord(id: patient.id, by: .system(), audit: false).interventions
        #expect(booked.contains { Instant.utcString($0.intervention.scheduledAt) == "2027-12-08T08:30:00.000Z" })
    }
}
