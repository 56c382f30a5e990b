import Foundation
import GRDB
import TappDomain

/// Merging what the server holds: new records added, records changed only there updated, records changed on both
/// sides kept both as a conflict. Nothing merged here goes back into the push queue (the server has it already).
extension ClinicDatabase {
    enum PullDecision { case unchanged, apply, conflict }

    /// Decides for a record known on both sides. `same` is whether the server's fields equal ours.
    func decide(_ db: Database, _ kind: EntityKind, localId: String, serverId: String, updatedAt: String, same: Bool) throws -> PullDecision {
        let seen = try String.fetchOne(db, sql: "SELECT serverUpdatedAt FROM syncSeen WHERE entityKind = ? AND serverId = ?",
                                       arguments: [kind.rawValue, serverId])
        if same {
            try remember(db, kind, serverId: serverId, localId: localId, updatedAt: updatedAt)
            return .unchanged
        }
        // The server's copy has not moved since we last saw it: what differs is ours, on its way.
        if seen == updatedAt { return .unchanged }
        let waiting = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM changeQueue WHERE entityKind = ? AND entityId = ? AND state IN \(QueueState.sql(.pending, .conflict))
            """, arguments: [kind.rawValue, localId]) ?? 0
        return waiting > 0 ? .conflict : .apply
    }

    /// The end of every known record's merge, by `decide`: nothing to do (`ifUnchanged`), both versions parked as a
    /// conflict, or the server's version saved by `save` and remembered as seen.
    func settle(_ db: Database, _ kind: EntityKind, localId: String, serverId: String, updatedAt: String, same: Bool,
                payload: some Encodable, ifUnchanged: PullOutcome = .unchanged, save: () throws -> Void) throws -> PullOutcome {
        switch try decide(db, kind, localId: localId, serverId: serverId, updatedAt: updatedAt, same: same) {
        case .unchanged: return ifUnchanged
        case .conflict:
            try park(db, kind, localId: localId, serverId: serverId, updatedAt: updatedAt, payload: payload)
            return .conflict
        case .apply:
            try save()
            try remember(db, kind, serverId: serverId, localId: localId, updatedAt: updatedAt)
            return .updated
        }
    }

    /// The server's `updatedAt` of a record as last seen (pulled, or answered to a push).
    func remember(_ db: Database, _ kind: EntityKind, serverId: String, localId: String, updatedAt: String) throws {
        try db.execute(sql: """
            INSERT INTO syncSeen (entityKind, serverId, localId, serverUpdatedAt) VALUES (?, ?, ?, ?)
            ON CONFLICT (entityKind, serverId) DO UPDATE SET localId = excluded.localId, serverUpdatedAt = excluded.serverUpdatedAt
            """, arguments: [kind.rawValue, serverId, localId, updatedAt])
    }

    /// Keeps both versions: the server's in `syncConflict`, ours held back from the push until a person picks.
    func park(_ db: Database, _ kind: EntityKind, localId: String, serverId: String, updatedAt: String, payload: some Encodable) throws {
        let json = String(decoding: try Journal.encoder.encode(payload), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO syncConflict (entityKind, localId, serverId, serverUpdatedAt, serverPayload, detectedAt) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (entityKind, localId) WHERE resolvedAt IS NULL
            DO UPDATE SET serverUpdatedAt = excluded.serverUpdatedAt, serverPayload = excluded.serverPayload
            """, arguments: [kind.rawValue, localId, serverId, updatedAt, json, Date()])
        try db.execute(sql: "UPDATE changeQueue SET state = \(QueueState.conflict.sql) WHERE entityKind = ? AND entityId = ? AND state = \(QueueState.pending.sql)",
                       arguments: [kind.rawValue, localId])
    }

    func localId(_ db: Database, _ kind: EntityKind, serverId: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT id FROM \(kind.rawValue) WHERE serverId = ?", arguments: [serverId])
    }

    /// Records made here whose create went out without an answer: the server may hold them already, and a pulled
    /// record that is one of them must be adopted, not added a second time.
    func unansweredCreates<R: FetchableRecord & TableRecord>(_ db: Database, _ type: R.Type, _ kind: EntityKind) throws -> [R] {
        try R.fetchAll(db, sql: """
            SELECT * FROM \(kind.rawValue) WHERE serverId IS NULL AND id IN (
              SELECT entityId FROM changeQueue WHERE state = \(QueueState.pending.sql) AND +entityKind = ? AND operation = 'CREATE' AND attempts > 0)
            """, arguments: [kind.rawValue])
    }

    /// Gives a local record the server's id of the copy an unanswered create made there.
    func adopt(_ db: Database, _ kind: EntityKind, localId: String, serverId: String, updatedAt: String) throws {
        try db.execute(sql: "UPDATE \(kind.rawValue) SET serverId = ? WHERE id = ?", arguments: [serverId, localId])
        try remember(db, kind, serverId: serverId, localId: localId, updatedAt: updatedAt)
    }

    /// Whether the record was deleted here and the delete is on its way (a pull must not bring it back). Looked up by
    /// the queue's state (`+entityKind` keeps SQLite off the kind's index): the waiting changes are few, while a
    /// kind's entries are every change ever sent, and a first pull asks this once per record.
    func deletedHere(_ db: Database, _ kind: EntityKind, serverId: String) throws -> Bool {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM changeQueue WHERE state IN \(QueueState.sql(.pending, .conflict)) AND +entityKind = ? AND operation = 'DELETE'
              AND json_extract(payload, '$.serverId') = ?
            """, arguments: [kind.rawValue, serverId]) ?? 0 > 0
    }

    // MARK: - Patients

    func merged(_ db: Database, _ pulled: PulledPerson, by session: Session, now: Date) throws -> PullOutcome {
        // A phone is kept as a number (E.164) like one typed here; one that cannot be read is kept as sent, and
        // listed by `tapp patient list --bad-phones`.
        var person = pulled
        person.phone = try pulled.phone.map { PhoneNumber.readable($0, country: try Self.phoneCountry(db)) ?? $0 }
        if try deletedHere(db, .patient, serverId: person.serverId) { return .unchanged }
        guard let id = try localId(db, .patient, serverId: person.serverId) else {
            if let mine = try unansweredCreates(db, Patient.self, .patient).first(where: {
                "\($0.firstName) \($0.lastName)" == person.fullName && $0.phone == person.phone && $0.dateOfBirth == person.birthdate
            }) {
                try adopt(db, .patient, localId: mine.id, serverId: person.serverId, updatedAt: person.updatedAt)
                return .unchanged
            }
            let names = person.names(keeping: nil)
            var patient = Patient(fields: PatientFields(
                firstName: names.first, lastName: names.last, dateOfBirth: person.birthdate, phone: person.phone,
                email: person.email, address: person.address, bloodType: nil, medicalNotes: nil, notificationChannels: [.sms],
                emergencyContactName: nil, emergencyContactPhone: nil), now: now, by: session.email)
            patient.serverId = person.serverId
            try insertPatient(db, patient, sortKey: PatientSearchText.sortKey(first: patient.firstName, last: patient.lastName),
                              snapshot: try Journal.json(patient), by: session, queued: false)
            try remember(db, .patient, serverId: person.serverId, localId: patient.id, updatedAt: person.updatedAt)
            return .added
        }
        let before = try existing(db, Patient.self, .patient, id: id)
        var after = before
        apply(person, to: &after)
        return try settle(db, .patient, localId: id, serverId: person.serverId, updatedAt: person.updatedAt, same: after == before,
                          payload: person) {
            try save(db, before: before, after: after, by: session, now: now)
        }
    }

    public func mergePulled(_ pulled: PulledPerson, by session: Session, now: Date = Date()) throws -> PullOutcome {
        try write { db in try merged(db, pulled, by: session, now: now) }
    }

    func apply(_ person: PulledPerson, to patient: inout Patient) {
        let names = person.names(keeping: patient)
        patient.firstName = names.first
        patient.lastName = names.last
        patient.dateOfBirth = person.birthdate
        patient.phone = person.phone
        patient.email = person.email
        patient.address = person.address
    }

    func save(_ db: Database, before: Patient, after: Patient, by session: Session, now: Date) throws {
        var after = after
        after.markChanged(by: session, at: now)
        try after.update(db)
        // A merged patient stays out of search whatever the server says of the person.
        if try mergedInto(db, after.id) == nil { try PatientSearchIndex.replace(db, patient: after) }
        try Journal.updated(db, .patient, before: before, after: after, by: session, queued: false)
    }

    // MARK: - Consultations

    /// The local doctor for a server doctor: the one mapped to it (`doctor.serverId`), else, for the synced account's
    /// own doctor, the local doctor with that account's email.
    func localDoctor(_ db: Database, serverId: String) throws -> String? {
        if let id = try String.fetchOne(db, sql: "SELECT id FROM doctor WHERE serverId = ?", arguments: [serverId]) { return id }
        return try String.fetchOne(db, sql: """
            SELECT doctor.id FROM doctor JOIN user ON user.id = doctor.userId
            JOIN syncAccount ON syncAccount.doctorServerId = ? AND user.email = syncAccount.email COLLATE NOCASE
            """, arguments: [serverId])
    }

    func merged(_ db: Database, _ pulled: PulledConsultation, by session: Session, now: Date) throws -> PullOutcome {
        if try deletedHere(db, .consultation, serverId: pulled.serverId) { return .unchanged }
        guard let patientId = try localId(db, .patient, serverId: pulled.personServerId).map({ try keptId(db, $0) }) else {
            return .skipped("its patient \(pulled.personServerId) is not here")
        }
        guard let doctorId = try localDoctor(db, serverId: pulled.doctorServerId) else {
            return .skipped("its doctor \(pulled.doctorServerId) is not mapped to a local doctor (`tapp sync map-doctor`)")
        }
        let parts = ConsultationNotes.split(pulled.notes)
        let fields = ConsultationFields(patientId: patientId, doctorId: doctorId, dateTime: pulled.dateTime, reason: parts.reason,
                                        diagnosis: parts.diagnosis, treatment: parts.treatment, notes: parts.notes,
                                        attachments: pulled.attachments, status: pulled.status)
        guard let id = try localId(db, .consultation, serverId: pulled.serverId) else {
            if let mine = try unansweredCreates(db, Consultation.self, .consultation).first(where: {
                $0.patientId == patientId && abs($0.dateTime.timeIntervalSince(pulled.dateTime)) < 0.002
            }) {
                try adopt(db, .consultation, localId: mine.id, serverId: pulled.serverId, updatedAt: pulled.updatedAt)
                return .unchanged
            }
            var consultation = Consultation(fields: fields, now: now, by: session.email)
            consultation.serverId = pulled.serverId
            try consultation.insert(db)
            try Journal.created(db, .consultation, consultation, by: session, queued: false)
            try remember(db, .consultation, serverId: pulled.serverId, localId: consultation.id, updatedAt: pulled.updatedAt)
            return .added
        }
        let before = try existing(db, Consultation.self, .consultation, id: id)
        var after = before
        after.apply(fields)
        // The same instant written by two hands (ours, the server's, rounded to the millisecond) is the same instant.
        if abs(after.dateTime.timeIntervalSince(before.dateTime)) < 0.001 { after.dateTime = before.dateTime }
        return try settle(db, .consultation, localId: id, serverId: pulled.serverId, updatedAt: pulled.updatedAt,
                          same: after == before, payload: pulled) {
            after.markChanged(by: session, at: now)
            try after.update(db)
            try Journal.updated(db, .consultation, before: before, after: after, by: session, queued: false)
        }
    }

    public func mergePulled(_ pulled: PulledConsultation, by session: Session, now: Date = Date()) throws -> PullOutcome {
        try write { db in try merged(db, pulled, by: session, now: now) }
    }
}
