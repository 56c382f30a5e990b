import ArgumentParser
import TappDomain

/// The numbers the lists and edits take (`--limit`, `--offset`, `--expect-version`), read the same way everywhere:
/// a negative value is read as a value (not as an unknown option), and what is wrong with it is said.
enum CountArgument {
    static let largestLimit = 1_000_000

    /// 1 to 1,000,000.
    static func limit(_ text: String) throws -> Int {
        try whole(text, "--limit", in: 1...largestLimit, "a number of rows from 1 to \(largestLimit)")
    }

    /// 0 or more.
    static func offset(_ text: String) throws -> Int {
        try whole(text, "--offset", in: 0...Int.max, "a number of rows to skip, 0 or more")
    }

    /// A number of days ahead, 1 to 3,650 (ten years).
    static func days(_ text: String) throws -> Int {
        try whole(text, "--upcoming", in: 1...3650, "a number of days from 1 to 3650")
    }

    /// 1 or more: a record's first version is 1.
    static func version(_ text: String) throws -> Int {
        try whole(text, "--expect-version", in: 1...Int.max, "a record's version, 1 or more (as `show` prints it)")
    }

    static func whole(_ text: String, _ option: String, in range: ClosedRange<Int>, _ what: String) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ValidationError("\(option) must be \(what) (got \"\(Echo.of(text))\")")
        }
        return value
    }
}

/// "1–50 of 2010" under a list; past the end, says so instead of "0–2500 of 2010".
enum PageLine {
    static func text(offset: Int, shown: Int, total: Int) -> String {
        if shown > 0 { return "\(offset + 1)–\(offset + shown) of \(total)" }
        if offset > 0, offset >= total { return "none: --offset \(offset) is past the last of \(total)" }
        return "0 of \(total)"
    }
}
