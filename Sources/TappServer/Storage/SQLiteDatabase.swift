import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The embedded back-end: one SQLite file (WAL) through GRDB. Reads go to the pool's readers; a write holds the
/// writer connection in `BEGIN IMMEDIATE … COMMIT` for the whole of its body, one writer at a time.
public final class SQLiteDatabase: ServerDatabase {
    let pool: DatabasePool
    private let turn = WriteTurn()
    public let backEnd = "sqlite"

    public init(path: String, migrating: Bool = true) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        // A write transaction is opened and closed by `write` around several calls of the writer connection.
        config.allowsUnsafeTransactions = true
        if !FileManager.default.fileExists(atPath: path) {
            let fd = Glibc.open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 { Glibc.close(fd) }
        }
        pool = try DatabasePool(path: path, configuration: config)
        if migrating { try SQLiteSchema.migrator.migrate(pool) }
    }

    public func read<T>(_ body: (any SQLSession) async throws -> T) async throws -> T {
        // A failed read leaves SQLite's transaction as it was: no savepoint needed.
        if let shared = SharedTransaction.current { return try await SharedTransaction.run(shared, savepoint: false, body) }
        return try await body(Reading(pool: pool))
    }

    public func write<T>(_ body: (any SQLSession) async throws -> T) async throws -> T {
        if let shared = SharedTransaction.current { return try await SharedTransaction.run(shared, savepoint: true, body) }
        await turn.take()
        do {
            try SQLiteDatabase.writer(pool) { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            do {
                let value = try await body(Writing(pool: pool))
                try SQLiteDatabase.writer(pool) { db in try db.execute(sql: "COMMIT") }
                await turn.give()
                return value
            } catch {
                try? SQLiteDatabase.writer(pool) { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") } }
                throw error
            }
        } catch {
            await turn.give()
            throw error
        }
    }

    public func skipLocked(_ table: String) -> String { "" }

    public func migrate() async throws { try SQLiteSchema.migrator.migrate(pool) }

    public func appliedVersions() async throws -> [String] {
        try SQLiteDatabase.reader(pool) { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }.sorted()
    }

    public func close() async { try? pool.close() }

    // GRDB's blocking accesses, called from async code on purpose: a statement takes microseconds, and a hop to GRDB's
    // own queue per statement would cost more than the statement (the people list runs three).
    static func writer<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction(body)
    }

    /// One statement on a reader, without GRDB's BEGIN/COMMIT around it: a single statement is atomic on its own,
    /// and the transaction doubled the cost of the people list's short reads.
    static func reader<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        try pool.unsafeRead(body)
    }

    struct Reading: SQLSession {
        let pool: DatabasePool
        func fetchAll(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
            try SQLiteDatabase.reader(pool) { db in try SQLiteStatementRows.fetch(db, sql, arguments) }
        }
        func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
            preconditionFailure("a read cannot write: \(sql)")
        }
    }

    struct Writing: SQLSession {
        let pool: DatabasePool
        func fetchAll(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
            try SQLiteDatabase.writer(pool) { db in try SQLiteStatementRows.fetch(db, sql, arguments) }
        }
        /// Through GRDB's own execution, not `SQLiteStatementRows`: the transactions' and savepoints' statements run
        /// here, and GRDB keeps its account of them.
        func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
            try SQLiteDatabase.writer(pool) { db in
                try db.cachedStatement(sql: sql).execute(arguments: SQLiteDatabase.arguments(arguments))
            }
        }
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: nil
            case .integer(let number): number
            case .real(let number): number
            case .text(let text): text
            }
        })
    }
}
