import Foundation

/// Whether two patient records are the same person, and why: names that sound alike, the birth date (typed with
/// day and month swapped or one digit wrong included), the phone, the email.
///
/// The evidence is weighed as points, as a record-linkage model does (agreement adds, disagreement takes away), then
/// made a score from 0 to 1. What it is built to tell apart:
/// - a receptionist's second record of someone: accents dropped, a slip, another spelling, first and last name
///   swapped, part of a compound name, the phone written otherwise, day and month swapped, a field left empty;
/// - look-alikes, who are not duplicates: twins (same last name, birth date and family phone, other first names,
///   `Jean`/`Jeanne` included), a parent and child of the same name a generation apart sharing a phone, namesakes.
///   A shared phone alone proves nothing: families share one.
public struct DuplicateScore: Sendable, Equatable {
    /// 0 to 1; at `threshold` or more, the pair is worth a person's look.
    public let score: Double
    /// In words, strongest first: "same birth date", "names sound alike", …
    public let reasons: [String]

    /// The default: pairs you would act on.
    public static let threshold = 0.8

    /// The points at which a pair reaches `threshold`.
    static let pointsAtThreshold = 6.0

    public var isLikely: Bool { score >= Self.threshold }

    /// The two patients compared. Symmetric.
    public init(_ a: PatientTraits, _ b: PatientTraits) {
        var points = 0.0
        var reasons: [String] = []

        // Names, in the orientation that fits best (first and last names may have been swapped).
        let straight = (a.first.likeness(to: b.first), a.last.likeness(to: b.last))
        let crossed = (a.first.likeness(to: b.last), a.last.likeness(to: b.first))
        let swapped = crossed.0.score + crossed.1.score > straight.0.score + straight.1.score + 0.05
        let (firstMatch, lastMatch) = swapped ? crossed : straight
        points += Self.points(first: firstMatch)
        points += Self.points(last: lastMatch)
        let firstLetters = swapped ? (a.first.letters, b.last.letters) : (a.first.letters, b.first.letters)
        let otherSex = NameLikeness.areGenderedPair(firstLetters.0, firstLetters.1)
        if otherSex { points -= 6 }
        if firstMatch.kind == .same && lastMatch.kind == .same {
            reasons.append(swapped ? "same names, first and last swapped" : "same names")
        } else if firstMatch.score >= 0.9 && lastMatch.score >= 0.9 {
            var words = "names sound alike"
            if swapped { words += ", first and last swapped" }
            if firstMatch.kind == .partOfCompound || lastMatch.kind == .partOfCompound { words += ", part of a compound name" }
            reasons.append(words)
        }

        // Birth date.
        switch BirthDateMatch(a.birth, b.birth) {
        case .same: points += 4; reasons.insert("same birth date", at: 0)
        case .swapped: points += 3; reasons.insert("birth date with day and month swapped", at: 0)
        case .slip: points += 1; reasons.insert("birth date one digit apart", at: 0)
        case .missing: break
        case .different: points -= 7
        }

        // Phone and email: agreement helps a little (families share phones), disagreement hurts a little (numbers change).
        if let p = a.phone, let q = b.phone {
            if p == q { points += 1.5; reasons.append("same phone") } else { points -= 1 }
        }
        if let p = a.email, let q = b.email {
            if p == q { points += 2.5; reasons.append("same email") } else { points -= 0.5 }
        }
        score = Self.squash(points)
        self.reasons = reasons
    }

    /// Points to a score: `pointsAtThreshold` is `threshold`, rounded to three decimals.
    static func squash(_ points: Double) -> Double {
        let shift = log(threshold / (1 - threshold))
        let value = 1 / (1 + exp(-(points - pointsAtThreshold + shift)))
        return (value * 1000).rounded() / 1000
    }

    /// First names tell twins apart: two that are neither the same sound, nor one or two slips apart, nor one part of
    /// the other are other names however alike they look (`Christelle`/`Christian`, `Marcel`/`Marie`).
    static func points(first: NameMatch) -> Double {
        if first.kind == .twoSlips { return 1.5 }
        if first.kind == .close, first.score >= 0.85 { return -2.5 }
        return switch first.score {
        case 0.97...: 3
        case 0.93..<0.97: 2
        case 0.90..<0.93: 1
        case 0.85..<0.90: -1
        case 0.80..<0.85: -3
        default: -5
        }
    }

    static func points(last: NameMatch) -> Double {
        switch last.score {
        case 0.97...: 2.5
        case 0.93..<0.97: 1.5
        case 0.90..<0.93: 0.5
        case 0.85..<0.90: -1
        case 0.80..<0.85: -2.5
        default: -4
        }
    }
}

/// How two birth dates compare, as a receptionist could have typed one of them.
public enum BirthDateMatch: Sendable, Equatable {
    case same, swapped, slip, missing, different

    public init(_ a: CalendarDate?, _ b: CalendarDate?) {
        guard let a, let b else { self = .missing; return }
        if a == b { self = .same; return }
        if a.year == b.year, a.day == b.month, a.month == b.day { self = .swapped; return }
        let sameDayOfYear = a.month == b.month && a.day == b.day
        if a.year == b.year, a.month == b.month, Self.oneDigitApart(a.day, b.day) { self = .slip; return }
        if a.year == b.year, a.day == b.day, Self.oneDigitApart(a.month, b.month) { self = .slip; return }
        // A slip in the year's last digit only: a generation apart is never a slip.
        if sameDayOfYear, a.year / 10 == b.year / 10 { self = .slip; return }
        self = .different
    }

    /// Two-digit numbers that differ in one digit, or whose digits are swapped (12 and 21).
    public static func oneDigitApart(_ x: Int, _ y: Int) -> Bool {
        let (x1, x0, y1, y0) = (x / 10, x % 10, y / 10, y % 10)
        return (x1 == y1) != (x0 == y0) || (x1 == y0 && x0 == y1)
    }
}
