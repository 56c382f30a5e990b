import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore
@testable import TappTUI

/// Key sequences a receptionist or a doctor types, with the database checked afterwards.
@Suite struct ScenarioTests {
    @Test func signInSaysWhatIsWrongAndMakesRepeatedFailuresWait() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        var driver = ScreenDriver(clinic, as: nil, now: Fixture.now)
        driver.type("desk@test.cm")
        driver.press(.enter)
        for _ in 0..<3 {
            driver.type("wrong")
            driver.press(.enter)
        }
        expectOnScreen(driver, "Wrong email or password. Wait 1 s.")
        // Within the wait, even the right password is not tried.
        driver.type(TestClinic.password)
        driver.press(.enter)
        expectOnScreen(driver, "Wait 1 s before trying again.")
        #expect(!driver.app.isSignedIn)
        // After it, Enter tries the password still typed.
        driver.now = driver.now.addingTimeInterval(2)
        driver.press(.enter)
        #expect(driver.app.isSignedIn)
        expectOnScreen(driver, "desk@test.cm · receptionist · Clinique Test")
    }

    @Test func addAPatientWithAMistakeThenFixIt() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        var driver = ScreenDriver(clinic, as: clinic.receptionist, now: Fixture.now)
        driver.press(.ctrl("n"))
        driver.type("Ékambi")
        driver.press(.tab)
        driver.type("Paul")
        driver.press(.tab)
        driver.type("2030-01-01")
        driver.press(.tab, .tab)
        driver.type("paul@")
        driver.press(.ctrl("s"))
        // Both wrong fields say why, next to them; nothing is saved and the typed text stays.
        expectOnScreen(driver, "✗ cannot be in the future")
        expectOnScreen(driver, "✗ must be an email")
        #expect(try clinic.database.patientCount() == 0)
        expectOnScreen(driver, "Ékambi")
        // A receptionist's form has no medical notes.
        expectOnScreen(driver, "Medical notes", not: true)
        for _ in 0..<10 { driver.press(.backspace) }
        driver.type("1990-05-17")
        driver.press(.tab, .tab)
        for _ in 0..<5 { driver.press(.backspace) }
        driver.type("paul@example.cm")
        driver.press(.ctrl("s"))
        let saved = try clinic.database.patients(matching: "ekambi")
        #expect(saved.count == 1)
        #expect(saved.first?.email == "paul@example.cm")
        #expect(saved.first?.dateOfBirth?.description == "1990-05-17")
        expectOnScreen(driver, "ÉKAMBI Paul")
        expectOnScreen(driver, "Medical notes: hidden for your role")
    }

    @Test func escapeOnAChangedFormAsksFirstAndKeepsTheText() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.ctrl("n"))
        driver.type("Abena")
        driver.press(.escape)
        expectOnScreen(driver, "Close the form? What you typed will be lost.")
        // "No" is the highlighted answer: Enter keeps the form.
        expectOnScreen(driver, "[ No ]")
        driver.press(.enter)
        expectOnScreen(driver, "Abena")
        // Jumping to another screen asks too.
        driver.press(.function(2))
        expectOnScreen(driver, "Close the form?")
        driver.press(.escape)
        expectOnScreen(driver, "Abena")
        driver.press(.escape, .right, .enter)
        expectOnScreen(driver, "Dashboard — 2026-11-25")
    }

    @Test func aSaveRefusedBecauseSomeoneElseChangedTheRecordKeepsTheForm() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let made = try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.function(3))
        driver.type("marie")
        driver.press(.enter, .char("e"))
        // Meanwhile, at the front desk…
        var other = PatientInput(made.marie.fields)
        other.phone = "+237 655 55 55 55"
        try clinic.database.updatePatient(id: made.marie.id, expectedVersion: made.marie.version, other, by: clinic.receptionist)
        driver.press(.tab, .tab, .tab, .tab, .tab)
        driver.type("Quartier Bonapriso")
        driver.press(.ctrl("s"))
        expectOnScreen(driver, "Not saved: desk@test.cm changed this record")
        expectOnScreen(driver, "Edit patient")
        #expect(try clinic.database.patient(id: made.marie.id).phone == "+237655555555")
    }

    @Test func bookAnInterventionWithRulesThenCancelIt() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let made = try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.function(3))
        driver.type("mballa")
        driver.press(.enter, .char("i"))
        expectOnScreen(driver, "Jean Mballa")
        // Type: Vaccination (two steps right from Check-up is wrong: cycle to it), time in a week, J-7 off, J-3 and H-2 by SMS.
        driver.press(.tab, .tab, .tab)
        while !driver.shows("‹ Vaccination ›") { driver.press(.right) }
        driver.press(.tab)
        for _ in 0..<16 { driver.press(.backspace) }
        driver.type("2026-12-02 10:30")
        driver.press(.tab, .tab)
        driver.type("Salle 2")
        driver.press(.tab, .tab, .enter)
        expectOnScreen(driver, "Reminder rules")
        driver.press(.char("2"), .char("4"), .char("a"))
        driver.type("-90:EMAIL")
        driver.press(.enter, .enter)
        expectOnScreen(driver, "J-3 SMS, H-2 SMS, -90 min EMAIL")
        driver.press(.ctrl("s"))
        expectOnScreen(driver, "Intervention saved with its reminders.")
        var filter = InterventionFilter()
        filter.patientId = made.jean.id
        let booked = try #require(try clinic.database.interventions(filter, by: clinic.doctor).first { $0.title == "Vaccination" })
        #expect(booked.location == "Salle 2")
        let detail = try clinic.database.intervention(id: booked.id, by: clinic.doctor)
        #expect(detail.rules.map(\.offsetMinutes) == [-4320, -120, -90])
        #expect(detail.reminders.count == 3)
        #expect(detail.reminders.allSatisfy { $0.status == .pending })
        // Cancel it from the interventions list, confirming.
        driver.press(.function(5), .char("a"), .char("p"))
        driver.type("mballa")
        driver.press(.enter)
        while !driver.shows("Vaccination") { driver.press(.down) }
        let rows = driver.screen.split(separator: "\n")
        let index = try #require(rows.firstIndex { $0.contains("Vaccination") })
        let firstRow = try #require(rows.firstIndex { $0.contains("Surgery") || $0.contains("Vaccination") })
        for _ in 0..<(index - firstRow) { driver.press(.down) }
        driver.press(.enter, .char("x"))
        expectOnScreen(driver, "Cancel “Vaccination” of MBALLA Jean?")
        driver.press(.right, .enter)
        expectOnScreen(driver, "Intervention: Cancelled")
        let after = try clinic.database.intervention(id: booked.id, by: clinic.doctor)
        #expect(after.intervention.status == .canceled)
        #expect(after.reminders.allSatisfy { $0.status == .cancelled })
    }

    @Test func aPastTimeIsKeptButFlagged() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let made = try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.ctrl("k"), .enter)
        driver.type("marie")
        driver.press(.enter)
        expectOnScreen(driver, "Marie Nguema")
        driver.press(.tab, .tab, .tab, .tab)
        for _ in 0..<16 { driver.press(.backspace) }
        driver.type("2026-11-20 09:00")
        expectOnScreen(driver, "This time has passed")
        driver.press(.ctrl("s"))
        var filter = InterventionFilter()
        filter.patientId = made.marie.id
        #expect(try clinic.database.interventions(filter, by: clinic.doctor).contains { $0.serverWillRefuse(now: Fixture.now) })
    }

    @Test func retryAFailedReminderAndConfirmAnother() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let made = try Fixture.fill(clinic)
        let reminders = try clinic.database.intervention(id: made.surgery.id, by: clinic.doctor).reminders
        try clinic.database.pool.write { db in
            try db.execute(sql: "UPDATE reminder SET status = 'FAILED', lastError = 'modem busy', attempts = 5 WHERE id = ?",
                           arguments: [reminders[0].id])
            try db.execute(sql: "UPDATE reminder SET status = 'SENT', sentAt = ? WHERE id = ?", arguments: [Fixture.now, reminders[1].id])
        }
        var driver = ScreenDriver(clinic, as: clinic.receptionist, now: Fixture.now)
        driver.press(.function(6), .char("4"))
        expectOnScreen(driver, "modem busy")
        // The text the patient gets, in the screen's language.
        expectOnScreen(driver, "Jean Mballa")
        driver.press(.char("r"))
        expectOnScreen(driver, "The reminder will be sent again at the next sending.")
        #expect(try clinic.database.intervention(id: made.surgery.id, by: clinic.doctor).reminders[0].status == .pending)
        driver.press(.char("3"), .char("c"))
        #expect(try clinic.database.intervention(id: made.surgery.id, by: clinic.doctor).reminders[1].status == .confirmed)
    }

    @Test func theScreenLocksWhenIdleAndKeepsTheForm() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.function(3))
        driver.type("nguema")
        driver.press(.enter, .char("e"), .end)
        driver.type("-Ondoa")
        _ = driver.wait(599)
        expectOnScreen(driver, "Nguema-Ondoa")
        _ = driver.wait(2)
        #expect(driver.app.isLocked)
        expectOnScreen(driver, "Nguema", not: true)
        expectOnScreen(driver, "Locked: doctor@test.cm")
        driver.type("wrong")
        driver.press(.enter)
        #expect(driver.app.isLocked)
        driver.type(TestClinic.password)
        driver.press(.enter)
        #expect(!driver.app.isLocked)
        expectOnScreen(driver, "Nguema-Ondoa")
    }

    @Test func whatAnotherProcessWritesAppearsWithoutAKey() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.function(3))
        expectOnScreen(driver, "2 patient(s)")
        // Another `tapp` on the same file: its own connections, as another process has.
        let other = try ClinicDatabase(path: clinic.path)
        var input = PatientInput()
        input.firstName = "Awa"
        input.lastName = "Bello"
        try other.addPatient(input, by: clinic.receptionist)
        _ = driver.wait(0.25)
        expectOnScreen(driver, "3 patient(s)")
        expectOnScreen(driver, "BELLO Awa")
    }

    @Test func everySizeDrawsWithoutCrashingAndTinyOnesSaySo() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        for destination in [Key.function(2), .function(3), .function(4), .function(5), .function(6), .function(7), .ctrl("k")] {
            driver.press(.escape, .escape, destination)
            for rows in [1, 2, 5, 9, 10, 12, 24, 50] {
                for columns in [1, 10, 39, 40, 60, 80, 132] {
                    driver.resize(rows: rows, columns: columns)
                    _ = driver.screen
                }
            }
        }
        driver.resize(rows: 8, columns: 30)
        expectOnScreen(driver, "Window too small")
        driver.resize(rows: 24, columns: 80)
        expectOnScreen(driver, "Window too small", not: true)
    }

    @Test func quittingWithATypedFormAsks() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        #expect(driver.press(.char("q")) == [.quit])
        driver.press(.ctrl("n"))
        driver.type("Zoé")
        #expect(driver.press(.ctrl("q")) == [])
        expectOnScreen(driver, "Quit? What you typed")
        #expect(driver.press(.char("y")) == [.bell])
        #expect(driver.press(.right, .enter) == [.quit])
    }
}

/// Checks what the screen shows, printing the screen (not the whole app) when it does not.
func expectOnScreen(_ driver: ScreenDriver, _ text: String, not absent: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
    let screen = driver.screen
    if screen.contains(text) == absent {
        Issue.record("\(absent ? "unexpected" : "missing") on screen: \(text)\n\(screen)", sourceLocation: sourceLocation)
    }
}

@Suite struct SyncScreenTests {
    @Test func aConflictIsShownAndSettledFromTheSyncScreen() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let made = try Fixture.fill(clinic)
        // Marie was synced (server id srv_marie), then edited here; the server's copy changed meanwhile.
        let pending = try #require(try clinic.database.pendingRecords(.patient).first { $0.entityId == made.marie.id })
        try clinic.database.settlePushed(pending, PushedCopy(serverId: "srv_marie", updatedAt: "2026-11-20T08:00:00.000Z"))
        try clinic.database.pool.write { db in
            try db.execute(sql: "UPDATE changeQueue SET state = ?", arguments: [QueueState.sent])
        }
        var input = PatientInput(made.marie.fields)
        input.address = "Akwa"
        try clinic.database.updatePatient(id: made.marie.id, expectedVersion: made.marie.version, input, by: clinic.receptionist)
        let theirs = PulledPerson(serverId: "srv_marie", updatedAt: "2026-11-24T08:00:00.000Z", fullName: "Marie Nguema",
                                  birthdate: made.marie.dateOfBirth, phone: made.marie.phone, email: nil, address: "Bonanjo")
        #expect(try clinic.database.mergePulled(theirs, by: clinic.admin) == .conflict)

        var driver = ScreenDriver(clinic, as: clinic.admin, now: Fixture.now)
        driver.press(.function(7))
        expectOnScreen(driver, "Changed here and on the server: 1")
        expectOnScreen(driver, "Bonanjo")
        driver.press(.char("s"))
        expectOnScreen(driver, "Keep the server's version")
        driver.press(.right, .enter)
        expectOnScreen(driver, "Changed here and on the server: 0")
        #expect(try clinic.database.patient(id: made.marie.id).address == "Bonanjo")
        #expect(try clinic.database.openConflicts().isEmpty)
    }
}
