import Foundation

/// The kinds of a JSON value as Foundation hands them over. On Linux a JSON `0` or `1` is an `NSNumber` that
/// `is Bool` also matches (and `true` one that `as? NSNumber` matches), so neither test tells them apart: a JSON
/// boolean is the `NSNumber` whose type is `c` (char), every JSON number is another one.
enum JSONKinds {
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// The value of a JSON `true` or `false`; nil for anything else (`0` and `1` included).
    static func boolean(_ value: Any) -> Bool? {
        isBoolean(value) ? (value as? NSNumber)?.boolValue : nil
    }

    /// The value of a JSON integer that fits an `Int`; nil for a boolean, a fraction, an exponent or anything else.
    static func integer(_ value: Any) -> Int? {
        guard !isBoolean(value), let number = value as? NSNumber else { return nil }
        let text = number.stringValue
        return text.contains(".") || text.contains("e") || text.contains("E") ? nil : Int(text)
    }
}
