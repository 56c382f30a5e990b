import Foundation
import GRDB

/// The WHERE clause of a list route, built from its query parameters.
struct SQLFilter {
    private(set) var conditions: [String] = []
    private(set) var arguments: [any DatabaseValueConvertible] = []

    /// `column = value` when the parameter is given and not empty.
    mutating func equals(_ column: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        add("\(column) = ?", value)
    }

    /// `column >= from` / `column <= to` for ISO dates given as text; unreadable dates are ignored.
    mutating func between(_ column: String, from: String?, to: String?) {
        if let from = from.flatMap(ServerDates.parse) { add("\(column) >= ?", ServerStore.stamp(from)) }
        if let to = to.flatMap(ServerDates.parse) { add("\(column) <= ?", ServerStore.stamp(to)) }
    }

    mutating func add(_ condition: String, _ values: any DatabaseValueConvertible...) {
        conditions.append(condition)
        arguments += values
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
    var statementArguments: StatementArguments { StatementArguments(arguments) }
}
