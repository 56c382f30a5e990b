import Foundation
import Testing
import TappDomain
import TappTestSupport
@testable import TappTUI

/// Each main screen at 80×24 on a fixed clinic, clock and language, compared with its reviewed snapshot.
@Suite struct ScreenSnapshotTests {
    @Test func signIn() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let driver = ScreenDriver(clinic, as: nil, now: Fixture.now)
        try Snapshot.check(driver.screen, named: "sign-in")
    }

    @Test func dashboardInEnglishAndFrench() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        try Snapshot.check(ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now).screen, named: "dashboard")
        try Snapshot.check(ScreenDriver(clinic, as: clinic.doctor, lang: .fr, now: Fixture.now).screen, named: "dashboard-fr")
    }

    @Test func patientsAndRecord() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.function(3))
        try Snapshot.check(driver.screen, named: "patients")
        driver.type("nguema")
        driver.press(.enter)
        try Snapshot.check(driver.screen, named: "patient-record")
    }

    @Test func interventionFormAndCalendar() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.ctrl("k"))
        try Snapshot.check(driver.screen, named: "intervention-form")
        driver.press(.escape, .function(5), .char("v"))
        try Snapshot.check(driver.screen, named: "calendar-month")
        driver.press(.char("w"))
        try Snapshot.check(driver.screen, named: "calendar-week")
    }

    @Test func consultationAndInterventionLists() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.function(4))
        try Snapshot.check(driver.screen, named: "consultations-week")
        driver.press(.function(5))
        try Snapshot.check(driver.screen, named: "interventions-month")
    }

    @Test func remindersSyncAndHelp() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        var driver = ScreenDriver(clinic, as: clinic.doctor, now: Fixture.now)
        driver.press(.function(6), .char("2"))
        try Snapshot.check(driver.screen, named: "reminders-pending")
        driver.press(.function(7))
        try Snapshot.check(driver.screen, named: "sync")
        driver.press(.function(3), .escape, .char("?"))
        try Snapshot.check(driver.screen, named: "help-patients")
    }
}
