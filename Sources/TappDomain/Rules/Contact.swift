/// Checks for phone numbers and email addresses, strict enough that the server accepts what we accept.
public enum Contact {
    /// What a phone number may be written with: `0123456789+ .-()/`.
    static func isPhoneByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"): true
        default: false
        }
    }
    /// What the part of an email address before the `@` may hold.
    static let localPartCharacters = Set<Character>("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")

    /// A phone number: digits with optional `+`, spaces, dots, dashes and brackets; 6 to 15 digits.
    /// Returns nil for an empty value.
    public static func phone(_ text: String, field: String) throws(FieldError) -> String? {
        let value = text.trimmed
        if value.isEmpty { return nil }
        // Every allowed character is one ASCII byte, so the bytes tell.
        guard value.utf8.allSatisfy(isPhoneByte) else {
            throw FieldError(field, .phoneCharacters, Echo.of(text))
        }
        let digits = value.utf8.count { $0 >= 48 && $0 <= 57 }
        guard (6...15).contains(digits) else {
            throw FieldError(field, .phoneDigits, String(digits))
        }
        guard !value.dropFirst().contains("+") else {
            throw FieldError(field, .phonePlus)
        }
        return value
    }

    /// An email address as class-validator's IsEmail accepts it (the common cases). Nil for an empty value.
    public static func email(_ text: String, field: String) throws(FieldError) -> String? {
        let value = text.trimmed
        if value.isEmpty { return nil }
        guard isEmail(value) else { throw FieldError(field, .email, Echo.of(text)) }
        return value.lowercased()
    }

    public static func isEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, value.count <= 254 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.count <= 64, local.allSatisfy({ localPartCharacters.contains($0) }),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                  label.allSatisfy({ ($0.isLetter || $0.isNumber || $0 == "-") }) else { return false }
        }
        guard let tld = labels.last else { return false }
        return tld.count >= 2 && tld.allSatisfy(\.isLetter)
    }
}
