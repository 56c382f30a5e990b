import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore
@testable import TappTUI

/// Issue 14: a receptionist's and a doctor's day in French (and English) without a stumble, item by item.
@Suite struct FrenchClinicDayTests {
    func clinic() throws -> (TestClinic, Fixture.Made) {
        let clinic = try TestClinic()
        return (clinic, try Fixture.fill(clinic))
    }

    // 1
    @Test func theSearchKeepsItsEditingKeysAfterAnEnterOnNoMatch() throws {
        let (clinic, _) = try clinic()
        defer { clinic.remove() }
        var driver = ScreenDriver(clinic, as: clinic.receptionist, lang: .fr, now: Fixture.now)
        driver.press(.function(3))
        driver.type("zzqx")
        driver.press(.enter, .backspace)
        expectOnScreen(driver, "Recherche : zzq ")
        driver.press(.ctrl("u"))
        expectOnScreen(driver, "Recherche : zzq", not: true)
        expectOnScreen(driver, "NGUEMA Marie")
        driver.type("zz")
        driver.press(.enter, .escape)
        expectOnScreen(driver, "NGUEMA Marie")
        // The first ↓ from the search moves the highlight to the second patient.
        driver.press(.down)
        driver.press(.enter)
        expectOnScreen(driver, "NGUEMA Marie")
    }

    // 2
    @Test func aFormOpenedOnAPickedDayAsksNothingWhenLeftAtOnce() throws {
        let (clinic, _) = try clinic()
        defer { clinic.remove() }
        var driver = ScreenDriver(clinic, as: clinic.doctor, lang: .fr, now: Fixture.now)
        driver.press(.function(5), .char("v"), .char("d"), .char("n"))
        expectOnScreen(driver, "Nouvelle intervention")
        driver.press(.escape)
        expectOnScreen(driver, "Quitter", not: true)
        expectOnScreen(driver, "Fermer le formulaire", not: true)
        expectOnScreen(driver, "Nouvelle intervention", not: true)
    }

    // 3
    @Test func everyDateFieldReadsTheClinicsWaysAndChecksOnLeaving() throws {
        let (clinic, made) = try clinic()
        defer { clinic.remove() }
        var driver = ScreenDriver(clinic, as: clinic.doctor, lang: .fr, now: Fixture.now)
        driver.press(.function(3))
        driver.type("mballa")
        driver.press(.enter, .char("i"))
        for _ in 0..<4 { driver.press(.tab) }
        driver.press(.ctrl("u"))
        driver.type("31/02/2026 09:30")
        driver.press(.tab)
        // Said as the field is left, in French, before any save (whole under the fields).
        expectOnScreen(driver, "✗ n'est pas une date")
        expectOnScreen(driver, "Date et heure : n'est pas une date qui existe (reçu « 31/02/2026 »)")
        driver.press(.backTab, .ctrl("u"))
        driver.type("08/12/2026 09:30")
        driver.press(.tab)
        expectOnScreen(driver, "✗", not: true)
        driver.press(.ctrl("s"))
        var booked = try clinic.database.interventions(InterventionFilter(), by: clinic.doctor).filter { $0.patientId == made.jean.id }
        #expect(booked.contains { Instant.utcString($0.scheduledAt) == "2026-12-08T08:30:00.000Z" })
        // "demain 9h30" and "9h" (today) too.
        for (typed, utc) in [("demain 9h30", "2026-11-26T08:30:00.000Z"), ("14h", "2026-11-25T13:00:00.000Z")] {
            // The patients' search is kept from the last visit: Ctrl+U empties it first.
            driver.press(.function(3), .ctrl("u"))
            driver.type("mballa")
            driver.press(.enter, .char("i"))
            for _ in 0..<4 { driver.press(.tab) }
            driver.press(.ctrl("u"))
            driver.type(typed)
            driver.press(.ctrl("s"))
            booked = try clinic.database.interventions(InterventionFilter(), by: clinic.doctor).filter { $0.patientId == made.jean.id }
            #expect(booked.contains { Instant.utcString($0.scheduledAt) == utc }, "\(typed)")
        }
        // A birth date as the clinic writes it, checked on leaving.
        driver.press(.ctrl("n"))
        driver.type("Onana")
        driver.press(.tab)
        driver.type("Paul")
        driver.press(.tab)
        driver.type("17/05/2090")
        driver.press(.tab)
        expectOnScreen(driver, "Né(e) le (JJ/MM/AAAA) : ne peut pas être dans le futur")
    }

    @Test func typedDateTimesAreReadInTheClinicsZone() throws {
        let zone = Instant.defaultZone, now = Fixture.now
        let cases: [(String, String)] = [
            ("08/12/2026 09:30", "2026-12-08T08:30:00.000Z"), ("8/12/2026 9h30", "2026-12-08T08:30:00.000Z"),
            ("08/12/2026 à 9h", "2026-12-08T08:00:00.000Z"), ("demain 9h30", "2026-11-26T08:30:00.000Z"),
            ("Demain à 9h30", "2026-11-26T08:30:00.000Z"), ("tomorrow 9:30", "2026-11-26T08:30:00.000Z"),
            ("09:30", "2026-11-25T08:30:00.000Z"), ("aujourd'hui 14h", "2026-11-25T13:00:00.000Z"),
            ("après-demain 8h", "2026-11-27T07:00:00.000Z"), ("2026-12-08T09:30", "2026-12-08T08:30:00.000Z"),
            ("2026-12-08 09:30+02:00", "2026-12-08T07:30:00.000Z"), ("08.12.2026 09:30", "2026-12-08T08:30:00.000Z"),
        ]
        for (typed, utc) in cases {
            #expect(try Instant.utcString(TypedDateTime.parse(typed, field: "at", zone: zone, now: now)) == utc, "\(typed)")
        }
        for bad in ["08/12/2026", "demain", "25:00", "9", "31/02/2026 10:00", "08/12/2026 9h75", "lundi 9h", "08/12/2026 09:30 extra", ""] {
            #expect(throws: FieldError.self, "\(bad)") { try TypedDateTime.parse(bad, field: "at", zone: zone, now: now) }
        }
    }

    // 5 and 10
    @Test func longClinicalTextIsReadWholeAndEveryItemOfTheRecordOpens() throws {
        let (clinic, made) = try clinic()
        defer { clinic.remove() }
        var input = ConsultationInput()
        input.patientId = made.marie.id
        input.doctorId = clinic.doctorId
        input.dateTime = "2026-11-24T08:30"
        input.reason = "Fièvre et frissons depuis 3 jours avec maux de tête, courbatures et perte d'appétit marquée chez une patiente fatiguée"
        input.diagnosis = "Paludisme simple confirmé par TDR positif"
        try clinic.database.addConsultation(input, by: clinic.doctor, now: Fixture.now)
        var driver = ScreenDriver(clinic, as: clinic.doctor, lang: .fr, now: Fixture.now)
        driver.press(.function(3))
        driver.type("nguema")
        driver.press(.enter)
        // The history line wraps to its end.
        expectOnScreen(driver, "perte d'appétit")
        expectOnScreen(driver, "TDR positif")
        // Enter opens the highlighted consultation (newest first: ↓ to the long one), read whole.
        driver.press(.down, .enter)
        expectOnScreen(driver, "Motif")
        expectOnScreen(driver, "chez une patiente")
        expectOnScreen(driver, "fatiguée")
        driver.press(.escape)
        // ↓ to the intervention, Enter opens it; its delete key asks first.
        driver.press(.down, .enter)
        expectOnScreen(driver, "Vaccination")
        driver.press(.char("d"))
        expectOnScreen(driver, "Supprimer « Vaccination »")
        driver.press(.right, .enter)
        expectOnScreen(driver, "Intervention supprimée.")
        #expect(try clinic.database.interventions(InterventionFilter(), by: clinic.doctor).allSatisfy { $0.patientId != made.marie.id })
    }

    @Test func linkingAPatientOffersAPicker() throws {
        let (clinic, made) = try clinic()
        defer { clinic.remove() }
        try clinic.database.pool.write { db in
            try db.execute(sql: "INSERT INTO organization (id, name, timezone, createdAt, updatedAt) VALUES ('o2', 'Centre de santé New Bell', 'Africa/Douala', ?, ?)",
                           arguments: [Fixture.now, Fixture.now])
        }
        var driver = ScreenDriver(clinic, as: clinic.receptionist, lang: .fr, now: Fixture.now)
        driver.press(.function(3))
        driver.type("mballa")
        driver.press(.enter, .char("o"))
        expectOnScreen(driver, "Rattacher à une organisation")
        expectOnScreen(driver, "Centre de santé New Bell")
        driver.press(.enter)
        expectOnScreen(driver, "Rattaché à")
        let links = try clinic.database.patientRecord(id: made.jean.id, by: clinic.admin, audit: false).organizations
        #expect(!links.isEmpty)
    }

    // 6
    @Test func keysARoleCannotUseAreNotOffered() throws {
        let (clinic, _) = try clinic()
        defer { clinic.remove() }
        var desk = ScreenDriver(clinic, as: clinic.receptionist, now: Fixture.now)
        desk.press(.function(3))
        desk.type("nguema")
        desk.press(.enter)
        expectOnScreen(desk, "New consultation", not: true)
        desk.press(.char("?"))
        expectOnScreen(desk, "New consultation", not: true)
        desk.press(.escape, .char("c"))
        expectOnScreen(desk, "New consultation", not: true)
        desk.press(.function(4))
        expectOnScreen(desk, "n New consultation", not: true)
        var doctor = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        doctor.press(.function(3))
        doctor.type("nguema")
        doctor.press(.enter)
        expectOnScreen(doctor, "New consultation")
    }

    // 8
    @Test func rulesInThePastAreNamedAndASecondBookingAsks() throws {
        let (clinic, made) = try clinic()
        defer { clinic.remove() }
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.function(3))
        driver.type("mballa")
        driver.press(.enter, .char("i"))
        for _ in 0..<4 { driver.press(.tab) }
        driver.press(.ctrl("u"))
        driver.type("2026-11-27 10:00")
        for _ in 0..<4 { driver.press(.tab) }
        driver.press(.enter, .char("1"), .char("4"), .enter)
        expectOnScreen(driver, "J-7 SMS will not be sent")
        driver.press(.ctrl("s"))
        expectOnScreen(driver, "J-7 SMS will not be sent: its time has")
        // The same patient, doctor and time again: asked, "no" by default.
        driver.press(.function(3), .ctrl("u"))
        driver.type("mballa")
        driver.press(.enter, .char("i"))
        for _ in 0..<4 { driver.press(.tab) }
        driver.press(.ctrl("u"))
        driver.type("2026-11-27 10:00")
        driver.press(.ctrl("s"))
        expectOnScreen(driver, "already has")
        driver.press(.enter)
        let at = try Instant.parse("2026-11-27T10:00", field: "at")
        #expect(try clinic.database.interventions(InterventionFilter(), by: clinic.doctor)
            .filter { $0.patientId == made.jean.id && $0.scheduledAt == at }.count == 1)
        driver.press(.ctrl("s"), .right, .enter)
        #expect(try clinic.database.interventions(InterventionFilter(), by: clinic.doctor)
            .filter { $0.patientId == made.jean.id && $0.scheduledAt == at }.count == 2)
    }

    // 9
    @Test func theSmallStumblesAreGone() throws {
        let (clinic, made) = try clinic()
        defer { clinic.remove() }
        // Interventions open on what is coming, the current tab in brackets.
        var driver = ScreenDriver(clinic, as: clinic.doctor, lang: .fr, now: Fixture.now)
        driver.press(.function(5))
        expectOnScreen(driver, "à venir : 25/11/2026 → 25/12/2026")
        expectOnScreen(driver, "[F5 Interv.]")
        // At 80 columns the rule editor's keys wrap instead of hiding.
        driver.press(.char("n"))
        for _ in 0..<8 { driver.press(.tab) }
        driver.press(.enter)
        expectOnScreen(driver, "Ajouter ou retirer J-7")
        expectOnScreen(driver, "Garder ces règles")
        driver.press(.escape, .escape)
        // The help is not cut.
        driver.press(.function(3), .escape, .char("?"))
        expectOnScreen(driver, "Quitter (q depuis le")
        expectOnScreen(driver, "premier écran)")
        driver.press(.escape)
        // d goes to the signed-in doctor first.
        let second = try clinic.database.addUser(UserInput(email: "dr2@test.cm", firstName: "Aaron", lastName: "Abega", role: "DOCTOR",
                                                          password: TestClinic.password), by: clinic.admin)
        _ = second
        driver.press(.function(4), .char("d"))
        expectOnScreen(driver, "Dr Test Doctor")
        // A failed reminder of a visit already past is not put back.
        let reminder = try clinic.database.intervention(id: made.surgery.id, by: clinic.doctor).reminders[0]
        try clinic.database.pool.write { db in
            try db.execute(sql: "UPDATE reminder SET status = 'FAILED' WHERE id = ?", arguments: [reminder.id])
        }
        #expect(throws: ClinicError.self) {
            try clinic.database.retryReminder(id: reminder.id, by: clinic.doctor, now: made.surgery.scheduledAt.addingTimeInterval(60))
        }
        // The lock screen says what to do.
        driver.app.lockNow()
        expectOnScreen(driver, "Tapez le mot de passe, puis Entrée")
        driver.type(TestClinic.password)
        driver.press(.enter)
        // A new patient joins the clinic's organization.
        driver.press(.ctrl("n"))
        driver.type("Onana")
        driver.press(.tab)
        driver.type("Paul")
        driver.press(.ctrl("s"))
        expectOnScreen(driver, "Clinique Test")
        // q on the first screen asks while a form is open.
        var quitting = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        quitting.press(.ctrl("n"))
        quitting.type("Zoé")
        quitting.app.resize(rows: 24, columns: 80)
        #expect(quitting.press(.escape) == [])
    }

    // Beyond: the palette, / and the kept views
    @Test func thePaletteFindsActionsInBothLanguagesAndListsNarrowAndRemember() throws {
        let (clinic, _) = try clinic()
        defer { clinic.remove() }
        var driver = ScreenDriver(clinic, as: clinic.receptionist, lang: .fr, now: Fixture.now)
        driver.press(.ctrl("p"))
        driver.type("nouv pat")
        expectOnScreen(driver, "Nouveau patient")
        driver.press(.enter)
        expectOnScreen(driver, "Nouveau patient")
        driver.press(.escape, .ctrl("p"))
        driver.type("remind")
        expectOnScreen(driver, "Aller à Rappels")
        driver.press(.escape, .ctrl("p"))
        driver.type("consultation nouvelle")
        expectOnScreen(driver, "Rien ne correspond.")
        driver.press(.escape)
        // / narrows the interventions; the narrowing and filters are kept when coming back.
        driver.press(.function(5), .char("/"))
        driver.type("mballa")
        expectOnScreen(driver, "MBALLA Jean")
        expectOnScreen(driver, "NGUEMA Marie", not: true)
        driver.press(.enter, .char("a"), .function(3), .function(5))
        expectOnScreen(driver, "toutes dates")
        expectOnScreen(driver, "NGUEMA Marie", not: true)
        driver.press(.char("/"), .escape)
        expectOnScreen(driver, "NGUEMA Marie")
    }
}

@Suite struct ReminderNarrowingTests {
    @Test func slashNarrowsTheRemindersAndIsKept() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.receptionist, lang: .fr, now: Fixture.now)
        driver.press(.function(6), .char("2"))
        expectOnScreen(driver, "Marie Nguema")
        expectOnScreen(driver, "Jean Mballa")
        driver.press(.char("/"))
        driver.type("chirur")
        expectOnScreen(driver, "Jean Mballa")
        expectOnScreen(driver, "Marie Nguema", not: true)
        driver.press(.enter, .function(3), .function(6), .char("2"))
        expectOnScreen(driver, "/ chirur")
        expectOnScreen(driver, "Marie Nguema", not: true)
    }
}

@Suite struct RangeFormTests {
    @Test func theRangeFormReadsTheClinicsDaysAndChecksOnLeaving() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, lang: .fr, now: Fixture.now)
        driver.press(.function(4), .char("g"), .ctrl("u"))
        driver.type("31/11/2026")
        driver.press(.tab)
        expectOnScreen(driver, "Du (JJ/MM/AAAA) : n'est pas une date qui existe")
        driver.press(.backTab, .ctrl("u"))
        driver.type("20/11/2026")
        driver.press(.ctrl("s"))
        expectOnScreen(driver, "20/11/2026 →")
    }
}

/// Issue 13 at the desk: the likely existing records show as the patient is typed; Ctrl+O opens one; saving anyway
/// asks once.
@Suite struct DeskCheckScreenTests {
    @Test func aLikelyExistingPatientIsShownAndSavingAnywayAsksOnce() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.receptionist, lang: .fr, now: Fixture.now)
        driver.press(.ctrl("n"))
        driver.type("Nguema")
        driver.press(.tab)
        driver.type("Marie")
        driver.press(.tab)
        expectOnScreen(driver, "Probablement déjà enregistré", not: true)
        driver.type("12/04/1980")
        driver.press(.tab)
        expectOnScreen(driver, "Probablement déjà enregistré")
        expectOnScreen(driver, "NGUEMA Marie")
        expectOnScreen(driver, "12/04/1980")
        // Saving asks once, "no" first: nothing written.
        driver.press(.ctrl("s"))
        expectOnScreen(driver, "ressemble à NGUEMA Marie")
        driver.press(.enter)
        #expect(try clinic.database.patientCount(matching: "nguema") == 1)
        // Ctrl+O opens the existing record instead.
        driver.press(.ctrl("o"))
        expectOnScreen(driver, "Allergie à la pénicilline", not: true)
        expectOnScreen(driver, "Notes médicales : masquées pour votre rôle")
        // Registering anyway: → then Entrée.
        driver.press(.ctrl("n"))
        driver.type("Nguema")
        driver.press(.tab)
        driver.type("Marie")
        driver.press(.tab)
        driver.type("12/04/1980")
        driver.press(.ctrl("s"), .right, .enter)
        #expect(try clinic.database.patientCount(matching: "nguema") == 2)
    }
}

/// Issue 13 on the screens: the scan's pairs for administrators and doctors, merged side by side, dismissed.
@Suite struct DuplicatesScreenTests {
    @Test func aPairIsMergedFieldByFieldAndAnotherDismissed() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var again = PatientInput()
        again.firstName = "Marie"
        again.lastName = "Nguéma"
        again.dateOfBirth = "1980-04-12"
        again.email = "marie.nguema@example.cm"
        let copy = try clinic.database.addPatient(again, allowDuplicate: true, by: clinic.admin)
        // The desk never gets the scan.
        var desk = ScreenDriver(clinic, as: clinic.receptionist, lang: .fr, now: Fixture.now)
        desk.press(.ctrl("p"))
        desk.type("doublons")
        expectOnScreen(desk, "Rien ne correspond.")
        var driver = ScreenDriver(clinic, as: clinic.admin, lang: .fr, now: Fixture.now)
        driver.press(.ctrl("p"))
        driver.type("doublons")
        driver.press(.enter)
        expectOnScreen(driver, "Doublons probables (1)")
        expectOnScreen(driver, "NGUEMA Marie")
        driver.press(.enter)
        expectOnScreen(driver, "Fusionner deux dossiers")
        // The empty email is filled from the other record; the kept last name is chosen on the other side with →.
        expectOnScreen(driver, "● marie.nguema@example.cm")
        driver.press(.right, .ctrl("s"))
        expectOnScreen(driver, "Fusionner")
        driver.press(.right, .enter)
        expectOnScreen(driver, "Fusionnés.")
        let kept = try clinic.database.patients(matching: "nguema", by: clinic.admin)
        #expect(kept.count == 1)
        #expect(kept.first?.email == "marie.nguema@example.cm")
        #expect(kept.first?.lastName == "Nguéma")
        #expect(try clinic.database.mergedInto(patientId: copy.id) != nil || kept.first?.id == copy.id)
    }
}
