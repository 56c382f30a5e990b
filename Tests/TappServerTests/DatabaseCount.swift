import Foundation
@testable import TappServer
import TappTestSupport

/// Reads and writes the server's own database beside it, whichever back-end it runs on (the server keeps running:
/// WAL lets both use the SQLite file; PostgreSQL takes another connection).
enum DatabaseCount {
    static func open(_ server: ServerProcess) async throws -> any ServerDatabase {
        try await openServerDatabase(url: server.databaseURL, sqlitePath: server.folder.appendingPathComponent("server.sqlite").path)
    }

    static func rows(in server: ServerProcess, sql: String, _ arguments: (any SQLValueConvertible)...) async throws -> Int {
        let database = try await open(server)
        do {
            let values: SQLArguments = arguments.map { $0 }
            let count = try await database.read { db in try await db.fetchValue(sql, values, as: Int.self) } ?? -1
            await database.close()
            return count
        } catch {
            await database.close()
            throw error
        }
    }

    static func write(in server: ServerProcess, _ body: (any SQLSession) async throws -> Void) async throws {
        let database = try await open(server)
        do {
            try await database.write(body)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }
}
