import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// Books an intervention with its rules (or the server's J-1/H-1 SMS defaults) and makes its reminders
    /// as the server does. A time already past is accepted (clinics record after the fact): check
    /// `serverWillRefuse(now:)` to warn that the server will refuse it.
    @discardableResult
    public func addIntervention(_ input: InterventionInput, rules given: [ReminderRuleSpec] = [], by session: Session,
                                now: Date = Date()) throws -> Intervention {
        try session.require(.bookInterventions)
        let fields = try validated(input, session: session, now: now)
        let rules = try planRules(given)
        return try write { db in
            try checkReferences(db, patientId: fields.patientId, doctorId: fields.doctorId)
            _ = try existing(db, Organization.self, .organization, id: fields.organizationId)
            let intervention = Intervention(fields: fields, now: now, by: session.email)
            try intervention.insert(db)
            for spec in rules { try ReminderRule(interventionId: intervention.id, spec: spec).insert(db) }
            try makeReminders(db, for: intervention, rules: rules, now: now)
            try Journal.created(db, .intervention, InterventionSnapshot(intervention, rules), by: session)
            return intervention
        }
    }

    /// Changes an intervention. A new time (or new rules) remakes its reminders; reminders already sent stay as history.
    @discardableResult
    public func updateIntervention(id: String, expectedVersion: Int, _ input: InterventionInput,
                                   rules newRules: [ReminderRuleSpec]? = nil, by session: Session,
                                   now: Date = Date()) throws -> Intervention {
        try session.require(.bookInterventions)
        let fields = try validated(input, session: session, now: now)
        let planned = try newRules.map { try planRules($0) }
        return try write { db in
            let before = try current(db, Intervention.self, .intervention, id: id, expectedVersion: expectedVersion)
            try checkReferences(db, patientId: fields.patientId, doctorId: fields.doctorId)
            _ = try existing(db, Organization.self, .organization, id: fields.organizationId)
            let oldRules = try rules(db, interventionId: id)
            var after = before
            after.apply(fields)
            let rulesChanged = planned != nil && planned != oldRules
            guard after != before || rulesChanged else { return before }
            after.markChanged(by: session, at: now)
            try after.update(db)
            if let planned, rulesChanged {
                try ReminderRule.filter(Column("interventionId") == id).deleteAll(db)
                for spec in planned { try ReminderRule(interventionId: id, spec: spec).insert(db) }
            }
            if (after.scheduledAt != before.scheduledAt || rulesChanged) && !after.status.isClosed {
                try Reminder.filter(Column("interventionId") == id)
                    .filter([ReminderStatus.pending, .failed, .cancelled].contains(Column("status")))
                    .deleteAll(db)
                try makeReminders(db, for: after, rules: planned ?? oldRules, now: now)
            }
            try Journal.updated(db, .intervention, before: InterventionSnapshot(before, oldRules),
                                after: InterventionSnapshot(after, planned ?? oldRules), by: session)
            return after
        }
    }

    /// Starts, finishes or cancels an intervention. DONE and CANCELED cancel its future pending reminders.
    @discardableResult
    public func setInterventionStatus(id: String, _ status: InterventionStatus, expectedVersion: Int? = nil,
                                      by session: Session, now: Date = Date()) throws -> Intervention {
        try session.require(.bookInterventions)
        return try write { db in
            let before = try current(db, Intervention.self, .intervention, id: id, expectedVersion: expectedVersion)
            guard before.status != status else { return before }
            var after = before
            after.status = status
            after.markChanged(by: session, at: now)
            try after.update(db)
            if status.isClosed {
                let pending = try Reminder.filter(Column("interventionId") == id && Column("status") == ReminderStatus.pending.rawValue
                                                  && Column("plannedSendAt") > now).fetchAll(db)
                for var reminder in pending {
                    reminder.status = .cancelled
                    reminder.updatedAt = now
                    reminder.version += 1
                    try reminder.update(db)
                }
            }
            let rules = try rules(db, interventionId: id)
            try Journal.updated(db, .intervention, before: InterventionSnapshot(before, rules),
                                after: InterventionSnapshot(after, rules), by: session)
            return after
        }
    }

    func rules(_ db: Database, interventionId: String) throws -> [ReminderRuleSpec] {
        try ReminderRule.filter(Column("interventionId") == interventionId).order(Column("offsetMinutes")).fetchAll(db).map(\.spec)
    }

    func planRules(_ given: [ReminderRuleSpec]) throws -> [ReminderRuleSpec] {
        do { return try ReminderPlan.rules(given) } catch { throw ClinicError.invalid(ValidationFailure([error])) }
    }

    func validated(_ input: InterventionInput, session: Session, now: Date = Date()) throws -> InterventionFields {
        do { return try input.validated(zone: session.zone, now: now) } catch { throw ClinicError.invalid(error) }
    }

    /// One PENDING reminder per enabled rule whose send time is still ahead, addressed from the patient's contacts.
    func makeReminders(_ db: Database, for intervention: Intervention, rules: [ReminderRuleSpec], now: Date) throws {
        let patient = try existing(db, Patient.self, .patient, id: intervention.patientId)
        let plan = ReminderPlan.reminders(interventionId: intervention.id, scheduledAt: intervention.scheduledAt,
                                          rules: rules, now: now)
        for planned in plan {
            let recipient: String? = switch planned.channel {
            case .sms: patient.phone
            case .email: patient.email
            case .push: patient.id
            }
            // A reminder with the same key (same time and channel) already exists: it is the same reminder.
            if try Reminder.filter(Column("idempotencyKey") == planned.idempotencyKey).fetchCount(db) > 0 { continue }
            try Reminder(interventionId: intervention.id, planned: planned, recipient: recipient, now: now).insert(db)
        }
    }
}

/// What the journal keeps of an intervention: the record and its rules.
struct InterventionSnapshot: Encodable, Identifiable {
    let intervention: Intervention
    let rules: [ReminderRuleSpec]

    init(_ intervention: Intervention, _ rules: [ReminderRuleSpec]) {
        self.intervention = intervention
        self.rules = rules
    }

    var id: String { intervention.id }

    func encode(to encoder: any Encoder) throws {
        try intervention.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(rules, forKey: .rules)
    }

    enum Key: String, CodingKey { case rules }
}
