import Foundation

/// `tappplus-server migrate --from FILE`: a SQLite server's records copied into an empty database (PostgreSQL),
/// table by table in the order their references need, rows in the order they were made, all in one transaction.
/// The sync extensions' tables come too: the idempotency keys (a client's retry after the move is still answered
/// once), and the changes log as it is, sequence numbers and tombstones included, so that a client's cursor from the
/// SQLite server reads on where it stopped (`ChangeLogMove`).
public enum DatabaseMove {
    static let tables = ["organizations", "users", "doctors", "people", "person_organizations", "consultations", "interventions",
                         "reminder_rules", "reminders", "notification_logs", "deliveries"]
    static let batch = 500

    /// The rows copied, per table.
    public static func copy(from source: any ServerDatabase, to target: any ServerDatabase) async throws -> [(table: String, rows: Int)] {
        try await target.write { into in
            let present = try await into.fetchValue("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM people)", as: Int.self) ?? 0
            guard present == 0 else { throw DatabaseChoiceError("the target database already has users or people: it must be new") }
            try await ChangeLogMove.prepare(into, backEnd: target.backEnd)
            var copied: [(String, Int)] = []
            for table in tables {
                var count = 0, last: Int64 = 0
                while true {
                    let rows = try await source.read { from in
                        try await from.fetchAll("SELECT rowid AS rowid_, * FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT \(batch)", [last])
                    }
                    guard let final = rows.last else { break }
                    last = final["rowid_"]
                    let columns = Array(final.columns.dropFirst())
                    let marks = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
                    let names = columns.map { $0 == "to" ? "\"to\"" : $0 }.joined(separator: ", ")
                    try await into.execute("INSERT INTO \(table) (\(names)) VALUES " + Array(repeating: marks, count: rows.count).joined(separator: ", "),
                                           rows.flatMap { $0.values.dropFirst() })
                    count += rows.count
                }
                copied.append((table, count))
            }
            copied.append(("idempotency_keys", try await copyKeys(from: source, into: into)))
            copied.append(("changes", try await ChangeLogMove.carry(from: source, into: into, backEnd: target.backEnd)))
            return copied
        }
    }

    /// The idempotency keys, in key order (the table has no rowid in SQLite). They live a day: a few at most.
    static func copyKeys(from source: any ServerDatabase, into: any SQLSession) async throws -> Int {
        var count = 0, last = ("", "")
        while true {
            let rows = try await source.read { from in
                try await from.fetchAll("""
                    SELECT userId, key, fingerprint, claimedAt, status, body FROM idempotency_keys
                    WHERE userId > ? OR (userId = ? AND key > ?) ORDER BY userId, key LIMIT \(batch)
                    """, [last.0, last.0, last.1])
            }
            guard let final = rows.last else { return count }
            last = (final["userId"], final["key"])
            let marks = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: rows.count).joined(separator: ", ")
            try await into.execute("INSERT INTO idempotency_keys (userId, key, fingerprint, claimedAt, status, body) VALUES " + marks,
                                   rows.flatMap(\.values))
            count += rows.count
        }
    }

    /// Rows per table, to compare both sides after a copy.
    public static func counts(_ database: any ServerDatabase) async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for table in tables + ["idempotency_keys", "changes"] { counts[table] = try await db.fetchValue("SELECT count(*) FROM \(table)", as: Int.self) ?? 0 }
            return counts
        }
    }
}
