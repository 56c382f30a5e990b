import Foundation
import GRDB
import TappAPI

/// Where `GET /sync/changes` reads: the log of changes and the records it names, in one consistent read. One
/// implementation per storage engine (SQLite here).
protocol ChangeFeedStore: Sendable {
    /// The changes after `cursor` (0: from the beginning), at most `limit`, oldest first, each record in its latest
    /// state or as a tombstone. Throws `ChangeCursor.Unknown` for a cursor this log never gave.
    func page(after cursor: Int64, limit: Int) throws -> ChangeFeedPage
}

/// A page, and what reading it cost (for the log: reading 10 changes must read about 10 rows, whatever the size).
struct ChangeFeedPage: Sendable {
    var page: ChangesPage
    var logRowsRead: Int
    var recordsRead: Int
}

/// A cursor: the sequence number of the last change a page carried, written in decimal.
enum ChangeCursor {
    struct Unknown: Error {}

    static func parse(_ text: String?) throws -> Int64 {
        guard let text else { return 0 }
        guard !text.isEmpty, text.count <= 19, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seq = Int64(text) else {
            throw NestError.badRequest(unknownMessage)
        }
        return seq
    }

    static func text(_ seq: Int64) -> String { String(seq) }

    static let unknownMessage = "after must be a cursor given by this server's GET /sync/changes"
}

/// The page size: 500 unless asked, at most 1000.
enum ChangePageSize {
    static let standard = 500
    static let maximum = 1000

    static func parse(_ text: String?) throws -> Int {
        guard let text else { return standard }
        guard text.count <= 4, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let limit = Int(text), (1...maximum).contains(limit) else {
            throw NestError.badRequest("limit must be a whole number from 1 to \(maximum)")
        }
        return limit
    }
}

/// The feed on the SQLite file: the `changes` table kept by `ChangeLogSchema`'s triggers.
struct SQLiteChangeFeed: ChangeFeedStore {
    let store: ServerStore

    /// Walks the primary key from the cursor: a page reads its own rows and one more, never the whole log.
    static let pageQuery = "SELECT seq, kind, recordId, deleted FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"
    static let lastQuery = "SELECT seq FROM sqlite_sequence WHERE name = 'changes'"

    func page(after cursor: Int64, limit: Int) throws -> ChangeFeedPage {
        try store.read { db in
            if cursor > 0 {
                let last = try Int64.fetchOne(db, sql: SQLiteChangeFeed.lastQuery) ?? 0
                guard cursor <= last else { throw ChangeCursor.Unknown() }
            }
            let rows = try Row.fetchAll(db, sql: SQLiteChangeFeed.pageQuery, arguments: [cursor, limit + 1])
            var changes: [Change] = []
            var next = cursor
            var records = 0
            for row in rows.prefix(limit) {
                next = row["seq"]
                let id: String = row["recordId"]
                guard let kind = Change.Kind(rawValue: row["kind"]) else { continue }
                if row["deleted"] as Bool {
                    changes.append(.tombstone(kind, id: id))
                    continue
                }
                records += 1
                changes.append(try SQLiteChangeFeed.change(db, kind, id))
            }
            return ChangeFeedPage(page: ChangesPage(changes: changes, cursor: ChangeCursor.text(next), more: rows.count > limit),
                                  logRowsRead: rows.count, recordsRead: records)
        }
    }

    /// A record in its latest state: a person with its organization links (as the people list shows one), a
    /// consultation as `GET /consultations/:id` answers it, an intervention as `GET /interventions/:id` does (rules,
    /// reminders and their logs). A record the log names that is gone is a tombstone.
    static func change(_ db: Database, _ kind: Change.Kind, _ id: String) throws -> Change {
        switch kind {
        case .person:
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM people WHERE id = ?", arguments: [id]) else { return .tombstone(kind, id: id) }
            var person = row.json()
            person["organizations"] = try Included.links(db, personId: id)
            return Change(kind: kind, id: id, deleted: false, person: try typed(person))
        case .consultation:
            guard let consultation = try Included.consultation(db, id) else { return .tombstone(kind, id: id) }
            return Change(kind: kind, id: id, deleted: false, consultation: try typed(consultation))
        case .intervention:
            guard let intervention = try Included.intervention(db, id) else { return .tombstone(kind, id: id) }
            return Change(kind: kind, id: id, deleted: false, intervention: try typed(intervention))
        }
    }

    /// The record as the contract's type (the routes still build dictionaries; read back through `TappAPI`).
    static func typed<T: Decodable>(_ json: [String: Any]) throws -> T {
        let bytes = try JSONWriter.bytes(json) ?? [UInt8](JSONSerialization.data(withJSONObject: json))
        return try WireDecoder.decode(T.self, from: bytes)
    }
}
