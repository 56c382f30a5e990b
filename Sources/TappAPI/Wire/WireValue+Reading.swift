import Foundation

/// What a reader of a JSON tree asks of one value: each answers nil when the value is of another kind.
extension WireValue {
    /// An object's fields, in the order they stand.
    public var fields: [Field]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    /// An array's items.
    public var items: [WireValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// A JSON `true` or `false` (never a `0` or a `1`).
    public var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}
