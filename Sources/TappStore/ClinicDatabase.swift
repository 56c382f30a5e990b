import Foundation
import GRDB
import TappDomain

/// The clinic's whole record in one SQLite file, safe to share between several `tapp` processes.
///
/// Owns the database pool and migrates it when opened. Callers get named write methods that keep the
/// record's rules (audit entry and change-queue entry in the same transaction as each change) and a
/// read-only `reader`.
public struct ClinicDatabase: Sendable {
    let pool: DatabasePool
    public let path: String

    /// How long a writer waits for another process's write before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// The page size of the files tapp creates, in bytes.
    static let pageSize = 16384

    /// Opens (creating it mode 0600 when missing) and migrates the file.
    public init(path: String) throws {
        SQLiteSettings.apply()
        try ClinicDatabase.prepareFile(at: path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(ClinicDatabase.busyTimeout)
        config.label = "clinic"
        config.prepareDatabase { db in
            // 16 KiB pages for a new file (an existing file keeps its own): bulk writes and the search index
            // touch a quarter as many pages. It must be set before the file's first page is written.
            try db.execute(sql: "PRAGMA page_size = \(ClinicDatabase.pageSize)")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        self.path = path
        try ClinicMigrations.migrator.migrate(pool)
    }

    /// A read-only view for screens and reports.
    public var reader: any DatabaseReader { pool }

    /// The names of the migrations this file has had.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try ClinicMigrations.migrator.appliedMigrations(db) }
    }

    /// Creates the file with mode 0600 before SQLite opens it: SQLite gives the WAL and SHM files the main
    /// file's mode, so patient data never lands in a world-readable file.
    static func prepareFile(at path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ClinicError.refused("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        close(fd)
    }

    /// Runs a write transaction, turning SQLite's constraint failures into clear messages.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw ClinicError.refused(ClinicDatabase.explain(error))
        }
    }

    /// Runs a large write (a CSV import, a demo into an open file) with a 256 MiB page cache, so that SQLite does
    /// not evict and re-read index pages while it builds them, and without SQLite's CHECK constraints; the usual
    /// settings come back afterwards.
    ///
    /// The rows of a bulk write are made from the domain's types, which hold what the CHECK constraints check: names
    /// validated not blank, a `CalendarDate` (always a real date), a `BloodType`, an `AuditAction`. But the patient
    /// table's CHECKs call SQL functions (`trim`, `date`), and a statement that calls a function may fail half-way, so
    /// SQLite keeps a statement journal for every multi-row INSERT (a copy of each page the statement changes) and
    /// has the full-text index write out its pending terms before each one. For a 100,000-row import that was 800 MB
    /// copied and a full-text index written in thousands of pieces: a quarter of the import's time. Turning the
    /// setting back off expires every statement prepared meanwhile, so a statement cached during a bulk write is
    /// prepared again, with its CHECKs, before anything else runs it.
    ///
    /// `foreignKeys: false` leaves out SQLite's foreign-key checks too, for the same reason: a multi-row INSERT into
    /// a table with an immediate foreign key also makes SQLite keep a statement journal, whatever the statement says
    /// on conflict, and since "v10" the patient table has one (`mergedInto`, to itself). Only for rows that refer to
    /// nothing (an import's new patients: `mergedInto` is NULL) and that nothing refers to yet. The setting changes
    /// only outside a transaction, so the transaction is opened here, and foreign keys are on again after it.
    func bulkWrite<T>(foreignKeys: Bool = true, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -262144; PRAGMA ignore_check_constraints = ON")
                if !foreignKeys { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
                defer {
                    try? db.execute(sql: "PRAGMA cache_size = \(previous); PRAGMA ignore_check_constraints = OFF")
                    if !foreignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                }
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw ClinicError.refused("the bulk write did not run") }
                return result
            }
        } catch let error as DatabaseError {
            throw ClinicError.refused(ClinicDatabase.explain(error))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw ClinicError.refused(ClinicDatabase.explain(error))
        }
    }

    static func explain(_ error: DatabaseError) -> String {
        let message = error.message ?? "\(error)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "the database stayed busy for \(Int(busyTimeout)) s (another tapp is writing a lot): try again"
        case .SQLITE_CONSTRAINT:
            if message.contains("FOREIGN KEY") { return "a record this one refers to does not exist (\(message))" }
            if message.contains("UNIQUE") { return "a record with the same value already exists (\(message))" }
            return "refused by the database: \(message)"
        default:
            return "database error: \(message)"
        }
    }
}
