import Foundation

/// The kinds of a JSON value. Bodies are read by `JSONParser`, which hands a JSON boolean over as `Bool`, an integer
/// as `Int` and any other number as `Double`; values that went through Foundation (`JSONSerialization`) are
/// `NSNumber`s, where on Linux a `0` or `1` also matches `is Bool`: there a boolean is the `NSNumber` of type `c`.
enum JSONKinds {
    static func isBoolean(_ value: Any) -> Bool {
        if type(of: value) == Bool.self { return true }
        guard type(of: value) != Int.self, type(of: value) != Double.self, let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// The value of a JSON `true` or `false`; nil for anything else (`0` and `1` included).
    static func boolean(_ value: Any) -> Bool? {
        guard isBoolean(value) else { return nil }
        if let flag = value as? Bool, type(of: value) == Bool.self { return flag }
        return (value as? NSNumber)?.boolValue
    }

    /// The value of a JSON number that is a whole number fitting an `Int` (`5`, `5.0`, `5e2`, as JavaScript's
    /// `Number.isInteger`); nil for a boolean, a fraction, an infinity or anything else.
    static func integer(_ value: Any) -> Int? {
        guard !isBoolean(value) else { return nil }
        if type(of: value) == Int.self { return value as? Int }
        let double: Double
        if type(of: value) == Double.self, let number = value as? Double {
            double = number
        } else if let number = value as? NSNumber {
            double = number.doubleValue
        } else {
            return nil
        }
        guard double.isFinite, double == double.rounded(), abs(double) < 9.0e15 else { return nil }
        return Int(double)
    }
}
