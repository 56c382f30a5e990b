import Foundation

/// Statements run inside one `read` or `write` of a `ServerDatabase`. SQL is written once, in the subset both
/// back-ends read the same way: `?` placeholders, unquoted camelCase names (PostgreSQL folds them, the rows come
/// back with the schema's names), `rowid` for the order things were made in, 0/1 flags, ISO instants as text.
public protocol SQLSession {
    func fetchAll(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow]
    func execute(_ sql: String, _ arguments: [SQLValue]) async throws
}

extension SQLSession {
    public func fetchAll(_ sql: String, _ arguments: SQLArguments = []) async throws -> [SQLRow] {
        try await fetchAll(sql, arguments.sqlValues)
    }

    public func fetchOne(_ sql: String, _ arguments: SQLArguments = []) async throws -> SQLRow? {
        try await fetchAll(sql, arguments.sqlValues).first
    }

    public func execute(_ sql: String, _ arguments: SQLArguments = []) async throws {
        try await execute(sql, arguments.sqlValues)
    }

    /// The first column of the first row.
    public func fetchValue<T: SQLValueConvertible>(_ sql: String, _ arguments: SQLArguments = [], as type: T.Type = T.self) async throws -> T? {
        guard let row = try await fetchOne(sql, arguments), let first = row.values.first else { return nil }
        return T(sqlValue: first)
    }

    /// The first column of every row.
    public func fetchColumn<T: SQLValueConvertible>(_ sql: String, _ arguments: SQLArguments = [], as type: T.Type = T.self) async throws -> [T] {
        try await fetchAll(sql, arguments).compactMap { $0.values.first.flatMap(T.init(sqlValue:)) }
    }
}
