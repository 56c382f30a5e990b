/// Two patient records that are likely one person, found by a scan.
public struct DuplicatePair: Sendable, Equatable {
    public let firstId: String
    public let secondId: String
    public let score: DuplicateScore

    public var patientIds: [String] { [firstId, secondId] }
}

/// Finds likely duplicates among many patients without comparing every pair: only patients sharing a blocking key
/// (see `BlockingKeys`) are compared, then scored by `DuplicateScore`.
public enum DuplicateScan {
    /// Blocks with more members than this are too common a key to tell anything (a family phone shared by a whole
    /// village, a name and year everyone has): they are left out, the other keys still bring their pairs together.
    public static let largestBlock = 400

    /// The pairs scoring `minScore` or more, best first (then by ids, so the order is stable). `skip` leaves out
    /// pairs already settled ("not the same person"). `progress(done, total)` is told as blocks are compared.
    public static func pairs(_ patients: [PatientTraits], minScore: Double = DuplicateScore.threshold,
                             skip: (String, String) -> Bool = { _, _ in false },
                             progress: ((Int, Int) -> Void)? = nil) -> [DuplicatePair] {
        var blocks: [UInt64: [Int32]] = [:]
        blocks.reserveCapacity(patients.count * 4)
        for (index, patient) in patients.enumerated() {
            for key in BlockingKeys.of(patient) { blocks[key, default: []].append(Int32(index)) }
        }
        var seen = Set<UInt64>()
        var found: [DuplicatePair] = []
        let groups = blocks.values.filter { $0.count > 1 && $0.count <= largestBlock }
        for (done, members) in groups.enumerated() {
            for x in 0..<members.count {
                for y in (x + 1)..<members.count {
                    let (i, j) = members[x] < members[y] ? (members[x], members[y]) : (members[y], members[x])
                    guard i != j, seen.insert(UInt64(UInt32(i)) << 32 | UInt64(UInt32(j))).inserted else { continue }
                    let a = patients[Int(i)], b = patients[Int(j)]
                    // Born on days no mistake turns into each other: never likely, whatever else they share.
                    if BirthDateMatch(a.birth, b.birth) == .different { continue }
                    let score = DuplicateScore(a, b)
                    guard score.score >= minScore else { continue }
                    let (first, second) = a.id < b.id ? (a.id, b.id) : (b.id, a.id)
                    if skip(first, second) { continue }
                    found.append(DuplicatePair(firstId: first, secondId: second, score: score))
                }
            }
            if let progress, done % 512 == 0 { progress(done, groups.count) }
        }
        progress?(groups.count, groups.count)
        return found.sorted {
            $0.score.score != $1.score.score ? $0.score.score > $1.score.score
                : ($0.firstId, $0.secondId) < ($1.firstId, $1.secondId)
        }
    }
}

/// The keys under which a patient is compared with others: two records of one person share at least one of them
/// whatever single mistake the receptionist made. Each key is a 64-bit hash of its parts (no text is made: a scan or an
/// import makes a million of them).
public enum BlockingKeys {
    public static func of(_ p: PatientTraits) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(14)
        if let phone = p.phone { keys.append(KeyHash(tag: 1).adding(phone.utf8).value) }
        if let email = p.email { keys.append(KeyHash(tag: 2).adding(email.utf8).value) }
        guard let birth = p.birth else { return keys }
        // Day and month in either order: the same date and the swapped one share it.
        keys.append(KeyHash(tag: 3).adding(birth.year).adding(min(birth.day, birth.month)).adding(max(birth.day, birth.month)).value)
        // Each name's sound with the year and month (a slip in the day), with the year and day (a slip in the month), and
        // the whole names with the day of the year (a slip in the year).
        var words: [[UInt8]] = []
        for word in p.first.words + p.last.words + [p.first.joined, p.last.joined] where word.count >= 2 && !words.contains(word) {
            words.append(word)
        }
        for word in words {
            keys.append(KeyHash(tag: 4).adding(word).adding(birth.year).adding(birth.month).value)
            keys.append(KeyHash(tag: 5).adding(word).adding(birth.year).adding(birth.day).value)
        }
        for name in p.first.joined == p.last.joined ? [p.first.joined] : [p.first.joined, p.last.joined] {
            keys.append(KeyHash(tag: 6).adding(name).adding(birth.month).adding(birth.day).value)
        }
        return keys
    }
}

/// FNV-1a over a key's parts.
struct KeyHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init(tag: UInt8) { mix(tag) }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    func adding<Bytes: Sequence>(_ bytes: Bytes) -> KeyHash where Bytes.Element == UInt8 {
        var copy = self
        for byte in bytes { copy.mix(byte) }
        copy.mix(0xFF)
        return copy
    }

    func adding(_ number: Int) -> KeyHash {
        var copy = self
        var rest = UInt64(truncatingIfNeeded: number)
        for _ in 0..<4 {
            copy.mix(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
        return copy
    }
}
