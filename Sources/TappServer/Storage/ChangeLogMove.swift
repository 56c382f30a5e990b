/// The changes log carried by `migrate --from FILE` as it is, rather than rebuilt from the records: a rebuilt log
/// would number the records anew and lose the tombstones, so that a client's cursor from the SQLite server would
/// skip changes or name nothing. The copied records fire the target's own triggers; what they logged is replaced by
/// the source's log, and the target's sequence continues after the source's last number.
enum ChangeLogMove {
    /// Before the records are copied: PostgreSQL's log triggers run at each statement instead of all at the commit
    /// (they are deferred to it), so that a large copy does not queue one pending event per row.
    static func prepare(_ into: any SQLSession, backEnd: String) async throws {
        if backEnd == "postgres" { try await into.execute("SET CONSTRAINTS ALL IMMEDIATE") }
    }

    /// After the records: the log replaced by the source's, in its order. The rows copied.
    static func carry(from source: any ServerDatabase, into: any SQLSession, backEnd: String) async throws -> Int {
        try await into.execute("DELETE FROM changes")
        var count = 0, last: Int64 = 0
        while true {
            let rows = try await source.read { from in
                try await from.fetchAll("SELECT seq, kind, recordId, deleted FROM changes WHERE seq > ? ORDER BY seq LIMIT \(DatabaseMove.batch)", [last])
            }
            guard let final = rows.last else { break }
            last = final["seq"]
            let marks = Array(repeating: "(?, ?, ?, ?)", count: rows.count).joined(separator: ", ")
            try await into.execute("INSERT INTO changes (seq, kind, recordId, deleted) VALUES " + marks, rows.flatMap(\.values))
            count += rows.count
        }
        // The target numbers on from the last number the source gave.
        let given = try await source.read { from in
            try await from.fetchValue(DatabaseChangeFeed.lastQuery(source.backEnd), as: Int64.self)
        } ?? 0
        if backEnd == "postgres", given > 0 {
            try await into.execute("SELECT setval('changes_seq', ?)", [given])
        }
        return count
    }
}
