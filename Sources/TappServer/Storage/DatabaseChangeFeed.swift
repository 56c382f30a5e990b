import Foundation
import TappAPI

/// The feed over the server's database, either back-end: the `changes` table kept by the triggers of
/// `SQLiteChangeLogSchema` or `PostgresChangeLogSchema`, whose order is the order of commits on both.
struct DatabaseChangeFeed: ChangeFeedStore {
    let database: any ServerDatabase

    /// Walks the primary key from the cursor: a page reads its own rows and one more, never the whole log.
    static let pageQuery = "SELECT seq, kind, recordId, deleted FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"

    /// The last sequence number the log ever gave (so a cursor beyond it was never given): SQLite keeps it for an
    /// AUTOINCREMENT key, PostgreSQL in the log's sequence.
    static func lastQuery(_ backEnd: String) -> String {
        backEnd == "postgres"
            ? "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM changes_seq"
            : "SELECT seq FROM sqlite_sequence WHERE name = 'changes'"
    }

    func page(after cursor: Int64, limit: Int) async throws -> ChangeFeedPage {
        let last = DatabaseChangeFeed.lastQuery(database.backEnd)
        return try await database.read { db in
            if cursor > 0 {
                let given = try await db.fetchValue(last, as: Int64.self) ?? 0
                guard cursor <= given else { throw ChangeCursor.Unknown() }
            }
            let rows = try await db.fetchAll(DatabaseChangeFeed.pageQuery, [cursor, limit + 1])
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
                changes.append(try await DatabaseChangeFeed.change(db, kind, id))
            }
            return ChangeFeedPage(page: ChangesPage(changes: changes, cursor: ChangeCursor.text(next), more: rows.count > limit),
                                  logRowsRead: rows.count, recordsRead: records)
        }
    }

    /// A record in its latest state: a person with its organization links (as the people list shows one), a
    /// consultation as `GET /consultations/:id` answers it, an intervention as `GET /interventions/:id` does (rules,
    /// reminders and their logs). A record the log names that is gone is a tombstone.
    static func change(_ db: any SQLSession, _ kind: Change.Kind, _ id: String) async throws -> Change {
        switch kind {
        case .person:
            guard let person = try await Included.personWithLinks(db, id) else { return .tombstone(kind, id: id) }
            return Change(kind: kind, id: id, deleted: false, person: person)
        case .consultation:
            guard let consultation = try await Included.consultation(db, id) else { return .tombstone(kind, id: id) }
            return Change(kind: kind, id: id, deleted: false, consultation: consultation)
        case .intervention:
            guard let intervention = try await Included.intervention(db, id) else { return .tombstone(kind, id: id) }
            return Change(kind: kind, id: id, deleted: false, intervention: intervention)
        }
    }
}
