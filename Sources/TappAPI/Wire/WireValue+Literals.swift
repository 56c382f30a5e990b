import Foundation

/// JSON written in Swift's own literals (a document such as the API's OpenAPI description): an object literal
/// keeps its keys in the order written.
extension WireValue: ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByStringInterpolation {
    public init(dictionaryLiteral elements: (String, WireValue)...) {
        self = .object(elements.map { Field($0.0, $0.1) })
    }

    public init(arrayLiteral elements: WireValue...) { self = .array(elements) }

    public init(stringLiteral value: String) { self = .string(value) }

    public init(integerLiteral value: Int64) { self = .integer(value) }

    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// An object of a Swift dictionary's entries, keys in alphabetical order (a dictionary has none of its own).
    public static func sorted(_ entries: [String: WireValue]) -> WireValue {
        .object(entries.keys.sorted().map { Field($0, entries[$0] ?? .null) })
    }

    /// A list of texts.
    public static func strings(_ list: [String]) -> WireValue { .array(list.map(WireValue.string)) }

    /// Reads a field of an object; setting one replaces its value where it stands or adds it at the end (setting nil
    /// removes it). Setting a field of anything but an object makes it an object of that field.
    public subscript(field key: String) -> WireValue? {
        get { self[key] }
        set {
            var fields: [Field] = []
            if case .object(let existing) = self { fields = existing }
            if let index = fields.firstIndex(where: { $0.key == key }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append(Field(key, newValue))
            }
            self = .object(fields)
        }
    }
}
