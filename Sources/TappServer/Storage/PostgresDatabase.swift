import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The back-end for several instances on one database: PostgreSQL through postgres-nio's connection pool. A read
/// leases a connection for its statements; a write is one transaction on one connection (`BEGIN … COMMIT`, rolled
/// back if the body throws).
public final class PostgresDatabase: ServerDatabase {
    let client: PostgresClient
    private let running: Task<Void, Never>
    public let backEnd = "postgres"
    public let address: PostgresAddress
    static let logger = Logger(label: "tappplus-server.postgres")

    public init(address: PostgresAddress) async {
        self.address = address
        let client = PostgresClient(configuration: address.configuration, backgroundLogger: PostgresDatabase.logger)
        self.client = client
        // The pool runs for the life of this object (`close` ends it); connections are leased once it runs.
        let (started, signal) = AsyncStream<Void>.makeStream()
        running = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        await Task.yield()
    }

    public func read<T>(_ body: (any SQLSession) async throws -> T) async throws -> T {
        // PostgreSQL ends a transaction at its first failed statement: a read is a savepoint too.
        if let shared = SharedTransaction.current { return try await SharedTransaction.run(shared, savepoint: true, body) }
        var result: T?
        try await client.withConnection { connection in
            result = try await body(Session(connection: connection))
        }
        return result!
    }

    public func write<T>(_ body: (any SQLSession) async throws -> T) async throws -> T {
        if let shared = SharedTransaction.current { return try await SharedTransaction.run(shared, savepoint: true, body) }
        var result: T?
        try await client.withConnection { connection in
            let session = Session(connection: connection)
            try await session.execute("BEGIN", [SQLValue]())
            do {
                result = try await body(session)
                try await session.execute("COMMIT", [SQLValue]())
            } catch {
                try? await session.execute("ROLLBACK", [SQLValue]())
                throw error
            }
        }
        return result!
    }

    public func skipLocked(_ table: String) -> String { "FOR UPDATE OF \(table) SKIP LOCKED" }

    /// Every version not yet in `schema_versions`, each in its own transaction, under an advisory lock so that
    /// instances starting together migrate once.
    public func migrate() async throws {
        try await client.withConnection { connection in
            let session = Session(connection: connection)
            try await session.execute("SELECT pg_advisory_lock(7517001)", [SQLValue]())
            do {
                try await session.execute("CREATE TABLE IF NOT EXISTS schema_versions (version TEXT PRIMARY KEY, appliedAt TEXT NOT NULL)",
                                          [SQLValue]())
                let applied = Set(try await session.fetchColumn("SELECT version FROM schema_versions", as: String.self))
                for (version, sql) in PostgresSchema.versions where !applied.contains(version) {
                    try await session.execute("BEGIN", [SQLValue]())
                    do {
                        for statement in PostgresDatabase.statements(sql) { try await session.execute(statement, [SQLValue]()) }
                        try await session.execute("INSERT INTO schema_versions VALUES (?, ?)", [version, Instants.stamp()])
                        try await session.execute("COMMIT", [SQLValue]())
                    } catch {
                        try? await session.execute("ROLLBACK", [SQLValue]())
                        throw error
                    }
                }
            } catch {
                _ = try? await session.execute("SELECT pg_advisory_unlock(7517001)", [SQLValue]())
                throw error
            }
            try await session.execute("SELECT pg_advisory_unlock(7517001)", [SQLValue]())
        }
    }

    public func appliedVersions() async throws -> [String] {
        try await read { db in
            guard try await db.fetchValue("SELECT to_regclass('schema_versions')::text", as: String.self) != nil else { return [] }
            return try await db.fetchColumn("SELECT version FROM schema_versions ORDER BY version")
        }
    }

    public func close() async {
        running.cancel()
        _ = await running.value
    }

    /// A version's statements, one by one (the extended protocol takes one at a time); a `$$ … $$` body is one.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = [], current = "", inBody = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, line.trimmingCharacters(in: .whitespaces).hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    struct Session: SQLSession {
        let connection: PostgresConnection

        func fetchAll(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
            let rows = try await connection.query(PostgresDatabase.query(sql, arguments), logger: PostgresDatabase.logger)
            var result: [SQLRow] = []
            var layout: SQLColumns?
            for try await row in rows {
                var values: [SQLValue] = []
                var names: [String] = []
                for cell in row where cell.columnName != "rowid" {
                    if layout == nil { names.append(PostgresColumns.named(cell.columnName)) }
                    values.append(try PostgresDatabase.value(cell))
                }
                let columns = layout ?? SQLColumns(names)
                layout = columns
                result.append(SQLRow(layout: columns, values: values))
            }
            return result
        }

        func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
            try await connection.query(PostgresDatabase.query(sql, arguments), logger: PostgresDatabase.logger)
        }
    }

    /// `?` placeholders become `$1`, `$2`… (outside quoted text), the values bound with their types.
    static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
        let text = numbered(sql)
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: binds.appendNull()
            case .integer(let value): binds.append(value)
            case .real(let value): binds.append(value)
            case .text(let value): binds.append(value)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }

    /// The statement with PostgreSQL's numbered placeholders (`$1`, `$2`…) for `?`, outside quotes; read byte by
    /// byte (the placeholders and quotes are ASCII), and kept for the statements the routes run again and again.
    static func numbered(_ sql: String) -> String {
        if let known = numberedStatements.withLock({ $0[sql] }) { return known }
        var text: [UInt8] = []
        text.reserveCapacity(sql.utf8.count + 16)
        var number = 0, quote: UInt8?
        for byte in sql.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
                text.append(byte)
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
                text.append(byte)
            } else if byte == UInt8(ascii: "?") {
                number += 1
                text.append(UInt8(ascii: "$"))
                text.append(contentsOf: String(number).utf8)
            } else {
                text.append(byte)
            }
        }
        let result = String(decoding: text, as: UTF8.self)
        numberedStatements.withLock { known in
            // A bound on memory: the routes' statements are a few hundred (the IN lists' lengths vary).
            if known.count >= 2_000 { known.removeAll(keepingCapacity: true) }
            known[sql] = result
        }
        return result
    }

    static let numberedStatements = Mutex<[String: String]>([:])

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(Int64(try cell.decode(Int.self)))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        default: return .text(try cell.decode(String.self))
        }
    }
}
