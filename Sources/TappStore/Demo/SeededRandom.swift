import TappDomain

/// SplitMix64: the same seed gives the same demo clinic on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    private var idCounter: UInt64 = 0

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// Ids drawn from the generator, so that ids too are the same for the same seed: version-7 UUIDs whose
    /// time part counts up from a fixed instant, as ids made one after the other would.
    mutating func id() -> String {
        idCounter += 1
        return LocalID.make(milliseconds: 1_700_000_000_000 + idCounter, random: next(), more: next())
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
