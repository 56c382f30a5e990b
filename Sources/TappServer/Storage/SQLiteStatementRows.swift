import Foundation
import GRDB
import GRDBSQLite

/// A statement's rows read straight through SQLite's C API: its arguments bound as they are, each value read once
/// from the statement as it steps. GRDB prepares and caches the statement. Binding a page's 50 person ids through
/// GRDB's boxed arguments took 11 of the links query's 44 µs (in-process, docs/performance.md).
enum SQLiteStatementRows {
    static func fetch(_ db: Database, _ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { sqlite3_reset(handle) }
        guard arguments.count == Int(sqlite3_bind_parameter_count(handle)) else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(arguments.count)", sql: sql)
        }
        for (offset, value) in arguments.enumerated() {
            let code = bind(value, at: CInt(offset + 1), of: handle)
            guard code == SQLITE_OK else { throw error(db, code, sql) }
        }
        let layout = SQLColumns(statement.columnNames)
        let count = CInt(layout.names.count)
        var rows: [SQLRow] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw error(db, code, sql) }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for index in 0..<count { values.append(value(handle, index)) }
            rows.append(SQLRow(layout: layout, values: values))
        }
    }

    private static func bind(_ value: SQLValue, at index: CInt, of handle: OpaquePointer) -> CInt {
        switch value {
        case .null: return sqlite3_bind_null(handle, index)
        case .integer(let number): return sqlite3_bind_int64(handle, index, number)
        case .real(let number): return sqlite3_bind_double(handle, index, number)
        case .text(var text):
            // SQLite copies the bytes (SQLITE_TRANSIENT); an empty text still gets a pointer, or it would be NULL.
            return text.withUTF8 { bytes in
                let start = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(emptyText)).assumingMemoryBound(to: CChar.self)
                return sqlite3_bind_text(handle, index, start, CInt(bytes.count), transient)
            }
        }
    }

    private static func value(_ handle: OpaquePointer, _ index: CInt) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_BLOB:
            // The schema stores no blobs; one put there by hand is read as its base64, as before.
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_blob(handle, index), count > 0 else { return .text("") }
            return .text(Data(bytes: bytes, count: count).base64EncodedString())
        default:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_text(handle, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        }
    }

    private static func error(_ db: Database, _ code: CInt, _ sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                      message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }

    /// A byte for an empty text to point at (never read: its length is 0).
    nonisolated(unsafe) private static let emptyText = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    /// SQLite's `SQLITE_TRANSIENT`: copy the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
