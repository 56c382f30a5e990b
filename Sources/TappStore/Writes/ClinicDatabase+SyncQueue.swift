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
    /// The record as its last queued change left it (before it, for a delete).
    public var snapshot: QueuedSnapshot
    public var deleted: Bool

    /// The key the server is given for this change (`Idempotency-Key`): the same on every try of these queue
    /// entries, different for any later change of the record.
    public var changeKey: String { "\(entityId):\(seqs.last ?? 0)" }
}

/// What the server answered to a change it took: settled in one transaction.
public struct PushedCopy: Sendable, Equatable {
    public var serverId: String?
    /// The server copy's `updatedAt`, so that the next pull does not take our own change for one made there.
    public var updatedAt: String?

    public init(serverId: String?, updatedAt: String?) {
        self.serverId = serverId
        self.updatedAt = updatedAt
    }
}

extension ClinicDatabase {
    /// The pending changes of a kind, folded per record in the order their first change was made.
    public func pendingRecords(_ kind: EntityKind) throws -> [PendingRecord] {
        try read { db in
            let changes = try QueuedChange.filter(Column("state") == QueueState.pending && Column("entityKind") == kind.rawValue)
                .order(Column("seq")).fetchAll(db)
            var order: [String] = []
            var folded: [String: (seqs: [Int64], payload: String, deleted: Bool)] = [:]
            for change in changes {
                guard let seq = change.seq else { continue }
                if var record = folded[change.entityId] {
                    record.seqs.append(seq)
                    record.payload = change.payload
                    record.deleted = change.operation == .delete
                    folded[change.entityId] = record
                } else {
                    order.append(change.entityId)
                    folded[change.entityId] = ([seq], change.payload, change.operation == .delete)
                }
            }
            let table = kind.rawValue
            return try order.compactMap { id in
                guard let entry = folded[id] else { return nil }
                let snapshot = QueuedSnapshot.read(kind, entityId: id, entry.payload)
                let serverId = try String.fetchOne(db, sql: "SELECT serverId FROM \(table) WHERE id = ?", arguments: [id]) ?? snapshot.serverId
                return PendingRecord(kind: kind, entityId: id, seqs: entry.seqs, serverId: serverId, snapshot: snapshot, deleted: entry.deleted)
            }
        }
    }

    /// How many changes wait for the server, of every kind.
    public func pendingCount() throws -> Int {
        try read { db in try QueuedChange.filter(Column("state") == QueueState.pending).fetchCount(db) }
    }

    /// The server took the change: in one transaction, the record keeps the server's id (without making a new
    /// change), the server copy's `updatedAt` is remembered, and, with `finish`, the folded entries leave the queue
    /// (without it they stay: more must follow, such as a status a create cannot carry).
    public func settlePushed(_ record: PendingRecord, _ copy: PushedCopy, finish: Bool = true) throws {
        try write { db in try settle(db, record, copy, finish: finish) }
    }

    /// What one request of several changes (a batch) settled: taken ones and refused ones, in one transaction.
    public func settleBatch(taken: [(PendingRecord, PushedCopy)], refused: [(PendingRecord, String)]) throws {
        guard !taken.isEmpty || !refused.isEmpty else { return }
        try write { db in
            for (record, copy) in taken { try settle(db, record, copy, finish: true) }
            for (record, reason) in refused { try setState(db, record.seqs, .refused, error: reason) }
        }
    }

    func settle(_ db: Database, _ record: PendingRecord, _ copy: PushedCopy, finish: Bool) throws {
        if let serverId = copy.serverId, !record.deleted {
            try db.execute(sql: "UPDATE \(record.kind.rawValue) SET serverId = ? WHERE id = ?", arguments: [serverId, record.entityId])
            if let updatedAt = copy.updatedAt {
                try remember(db, record.kind, serverId: serverId, localId: record.entityId, updatedAt: updatedAt)
            }
        }
        guard finish else { return }
        try setState(db, record.seqs, .sent, error: nil)
        // An earlier change of the record the server refused is superseded by this one, which it took.
        try db.execute(sql: """
            UPDATE changeQueue SET state = ? WHERE entityKind = ? AND entityId = ? AND state = ? AND seq < ?
            """, arguments: [QueueState.discarded, record.kind.rawValue, record.entityId, QueueState.refused, record.seqs.max() ?? 0])
    }

    /// Settles a change the server refused: `local` sends it again at the next sync (after the cause was fixed),
    /// `server` keeps it in this clinic only (DISCARDED: never sent, still in the audit log).
    public func settleRefused(kind: EntityKind, localId: String, keep side: ConflictSide, by session: Session) throws {
        try session.require(.registerPatients)
        try write { db in
            let state: QueueState = side == .local ? .pending : .discarded
            try db.execute(sql: "UPDATE changeQueue SET state = ? WHERE entityKind = ? AND entityId = ? AND state = ?",
                           arguments: [state, kind.rawValue, localId, QueueState.refused])
            guard db.changesCount > 0 else { throw ClinicError.notFound(kind, localId + " (nothing refused or in conflict)") }
            try Journal.audit(db, .update, kind, localId, diff: #"{"refusedChange":"\#(side == .local ? "sent again" : "kept here only")"}"#,
                              by: session)
        }
    }

    /// The server refused the change: it is parked with the server's reason and does not block the rest.
    public func markRefused(_ record: PendingRecord, reason: String) throws {
        try write { db in try setState(db, record.seqs, .refused, error: reason) }
    }

    /// A try that did not get an answer: counted, kept in the queue.
    public func markAttempted(_ record: PendingRecord, error: String) throws {
        try write { db in
            for seq in record.seqs {
                try db.execute(sql: "UPDATE changeQueue SET attempts = attempts + 1, lastError = ? WHERE seq = ?", arguments: [error, seq])
            }
        }
    }

    /// Several records about to go in one request: each counted as tried, in one transaction.
    public func markAttempted(_ records: [PendingRecord], error: String) throws {
        guard !records.isEmpty else { return }
        try write { db in
            for seq in records.flatMap(\.seqs) {
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
        try read { db in try QueuedChange.filter(Column("state") == QueueState.refused).order(Column("seq")).fetchAll(db) }
    }

    public func recordSyncSuccess(at date: Date = Date()) throws {
        try write { db in try db.execute(sql: "UPDATE syncAccount SET lastSuccessAt = ? WHERE id = 1", arguments: [date]) }
    }

    func setState(_ db: Database, _ seqs: [Int64], _ state: QueueState, error: String?) throws {
        for seq in seqs {
            try db.execute(sql: "UPDATE changeQueue SET state = ?, lastError = ?, attempts = attempts + 1 WHERE seq = ?",
                           arguments: [state, error, seq])
        }
    }
}
