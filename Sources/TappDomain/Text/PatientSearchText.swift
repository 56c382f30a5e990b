import Foundation

/// What the patient search index holds for a patient, and how a typed query becomes an FTS5 query.
///
/// The index's tokenizer (`unicode61 remove_diacritics 2`) folds case and accents on both sides, so `helene`
/// finds `Hélène` and `HÉLÈNE` finds `Helene`. Phone numbers are indexed as every suffix of their digits, so a
/// prefix query on digits matches any run of digits whatever the spacing (`69912` finds `+237 699 12 34 56`).
public enum PatientSearchText {
    /// Names as words, plus each compound name joined (`N'Diaye` also as `NDiaye`, `Jean-Pierre` as `JeanPierre`).
    public static func names(first: String, last: String) -> String {
        var words = [first, last]
        for name in [first, last] {
            for part in name.split(separator: " ") where part.contains(where: { !$0.isLetter && !$0.isNumber }) {
                words.append(String(part.filter { $0.isLetter || $0.isNumber }))
            }
        }
        return words.joined(separator: " ")
    }

    /// Every suffix of the number's digits of three digits or more.
    public static func phone(_ phones: [String?]) -> String {
        var tokens: [String] = []
        for phone in phones.compactMap({ $0 }) {
            let digits = Array(phone.filter(\.isASCIIDigit))
            guard !digits.isEmpty else { continue }
            for start in 0..<max(1, digits.count - 2) { tokens.append(String(digits[start...])) }
        }
        return tokens.joined(separator: " ")
    }

    /// The FTS5 MATCH expression for what someone typed, or nil when nothing searchable was typed.
    /// Every word must match (as a prefix); a word of digits is looked for in phone numbers.
    public static func query(_ typed: String) -> String? {
        let hasLetters = typed.contains(where: \.isLetter)
        if !hasLetters {
            let digits = typed.filter(\.isASCIIDigit)
            return digits.isEmpty ? nil : "phone : \"\(digits)\"*"
        }
        var terms: [String] = []
        for word in typed.split(whereSeparator: { $0.isWhitespace }) {
            let letters = word.filter { $0.isLetter || $0.isNumber }
            guard !letters.isEmpty else { continue }
            if letters.allSatisfy(\.isASCIIDigit) {
                terms.append("phone : \"\(letters)\"*")
            } else {
                terms.append("{names email} : \"\(letters)\"*")
            }
        }
        return terms.isEmpty ? nil : terms.joined(separator: " AND ")
    }
}

extension PatientSearchText {
    /// The key patients are listed by: last name then first name, without case or accents.
    public static func sortKey(first: String, last: String) -> String {
        fold("\(last) \(first)")
    }

    /// Lowercase, accents removed: `Hélène` → `helene`.
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}
