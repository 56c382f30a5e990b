import Foundation

/// What the patient search index holds for a patient, and how a typed query becomes an FTS5 query.
///
/// The index's tokenizer (`unicode61 remove_diacritics 2`) folds case and accents on both sides, so `helene`
/// finds `Hélène` and `HÉLÈNE` finds `Helene`. Phone numbers are indexed as every run of three of their digits, and
/// kept whole beside: a query on digits matches any run of digits whatever the spacing (`69912` finds
/// `+237 699 12 34 56`, and so does `3456`).
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

    /// The clinic's country calling code (Cameroon). Numbers and queries are compared without it, so that
    /// `+237 699…`, `00237 699…` and `699…` are the same number to the search.
    public static let callingCode = "237"

    /// The digits of a number or a query, without an international prefix and the clinic's calling code.
    /// A number written `+237…` or `00237…` is international whatever its length; written `237…` without
    /// a prefix, only a whole number (12 digits) is taken as international, so that a typed fragment such as
    /// `2376` still searches for those digits.
    public static func nationalDigits(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " }
        var digits = Substring(decoding: text.utf8.filter { $0 >= 48 && $0 <= 57 }, as: UTF8.self)
        var international = trimmed.hasPrefix("+")
        if digits.hasPrefix("00") {
            digits = digits.dropFirst(2)
            international = true
        }
        if digits.hasPrefix(callingCode), digits.count > callingCode.count,
           international || digits.count >= callingCode.count + 9 {
            digits = digits.dropFirst(callingCode.count)
        }
        return String(digits)
    }

    /// What the index holds of phone numbers: every run of three of their national digits (a number of fewer
    /// digits as it is), and the national digits themselves, separated by spaces, to check a longer run against.
    /// Three-digit words are few (a thousand at most), so indexing them costs FTS5 little, where every suffix of
    /// every number made hundreds of thousands of words.
    public static func phoneColumns(_ phones: [String?]) -> (words: String, digits: String) {
        let numbers = phones.compactMap { $0.map(nationalDigits) }.filter { !$0.isEmpty }
        var words: [Substring] = []
        for digits in numbers {
            guard digits.count > 3 else {
                words.append(Substring(digits))
                continue
            }
            var start = digits.startIndex
            var end = digits.index(start, offsetBy: 3)
            while true {
                words.append(digits[start..<end])
                guard end < digits.endIndex else { break }
                start = digits.index(after: start)
                end = digits.index(after: end)
            }
        }
        return (words.joined(separator: " "), numbers.joined(separator: " "))
    }

    /// What someone typed as a search of the index, or nil when nothing searchable was typed.
    /// Every word must match (as a prefix); a word of digits is looked for in phone numbers.
    public static func query(_ typed: String) -> PatientSearchQuery? {
        let hasLetters = typed.contains(where: \.isLetter)
        if !hasLetters {
            let digits = nationalDigits(typed)
            return digits.isEmpty ? nil : PatientSearchQuery(terms: [phoneTerm(digits)], digitRuns: digitRun(digits))
        }
        var terms: [String] = []
        var runs: [String] = []
        for word in typed.split(whereSeparator: { $0.isWhitespace }) {
            let letters = word.filter { $0.isLetter || $0.isNumber }
            guard !letters.isEmpty else { continue }
            if letters.allSatisfy(\.isASCIIDigit) {
                terms.append(phoneTerm(letters))
                runs += digitRun(letters)
            } else {
                terms.append("{names email} : \"\(letters)\"*")
            }
        }
        return terms.isEmpty ? nil : PatientSearchQuery(terms: terms, digitRuns: runs)
    }

    /// Digits as the index's three-digit words: fewer than three as a prefix of a word, three as the word, more as
    /// every three-digit word of them (which says each is in the number, not that they follow one another).
    private static func phoneTerm(_ digits: String) -> String {
        let digits = Array(digits)
        if digits.count < 3 { return "phone : \"\(String(digits))\"*" }
        var words: [String] = []
        for start in 0...(digits.count - 3) {
            let word = String(digits[start..<start + 3])
            if !words.contains(word) { words.append(word) }
        }
        return words.map { "phone : \"\($0)\"" }.joined(separator: " AND ")
    }

    /// A run the three-digit words cannot vouch for on their own: four digits or more.
    private static func digitRun(_ digits: String) -> [String] {
        digits.count > 3 ? [digits] : []
    }
}

/// A typed search as the index answers it: an FTS5 MATCH expression, and the runs of digits the patient's phone
/// numbers must hold as they are (checked against the index's `phoneDigits` column).
public struct PatientSearchQuery: Equatable, Sendable {
    public let terms: [String]
    public let digitRuns: [String]

    /// The FTS5 MATCH expression: every term.
    public var match: String { terms.joined(separator: " AND ") }
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

extension PatientSearchText {
    /// Row ids left under each alphabetical position for patients whose sort keys share their first ten characters.
    public static let orderKeySpread: Int64 = 1 << 14

    /// The first row id of the full-text index for a patient, so that row-id order is alphabetical order.
    ///
    /// The first ten characters of the sort key are read as base-29 digits (end, space, other, a–z) and
    /// multiplied by 2^14: the index can then hand out matches already sorted and stop at the page's end,
    /// however many patients match. Up to 16,384 patients whose keys share ten characters take the next
    /// row ids, in the order they were registered.
    public static func orderKey(_ sortKey: String) -> Int64 {
        var value: Int64 = 0
        var scalars = sortKey.unicodeScalars.makeIterator()
        for _ in 0..<10 {
            let digit: Int64
            if let s = scalars.next() {
                switch s {
                case " ": digit = 1
                case "a"..."z": digit = 3 + Int64(s.value - 97)
                default: digit = 2
                }
            } else {
                digit = 0
            }
            value = value * 29 + digit
        }
        return value * orderKeySpread
    }

    /// The email as indexed: its local part only, so that a domain shared by many patients does not match them all.
    public static func emailWords(_ email: String?) -> String {
        guard let email else { return "" }
        return String(email.split(separator: "@").first ?? "")
    }
}
