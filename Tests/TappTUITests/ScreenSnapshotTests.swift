import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore
@testable import TappTUI

/// Every screen at 80×24 on a fixed clinic and clock, in English and in French, compared with its reviewed snapshot
/// (`Snapshots/NAME-en.txt`, `Snapshots/NAME-fr.txt`).
@Suite struct ScreenSnapshotTests {
    /// A screen: its name and the keys that reach it from the dashboard, signed in as the doctor.
    struct Shot: Sendable, CustomStringConvertible {
        let name: String
        let keys: [Key]
        var description: String { name }
    }

    static let shots: [Shot] = [
        Shot(name: "dashboard", keys: []),
        Shot(name: "patients", keys: [.function(3)]),
        Shot(name: "patients-search", keys: [.function(3), .char("n"), .char("g"), .char("u"), .char("e"), .char("m"), .char("a")]),
        Shot(name: "patient-record", keys: [.function(3), .char("n"), .char("g"), .char("u"), .char("e"), .enter]),
        Shot(name: "patient-form", keys: [.ctrl("n")]),
        Shot(name: "organization-picker", keys: [.function(3), .char("m"), .char("b"), .char("a"), .enter, .char("o")]),
        Shot(name: "consultations-week", keys: [.function(4)]),
        Shot(name: "consultation", keys: [.function(3), .char("n"), .char("g"), .char("u"), .char("e"), .enter, .enter]),
        Shot(name: "consultation-form", keys: [.function(4), .char("n")]),
        Shot(name: "range-form", keys: [.function(4), .char("g")]),
        Shot(name: "interventions-coming", keys: [.function(5)]),
        Shot(name: "intervention-detail", keys: [.function(5), .down, .enter]),
        Shot(name: "intervention-form", keys: [.ctrl("k")]),
        Shot(name: "patient-picker", keys: [.ctrl("k"), .enter]),
        Shot(name: "rule-editor", keys: [.ctrl("k"), .tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab, .enter]),
        Shot(name: "calendar-month", keys: [.function(5), .char("v")]),
        Shot(name: "calendar-week", keys: [.function(5), .char("v"), .char("w")]),
        Shot(name: "calendar-day", keys: [.function(5), .char("v"), .char("d")]),
        Shot(name: "reminders-pending", keys: [.function(6), .char("2")]),
        Shot(name: "sync", keys: [.function(7)]),
        Shot(name: "help-patients", keys: [.function(3), .escape, .char("?")]),
        Shot(name: "command-palette", keys: [.ctrl("p")]),
        Shot(name: "question", keys: [.ctrl("n"), .char("A"), .escape]),
        Shot(name: "lock", keys: [.function(12)]),
    ]

    @Test(arguments: shots)
    func everyScreenInEnglishAndFrench(_ shot: Shot) throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Fixture.fill(clinic)
        try clinic.database.pool.write { db in
            try db.execute(sql: "INSERT INTO organization (id, name, timezone, createdAt, updatedAt) VALUES ('o2', 'Centre de santé New Bell', 'Africa/Douala', ?, ?)",
                           arguments: [Date().addingTimeInterval(86_400), Date().addingTimeInterval(86_400)])
        }
        for (lang, suffix) in [(Lang.en, "en"), (Lang.fr, "fr")] {
            var driver = ScreenDriver(clinic, as: clinic.doctor, lang: lang, now: Fixture.now)
            for key in shot.keys { driver.press(key) }
            try Snapshot.check(driver.screen, named: "\(shot.name)-\(suffix)")
        }
    }

    @Test func signInInEnglishAndFrench() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        try Snapshot.check(ScreenDriver(clinic, as: nil, now: Fixture.now).screen, named: "sign-in-en")
        try Snapshot.check(ScreenDriver(clinic, as: nil, lang: .fr, now: Fixture.now).screen, named: "sign-in-fr")
    }
}
