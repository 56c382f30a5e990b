import GRDB

/// Builds a table's secondary indexes once, after a bulk insert into an empty table, instead of row by row:
/// SQLite then sorts each index in one pass. The indexes are dropped and made again from their own SQL,
/// inside the caller's transaction, so the schema is exactly as before when it commits.
enum DeferredIndexes {
    static func around<T>(_ db: Database, tables: [String], _ body: () throws -> T) throws -> T {
        let placeholders = tables.map { _ in "?" }.joined(separator: ",")
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(placeholders))
            """, arguments: StatementArguments(tables))
        for index in indexes { try db.execute(sql: "DROP INDEX \(quoted(index["name"]))") }
        let result = try body()
        for index in indexes { try db.execute(sql: index["sql"] as String) }
        return result
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
