import Foundation

/// One row of a result, its columns in the statement's order, named as the schema names them (`fullName`), whichever
/// back-end read it.
public struct SQLRow: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public func value(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    /// The column's value; a missing column or NULL stops with a message (a schema error, never the client's).
    public subscript<T: SQLValueConvertible>(_ column: String) -> T {
        guard let value = T(sqlValue: value(column)) else {
            preconditionFailure("column \(column) is \(value(column)), not \(T.self)")
        }
        return value
    }

    public subscript<T: SQLValueConvertible>(_ column: String) -> T? {
        T(sqlValue: value(column))
    }
}
