import Foundation
import TappDomain
import TappStore
import TappTestSupport
@testable import TappTUI

/// Drives the app as the terminal would, without one: keys in, the 80×24 grid out, on a fixed clock.
struct ScreenDriver {
    var app: App
    var now: Date
    var rows = 24
    var columns = 80

    init(_ clinic: TestClinic, as session: Session?, lang: Lang = .en, now: Date) {
        self.now = now
        app = App(database: clinic.database, lang: lang, session: session, now: now)
        app.resize(rows: rows, columns: columns)
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += app.handle(key, now: now) }
        return effects
    }

    /// Types text, one character per key, as a person would.
    mutating func type(_ text: String) {
        for c in text { _ = app.handle(.char(c), now: now) }
    }

    mutating func wait(_ seconds: TimeInterval) -> [Effect] {
        now = now.addingTimeInterval(seconds)
        return app.tick(now: now)
    }

    mutating func resize(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        app.resize(rows: rows, columns: columns)
    }

    var screen: String { app.render(rows: rows, columns: columns).text }

    func shows(_ text: String) -> Bool { screen.contains(text) }
}

/// A fixed clinic for the screens: two patients, a consultation, interventions, reminders, on 2026-11-25 10:00 Douala.
enum Fixture {
    static let now = try! Instant.parse("2026-11-25T10:00", field: "now", zone: Instant.defaultZone)

    struct Made {
        var marie: Patient
        var jean: Patient
        var surgery: Intervention
    }

    @discardableResult
    static func fill(_ clinic: TestClinic) throws -> Made {
        let marie = try patient(clinic, "Marie", "Nguema", phone: "+237 699 11 22 33", birth: "1980-04-12", notes: "Allergie à la pénicilline")
        let jean = try patient(clinic, "Jean", "Mballa", phone: "+237 677 00 00 00", birth: "1955-01-30", notes: "")
        var consultation = ConsultationInput()
        consultation.patientId = marie.id
        consultation.doctorId = clinic.doctorId
        consultation.dateTime = "2026-11-25T08:30"
        consultation.reason = "Fièvre"
        consultation.diagnosis = "Paludisme simple"
        try clinic.database.addConsultation(consultation, by: clinic.doctor, now: now)
        var urgent = clinic.interventionInput(patientId: jean.id, at: now.addingTimeInterval(3 * 86_400), title: "Surgery")
        urgent.priority = "URGENT"
        urgent.location = "Bloc 1"
        let surgery = try clinic.database.addIntervention(urgent, by: clinic.doctor, now: now)
        try clinic.database.addIntervention(clinic.interventionInput(patientId: marie.id, at: now.addingTimeInterval(26 * 3600)),
                                            by: clinic.doctor, now: now)
        return Made(marie: marie, jean: jean, surgery: surgery)
    }

    static func patient(_ clinic: TestClinic, _ first: String, _ last: String, phone: String, birth: String, notes: String) throws -> Patient {
        var input = PatientInput()
        input.firstName = first
        input.lastName = last
        input.phone = phone
        input.dateOfBirth = birth
        input.medicalNotes = notes
        return try clinic.database.addPatient(input, by: clinic.doctor, now: now)
    }
}
