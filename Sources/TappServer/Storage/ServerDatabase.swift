import Foundation

/// Where the server keeps its records: one protocol, two back-ends (`SQLiteDatabase`, the embedded default for one
/// machine; `PostgresDatabase`, for several instances on one database). The routes and the worker only ever see
/// this protocol and `SQLSession`; they never know which back-end answers.
public protocol ServerDatabase: Sendable {
    /// `sqlite` or `postgres`, for the logs.
    var backEnd: String { get }
    /// Statements that only read; what they see is committed data.
    func read<T>(_ body: (any SQLSession) async throws -> T) async throws -> T
    /// One transaction: everything `body` writes is committed together, or nothing is if it throws.
    func write<T>(_ body: (any SQLSession) async throws -> T) async throws -> T
    /// What a claim's SELECT ends with so that concurrent workers each take other rows (`FOR UPDATE … SKIP LOCKED`
    /// in PostgreSQL; nothing in SQLite, whose write transactions never run side by side).
    func skipLocked(_ table: String) -> String
    /// Brings the schema to the latest version (each version once, recorded in the database).
    func migrate() async throws
    /// The versions applied, oldest first.
    func appliedVersions() async throws -> [String]
    /// Closes connections; the database is not used afterwards.
    func close() async
}

extension ServerDatabase {
    /// Runs `body` as one transaction that every `read` and `write` inside it joins (`SharedTransaction`): a batch's
    /// operations, committed once for all of them instead of once each. Inside one already, it just runs `body`.
    public func transaction<T>(_ body: () async throws -> T) async throws -> T {
        if SharedTransaction.current != nil { return try await body() }
        return try await write { session in
            return try await SharedTransaction.$current.withValue(SharedTransaction.Session(session: session)) {
                let value = try await body()
                // PostgreSQL commits nothing of a transaction that met an error, and says so only as ROLLBACK: a
                // statement now fails if that happened, and the batch is not answered as done.
                _ = try await session.fetchAll("SELECT 1", [])
                return value
            }
        }
    }
}

/// Opens the database a command names: a `postgres://` URL, or else the SQLite file.
public func openServerDatabase(url: String?, sqlitePath: String?) async throws -> any ServerDatabase {
    if let url, !url.isEmpty {
        return await PostgresDatabase(address: try PostgresAddress(url))
    }
    guard let sqlitePath else { throw DatabaseChoiceError("give --db FILE or --database postgres://…") }
    return try SQLiteDatabase(path: sqlitePath)
}

public struct DatabaseChoiceError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
