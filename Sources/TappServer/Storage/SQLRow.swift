import Foundation

/// The column names of a result, shared by its rows, with each name's position: a value is found by one look-up
/// instead of a scan comparing names.
public final class SQLColumns: Sendable {
    public let names: [String]
    let positions: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        positions.reserveCapacity(names.count)
        // A name given twice (`SELECT *, x AS id`) is its first column, as a scan would find it.
        for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
        self.positions = positions
    }
}

/// One row of a result, its columns in the statement's order, named as the schema names them (`fullName`), whichever
/// back-end read it.
public struct SQLRow: Sendable {
    public let layout: SQLColumns
    public let values: [SQLValue]

    public init(layout: SQLColumns, values: [SQLValue]) {
        self.layout = layout
        self.values = values
    }

    public init(columns: [String], values: [SQLValue]) {
        self.init(layout: SQLColumns(columns), values: values)
    }

    public var columns: [String] { layout.names }

    public func value(_ column: String) -> SQLValue {
        guard let index = layout.positions[column] else { return .null }
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
