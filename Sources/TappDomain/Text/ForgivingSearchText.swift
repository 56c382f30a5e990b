/// What the search index holds of how names sound, and the forgiving queries built from what was typed: the second
/// and third steps of the type-ahead search, run only when the exact and prefix search leaves room on the page.
extension PatientSearchText {
    /// The sound keys of a patient's names (`SoundKey`), as words for the index's `sounds` column: each word of each
    /// name, and each name's words run together (`Ngo Biyong` → `ngo biiong ngobiiong`), so that a compound name is
    /// found written with or without its space.
    public static func sounds(first: String, last: String) -> String {
        sounds(first: PersonName(first), last: PersonName(last))
    }

    /// The same, from names already read (`PersonName` holds their sound keys).
    public static func sounds(first: PersonName, last: PersonName) -> String {
        var words: [String] = []
        for person in [first, last] {
            for word in person.words where !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            if person.words.count > 1, !person.joined.isEmpty { words.append(String(decoding: person.joined, as: UTF8.self)) }
        }
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }.joined(separator: " ")
    }

    /// The words of letters typed, folded (`Hélène` → `helene`); digits are left to the phone search.
    public static func typedWords(_ typed: String) -> [[UInt8]] {
        typed.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "," })
            .map { SoundKey.letters(String($0)) }
            .filter { !$0.isEmpty }
    }

    /// Names that sound like what was typed (an FTS5 expression for the `patientSounds` table), in any order: each typed word's sound key as a prefix of a sound word,
    /// or all typed words run together (`ngo biyong` finds `Ngobiyong`). Nil when no letters were typed.
    public static func soundQuery(_ typed: String) -> String? {
        let words = typedWords(typed)
        guard !words.isEmpty, typed.allSatisfy({ !$0.isNumber }) else { return nil }
        let each = words.map { "\"\(String(decoding: SoundKey.of(letters: $0), as: UTF8.self))\"*" }
        guard words.count > 1 else { return each.first }
        let joined = "\"\(String(decoding: SoundKey.of(letters: words.flatMap { $0 }), as: UTF8.self))\"*"
        return "(\(each.joined(separator: " AND "))) OR \(joined)"
    }

    /// Whether a word of the index could be what was typed with one slip, the typed word being whole or the start of
    /// a longer name (type-ahead): compared with the word's start of the typed length, one letter more or less.
    /// Only for typed words of four letters or more.
    public static func isOneSlipAway(typed: [UInt8], from word: [UInt8]) -> Bool {
        guard typed.count >= 4 else { return false }
        for length in [typed.count, typed.count - 1, typed.count + 1] where length <= word.count && length >= 3 {
            if NameLikeness.withinOneSlip(typed, Array(word.prefix(length))) { return true }
        }
        return false
    }

    /// The FTS5 expression for the typed words, each allowed to be itself (as a prefix) or any of the given indexed
    /// words one slip away. Nil when no word has an alternative.
    public static func slipQuery(_ words: [[UInt8]], alternatives: [[String]]) -> String? {
        guard words.count == alternatives.count, alternatives.contains(where: { !$0.isEmpty }) else { return nil }
        let terms = zip(words, alternatives).map { word, others -> String in
            let own = "names : \"\(String(decoding: word, as: UTF8.self))\"*"
            guard !others.isEmpty else { return own }
            return "(" + ([own] + others.map { "names : \"\($0)\"" }).joined(separator: " OR ") + ")"
        }
        return terms.joined(separator: " AND ")
    }
}
