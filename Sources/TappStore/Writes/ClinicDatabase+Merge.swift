import Foundation
import GRDB
import TappDomain

/// One merge as kept for undoing it: both records as they were, and what was moved from the merged one.
public struct PatientMergeRecord: Sendable, Equatable {
    public var id: String
    public var keptId: String
    public var mergedId: String
    public var mergedAt: Date
    public var mergedBy: String
    public var undoneAt: Date?
}

/// What a merge moved from the merged patient to the kept one (ids), so that an unmerge moves exactly that back.
struct MergeMoves: Codable, Equatable {
    var consultations: [String] = []
    var interventions: [String] = []
    var organizationLinks: [String] = []
}

extension ClinicDatabase {
    /// Merges `otherId` into `keepId` (administrators), in one transaction: the kept record gets `fields` (by default its
    /// own, each empty one filled from the other), the other's consultations, interventions (with their rules and
    /// reminders) and organization links move to it; the other stays as "merged into" the kept one (its id opens the
    /// kept record; it leaves lists and search). Both records are kept as they were, for `unmerge`. Each change is
    /// audited and queued for the server; the other record's removal is queued as its deletion.
    @discardableResult
    public func merge(keep keepId: String, other otherId: String, fields: PatientInput? = nil, by session: Session,
                      now: Date = Date()) throws -> Patient {
        try session.require(.mergePatients)
        guard keepId != otherId else { throw ClinicError.refused("a patient cannot be merged into itself") }
        let picked = try fields.map { try validated($0, session: session, now: now) }
        return try write { db in
            let keep = try existing(db, Patient.self, .patient, id: keepId)
            let other = try existing(db, Patient.self, .patient, id: otherId)
            for (patient, role) in [(keep, "kept"), (other, "merged")] {
                if let into = try mergedInto(db, patient.id) {
                    throw ClinicError.refused("patient \(patient.id) (the one to be \(role)) was already merged into \(into)")
                }
            }
            var moves = MergeMoves()
            // The kept record.
            var after = keep
            after.apply(picked ?? keep.fields.filled(from: other.fields))
            if after != keep {
                after.markChanged(by: session, at: now)
                try after.update(db)
                try PatientSearchIndex.replace(db, patient: after)
                try Journal.updated(db, .patient, before: keep, after: after, by: session)
            }
            // The merged record's history.
            for consultation in try Consultation.filter(Column("patientId") == otherId).order(Column("dateTime")).fetchAll(db) {
                try move(db, consultation, to: keepId, by: session, now: now)
                moves.consultations.append(consultation.id)
            }
            for intervention in try Intervention.filter(Column("patientId") == otherId).order(Column("scheduledAt")).fetchAll(db) {
                try move(db, intervention, to: keepId, by: session, now: now)
                moves.interventions.append(intervention.id)
            }
            let keptOrganizations = Set(try String.fetchAll(db, sql: "SELECT organizationId FROM patientOrganization WHERE patientId = ?",
                                                             arguments: [keepId]))
            for link in try PatientOrganization.filter(Column("patientId") == otherId).fetchAll(db)
            where !keptOrganizations.contains(link.organizationId) {
                try move(db, link, to: keepId, by: session)
                moves.organizationLinks.append(link.id)
            }
            // The merged record stays, pointing at the kept one, out of lists and search.
            try PatientSearchIndex.remove(db, patientId: otherId)
            try db.execute(sql: "UPDATE patient SET mergedInto = ?, version = version + 1, updatedAt = ?, updatedBy = ? WHERE id = ?",
                           arguments: [keepId, now, session.email, otherId])
            try Journal.audit(db, .update, .patient, otherId, diff: #"{"mergedInto":[null,"\#(keepId)"]}"#, by: session)
            try Journal.audit(db, .update, .patient, keepId, diff: #"{"mergedFrom":"\#(otherId)"}"#, by: session)
            try Journal.enqueue(db, .patient, otherId, .delete, payload: try Journal.json(other), by: session)
            try db.execute(sql: """
                INSERT INTO patientMerge (id, keptId, mergedId, keptBefore, mergedBefore, moved, mergedAt, mergedBy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [LocalID.make(), keepId, otherId, try Journal.json(keep), try Journal.json(other),
                                 try Journal.json(moves), now, session.email])
            return session.shown(after)
        }
    }

    /// Undoes the last merge of `otherId` into `keepId` (administrators): both records get back the fields they had
    /// before it, what was moved goes back to the merged record, and that record is in lists and search again.
    /// What was added to the kept record since the merge stays on it. One transaction, audited, queued.
    public func unmerge(keep keepId: String, other otherId: String, by session: Session, now: Date = Date()) throws {
        try session.require(.mergePatients)
        try write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, keptBefore, mergedBefore, moved FROM patientMerge
                WHERE keptId = ? AND mergedId = ? AND undoneAt IS NULL ORDER BY mergedAt DESC LIMIT 1
                """, arguments: [keepId, otherId]), try mergedInto(db, otherId) == keepId else {
                throw ClinicError.refused("patient \(otherId) is not merged into \(keepId)")
            }
            let keptBefore = try Self.snapshotDecoder.decode(Patient.self, from: Data((row["keptBefore"] as String).utf8))
            let mergedBefore = try Self.snapshotDecoder.decode(Patient.self, from: Data((row["mergedBefore"] as String).utf8))
            let moves = try JSONDecoder().decode(MergeMoves.self, from: Data((row["moved"] as String).utf8))
            // The kept record's fields as they were.
            let keep = try existing(db, Patient.self, .patient, id: keepId)
            var restored = keep
            restored.apply(keptBefore.fields)
            if restored != keep {
                restored.markChanged(by: session, at: now)
                try restored.update(db)
                try PatientSearchIndex.replace(db, patient: restored)
                try Journal.updated(db, .patient, before: keep, after: restored, by: session)
            }
            // The merged record back, as it was.
            var other = try existing(db, Patient.self, .patient, id: otherId)
            let beforeUnmerge = other
            other.apply(mergedBefore.fields)
            other.markChanged(by: session, at: now)
            try other.update(db)
            try db.execute(sql: "UPDATE patient SET mergedInto = NULL WHERE id = ?", arguments: [otherId])
            try PatientSearchIndex.insert(db, patient: other)
            try Journal.audit(db, .update, .patient, otherId, diff: #"{"mergedInto":["\#(keepId)",null]}"#, by: session)
            try requeueUnmerged(db, beforeUnmerge, restored: other, by: session)
            // What was moved, back (what was added to the kept record since stays).
            for id in moves.consultations {
                if let consultation = try Consultation.fetchOne(db, key: ["id": id]), consultation.patientId == keepId {
                    try move(db, consultation, to: otherId, by: session, now: now)
                }
            }
            for id in moves.interventions {
                if let intervention = try Intervention.fetchOne(db, key: ["id": id]), intervention.patientId == keepId {
                    try move(db, intervention, to: otherId, by: session, now: now)
                }
            }
            for id in moves.organizationLinks {
                if let link = try PatientOrganization.fetchOne(db, key: ["id": id]), link.patientId == keepId {
                    try move(db, link, to: otherId, by: session)
                }
            }
            try db.execute(sql: "UPDATE patientMerge SET undoneAt = ?, undoneBy = ? WHERE id = ?",
                           arguments: [now, session.email, row["id"] as String])
        }
    }

    /// The merges of a patient, kept or merged, newest first.
    public func merges(of patientId: String, by session: Session) throws -> [PatientMergeRecord] {
        try session.require(.readPatients)
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, keptId, mergedId, mergedAt, mergedBy, undoneAt FROM patientMerge
                WHERE keptId = ? OR mergedId = ? ORDER BY mergedAt DESC
                """, arguments: [patientId, patientId]).map {
                PatientMergeRecord(id: $0["id"], keptId: $0["keptId"], mergedId: $0["mergedId"], mergedAt: $0["mergedAt"],
                                   mergedBy: $0["mergedBy"], undoneAt: $0["undoneAt"])
            }
        }
    }

    /// The patient this one was merged into, if it was.
    func mergedInto(_ db: Database, _ id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT mergedInto FROM patient WHERE id = ?", arguments: [id])
    }

    /// The unmerged record's place in the queue: its deletion taken back if the server has not done it (not sent yet, or
    /// refused: the server kept the person), else the record queued to be made again on the server.
    func requeueUnmerged(_ db: Database, _ before: Patient, restored: Patient, by session: Session) throws {
        let pending = try Int.fetchOne(db, sql: """
            SELECT seq FROM changeQueue WHERE entityKind = 'patient' AND entityId = ? AND operation = 'DELETE'
              AND state IN \(QueueState.sql(.pending, .refused, .conflict))
            ORDER BY seq DESC LIMIT 1
            """, arguments: [restored.id])
        if let pending {
            try db.execute(sql: "UPDATE changeQueue SET state = \(QueueState.discarded.sql), lastError = 'unmerged before the server deleted it' WHERE seq = ?",
                           arguments: [pending])
            try Journal.enqueue(db, .patient, restored.id, .update, payload: try Journal.json(restored), by: session)
        } else {
            var recreated = restored
            recreated.serverId = nil
            try db.execute(sql: "UPDATE patient SET serverId = NULL WHERE id = ?", arguments: [restored.id])
            try Journal.enqueue(db, .patient, restored.id, .create, payload: try Journal.json(recreated), by: session)
        }
    }

    /// A consultation to another patient. The server cannot move it (a PATCH ignores `personId`): one it has is made
    /// again there under the new patient, then its old copy deleted (`ServerCopyMove`).
    func move(_ db: Database, _ consultation: Consultation, to patientId: String, by session: Session, now: Date) throws {
        var after = consultation
        after.patientId = patientId
        after.serverId = try ServerCopyMove.newServerId(db, .consultation, consultation.id, serverId: consultation.serverId, movable: true)
        after.markChanged(by: session, at: now)
        try after.update(db)
        try Journal.updated(db, .consultation, before: consultation, after: after, by: session)
        try ServerCopyMove.queueOldCopy(db, .consultation, consultation.id, serverId: consultation.serverId, movable: true, by: session)
    }

    /// An intervention to another patient, made again on the server under it when its time is still ahead (the server
    /// refuses past interventions: one already past stays there under the patient it had, reported by the sync).
    func move(_ db: Database, _ intervention: Intervention, to patientId: String, by session: Session, now: Date) throws {
        var after = intervention
        after.patientId = patientId
        let movable = intervention.scheduledAt > now
        after.serverId = try ServerCopyMove.newServerId(db, .intervention, intervention.id, serverId: intervention.serverId,
                                                        movable: movable)
        after.markChanged(by: session, at: now)
        try after.update(db)
        let rules = try self.rules(db, interventionId: intervention.id)
        try Journal.updated(db, .intervention, before: InterventionSnapshot(intervention, rules), after: InterventionSnapshot(after, rules),
                            by: session)
        try ServerCopyMove.queueOldCopy(db, .intervention, intervention.id, serverId: intervention.serverId, movable: movable, by: session)
    }

    func move(_ db: Database, _ link: PatientOrganization, to patientId: String, by session: Session) throws {
        var after = link
        after.patientId = patientId
        try after.update(db)
        try Journal.updated(db, .patientOrganization, before: link, after: after, by: session)
    }

    /// Reads the journal's JSON snapshots back.
    static let snapshotDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            do { return try Instant.parse(text, field: "date") } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
            }
        }
        return decoder
    }()
}
