import Foundation
import TappDomain

/// The WHERE clause of a list route, built from its query parameters.
struct SQLFilter {
    private(set) var conditions: [String] = []
    private(set) var arguments: SQLArguments = []

    /// `column = value` when the parameter is given and not empty.
    mutating func equals(_ column: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        add("\(column) = ?", value)
    }

    /// `column >= from` / `column <= to` for ISO dates given as text (`from`, `to` in the query). A value that is
    /// not a date (an offset beyond ±18:00 included) is a 400 in class-validator's words; the real server answers 500.
    mutating func between(_ column: String, from: String?, to: String?) throws {
        var refused: [String] = []
        for (name, text, comparison) in [("from", from, ">="), ("to", to, "<=")] {
            guard let text, !text.isEmpty else { continue }
            // Express reads a `+` in a query as a space (form encoding): `2026-01-01+10:00`. A `+` sent as is, an
            // offset's sign, is taken too.
            guard ControlCharacters.first(in: text) == nil,
                  let date = ServerDates.parse(text) ?? ServerDates.parse(text.replacingOccurrences(of: "+", with: " ")) else {
                refused.append("\(name) must be a valid ISO 8601 date string")
                continue
            }
            add("\(column) \(comparison) ?", Instants.stamp(date))
        }
        if !refused.isEmpty { throw NestError.validation(refused) }
    }

    mutating func add(_ condition: String, _ values: any SQLValueConvertible...) {
        // No stored text holds NUL (bodies refuse control characters), so a value with one matches nothing; said so
        // here, as PostgreSQL refuses such text in a statement where SQLite compares it.
        if values.contains(where: { ($0 as? String)?.contains("\u{0}") == true }) {
            conditions.append("1 = 0")
            return
        }
        conditions.append(condition)
        arguments += values.map { $0 }
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
}
