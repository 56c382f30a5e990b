import Foundation
import GRDB
import Testing
import TappDomain
import TappTestSupport
@testable import TappStore

@Suite struct InterventionStoreTests {
    let now = Date()

    @Test func bookingMakesTheDefaultRemindersWithTheServersKeys() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Marie", "Nguema", phone: "+237 699 11 22 33")
        let at = now.addingTimeInterval(3 * 86_400)
        let intervention = try clinic.database.addIntervention(clinic.interventionInput(patientId: patient.id, at: at),
                                                               by: clinic.receptionist, now: now)
        let detail = try clinic.database.intervention(id: intervention.id, by: clinic.receptionist)
        #expect(detail.rules.map(\.offsetMinutes) == [-1440, -60])
        #expect(detail.reminders.count == 2)
        for reminder in detail.reminders {
            #expect(reminder.status == .pending)
            #expect(reminder.recipient == "+237699112233")  // the number in E.164, as a provider wants it
            #expect(reminder.idempotencyKey == ReminderPlan.idempotencyKey(interventionId: intervention.id,
                                                                            plannedSendAt: reminder.plannedSendAt, channel: .sms))
        }
        // One queued change carries the intervention and its rules.
        let change = try #require(try clinic.database.queuedChanges().last)
        #expect(change.entityKind == .intervention)
        #expect(change.payload.contains(#""rules":[{"channel":"SMS","enabled":true,"offsetMinutes":-1440}"#))
    }

    @Test func givenRulesReplaceTheDefaults() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Marie", "Nguema", phone: "+237 699 11 22 33", email: "marie@example.cm")
        let rules = [try ReminderRuleSpec(offsetMinutes: -7 * 1440, channel: .email), try ReminderRuleSpec(offsetMinutes: -120, channel: .sms, enabled: false)]
        let intervention = try clinic.database.addIntervention(
            clinic.interventionInput(patientId: patient.id, at: now.addingTimeInterval(10 * 86_400)), rules: rules, by: clinic.doctor, now: now)
        let detail = try clinic.database.intervention(id: intervention.id, by: clinic.doctor)
        #expect(detail.rules.map(\.spec) == rules.sorted { $0.offsetMinutes < $1.offsetMinutes })
        #expect(detail.reminders.map(\.channel) == [.email])
        #expect(detail.reminders.first?.recipient == "marie@example.cm")
    }

    @Test func aPastInterventionIsKeptButFlagged() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Jean", "Mballa")
        let intervention = try clinic.database.addIntervention(
            clinic.interventionInput(patientId: patient.id, at: now.addingTimeInterval(-3600)), by: clinic.doctor, now: now)
        #expect(intervention.serverWillRefuse(now: now))
        #expect(try clinic.database.intervention(id: intervention.id, by: clinic.doctor).reminders.isEmpty)
    }

    @Test func cancellingCancelsFuturePendingReminders() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Fatou", "Diallo", phone: "+237 677 00 00 00")
        let intervention = try clinic.database.addIntervention(
            clinic.interventionInput(patientId: patient.id, at: now.addingTimeInterval(2 * 86_400)), by: clinic.doctor, now: now)
        let cancelled = try clinic.database.setInterventionStatus(id: intervention.id, .canceled, by: clinic.receptionist, now: now)
        #expect(cancelled.status == .canceled)
        let reminders = try clinic.database.intervention(id: intervention.id, by: clinic.doctor).reminders
        #expect(reminders.map(\.status) == [.cancelled, .cancelled])
    }

    @Test func rescheduleRemakesRemindersAndKeepsSentOnes() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Fatou", "Diallo", phone: "+237 677 00 00 00")
        let intervention = try clinic.database.addIntervention(
            clinic.interventionInput(patientId: patient.id, at: now.addingTimeInterval(2 * 86_400)), by: clinic.doctor, now: now)
        // Given the J-1 reminder was already sent
        let first = try #require(try clinic.database.intervention(id: intervention.id, by: clinic.doctor).reminders.first)
        try clinic.database.pool.write { db in
            try db.execute(sql: "UPDATE reminder SET status = 'SENT' WHERE id = ?", arguments: [first.id])
        }
        // When it is moved three days later
        var input = InterventionInput(intervention.fields, zone: clinic.doctor.zone)
        let newTime = now.addingTimeInterval(5 * 86_400)
        input.scheduledAt = Instant.utcString(newTime)
        let moved = try clinic.database.updateIntervention(id: intervention.id, expectedVersion: 1, input, by: clinic.doctor, now: now)
        // Then the sent one stays as history and two new pending ones are planned from the new time
        let reminders = try clinic.database.intervention(id: intervention.id, by: clinic.doctor).reminders
        #expect(moved.version == 2)
        #expect(reminders.filter { $0.status == .sent }.map(\.id) == [first.id])
        let pending = reminders.filter { $0.status == .pending }
        #expect(pending.map { Instant.utcString($0.plannedSendAt) }
                == [newTime.addingTimeInterval(-86_400), newTime.addingTimeInterval(-3600)].map(Instant.utcString))
    }

    @Test func failedRemindersCanBeRetriedAndSentOnesConfirmed() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Fatou", "Diallo", phone: "+237 677 00 00 00")
        let intervention = try clinic.database.addIntervention(
            clinic.interventionInput(patientId: patient.id, at: now.addingTimeInterval(2 * 86_400)), by: clinic.doctor, now: now)
        let reminders = try clinic.database.intervention(id: intervention.id, by: clinic.doctor).reminders
        try clinic.database.pool.write { db in
            try db.execute(sql: "UPDATE reminder SET status = 'FAILED', lastError = 'Numéro injoignable' WHERE id = ?", arguments: [reminders[0].id])
            try db.execute(sql: "UPDATE reminder SET status = 'SENT' WHERE id = ?", arguments: [reminders[1].id])
        }
        #expect(throws: ClinicError.self) { try clinic.database.retryReminder(id: reminders[1].id, by: clinic.receptionist) }
        let retried = try clinic.database.retryReminder(id: reminders[0].id, by: clinic.receptionist)
        #expect(retried.status == .pending && retried.lastError == nil)
        #expect(try clinic.database.confirmReminder(id: reminders[1].id, by: clinic.receptionist).status == .confirmed)
        var failed = ReminderFilter()
        failed.status = .failed
        #expect(try clinic.database.reminders(failed, by: clinic.nurse).isEmpty)
    }

    @Test func consultationsAreClinicalData() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let patient = try clinic.patient("Marie", "Nguema")
        var input = ConsultationInput()
        input.patientId = patient.id
        input.doctorId = clinic.doctorId
        input.dateTime = "2026-01-10T09:00"
        input.reason = "Fièvre"
        input.diagnosis = "Paludisme simple"
        #expect(throws: ClinicError.self) { try clinic.database.addConsultation(input, by: clinic.nurse) }
        #expect(throws: ClinicError.self) { try clinic.database.addConsultation(input, by: clinic.receptionist) }
        let consultation = try clinic.database.addConsultation(input, by: clinic.doctor)
        #expect(consultation.status == .completed)
        var filter = ConsultationFilter()
        filter.patientId = patient.id
        #expect(try clinic.database.consultations(filter, by: clinic.receptionist).first?.diagnosis == nil)
        #expect(try clinic.database.consultations(filter, by: clinic.nurse).first?.diagnosis == "Paludisme simple")
        #expect(throws: ClinicError.self) { try clinic.database.consultation(id: consultation.id, by: clinic.receptionist) }
        input.doctorId = "no-such-doctor"
        #expect(throws: ClinicError.notFound(.doctor, "no-such-doctor")) { try clinic.database.addConsultation(input, by: clinic.doctor) }
    }
}

@Suite struct ClinicalDeleteTests {
    @Test func onlyMistakesAreDeletedNeverHistory() throws {
        let clinic = try TestClinic()
        defer { clinic.remove() }
        let now = Date()
        let marie = try clinic.patient("Marie", "Nguema", phone: "+237 699 11 22 33")
        var c = ConsultationInput()
        c.patientId = marie.id
        c.doctorId = clinic.doctorId
        c.dateTime = Instant.utcString(now)
        let done = try clinic.database.addConsultation(c, by: clinic.doctor)
        c.status = "SCHEDULED"
        let planned = try clinic.database.addConsultation(c, by: clinic.doctor)
        #expect(throws: ClinicError.self) { try clinic.database.deleteConsultation(id: done.id, by: clinic.doctor) }
        try clinic.database.deleteConsultation(id: planned.id, by: clinic.doctor)
        #expect(throws: ClinicError.self) { try clinic.database.consultation(id: planned.id, by: clinic.doctor) }

        let sent = try clinic.database.addIntervention(clinic.interventionInput(patientId: marie.id, at: now.addingTimeInterval(3 * 86_400)),
                                                       by: clinic.doctor, now: now)
        let mistake = try clinic.database.addIntervention(clinic.interventionInput(patientId: marie.id, at: now.addingTimeInterval(4 * 86_400)),
                                                          by: clinic.doctor, now: now)
        try clinic.database.pool.write { db in
            try db.execute(sql: "UPDATE reminder SET status = 'SENT' WHERE interventionId = ?", arguments: [sent.id])
        }
        #expect(throws: ClinicError.self) { try clinic.database.deleteIntervention(id: sent.id, by: clinic.doctor) }
        // A receptionist may book but not delete.
        #expect(throws: ClinicError.self) { try clinic.database.deleteIntervention(id: mistake.id, by: clinic.receptionist) }
        try clinic.database.deleteIntervention(id: mistake.id, by: clinic.doctor)
        let reminders = try clinic.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM reminder WHERE interventionId = ?", arguments: [mistake.id])
        }
        #expect(reminders == 0)
        // Each delete is queued for the server.
        let deletes = try clinic.database.queuedChanges().filter { $0.operation == .delete }.map(\.entityKind)
        #expect(deletes == [.consultation, .intervention])
    }
}
