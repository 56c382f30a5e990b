/// A first or last name as the duplicate check compares it: the sound key of each word, of the words run together,
/// and its folded letters.
public final class PersonName: Sendable {
    /// The sound key of each word (`Ngo Biyong` → `ngo`, `biiong`).
    public let words: [[UInt8]]
    /// The folded letters of each word.
    public let wordLetters: [[UInt8]]
    /// The sound key of the whole name, words run together (`ngobiiong`), so that a compound name written with or
    /// without its space is the same.
    public let joined: [UInt8]
    /// The letters, folded, words run together (`ngobiyong`).
    public let letters: [UInt8]
    /// The digits a name holds, if any (`Patient12`): names whose digits differ are other names.
    public let digits: [UInt8]

    public init(_ name: String) {
        let parts = name.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\t" })
        var words: [[UInt8]] = []
        var wordLetters: [[UInt8]] = []
        var letters: [UInt8] = []
        for part in parts {
            let folded = SoundKey.letters(String(part))
            guard !folded.isEmpty else { continue }
            letters += folded
            wordLetters.append(folded)
            words.append(SoundKey.of(letters: folded))
        }
        self.words = words
        self.wordLetters = wordLetters
        digits = name.utf8.filter { $0 >= 48 && $0 <= 57 }
        self.letters = letters
        joined = SoundKey.of(letters: letters)
    }

    public var isEmpty: Bool { letters.isEmpty }

    /// How alike two names are, 0 to 1, and how: the same sound, one slip apart, or one is part of the other
    /// (a compound name given in part).
    public func likeness(to other: PersonName) -> NameMatch {
        if isEmpty || other.isEmpty || digits != other.digits { return NameMatch(score: 0, kind: .different) }
        if letters == other.letters { return NameMatch(score: 1, kind: .same) }
        if joined == other.joined { return NameMatch(score: 0.98, kind: .soundsAlike) }
        let look = NameLikeness.jaroWinkler(joined, other.joined)
        let gendered = NameLikeness.areGenderedPair(letters, other.letters)
        if min(letters.count, other.letters.count) >= 4, !gendered,
           NameLikeness.withinOneSlip(joined, other.joined) || NameLikeness.withinOneSlip(letters, other.letters) {
            return NameMatch(score: max(0.95, look), kind: .slip)
        }
        if words.count != other.words.count {
            let (few, many) = words.count < other.words.count ? (self, other) : (other, self)
            if few.words.indices.allSatisfy({ many.hasWord(soundingLike: few.words[$0], letters: few.wordLetters[$0]) }) {
                return NameMatch(score: 0.94, kind: .partOfCompound)
            }
        }
        if min(letters.count, other.letters.count) >= 6, !gendered, NameLikeness.slips(letters, other.letters, limit: 2) <= 2 {
            return NameMatch(score: max(0.9, look), kind: .twoSlips)
        }
        return NameMatch(score: look, kind: .close)
    }
}

extension PersonName {
    /// Whether one of the words sounds like this one, or is one slip from it (words of four letters or more).
    func hasWord(soundingLike key: [UInt8], letters: [UInt8]) -> Bool {
        for index in words.indices {
            if words[index] == key { return true }
            if min(letters.count, wordLetters[index].count) >= 4, !NameLikeness.areGenderedPair(letters, wordLetters[index]),
               NameLikeness.withinOneSlip(letters, wordLetters[index]) { return true }
        }
        return false
    }
}

/// How two names compare.
public struct NameMatch: Sendable, Equatable, Comparable {
    public enum Kind: Sendable, Equatable { case same, soundsAlike, slip, twoSlips, partOfCompound, close, different }
    public let score: Double
    public let kind: Kind

    public static func < (a: NameMatch, b: NameMatch) -> Bool { a.score < b.score }
}
