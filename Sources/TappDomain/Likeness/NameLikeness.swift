/// How alike two words or keys are: Jaro-Winkler, and whether one typing slip turns one into the other.
public enum NameLikeness {
    /// Jaro-Winkler similarity, 0 (nothing shared) to 1 (the same).
    public static func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var aMatched = [Bool](repeating: false, count: a.count)
        var bMatched = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in 0..<a.count {
            let low = max(0, i - window), high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !bMatched[j] && a[i] == b[j] {
                aMatched[i] = true
                bMatched[j] = true
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<a.count where aMatched[i] {
            while !bMatched[j] { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// Whether `a` becomes `b` by at most one slip: a letter dropped, added, replaced, or two neighbours swapped.
    public static func withinOneSlip(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        switch long.count - short.count {
        case 0:
            var first = -1
            for index in 0..<short.count where short[index] != long[index] {
                if first < 0 { first = index; continue }
                // A second difference: only a swap of neighbours is one slip.
                guard index == first + 1, short[first] == long[index], short[index] == long[first] else { return false }
                return short[(index + 1)...] == long[(index + 1)...]
            }
            return true
        case 1:
            var index = 0
            while index < short.count, short[index] == long[index] { index += 1 }
            return short[index...] == long[(index + 1)...]
        default:
            return false
        }
    }

    /// A French first name and its other-sex form: `Jean`/`Jeanne`, `Louis`/`Louise`, `Daniel`/`Danielle`,
    /// `Joseph`/`Joséphine`, `Christian`/`Christiane`: twins are often named so.
    public static func areGenderedPair(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard short.count >= 3, long.count > short.count, long.starts(with: short) else { return false }
        let ending = String(decoding: long[short.count...], as: UTF8.self)
        return ["e", "ne", "le", "te", "tte", "ine", "ette", "elle"].contains(ending)
    }

    /// The number of slips (letters dropped, added, replaced, neighbours swapped) from `a` to `b`, counted up to
    /// `limit + 1` (a larger distance answers `limit + 1`).
    public static func slips(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return min(limit + 1, max(a.count, b.count)) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
                rowBest = min(rowBest, value)
            }
            if rowBest > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return min(previous[b.count], limit + 1)
    }
}
