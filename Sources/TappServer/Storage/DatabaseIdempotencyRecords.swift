import Foundation

/// The idempotency keys in the server's database (`idempotency_keys`), on either back-end, so that every instance
/// on one database shares them.
///
/// A claim is atomic without a lock of its own: the key's row is inserted if there is none (`ON CONFLICT DO
/// NOTHING`: of two transactions inserting one key, PostgreSQL makes the second wait for the first and then finds
/// the row), or taken over only if it expired (an `UPDATE` whose condition PostgreSQL checks again on the row it
/// waited for); otherwise the row tells what the key is doing.
struct DatabaseIdempotencyRecords: IdempotencyRecords {
    let database: any ServerDatabase

    func claim(_ key: IdempotencyKey, fingerprint: String, now: Date, expiredBefore: Date) async throws -> IdempotencyClaim {
        try await database.write { db in
            try await DatabaseIdempotencyRecords.claim(db, key, fingerprint: fingerprint, now: now, expiredBefore: expiredBefore)
        }
    }

    func settle(keep: [(IdempotencyKey, StoredAnswer)], release: [IdempotencyKey], claim: [(IdempotencyKey, String)], now: Date,
                expiredBefore: Date) async throws -> [IdempotencyClaim] {
        try await database.write { db in
            for (key, answer) in keep { try await DatabaseIdempotencyRecords.keep(db, key, answer: answer) }
            for key in release { try await DatabaseIdempotencyRecords.release(db, key) }
            var found: [IdempotencyClaim] = []
            for (key, fingerprint) in claim {
                found.append(try await DatabaseIdempotencyRecords.claim(db, key, fingerprint: fingerprint, now: now, expiredBefore: expiredBefore))
            }
            return found
        }
    }

    func keep(_ key: IdempotencyKey, answer: StoredAnswer) async throws {
        try await database.write { db in try await DatabaseIdempotencyRecords.keep(db, key, answer: answer) }
    }

    func release(_ key: IdempotencyKey) async throws {
        try await database.write { db in try await DatabaseIdempotencyRecords.release(db, key) }
    }

    func purge(before date: Date) async throws {
        try await database.write { db in
            try await db.execute("DELETE FROM idempotency_keys WHERE claimedAt < ?", [date.timeIntervalSince1970])
        }
    }

    static func claim(_ db: any SQLSession, _ key: IdempotencyKey, fingerprint: String, now: Date, expiredBefore: Date) async throws
        -> IdempotencyClaim {
        let inserted = try await db.fetchAll("""
            INSERT INTO idempotency_keys (userId, key, fingerprint, claimedAt) VALUES (?, ?, ?, ?)
            ON CONFLICT (userId, key) DO NOTHING RETURNING userId
            """, [key.user, key.key, fingerprint, now.timeIntervalSince1970])
        if !inserted.isEmpty { return .claimed }
        let takenOver = try await db.fetchAll("""
            UPDATE idempotency_keys SET fingerprint = ?, claimedAt = ?, status = NULL, body = NULL
            WHERE userId = ? AND key = ? AND claimedAt < ? RETURNING userId
            """, [fingerprint, now.timeIntervalSince1970, key.user, key.key, expiredBefore.timeIntervalSince1970])
        if !takenOver.isEmpty { return .claimed }
        guard let row = try await db.fetchOne("SELECT fingerprint, claimedAt, status, body FROM idempotency_keys WHERE userId = ? AND key = ?",
                                              [key.user, key.key]) else {
            // Let go between the two statements by the request that held it: as if still in progress, so the caller
            // asks again.
            return .inProgress(since: now)
        }
        guard row["fingerprint"] as String == fingerprint else { return .otherRequest }
        let since = Date(timeIntervalSince1970: row["claimedAt"] as Double)
        guard let status = row["status"] as Int? else { return .inProgress(since: since) }
        let body = (row["body"] as String?).flatMap { Data(base64Encoded: $0) } ?? Data()
        return .answered(StoredAnswer(status: status, body: [UInt8](body)))
    }

    static func keep(_ db: any SQLSession, _ key: IdempotencyKey, answer: StoredAnswer) async throws {
        try await db.execute("UPDATE idempotency_keys SET status = ?, body = ? WHERE userId = ? AND key = ?",
                             [answer.status, Data(answer.body).base64EncodedString(), key.user, key.key])
    }

    static func release(_ db: any SQLSession, _ key: IdempotencyKey) async throws {
        try await db.execute("DELETE FROM idempotency_keys WHERE userId = ? AND key = ? AND status IS NULL", [key.user, key.key])
    }
}
