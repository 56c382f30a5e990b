import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// The records changed on both sides, waiting for a person.
    public func openConflicts() throws -> [SyncConflict] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM syncConflict WHERE resolvedAt IS NULL ORDER BY id").map { row in
                SyncConflict(id: row["id"], kind: EntityKind(rawValue: row["entityKind"]) ?? .patient, localId: row["localId"],
                             serverId: row["serverId"], serverUpdatedAt: row["serverUpdatedAt"],
                             serverPayload: row["serverPayload"], detectedAt: row["detectedAt"])
            }
        }
    }

    /// Settles a conflict. `local`: ours goes to the server at the next push (the person chose to replace theirs).
    /// `server`: theirs replaces ours here, and our waiting changes are set aside (kept in the queue as DISCARDED and
    /// in the audit log).
    public func resolveConflict(kind: EntityKind, localId: String, keep side: ConflictSide, by session: Session,
                                now: Date = Date()) throws {
        try session.require(kind == .patient ? .registerPatients : (kind == .intervention ? .bookInterventions : .writeClinical))
        try write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM syncConflict WHERE entityKind = ? AND localId = ? AND resolvedAt IS NULL
                """, arguments: [kind.rawValue, localId]) else {
                throw ClinicError.notFound(kind, localId + " (no open conflict)")
            }
            let serverId: String = row["serverId"], updatedAt: String = row["serverUpdatedAt"], payload: String = row["serverPayload"]
            switch side {
            case .local:
                try db.execute(sql: "UPDATE changeQueue SET state = \(QueueState.pending.sql) WHERE entityKind = ? AND entityId = ? AND state = \(QueueState.conflict.sql)",
                               arguments: [kind.rawValue, localId])
            case .server:
                try applyServerVersion(db, kind, localId: localId, payload: payload, by: session, now: now)
                try db.execute(sql: "UPDATE changeQueue SET state = \(QueueState.discarded.sql) WHERE entityKind = ? AND entityId = ? AND state = \(QueueState.conflict.sql)",
                               arguments: [kind.rawValue, localId])
            }
            try remember(db, kind, serverId: serverId, localId: localId, updatedAt: updatedAt)
            try db.execute(sql: "UPDATE syncConflict SET resolvedAt = ?, resolution = ? WHERE id = ?",
                           arguments: [now, side.rawValue, row["id"] as Int64])
            try Journal.audit(db, .update, kind, localId, diff: #"{"syncConflict":"kept \#(side.rawValue)"}"#, by: session)
        }
    }

    private func applyServerVersion(_ db: Database, _ kind: EntityKind, localId: String, payload: String, by session: Session,
                                    now: Date) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            do { return try Instant.parse(text, field: "date") } catch { throw ClinicError.refused("bad date \(text) in a conflict") }
        }
        let data = Data(payload.utf8)
        switch kind {
        case .patient:
            let person = try decoder.decode(PulledPerson.self, from: data)
            let before = try existing(db, Patient.self, .patient, id: localId)
            var after = before
            apply(person, to: &after)
            if after != before { try save(db, before: before, after: after, by: session, now: now) }
        case .consultation:
            let pulled = try decoder.decode(PulledConsultation.self, from: data)
            let before = try existing(db, Consultation.self, .consultation, id: localId)
            let parts = ConsultationNotes.split(pulled.notes)
            var after = before
            after.apply(ConsultationFields(patientId: before.patientId, doctorId: before.doctorId, dateTime: pulled.dateTime,
                                           reason: parts.reason, diagnosis: parts.diagnosis, treatment: parts.treatment,
                                           notes: parts.notes, attachments: pulled.attachments, status: pulled.status))
            if after != before {
                after.markChanged(by: session, at: now)
                try after.update(db)
                try Journal.updated(db, .consultation, before: before, after: after, by: session, queued: false)
            }
        case .intervention:
            let pulled = try decoder.decode(PulledIntervention.self, from: data)
            let before = try existing(db, Intervention.self, .intervention, id: localId)
            var after = before
            after.apply(fields(pulled, patientId: before.patientId, doctorId: before.doctorId, organizationId: before.organizationId))
            after.status = pulled.status
            if after != before { try save(db, before: before, after: after, by: session, now: now) }
        default:
            throw ClinicError.refused("no conflicts are kept for \(kind.rawValue)")
        }
    }
}
