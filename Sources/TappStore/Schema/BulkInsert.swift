import GRDB
import GRDBSQLite

/// A prepared INSERT fed straight through SQLite's C API, for the bulk writes (demo clinic, CSV import)
/// where GRDB's argument boxing costs more than SQLite itself. Only inside a GRDB write transaction.
struct BulkInsert {
    /// A value to bind.
    enum Value {
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
    func insert(_ values: Value...) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text):
                var copy = text
                copy.withUTF8 { bytes in
                    _ = sqlite3_bind_text(handle, index, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                          Int32(bytes.count), BulkInsert.transient)
                }
            case .int(let number):
                sqlite3_bind_int64(handle, index, number)
            case .null:
                sqlite3_bind_null(handle, index)
            }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        sqlite3_reset(handle)
    }

    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension BulkInsert.Value {
    static func text(_ optional: String?) -> Self { optional.map { .text($0) } ?? .null }
    static func int(_ value: Int) -> Self { .int(Int64(value)) }
}
