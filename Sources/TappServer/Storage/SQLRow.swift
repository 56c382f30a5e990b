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

    /// The row as a JSON object; NULL becomes JSON null, integer flags named in `booleans` become booleans; `lists`
    /// (stored as JSON text) are read back as lists.
    func json(booleans: Set<String> = ["isActive", "enabled"], lists: Set<String> = ["attachments"]) -> [String: Any] {
        var object: [String: Any] = [:]
        // Room for the relations the routes add after the columns.
        object.reserveCapacity(columns.count + 4)
        for (column, value) in zip(columns, values) {
            switch value {
            case .null: object[column] = NSNull()
            case .integer(let number): object[column] = booleans.contains(column) ? (number != 0) as Any : number as Any
            case .real(let number): object[column] = number
            case .text(let text):
                // A list stored as JSON text is read back as the real server's `transformAttachments` reads it: an
                // empty text stays as it is, one that is not JSON is `[]`.
                if lists.contains(column), !text.isEmpty {
                    object[column] = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) ?? [Any]()
                } else {
                    object[column] = text
                }
            }
        }
        return object
    }
}
