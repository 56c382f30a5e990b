import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// A record the server says was deleted there (a tombstone of its changes feed): deleted here too, audited as the
    /// server's doing, not queued (the server has it already). Kept here, and said why, when it was changed here since
    /// (it goes back to the server as a new record at the next push: the clinic's change is not lost) or when it is a
    /// patient who still has records here.
    func mergedDeletion(_ db: Database, _ kind: EntityKind, serverId: String, by session: Session) throws -> PullOutcome {
        guard let id = try localId(db, kind, serverId: serverId) else { return .unchanged }
        let waiting = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM changeQueue WHERE entityKind = ? AND entityId = ? AND state IN \(QueueState.sql(.pending, .conflict, .refused))
            """, arguments: [kind.rawValue, id]) ?? 0
        if waiting > 0 {
            try db.execute(sql: "UPDATE \(kind.rawValue) SET serverId = NULL WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM syncSeen WHERE entityKind = ? AND serverId = ?", arguments: [kind.rawValue, serverId])
            try db.execute(sql: """
                UPDATE changeQueue SET state = ? WHERE entityKind = ? AND entityId = ? AND state IN \(QueueState.sql(.conflict, .refused))
                """, arguments: [QueueState.pending, kind.rawValue, id])
            return .skipped("\(kind.rawValue) \(id) was deleted on the server but changed here since: kept, it goes back as a new record")
        }
        switch kind {
        case .patient:
            guard let patient = try Patient.fetchOne(db, key: id) else { return .unchanged }
            // A patient merged here into another: the server's person went because this clinic's merge deleted it.
            // The merged record stays (its id opens the kept one, and an unmerge needs it): only the link goes.
            if try mergedInto(db, id) != nil {
                try db.execute(sql: "UPDATE patient SET serverId = NULL WHERE id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM syncSeen WHERE entityKind = ? AND serverId = ?", arguments: [kind.rawValue, serverId])
                return .unchanged
            }
            let records = try Consultation.filter(Column("patientId") == id).fetchCount(db)
                + Intervention.filter(Column("patientId") == id).fetchCount(db)
            guard records == 0 else {
                return .skipped("patient \(id) was deleted on the server but still has \(records) records here: kept")
            }
            try PatientSearchIndex.remove(db, patientId: id)
            try patient.delete(db)
            try Journal.deleted(db, .patient, patient, by: session, queued: false)
        case .consultation:
            guard let consultation = try Consultation.fetchOne(db, key: id) else { return .unchanged }
            try consultation.delete(db)
            try Journal.deleted(db, .consultation, consultation, by: session, queued: false)
        case .intervention:
            guard let intervention = try Intervention.fetchOne(db, key: id) else { return .unchanged }
            let rules = try self.rules(db, interventionId: id)
            try intervention.delete(db)
            try Journal.deleted(db, .intervention, InterventionSnapshot(intervention, rules), by: session, queued: false)
        default:
            return .unchanged
        }
        try db.execute(sql: "DELETE FROM syncSeen WHERE entityKind = ? AND serverId = ?", arguments: [kind.rawValue, serverId])
        return .removed
    }

    public func mergeServerDeletion(_ kind: EntityKind, serverId: String, by session: Session) throws -> PullOutcome {
        try write { db in try mergedDeletion(db, kind, serverId: serverId, by: session) }
    }
}
