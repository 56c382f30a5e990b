import Foundation
import TappAPI

/// Where `GET /sync/changes` reads: the log of changes and the records it names (`DatabaseChangeFeed`, on either
/// back-end).
protocol ChangeFeedStore: Sendable {
    /// The changes after `cursor` (0: from the beginning), at most `limit`, oldest first, each record in its latest
    /// state or as a tombstone. Throws `ChangeCursor.Unknown` for a cursor this log never gave.
    func page(after cursor: Int64, limit: Int) async throws -> ChangeFeedPage
}

/// A page, and what reading it cost (for the log: reading 10 changes must read about 10 rows, whatever the size).
struct ChangeFeedPage: Sendable {
    var page: ChangesPage
    var logRowsRead: Int
    var recordsRead: Int
}

/// A cursor: the sequence number of the last change a page carried, written in decimal.
enum ChangeCursor {
    struct Unknown: Error {}

    static func parse(_ text: String?) throws -> Int64 {
        guard let text else { return 0 }
        guard !text.isEmpty, text.count <= 19, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seq = Int64(text) else {
            throw NestError.badRequest(unknownMessage)
        }
        return seq
    }

    static func text(_ seq: Int64) -> String { String(seq) }

    static let unknownMessage = "after must be a cursor given by this server's GET /sync/changes"
}

/// The page size: 500 unless asked, at most 1000.
enum ChangePageSize {
    static let standard = 500
    static let maximum = 1000

    static func parse(_ text: String?) throws -> Int {
        guard let text else { return standard }
        guard text.count <= 4, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let limit = Int(text), (1...maximum).contains(limit) else {
            throw NestError.badRequest("limit must be a whole number from 1 to \(maximum)")
        }
        return limit
    }
}
