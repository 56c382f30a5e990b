import Foundation
import GRDB
import TappTestSupport

/// Reads the server's SQLite file beside it (the server keeps running: WAL lets both read).
enum DatabaseCount {
    static func rows(in server: ServerProcess, sql: String, _ arguments: any DatabaseValueConvertible...) throws -> Int {
        let db = try DatabaseQueue(path: server.folder.appendingPathComponent("server.sqlite").path)
        defer { try? db.close() }
        return try db.read { db in try Int.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? -1 }
    }

    static func write(in server: ServerProcess, _ body: (Database) throws -> Void) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let db = try DatabaseQueue(path: server.folder.appendingPathComponent("server.sqlite").path, configuration: configuration)
        defer { try? db.close() }
        try db.write(body)
    }
}
