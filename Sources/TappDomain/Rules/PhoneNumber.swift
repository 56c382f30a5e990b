/// The country whose numbers the clinic's staff type without a prefix: its calling code and how many national
/// digits its numbers have (Cameroon: +237, 9 digits). Set by `tapp init` or `tapp settings phone`.
public struct PhoneCountry: Sendable, Equatable, CustomStringConvertible {
    /// The calling code's digits, without `+`: `237`.
    public let callingCode: String
    /// How many digits a national number has: 9 in Cameroon.
    public let nationalDigits: Int

    public static let cameroon = PhoneCountry(uncheckedCallingCode: "237", nationalDigits: 9)

    init(uncheckedCallingCode: String, nationalDigits: Int) {
        callingCode = uncheckedCallingCode
        self.nationalDigits = nationalDigits
    }

    /// A country as an administrator gives it: `237` or `+237`, and 4 to 13 national digits (a whole number at most 15).
    public init(callingCode text: String, nationalDigits: Int) throws(FieldError) {
        var code = text.trimmed
        if code.hasPrefix("+") { code.removeFirst() }
        guard (1...3).contains(code.utf8.count), code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), code.utf8.first != 48 else {
            throw FieldError("callingCode", "must be 1 to 3 digits, not starting with 0, such as 237 (got \"\(Echo.of(text))\")")
        }
        guard (4...(15 - code.utf8.count)).contains(nationalDigits) else {
            throw FieldError("nationalDigits", "must be between 4 and \(15 - code.utf8.count) (got \(nationalDigits))")
        }
        callingCode = code
        self.nationalDigits = nationalDigits
    }

    public var description: String { "+\(callingCode), \(nationalDigits) digits" }
}

/// Phone numbers as numbers: read whatever way they were typed, stored in E.164 (`+237699123456`),
/// shown grouped (`+237 699 12 34 56`).
public enum PhoneNumber {
    /// The number in E.164, or nil for an empty value. Reads `+237 699 12 34 56`, `00237699123456`,
    /// `237699123456`, `699.12.34.56`, `699-12-34-56`, `(699) 123 456`; a national number of the clinic's country
    /// must have exactly its number of digits (a leading trunk `0` is dropped: `0612345678` in France).
    /// A number with another calling code (`+33…`, `0033…`) is taken whole: 8 to 15 digits.
    public static func e164(_ text: String, field: String, country: PhoneCountry) throws(FieldError) -> String? {
        let value = text.trimmed
        if value.isEmpty { return nil }
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var plus = false
        for (offset, byte) in value.utf8.enumerated() {
            switch byte {
            case 48...57: digits.append(byte)
            case UInt8(ascii: "+"):
                guard offset == 0 else { throw FieldError(field, "may have + only at the start") }
                plus = true
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"):
                continue
            default:
                throw FieldError(field, "must be a phone number: digits, spaces, dots, dashes and + only (got \"\(Echo.of(text))\")")
            }
            guard digits.count <= 20 else { throw FieldError(field, "has too many digits for a phone number") }
        }
        let code = Array(country.callingCode.utf8)
        var international = plus
        if !plus, digits.count >= 2, digits[0] == 48, digits[1] == 48 {
            digits.removeFirst(2)
            international = true
        }
        if !international, digits.count == code.count + country.nationalDigits, digits.starts(with: code) {
            international = true
        }
        if international {
            if digits.starts(with: code) {
                let national = digits.count - code.count
                guard national == country.nationalDigits else {
                    throw FieldError(field, "must have \(country.nationalDigits) digits after +\(country.callingCode) (got \(national))")
                }
            } else {
                guard (8...15).contains(digits.count), digits.first != 48 else {
                    throw FieldError(field, "must have 8 to 15 digits with its country code (got \(digits.count))")
                }
            }
            return "+" + String(decoding: digits, as: UTF8.self)
        }
        if digits.count == country.nationalDigits + 1, digits.first == 48 { digits.removeFirst() }
        guard digits.count == country.nationalDigits else {
            throw FieldError(field, "must have \(country.nationalDigits) digits, or start with + and the country code (got \(digits.count))")
        }
        return "+" + country.callingCode + String(decoding: digits, as: UTF8.self)
    }

    /// The number as read, or nil when it cannot be read (kept as typed then).
    public static func readable(_ text: String, country: PhoneCountry) -> String? {
        (try? e164(text, field: "phone", country: country)) ?? nil
    }

    /// Whether a stored value is already a number in E.164 (`+` then 8 to 15 digits).
    public static func isE164(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.first == UInt8(ascii: "+"), (9...16).contains(bytes.count) else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// An E.164 number as people read it: the calling code, then the national digits in a group of three (or two)
    /// and pairs: `+237 699 12 34 56`. A value not in E.164 (an old number that could not be read) is shown as it is.
    public static func grouped(_ value: String, country: PhoneCountry = .cameroon) -> String {
        guard isE164(value) else { return value }
        let digits = Array(value.utf8.dropFirst())
        let codeLength = digits.starts(with: Array(country.callingCode.utf8)) ? country.callingCode.utf8.count
            : knownCodeLength(digits)
        let code = String(decoding: digits[..<codeLength], as: UTF8.self)
        let national = Array(digits[codeLength...])
        var groups: [String] = []
        var start = 0
        let first = national.count % 2 == 1 ? 3 : 2
        if national.count > first {
            groups.append(String(decoding: national[0..<first], as: UTF8.self))
            start = first
        }
        while start < national.count {
            let end = min(national.count, start + 2)
            groups.append(String(decoding: national[start..<end], as: UTF8.self))
            start = end
        }
        return "+" + code + " " + groups.joined(separator: " ")
    }

    /// How many digits the calling code of a number of another country takes: 1 for +1 and +7, 2 for the codes of
    /// two digits (20, 27, 30–34, 36, 39, 40–49, 51–58, 60–66, 81–86, 90–95, 98), else 3.
    static func knownCodeLength(_ digits: [UInt8]) -> Int {
        guard let first = digits.first else { return 0 }
        if first == UInt8(ascii: "1") || first == UInt8(ascii: "7") { return 1 }
        guard digits.count > 1 else { return 1 }
        let two = Int(first - 48) * 10 + Int(digits[1] - 48)
        let twoDigitCodes: Set<Int> = [20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55,
                                       56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98]
        return twoDigitCodes.contains(two) ? 2 : 3
    }
}
