import TappAPI

extension WireValue {
    /// A JSON number that is a whole number (`5`, `5.0`, `5e2`), as JavaScript's `Number.isInteger` and so
    /// class-validator's `@IsInt()` take it; one written with a fraction or an exponent only below 9e15 (where a
    /// `Double` still counts in ones). Nil for a boolean, a fraction, an infinity or anything else.
    var wholeNumber: Int? {
        switch self {
        case .integer(let whole):
            return Int(exactly: whole)
        case .number(let number):
            guard number.isFinite, number == number.rounded(), abs(number) < 9.0e15 else { return nil }
            return Int(number)
        default:
            return nil
        }
    }
}
