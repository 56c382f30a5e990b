import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// Merges an intervention and brings its reminders' statuses back (SENT, FAILED, CANCELLED), so that the clinic
    /// sees what the patient received.
    func merged(_ db: Database, _ pulled: PulledIntervention, by session: Session, now: Date) throws -> PullOutcome {
        if try deletedHere(db, .intervention, serverId: pulled.serverId) { return .unchanged }
        guard let patientId = try localId(db, .patient, serverId: pulled.personServerId).map({ try keptId(db, $0) }) else {
            return .skipped("its patient \(pulled.personServerId) is not here")
        }
        guard let doctorId = try localDoctor(db, serverId: pulled.doctorServerId) else {
            return .skipped("its doctor \(pulled.doctorServerId) is not mapped to a local doctor (`tapp sync map-doctor`)")
        }
        guard let id = try localId(db, .intervention, serverId: pulled.serverId) else {
            if let mine = try unansweredCreates(db, Intervention.self, .intervention).first(where: {
                $0.patientId == patientId && $0.title == pulled.title && abs($0.scheduledAt.timeIntervalSince(pulled.scheduledAt)) < 0.002
            }) {
                try adopt(db, .intervention, localId: mine.id, serverId: pulled.serverId, updatedAt: pulled.updatedAt)
                _ = try mergeReminders(db, interventionId: mine.id, pulled.reminders, now: now)
                return .unchanged
            }
            let organization = try session.organizationId
                ?? String.fetchOne(db, sql: "SELECT id FROM organization ORDER BY createdAt LIMIT 1") ?? ""
            var intervention = Intervention(fields: fields(pulled, patientId: patientId, doctorId: doctorId, organizationId: organization),
                                            now: now, by: session.email)
            intervention.serverId = pulled.serverId
            intervention.status = pulled.status
            try intervention.insert(db)
            for spec in pulled.rules { try ReminderRule(interventionId: intervention.id, spec: spec).insert(db) }
            _ = try mergeReminders(db, interventionId: intervention.id, pulled.reminders, now: now)
            try Journal.created(db, .intervention, InterventionSnapshot(intervention, pulled.rules), by: session, queued: false)
            try remember(db, .intervention, serverId: pulled.serverId, localId: intervention.id, updatedAt: pulled.updatedAt)
            return .added
        }
        let before = try existing(db, Intervention.self, .intervention, id: id)
        var after = before
        after.apply(fields(pulled, patientId: patientId, doctorId: doctorId, organizationId: before.organizationId))
        // The same instant written by two hands (ours, the server's, rounded to the millisecond) is the same instant.
        if abs(after.scheduledAt.timeIntervalSince(before.scheduledAt)) < 0.001 { after.scheduledAt = before.scheduledAt }
        after.status = pulled.status
        let remindersChanged = try mergeReminders(db, interventionId: id, pulled.reminders, now: now)
        return try settle(db, .intervention, localId: id, serverId: pulled.serverId, updatedAt: pulled.updatedAt,
                          same: after == before, payload: pulled, ifUnchanged: remindersChanged ? .updated : .unchanged) {
            try save(db, before: before, after: after, by: session, now: now)
        }
    }

    public func mergePulled(_ pulled: PulledIntervention, by session: Session, now: Date = Date()) throws -> PullOutcome {
        try write { db in try merged(db, pulled, by: session, now: now) }
    }

    func fields(_ pulled: PulledIntervention, patientId: String, doctorId: String, organizationId: String) -> InterventionFields {
        InterventionFields(patientId: patientId, doctorId: doctorId, organizationId: organizationId, title: pulled.title,
                           description: pulled.description, scheduledAt: pulled.scheduledAt, priority: pulled.priority,
                           location: pulled.location)
    }

    /// Saves the server's version of an intervention: a new time remakes the clinic's own pending reminders, a closed
    /// intervention cancels them, as a change made here would.
    func save(_ db: Database, before: Intervention, after: Intervention, by session: Session, now: Date) throws {
        var after = after
        after.markChanged(by: session, at: now)
        try after.update(db)
        let rules = try rules(db, interventionId: after.id)
        if after.status.isClosed {
            try db.execute(sql: """
                UPDATE reminder SET status = 'CANCELLED', updatedAt = ? WHERE interventionId = ? AND serverId IS NULL
                  AND status = 'PENDING' AND plannedSendAt > ?
                """, arguments: [now, after.id, now])
        } else if after.scheduledAt != before.scheduledAt {
            try db.execute(sql: """
                DELETE FROM reminder WHERE interventionId = ? AND serverId IS NULL AND status IN ('PENDING', 'FAILED', 'CANCELLED')
                """, arguments: [after.id])
            try makeReminders(db, for: after, rules: rules, now: now)
        }
        try Journal.updated(db, .intervention, before: InterventionSnapshot(before, rules), after: InterventionSnapshot(after, rules),
                            by: session, queued: false)
    }

    /// The server's reminders of an intervention, mirrored here: statuses brought back, the clinic's own copy of a
    /// reminder (same channel and time) adopted. Returns whether anything changed. A reminder with a server id is
    /// the server's to send: `tapp reminder send` never sends it.
    func mergeReminders(_ db: Database, interventionId: String, _ pulled: [PulledReminder], now: Date) throws -> Bool {
        var changed = false
        for r in pulled {
            var local = try Reminder.filter(Column("serverId") == r.serverId).fetchOne(db)
            if local == nil {
                local = try Reminder.filter(Column("interventionId") == interventionId && Column("serverId") == nil
                                            && Column("channel") == r.channel.rawValue && Column("plannedSendAt") == r.plannedSendAt)
                    .fetchOne(db)
            }
            guard var reminder = local else {
                var made = Reminder(interventionId: interventionId,
                                    planned: PlannedReminder(channel: r.channel, plannedSendAt: r.plannedSendAt, idempotencyKey: r.idempotencyKey),
                                    recipient: nil, now: now)
                made.serverId = r.serverId
                made.status = r.status
                made.sentAt = r.sentAt
                made.lastError = r.lastError
                try made.insert(db)
                changed = true
                continue
            }
            let before = reminder
            reminder.serverId = r.serverId
            reminder.status = r.status
            reminder.sentAt = r.sentAt
            reminder.lastError = r.lastError
            if reminder != before {
                reminder.updatedAt = now
                try reminder.update(db)
                changed = true
            }
        }
        return changed
    }
}
