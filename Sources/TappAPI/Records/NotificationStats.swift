import Foundation

/// `GET /notifications/stats`: `{ "<CHANNEL>_<STATUS>": count }` over the notification logs, keys in alphabetical
/// order; `{}` when there is none.
public struct NotificationStats: Codable, Sendable, Equatable {
    public var counts: [String: Int]

    public init(counts: [String: Int]) { self.counts = counts }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var counts: [String: Int] = [:]
        for key in c.allKeys { counts[key.stringValue] = try c.decode(Int.self, forKey: key) }
        self.counts = counts
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for key in counts.keys.sorted() { try c.encode(counts[key] ?? 0, forKey: Key(stringValue: key)) }
    }
}
