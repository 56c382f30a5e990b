import Foundation
import GRDB
import TappDomain

/// A record moved to another patient here (a merge, an unmerge) whose copy the server keeps under the old person:
/// the real server's PATCH ignores `personId`. The record loses its server id, so its queued change makes it again
/// under its new patient; and its old copy is queued for deletion under an entity id of its own
/// (`moved:<local id>`), sent only once the new copy exists. Until then the pull ignores the old copy (a queued
/// deletion of it).
enum ServerCopyMove {
    static let prefix = "moved:"

    /// The server id the moved record keeps: nil when it is to be made again there, the same when it cannot move
    /// (`movable` false: a past intervention), its old copy's when it moves back before its move reached the server.
    /// `queueOldCopy` then queues the deletion of the copy it leaves, after the record's own change, so that the new copy
    /// is made first.
    static func newServerId(_ db: Database, _ kind: EntityKind, _ localId: String, serverId: String?,
                            movable: Bool) throws -> String? {
        guard movable else { return serverId }
        // Moved back before its move reached the server (or half-way): the old copy, under the patient it moves back
        // to, is its copy again.
        return try takeBack(db, kind, localId)
    }

    static func queueOldCopy(_ db: Database, _ kind: EntityKind, _ localId: String, serverId: String?, movable: Bool,
                             by session: Session) throws {
        guard movable, let serverId else { return }
        let payload = #"{"serverId":"\#(serverId)","movedTo":"\#(localId)"}"#
        try Journal.enqueue(db, kind, prefix + localId, .delete, payload: payload, by: session)
    }

    /// A pending deletion of the record's old copy taken back: its server id again.
    static func takeBack(_ db: Database, _ kind: EntityKind, _ localId: String) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT seq, json_extract(payload, '$.serverId') AS serverId FROM changeQueue
            WHERE entityKind = ? AND entityId = ? AND operation = 'DELETE' AND state = \(QueueState.pending.sql) ORDER BY seq DESC LIMIT 1
            """, arguments: [kind.rawValue, prefix + localId]) else { return nil }
        try db.execute(sql: "UPDATE changeQueue SET state = \(QueueState.discarded.sql), lastError = 'moved back before it was sent' WHERE seq = ?",
                       arguments: [row["seq"] as Int64])
        return row["serverId"]
    }
}

extension ClinicDatabase {
    /// For the push: the local record whose old server copy this queued deletion is (`moved:<id>`), and whether that
    /// record has its new copy on the server yet; nil for any other record.
    public func movedCopy(_ record: PendingRecord) throws -> (localId: String, hasNewCopy: Bool)? {
        guard record.entityId.hasPrefix(ServerCopyMove.prefix) else { return nil }
        let localId = String(record.entityId.dropFirst(ServerCopyMove.prefix.count))
        let table = record.kind == .intervention ? "intervention" : "consultation"
        let serverId = try read { db in try String.fetchOne(db, sql: "SELECT serverId FROM \(table) WHERE id = ?", arguments: [localId]) }
        return (localId, serverId != nil && serverId != record.serverId)
    }

    /// The server id of the old copy a moved record leaves, while its deletion waits (it goes once the new copy is on
    /// the server); nil for a record that was not moved.
    public func oldCopyWaiting(_ kind: EntityKind, localId: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT json_extract(payload, '$.serverId') FROM changeQueue
                WHERE entityKind = ? AND entityId = ? AND operation = 'DELETE' AND state = \(QueueState.pending.sql) ORDER BY seq DESC LIMIT 1
                """, arguments: [kind.rawValue, ServerCopyMove.prefix + localId])
        }
    }

    /// Whether old copies of moved records still wait to be deleted on the server (a merged person is deleted after).
    public func hasPendingMoves() throws -> Bool {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM changeQueue WHERE state = \(QueueState.pending.sql) AND entityId LIKE 'moved:%'") ?? 0 > 0
        }
    }

    /// The patient this one was merged into, if it was (for the push, which keeps a merged person's deletion for last).
    public func mergedInto(patientId: String) throws -> String? {
        try read { db in try mergedInto(db, patientId) }
    }
}
