import Foundation

/// `tappplus-server migrate --from FILE`: a SQLite server's records copied into an empty database (PostgreSQL),
/// table by table in the order their references need, rows in the order they were made, all in one transaction.
public enum DatabaseMove {
    static let tables = ["organizations", "users", "doctors", "people", "person_organizations", "consultations", "interventions",
                         "reminder_rules", "reminders", "notification_logs", "deliveries"]
    static let batch = 500

    /// The rows copied, per table.
    public static func copy(from source: any ServerDatabase, to target: any ServerDatabase) async throws -> [(table: String, rows: Int)] {
        try await target.write { into in
            let present = try await into.fetchValue("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM people)", as: Int.self) ?? 0
            guard present == 0 else { throw DatabaseChoiceError("the target database already has users or people: it must be new") }
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
            return copied
        }
    }

    /// Rows per table, to compare both sides after a copy.
    public static func counts(_ database: any ServerDatabase) async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for table in tables { counts[table] = try await db.fetchValue("SELECT count(*) FROM \(table)", as: Int.self) ?? 0 }
            return counts
        }
    }
}
