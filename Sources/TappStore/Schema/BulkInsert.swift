import GRDB
import GRDBSQLite

/// A prepared INSERT fed straight through SQLite's C API, for the bulk writes (demo clinic, CSV import)
/// where GRDB's argument boxing costs more than SQLite itself. Only inside a GRDB write transaction.
struct BulkInsert {
    /// A value to bind.
    enum Value: Sendable {
        case text(String)
        case int(Int64)
        case null
    }

    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds the values in order, runs the statement, and resets it for the next row.
    func insert(_ values: Value...) throws { try insert(values) }

    func insert(_ values: [Value]) throws { try insert(values[...]) }

    func insert(_ values: ArraySlice<Value>) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let code = values.withUnsafeBufferPointer { BulkInsert.bindAndStep(handle, $0, from: 0) }
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// Binds values from `index` on, then steps. Texts are bound without a copy (`SQLITE_STATIC`): each is
    /// bound inside the scope that keeps its bytes alive, and the statement runs within all those scopes.
    private static func bindAndStep(_ handle: OpaquePointer, _ values: UnsafeBufferPointer<Value>, from index: Int) -> Int32 {
        guard index < values.count else { return sqlite3_step(handle) }
        let position = Int32(index + 1)
        switch values[index] {
        case .text(var text):
            return text.withUTF8 { bytes in
                let pointer = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
                    ?? UnsafeRawPointer(BulkInsert.empty).assumingMemoryBound(to: CChar.self)
                sqlite3_bind_text(handle, position, pointer, Int32(bytes.count), nil)
                return bindAndStep(handle, values, from: index + 1)
            }
        case .int(let number):
            sqlite3_bind_int64(handle, position, number)
        case .null:
            sqlite3_bind_null(handle, position)
        }
        return bindAndStep(handle, values, from: index + 1)
    }

    /// Bytes for an empty text, which SQLite must not read as NULL.
    nonisolated(unsafe) private static let empty = UnsafeMutablePointer<CChar>.allocate(capacity: 1)

}

extension BulkInsert.Value {
    static func text(_ optional: String?) -> Self { optional.map { .text($0) } ?? .null }
    static func int(_ value: Int) -> Self { .int(Int64(value)) }
}

/// Inserts many rows of one table with multi-row `INSERT … VALUES (…), (…), …` statements: one statement
/// run per `rowsPerStatement` rows instead of one per row.
///
/// A statement of several rows is written `INSERT OR ROLLBACK`. A plain `INSERT` of several rows makes SQLite keep a
/// statement journal, a copy of each page the statement changes, so that a failure takes back that statement alone:
/// for a 100,000-row import that was 800 MB copied to a temporary file. A failure in a bulk write takes back the
/// whole transaction anyway. A full-text (FTS5) table wants one row per statement: a statement of several rows makes
/// it write out the terms it holds, and then merge the small segments that makes.
struct BatchedInsert {
    let rowsPerStatement: Int
    /// How many values one row has (the `?` of the tuple).
    let columns: Int
    private let full: BulkInsert
    private let head: String
    private let tuple: String
    private let db: Database

    /// `sql` is a one-row INSERT whose values are one parenthesised tuple at its end.
    init(_ db: Database, sql: String, rowsPerStatement: Int = 64) throws {
        guard let values = sql.range(of: "VALUES", options: .backwards), sql.hasPrefix("INSERT INTO ") else {
            throw ClinicError.refused("not a one-row INSERT: \(sql)")
        }
        self.db = db
        self.rowsPerStatement = rowsPerStatement
        head = String(sql[..<values.upperBound].dropFirst("INSERT INTO ".count))
        tuple = sql[values.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        columns = tuple.filter { $0 == "?" }.count
        full = try BulkInsert(db, sql: Self.statement(head: head, tuple: tuple, rows: rowsPerStatement))
    }

    /// The INSERT of `rows` rows: `OR ROLLBACK` when there are several.
    private static func statement(head: String, tuple: String, rows: Int) -> String {
        (rows > 1 ? "INSERT OR ROLLBACK INTO " : "INSERT INTO ") + head + " "
            + Array(repeating: tuple, count: rows).joined(separator: ",")
    }

    /// Inserts rows given one after the other in a flat list of values (`columns` values per row), in order.
    func insert(flat values: ArraySlice<BulkInsert.Value>) throws {
        let perStatement = rowsPerStatement * columns
        var rest = values
        while rest.count >= perStatement {
            try full.insert(rest.prefix(perStatement))
            rest = rest.dropFirst(perStatement)
        }
        guard !rest.isEmpty else { return }
        let tail = try BulkInsert(db, sql: Self.statement(head: head, tuple: tuple, rows: rest.count / columns))
        try tail.insert(rest)
    }

    /// Inserts the rows in order.
    func insert(_ rows: ArraySlice<[BulkInsert.Value]>) throws {
        try insert(flat: Array(rows.joined())[...])
    }
}
