/// p50, p99 and max of a list of milliseconds.
struct Percentiles: CustomStringConvertible {
    let p50: Double, p99: Double, max: Double, count: Int
    let unit: String

    init(_ samples: [Double], unit: String = "queries") {
        self.unit = unit
        let sorted = samples.sorted()
        count = sorted.count
        p50 = sorted[sorted.count / 2]
        p99 = sorted[Swift.min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        max = sorted.last!
    }

    var description: String {
        "p50 \(format(p50)) ms, p99 \(format(p99)) ms, max \(format(max)) ms (\(count) \(unit))"
    }

    func format(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return "\(scaled)"
    }
}
