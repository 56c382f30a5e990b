import Foundation
import GRDB
import Testing
import TappDomain
import TappNotify
import TappTestSupport
@testable import TappStore

@Suite struct ReminderSendingTests {
    /// A clinic with one intervention in two hours whose H-1 reminder is due in the given minutes (negative: past).
    func clinicWithDueReminder(phone: String = "+237 699 11 22 33") throws -> (TestClinic, Reminder, Date) {
        let clinic = try TestClinic()
        let patient = try clinic.patient("Marie", "Nguema", phone: phone)
        let booked = Date()
        let intervention = try clinic.database.addIntervention(
            clinic.interventionInput(patientId: patient.id, at: booked.addingTimeInterval(2 * 3600)),
            rules: [try ReminderRuleSpec(offsetMinutes: -60, channel: .sms)], by: clinic.doctor, now: booked)
        let reminder = try #require(try clinic.database.intervention(id: intervention.id, by: clinic.doctor).reminders.first)
        return (clinic, reminder, booked.addingTimeInterval(3700)) // a moment after the reminder is due
    }

    func outboxLines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func aDueReminderGoesOutExactlyOnce() throws {
        let (clinic, reminder, later) = try clinicWithDueReminder()
        defer { clinic.remove() }
        let outbox = clinic.folder.appendingPathComponent("outbox.jsonl").path
        #expect(try clinic.database.outgoingReminders(now: later.addingTimeInterval(-3600)).isEmpty)
        let due = try clinic.database.outgoingReminders(now: later)
        #expect(due.map(\.reminder.id) == [reminder.id])
        #expect(due.first?.text.contains("Bonjour Marie Nguema") == true)
        let first = try clinic.database.sendDueReminders(through: OutboxProvider(path: outbox), by: clinic.receptionist, now: later)
        let second = try clinic.database.sendDueReminders(through: OutboxProvider(path: outbox), by: clinic.receptionist, now: later)
        #expect(first.sent == 1 && second.sent == 0)
        #expect(outboxLines(outbox).count == 1)
        #expect(outboxLines(outbox).first?.contains(reminder.idempotencyKey) == true)
        let sent = try clinic.database.reader.read { db in try Reminder.fetchOne(db, key: ["id": reminder.id]) }
        #expect(sent?.status == .sent)
        #expect(sent?.recipient == "+237699112233")
        let logs = try clinic.database.reader.read { db in try NotificationLog.fetchAll(db) }
        #expect(logs.map(\.status) == [.sent])
    }

    @Test func failuresAreRetriedWithBackOffThenGivenUp() throws {
        let (clinic, reminder, later) = try clinicWithDueReminder()
        defer { clinic.remove() }
        let failing = CommandProvider(program: "/bin/false")
        var now = later
        for attempt in 1...ClinicDatabase.maxSendAttempts {
            let report = try clinic.database.sendDueReminders(through: failing, by: clinic.receptionist, now: now)
            #expect(report.failed == 1, "attempt \(attempt)")
            // Not tried again before its back-off has passed.
            #expect(try clinic.database.sendDueReminders(through: failing, by: clinic.receptionist, now: now.addingTimeInterval(60)).failed == 0)
            now = now.addingTimeInterval(ClinicDatabase.backoff(afterAttempt: attempt) + 1)
        }
        #expect(try clinic.database.outgoingReminders(now: now.addingTimeInterval(86_400)).isEmpty)
        let failed = try clinic.database.reader.read { db in try Reminder.fetchOne(db, key: ["id": reminder.id]) }
        #expect(failed?.status == .failed)
        #expect(failed?.lastError?.contains("gave up after 5 attempts") == true)
        #expect(failed?.lastError?.contains("/bin/false exited with 1") == true)
        // A person's retry sends it again.
        try clinic.database.retryReminder(id: reminder.id, by: clinic.receptionist)
        let outbox = clinic.folder.appendingPathComponent("outbox.jsonl").path
        #expect(try clinic.database.sendDueReminders(through: OutboxProvider(path: outbox), by: clinic.receptionist, now: now).sent == 1)
    }

    @Test func aRunInterruptedWhileSendingNeverSendsTwice() throws {
        let (clinic, reminder, later) = try clinicWithDueReminder()
        defer { clinic.remove() }
        // Given a run that claimed the reminder and died before marking it (the message may have gone)
        try clinic.database.pool.write { db in
            try db.execute(sql: "INSERT INTO reminderDelivery (reminderId, attempt, startedAt) VALUES (?, 1, ?)", arguments: [reminder.id, later])
        }
        let outbox = clinic.folder.appendingPathComponent("outbox.jsonl").path
        let report = try clinic.database.sendDueReminders(through: OutboxProvider(path: outbox), by: clinic.receptionist, now: later)
        #expect(report.interrupted == 1 && report.sent == 0)
        #expect(outboxLines(outbox).isEmpty)
        let marked = try clinic.database.reader.read { db in try Reminder.fetchOne(db, key: ["id": reminder.id]) }
        #expect(marked?.status == .failed)
        #expect(marked?.lastError?.contains("interrupted") == true)
    }

    @Test func closedInterventionsAndMissingContactsAreNotSent() throws {
        let (clinic, reminder, later) = try clinicWithDueReminder(phone: "")
        defer { clinic.remove() }
        let outbox = clinic.folder.appendingPathComponent("outbox.jsonl").path
        let report = try clinic.database.sendDueReminders(through: OutboxProvider(path: outbox), by: clinic.receptionist, now: later)
        #expect(report.failed == 1)
        let failed = try clinic.database.reader.read { db in try Reminder.fetchOne(db, key: ["id": reminder.id]) }
        #expect(failed?.lastError == "the patient has no phone number")
        #expect(outboxLines(outbox).isEmpty)

        let (other, pending, due) = try clinicWithDueReminder()
        defer { other.remove() }
        try other.database.setInterventionStatus(id: pending.interventionId, .canceled, by: other.doctor, now: due.addingTimeInterval(-4000))
        // The reminder was cancelled with the intervention; nothing goes.
        #expect(try other.database.sendDueReminders(through: OutboxProvider(path: outbox), by: other.receptionist, now: due).sent == 0)
        #expect(outboxLines(outbox).isEmpty)
    }
}
