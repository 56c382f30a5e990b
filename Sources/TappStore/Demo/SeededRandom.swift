import TappDomain

/// The demo's random numbers (`SplitMix64`): the same seed gives the same demo clinic on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var numbers: SplitMix64
    private var idCounter: UInt64 = 0

    init(seed: UInt64) { numbers = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    mutating func next() -> UInt64 { numbers.next() }

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
