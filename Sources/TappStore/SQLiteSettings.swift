import CTappSQLite

/// SQLite's settings for the whole process, made once before the first connection opens.
enum SQLiteSettings {
    /// Memory statistics off: SQLite otherwise takes a process-wide lock at each of its allocations, which costs a
    /// bulk import about 5 % of its time. Nothing in tapp reads those statistics.
    private static let applied: Void = { _ = tapp_sqlite_stop_memory_statistics() }()

    /// Applies the settings if SQLite has not been used yet in this process (later calls do nothing).
    static func apply() { applied }
}
