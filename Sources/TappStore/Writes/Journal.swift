import Foundation
import GRDB
import TappDomain

/// Writes a change's audit entry and its change-queue entry. Always called inside the transaction
/// that makes the change, so the three land together or not at all.
enum Journal {
    static func created<R: Encodable & Identifiable>(_ db: Database, _ kind: EntityKind, _ record: R, by session: Session,
                                                     queued: Bool = true) throws where R.ID == String {
        try created(db, kind, id: record.id, snapshot: try json(record), by: session, queued: queued)
    }

    /// A creation whose JSON snapshot was made beforehand (a bulk import makes them on both cores).
    static func created(_ db: Database, _ kind: EntityKind, id: String, snapshot: String, by session: Session,
                        queued: Bool = true) throws {
        try audit(db, .create, kind, id, diff: snapshot, by: session)
        if queued { try enqueue(db, kind, id, .create, payload: snapshot, by: session) }
    }

    static func updated<R: Encodable & Identifiable>(_ db: Database, _ kind: EntityKind, before: R, after: R, by session: Session,
                                                     queued: Bool = true) throws where R.ID == String {
        let diff = try changes(before: before, after: after)
        try audit(db, .update, kind, after.id, diff: diff, by: session)
        if queued { try enqueue(db, kind, after.id, .update, payload: try json(after), by: session) }
    }

    static func deleted<R: Encodable & Identifiable>(_ db: Database, _ kind: EntityKind, _ record: R, by session: Session,
                                                     queued: Bool = true) throws where R.ID == String {
        let snapshot = try json(record)
        try audit(db, .delete, kind, record.id, diff: snapshot, by: session)
        if queued { try enqueue(db, kind, record.id, .delete, payload: snapshot, by: session) }
    }

    static func audit(_ db: Database, _ action: AuditAction, _ kind: EntityKind, _ id: String?, diff: String?,
                      success: Bool = true, by session: Session) throws {
        try audit(db, action, entityType: kind.rawValue, id, diff: diff, success: success, userId: session.userId,
                  email: session.email, terminal: session.terminal, sshClient: session.sshClient)
    }

    static func audit(_ db: Database, _ action: AuditAction, entityType: String, _ id: String?, diff: String?, success: Bool,
                      userId: String?, email: String?, terminal: String?, sshClient: String?) throws {
        try BulkInsert(db, sql: auditSQL).insert(auditRow(at: Instant.storageString(Date()), action, entityType: entityType, id,
                                                          diff: diff, success: success, userId: userId, email: email,
                                                          terminal: terminal, sshClient: sshClient))
    }

    static let auditSQL = """
        INSERT INTO auditLog (at, userId, userEmail, action, entityType, entityId, diff, success, terminal, sshClient)
        VALUES (?,?,?,?,?,?,?,?,?,?)
        """

    /// The values of `auditSQL` for one entry; `at` is the stored instant.
    static func auditRow(at: String, _ action: AuditAction, entityType: String, _ id: String?, diff: String?, success: Bool,
                         userId: String?, email: String?, terminal: String?, sshClient: String?) -> [BulkInsert.Value] {
        [.text(at), .text(userId), .text(email), .text(action.rawValue), .text(entityType), .text(id), .text(diff),
         .int(success ? 1 : 0), .text(terminal), .text(sshClient)]
    }

    static func enqueue(_ db: Database, _ kind: EntityKind, _ id: String, _ operation: ChangeOperation, payload: String,
                        by session: Session) throws {
        try BulkInsert(db, sql: queueSQL).insert(queueRow(at: Instant.storageString(Date()), kind, id, operation, payload: payload,
                                                          by: session))
    }

    static let queueSQL = """
        INSERT INTO changeQueue (entityKind, entityId, operation, payload, createdAt, userEmail) VALUES (?,?,?,?,?,?)
        """

    /// The values of `queueSQL` for one entry; `at` is the stored instant.
    static func queueRow(at: String, _ kind: EntityKind, _ id: String, _ operation: ChangeOperation, payload: String,
                         by session: Session) -> [BulkInsert.Value] {
        [.text(kind.rawValue), .text(id), .text(operation.rawValue), .text(payload), .text(at), .text(session.email)]
    }

    static let encoder = makeEncoder()

    /// The journal's JSON: sorted keys, instants as the server writes them.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Instant.utcString(date))
        }
        return encoder
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `{"field": [before, after]}` for the fields that changed.
    static func changes(before: some Encodable, after: some Encodable) throws -> String {
        let old = try JSONSerialization.jsonObject(with: try encoder.encode(before)) as? [String: Any] ?? [:]
        let new = try JSONSerialization.jsonObject(with: try encoder.encode(after)) as? [String: Any] ?? [:]
        var diff: [String: Any] = [:]
        for key in Set(old.keys).union(new.keys) where key != "version" && key != "updatedAt" {
            let a = old[key] ?? NSNull(), b = new[key] ?? NSNull()
            if try canonical(a) != canonical(b) { diff[key] = [a, b] }
        }
        let data = try JSONSerialization.data(withJSONObject: diff, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func canonical(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
    }
}
