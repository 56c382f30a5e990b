import Foundation
import TappAPI

/// A column the schema promises was missing or of another kind: a damaged store, answered 500 and logged, never a
/// client's fault.
struct StoredRowError: Error, CustomStringConvertible {
    let column: String
    let found: SQLValue
    var description: String { "stored column \(column) is \(found)" }
}

/// The columns of a row read as the API's fields.
extension SQLRow {
    func text(_ column: String) throws -> String {
        let value = value(column)
        guard case .text(let text) = value else { throw StoredRowError(column: column, found: value) }
        return text
    }

    /// A text column that may be NULL.
    func optionalText(_ column: String) throws -> String? {
        let value = value(column)
        switch value {
        case .null: return nil
        case .text(let text): return text
        default: throw StoredRowError(column: column, found: value)
        }
    }

    func instant(_ column: String) throws -> WireInstant { WireInstant(stored: try text(column)) }

    func optionalInstant(_ column: String) throws -> WireInstant? { try optionalText(column).map(WireInstant.init(stored:)) }

    /// A flag, stored as 0 or 1 on both back-ends.
    func flag(_ column: String) throws -> Bool {
        let value = value(column)
        guard case .integer(let number) = value else { throw StoredRowError(column: column, found: value) }
        return number != 0
    }

    func integer(_ column: String) throws -> Int {
        let value = value(column)
        guard case .integer(let number) = value, let whole = Int(exactly: number) else { throw StoredRowError(column: column, found: value) }
        return whole
    }

    /// A column holding one of an enum's spellings.
    func choice<Choice: RawRepresentable>(_ column: String, _ type: Choice.Type) throws -> Choice where Choice.RawValue == String {
        let value = value(column)
        guard case .text(let text) = value, let choice = Choice(rawValue: text) else { throw StoredRowError(column: column, found: value) }
        return choice
    }
}
