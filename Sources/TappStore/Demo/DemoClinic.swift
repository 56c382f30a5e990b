import Foundation
import GRDB
import HummingbirdBcrypt
import TappDomain

/// Fills a database with a realistic clinic in Douala for trying `tapp` out: the same clinic for the same seed.
///
/// Its records are history, not changes made here: they get no audit or change-queue entries (the audit log
/// records what people did), and `tapp sync` sends only what is changed afterwards.
public struct DemoClinic: Sendable {
    public var patients: Int
    public var seed: UInt64
    /// The instant the demo is built around: two years of past consultations, interventions ahead.
    public var now: Date

    public static let password = "admin123"
    public static let accounts: [(email: String, role: Role, first: String, last: String)] = [
        ("admin@meditache.com", .admin, "Admin", "Système"),
        ("doctor@meditache.com", .doctor, "Paul", "Ékambi"),
        ("nurse@meditache.com", .nurse, "Solange", "Ngo Mbock"),
        ("reception@meditache.com", .receptionist, "Carine", "Tchana"),
    ]

    public init(patients: Int, seed: UInt64 = 42, now: Date = Date()) {
        self.patients = patients
        self.seed = seed
        self.now = now
    }

    /// Counts of what was written, for the summary line.
    public struct Summary: Sendable, Equatable {
        public var patients = 0, consultations = 0, interventions = 0, reminders = 0
    }

    /// Fills an open database that holds no clinic yet.
    @discardableResult
    public func write(into database: ClinicDatabase, progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        try checkSize()
        let hash = Bcrypt.hash(DemoClinic.password, cost: ClinicDatabase.bcryptCost)
        return try database.bulkWrite { db in try fill(db, hash: hash, progress: progress) }
    }

    /// Makes a new database file holding the demo clinic, then opens it.
    ///
    /// A new file has no page that a crash could leave half-changed, so it is built with a rollback journal
    /// (one write of each page) instead of the WAL (each page written twice: to the log, then to the file);
    /// it is in WAL mode, like every clinic file, once opened. An existing file is refused.
    ///
    /// The clinic is built in `PATH.building-PID` and renamed into place once whole: a demo killed half-way leaves
    /// no file with a schema and no user behind it (which "already exists" would then refuse forever).
    public func create(at path: String, progress: ((Int, Int) -> Void)? = nil) throws -> (ClinicDatabase, Summary) {
        try checkSize()
        try refuseExisting(path)
        DemoClinic.removeAbandoned(path)
        let building = "\(path).building-\(getpid())"
        do {
            let summary = try build(at: building, progress: progress)
            try refuseExisting(path)
            guard rename(building, path) == 0 else {
                throw ClinicError.refused("cannot create \(path): \(String(cString: strerror(errno)))")
            }
            return (try ClinicDatabase(path: path), summary)
        } catch {
            for leftover in [building, building + "-journal"] { unlink(leftover) }
            throw error
        }
    }

    /// Removes what a demo killed half-way left (`PATH.building-PID` of a process that is gone, and its journal).
    static func removeAbandoned(_ path: String) {
        let folder = (path as NSString).deletingLastPathComponent, name = (path as NSString).lastPathComponent
        let prefix = name + ".building-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        where entry.hasPrefix(prefix) {
            let pidText = entry.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = Int32(pidText), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink((folder.isEmpty ? "" : folder + "/") + entry)
        }
    }

    private func refuseExisting(_ path: String) throws {
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > 0 {
            throw ClinicError.refused("\(path) already exists: a demo clinic needs a new file (use --db)")
        }
    }

    private func build(at path: String, progress: ((Int, Int) -> Void)?) throws -> Summary {
        let hash = Bcrypt.hash(DemoClinic.password, cost: ClinicDatabase.bcryptCost)
        SQLiteSettings.apply()
        try ClinicDatabase.prepareFile(at: path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.journalMode = .default
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = \(ClinicDatabase.pageSize)")
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.execute(sql: "PRAGMA cache_size = -16384")
            // Index builds sort in memory rather than in temporary files.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Rows made from the domain's types, without SQLite's CHECKs and the statement journal their SQL
            // functions cost each multi-row INSERT (see `ClinicDatabase.bulkWrite`). This connection is closed
            // once the clinic is written; the file is opened again with every CHECK on.
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
        }
        try ClinicMigrations.migrator.migrate(queue)
        let summary = try queue.write { db in try fill(db, hash: hash, progress: progress) }
        try queue.close()
        return summary
    }

    func checkSize() throws {
        guard (50...1_000_000).contains(patients) else {
            throw ClinicError.invalid(ValidationFailure([FieldError("patients", "must be between 50 and 1000000 (got \(patients))")]))
        }
    }

    func fill(_ db: Database, hash: String, progress: ((Int, Int) -> Void)?) throws -> Summary {
        guard try User.fetchCount(db) == 0, try Patient.fetchCount(db) == 0 else {
            throw ClinicError.refused("this database already holds a clinic: a demo needs a new file (use --db)")
        }
        var generator = DemoGenerator(random: SeededRandom(seed: seed), now: now, hash: hash)
        let (organization, users, doctors) = generator.staff()
        try organization.insert(db)
        for user in users { try user.insert(db) }
        for doctor in doctors { try doctor.insert(db) }
        let summary = try DeferredIndexes.around(db, tables: DemoTable.bulkTables) {
            try DemoPipeline.run(generator: generator, patients: patients, into: db, progress: progress)
        }
        return summary
    }
}

