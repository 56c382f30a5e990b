import Foundation
import GRDB

/// One user's idempotency key: keys are scoped per user, so two users' keys never meet.
struct IdempotencyKey: Hashable, Sendable {
    let user: String
    let key: String

    /// A key as a client may send it: 1 to 255 visible ASCII characters (it travels in a header).
    static func isWellFormed(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 255 && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
    static let wellFormedMessage = "Idempotency-Key must be 1 to 255 visible ASCII characters"
}

/// The first answer to a request made with a key: its status and JSON body.
struct StoredAnswer: Equatable, Sendable {
    let status: Int
    let body: [UInt8]
}

/// What claiming a key found.
enum IdempotencyClaim: Equatable, Sendable {
    /// The key is this request's now: carry it out, then keep or release its answer.
    case claimed
    /// A request with this key and this very body was answered: answer the same.
    case answered(StoredAnswer)
    /// The key was used for another request (another route or another body).
    case otherRequest
    /// A request with this key and this body is under way, since then.
    case inProgress(since: Date)
}

/// Where idempotency keys are kept, shared by every server instance on one database: one implementation per storage
/// engine (SQLite here). A key is forgotten a day after it was claimed.
protocol IdempotencyRecords: Sendable {
    /// Claims the key for a request whose method, path and body hash to `fingerprint`, atomically: of two requests
    /// with one key, one claims it and the other finds it in progress. A key claimed before `expiredBefore` is free.
    func claim(_ key: IdempotencyKey, fingerprint: String, now: Date, expiredBefore: Date) throws -> IdempotencyClaim
    /// Keeps the answer of a claimed key, for its replays.
    func keep(_ key: IdempotencyKey, answer: StoredAnswer) throws
    /// Lets a claimed key go (its request failed: a retry runs again).
    func release(_ key: IdempotencyKey) throws
    /// Forgets the keys claimed before `date`.
    func purge(before date: Date) throws
    /// Keeps answers, lets keys go, then claims keys, all in one transaction: a batch's operations settle their keys
    /// a chunk at a time instead of two transactions each. The claims are answered in order.
    func settle(keep: [(IdempotencyKey, StoredAnswer)], release: [IdempotencyKey], claim: [(IdempotencyKey, String)], now: Date,
                expiredBefore: Date) throws -> [IdempotencyClaim]
}

/// The table of keys in the server's SQLite file.
enum IdempotencySchema {
    static let sql = """
        CREATE TABLE idempotency_keys (
          userId TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, claimedAt REAL NOT NULL,
          status INTEGER, body BLOB, PRIMARY KEY (userId, key)) WITHOUT ROWID;
        CREATE INDEX idempotency_keys_claimed ON idempotency_keys(claimedAt);
        """
}

struct SQLiteIdempotencyRecords: IdempotencyRecords {
    let store: ServerStore

    func claim(_ key: IdempotencyKey, fingerprint: String, now: Date, expiredBefore: Date) throws -> IdempotencyClaim {
        try store.write { db in try SQLiteIdempotencyRecords.claim(db, key, fingerprint: fingerprint, now: now, expiredBefore: expiredBefore) }
    }

    func settle(keep: [(IdempotencyKey, StoredAnswer)], release: [IdempotencyKey], claim: [(IdempotencyKey, String)], now: Date,
                expiredBefore: Date) throws -> [IdempotencyClaim] {
        try store.write { db in
            for (key, answer) in keep {
                try db.cachedStatement(sql: "UPDATE idempotency_keys SET status = ?, body = ? WHERE userId = ? AND key = ?")
                    .execute(arguments: [answer.status, Data(answer.body), key.user, key.key])
            }
            for key in release {
                try db.cachedStatement(sql: "DELETE FROM idempotency_keys WHERE userId = ? AND key = ? AND status IS NULL")
                    .execute(arguments: [key.user, key.key])
            }
            return try claim.map { try SQLiteIdempotencyRecords.claim(db, $0.0, fingerprint: $0.1, now: now, expiredBefore: expiredBefore) }
        }
    }

    static func claim(_ db: Database, _ key: IdempotencyKey, fingerprint: String, now: Date, expiredBefore: Date) throws -> IdempotencyClaim {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT fingerprint, claimedAt, status, body FROM idempotency_keys WHERE userId = ? AND key = ?"),
                                   arguments: [key.user, key.key])
        if let row, (row["claimedAt"] as Double) >= expiredBefore.timeIntervalSince1970 {
            guard row["fingerprint"] as String == fingerprint else { return .otherRequest }
            if let status = row["status"] as Int? {
                return .answered(StoredAnswer(status: status, body: [UInt8]((row["body"] as Data?) ?? Data())))
            }
            return .inProgress(since: Date(timeIntervalSince1970: row["claimedAt"]))
        }
        try db.cachedStatement(sql: """
            INSERT INTO idempotency_keys (userId, key, fingerprint, claimedAt) VALUES (?, ?, ?, ?)
            ON CONFLICT (userId, key) DO UPDATE SET fingerprint = excluded.fingerprint, claimedAt = excluded.claimedAt,
              status = NULL, body = NULL
            """).execute(arguments: [key.user, key.key, fingerprint, now.timeIntervalSince1970])
        return .claimed
    }

    func keep(_ key: IdempotencyKey, answer: StoredAnswer) throws {
        try store.write { db in
            try db.execute(sql: "UPDATE idempotency_keys SET status = ?, body = ? WHERE userId = ? AND key = ?",
                           arguments: [answer.status, Data(answer.body), key.user, key.key])
        }
    }

    func release(_ key: IdempotencyKey) throws {
        try store.write { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE userId = ? AND key = ? AND status IS NULL", arguments: [key.user, key.key])
        }
    }

    func purge(before date: Date) throws {
        try store.write { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE claimedAt < ?", arguments: [date.timeIntervalSince1970])
        }
    }
}
