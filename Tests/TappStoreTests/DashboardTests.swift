import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore

@Suite struct DashboardTests {
    @Test func theFiguresCountWhatTheClinicHas() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let zone = Instant.defaultZone
        let now = try Instant.parse("2026-11-25T10:00", field: "now", zone: zone)
        let marie = try clinic.patient("Marie", "Nguema", phone: "+237 699 11 22 33")
        let jean = try clinic.patient("Jean", "Mballa", phone: "+237 677 00 00 00")
        // Consultations today (two, one of them late in the evening), yesterday, and 40 days ago.
        for (patient, at) in [(marie, "2026-11-25T08:00"), (jean, "2026-11-25T23:30"), (marie, "2026-11-24T09:00"), (jean, "2026-10-16T09:00")] {
            var input = ConsultationInput()
            input.patientId = patient.id
            input.doctorId = clinic.doctorId
            input.dateTime = at
            try clinic.database.addConsultation(input, by: clinic.doctor, now: now)
        }
        // Interventions: in 2 hours (normal), in 3 days (urgent), in 20 days, and one cancelled tomorrow.
        let soon = try clinic.database.addIntervention(clinic.interventionInput(patientId: marie.id, at: now.addingTimeInterval(2 * 3600)),
                                                       by: clinic.doctor, now: now)
        var urgent = clinic.interventionInput(patientId: jean.id, at: now.addingTimeInterval(3 * 86_400), title: "Surgery")
        urgent.priority = "URGENT"
        let surgery = try clinic.database.addIntervention(urgent, by: clinic.doctor, now: now)
        try clinic.database.addIntervention(clinic.interventionInput(patientId: jean.id, at: now.addingTimeInterval(20 * 86_400)),
                                            by: clinic.doctor, now: now)
        let cancelled = try clinic.database.addIntervention(clinic.interventionInput(patientId: marie.id, at: now.addingTimeInterval(86_400)),
                                                            by: clinic.doctor, now: now)
        try clinic.database.setInterventionStatus(id: cancelled.id, .canceled, by: clinic.doctor, now: now)
        // Reminder outcomes: one failed, one sent.
        let reminders = try clinic.database.intervention(id: surgery.id, by: clinic.doctor).reminders
        try clinic.database.pool.write { db in
            try db.execute(sql: "UPDATE reminder SET status = 'FAILED' WHERE id = ?", arguments: [reminders[0].id])
            try db.execute(sql: "UPDATE reminder SET status = 'SENT' WHERE id = ?", arguments: [reminders[1].id])
        }

        let board = try clinic.database.dashboard(now: now, zone: zone, by: clinic.receptionist)

        #expect(board.patients == 2)
        #expect(board.consultationsToday == 2)
        #expect(board.interventionsNext24h == 1)
        #expect(board.interventionsNext7d == 2)
        #expect(board.interventionsNext30d == 3)
        #expect(board.upcoming.first?.id == surgery.id)
        #expect(board.upcoming.dropFirst().first?.id == soon.id)
        // Only the H-1 of the intervention in two hours is still pending and not yet due; the J-1 was never made.
        #expect(board.remindersDue == 0)
        #expect(board.remindersPending == 3)
        #expect(board.remindersFailed == 1)
        #expect(board.reminderSuccessRate == 0.5)
        #expect(board.consultationsPerDay.count == 30)
        #expect(board.consultationsPerDay.last?.day == (try CalendarDate.parse("2026-11-25")))
        #expect(board.consultationsPerDay.last?.count == 2)
        #expect(board.consultationsPerDay.dropLast().last?.count == 1)
        #expect(board.consultationsPerDay.map(\.count).reduce(0, +) == 3)
    }

    @Test func anotherConnectionsCommitChangesTheDataVersion() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let other = try ClinicDatabase(path: clinic.path)
        let before = try clinic.database.dataVersion()
        #expect(try clinic.database.dataVersion() == before)
        _ = try other.addPatient({ var p = PatientInput(); p.firstName = "Awa"; p.lastName = "Fotso"; return p }(), by: clinic.receptionist)
        #expect(try clinic.database.dataVersion() != before)
    }
}
