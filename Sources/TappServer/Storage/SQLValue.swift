import Foundation

/// One value a statement takes or a row gives, the same on SQLite and PostgreSQL: the server stores text (ids,
/// ISO instants, JSON lists), whole numbers (flags, offsets, counts) and nothing else.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A Swift value that goes into a statement and comes back out of a row.
public protocol SQLValueConvertible: Sendable {
    var sqlValue: SQLValue { get }
    init?(sqlValue: SQLValue)
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(self) }
    public init?(sqlValue: SQLValue) {
        guard case .text(let text) = sqlValue else { return nil }
        self = text
    }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init?(sqlValue: SQLValue) {
        guard case .integer(let number) = sqlValue else { return nil }
        self = Int(number)
    }
}

extension Int64: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self) }
    public init?(sqlValue: SQLValue) {
        guard case .integer(let number) = sqlValue else { return nil }
        self = number
    }
}

/// Flags are stored as 0 and 1 on both back-ends (SQLite has no boolean; the PostgreSQL schema keeps the same columns).
extension Bool: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public init?(sqlValue: SQLValue) {
        guard case .integer(let number) = sqlValue else { return nil }
        self = number != 0
    }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let number): self = number
        case .integer(let number): self = Double(number)
        default: return nil
        }
    }
}

/// The arguments of a statement, written as a list literal (`[id, name, nil]`).
public typealias SQLArguments = [(any SQLValueConvertible)?]

extension Array where Element == (any SQLValueConvertible)? {
    var sqlValues: [SQLValue] { map { $0?.sqlValue ?? .null } }
}
