import Foundation
import GRDB
import TappDomain

/// The queued changes of one record, folded: what the server must be told about it.
public struct PendingRecord: Sendable, Equatable {
    public var kind: EntityKind
    public var entityId: String
    /// The queue entries folded into this one request, oldest first.
    public var seqs: [Int64]
    /// The server's id, when the record was sent before.
    public var serverId: String?
    /// The last snapshot (after the change; before it, for a delete).
    public var payload: String
    public var deleted: Bool
}

extension ClinicDatabase {
    /// The PENDING changes of a kind, folded per record in the order their first change was made.
    public func pendingRecords(_ kind: EntityKind) throws -> [PendingRecord] {
        try read { db in
            let changes = try QueuedChange.filter(Column("state") == "PENDING" && Column("entityKind") == kind.rawValue)
                .order(Column("seq")).fetchAll(db)
            var order: [String] = []
            var folded: [String: PendingRecord] = [:]
            for change in changes {
                guard let seq = change.seq else { continue }
                if var record = folded[change.entityId] {
                    record.seqs.append(seq)
                    record.payload = change.payload
                    record.deleted = change.operation == .delete
                    folded[change.entityId] = record
                } else {
                    order.append(change.entityId)
                    folded[change.entityId] = PendingRecord(kind: kind, entityId: change.entityId, seqs: [seq], serverId: nil,
                                                           payload: change.payload, deleted: change.operation == .delete)
                }
            }
            let table = kind.rawValue
            return try order.compactMap { id in
                guard var record = folded[id] else { return nil }
                record.serverId = try String.fetchOne(db, sql: "SELECT serverId FROM \(table) WHERE id = ?", arguments: [id])
                    ?? ((try? JSONSerialization.jsonObject(with: Data(record.payload.utf8)) as? [String: Any])?["serverId"] as? String)
                return record
            }
        }
    }

    /// The server has the record: its id is kept (without making a new change) and the folded entries leave the queue.
    public func markSent(_ record: PendingRecord, serverId: String?) throws {
        try write { db in
            if let serverId, !record.deleted {
                try db.execute(sql: "UPDATE \(record.kind.rawValue) SET serverId = ? WHERE id = ?", arguments: [serverId, record.entityId])
            }
            try setState(db, record.seqs, "SENT", error: nil)
            // An earlier change of the record the server refused is superseded by this one, which it took.
            try db.execute(sql: """
                UPDATE changeQueue SET state = 'DISCARDED' WHERE entityKind = ? AND entityId = ? AND state = 'REFUSED' AND seq < ?
                """, arguments: [record.kind.rawValue, record.entityId, record.seqs.max() ?? 0])
        }
    }

    /// Settles a change the server refused: `local` sends it again at the next sync (after the cause was fixed),
    /// `server` keeps it in this clinic only (DISCARDED: never sent, still in the audit log).
    public func settleRefused(kind: EntityKind, localId: String, keep side: ConflictSide, by session: Session) throws {
        try session.require(.registerPatients)
        try write { db in
            let state = side == .local ? "PENDING" : "DISCARDED"
            try db.execute(sql: "UPDATE changeQueue SET state = ? WHERE entityKind = ? AND entityId = ? AND state = 'REFUSED'",
                           arguments: [state, kind.rawValue, localId])
            guard db.changesCount > 0 else { throw ClinicError.notFound(kind, localId + " (nothing refused or in conflict)") }
            try Journal.audit(db, .update, kind, localId, diff: #"{"refusedChange":"\#(side == .local ? "sent again" : "kept here only")"}"#,
                              by: session)
        }
    }

    /// The server made the record but the change is not all sent yet (a status a create cannot carry): its id is
    /// kept, the queue entries stay.
    public func recordServerId(_ record: PendingRecord, serverId: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE \(record.kind.rawValue) SET serverId = ? WHERE id = ?", arguments: [serverId, record.entityId])
        }
    }

    /// The server refused the change: it is parked with the server's reason and does not block the rest.
    public func markRefused(_ record: PendingRecord, reason: String) throws {
        try write { db in try setState(db, record.seqs, "REFUSED", error: reason) }
    }

    /// A try that did not get an answer: counted, kept in the queue.
    public func markAttempted(_ record: PendingRecord, error: String) throws {
        try write { db in
            for seq in record.seqs {
                try db.execute(sql: "UPDATE changeQueue SET attempts = attempts + 1, lastError = ? WHERE seq = ?", arguments: [error, seq])
            }
        }
    }

    /// Whether an earlier try of this record went out without a usable answer (it may have been committed).
    public func hadUnansweredTry(_ record: PendingRecord) throws -> Bool {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT max(attempts) FROM changeQueue WHERE seq IN (SELECT value FROM json_each(?))",
                             arguments: [String(decoding: try JSONEncoder().encode(record.seqs), as: UTF8.self)]) ?? 0 > 0
        }
    }

    /// The server's id of a record, once it was sent.
    public func serverId(of kind: EntityKind, id: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT serverId FROM \(kind.rawValue) WHERE id = ?", arguments: [id]) }
    }

    /// The refused changes, with the server's reasons, for `sync status`.
    public func refusedChanges() throws -> [QueuedChange] {
        try read { db in try QueuedChange.filter(Column("state") == "REFUSED").order(Column("seq")).fetchAll(db) }
    }

    public func recordSyncSuccess(at date: Date = Date()) throws {
        try write { db in try db.execute(sql: "UPDATE syncAccount SET lastSuccessAt = ? WHERE id = 1", arguments: [date]) }
    }

    func setState(_ db: Database, _ seqs: [Int64], _ state: String, error: String?) throws {
        for seq in seqs {
            try db.execute(sql: "UPDATE changeQueue SET state = ?, lastError = ?, attempts = attempts + 1 WHERE seq = ?",
                           arguments: [state, error, seq])
        }
    }
}
