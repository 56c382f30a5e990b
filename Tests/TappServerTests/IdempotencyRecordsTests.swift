import Foundation
import Testing
@testable import TappServer

/// The SQLite keeper of idempotency keys on its own: a key is claimed once, answered, refused to another request,
/// free again after a day, forgotten by the purge; the batch's settle does the same a chunk at a time.
@Suite struct IdempotencyRecordsTests {
    static func store() throws -> (SQLiteIdempotencyRecords, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (SQLiteIdempotencyRecords(store: try ServerStore(path: folder.appendingPathComponent("server.sqlite").path)), folder)
    }

    @Test func aKeyLivesADayThenIsFreeAndPurged() throws {
        let (records, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = IdempotencyKey(user: "u1", key: "k")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let dayBefore = { (now: Date) in now.addingTimeInterval(-IdempotencyMiddleware.lifetime) }
        #expect(try records.claim(key, fingerprint: "f", now: start, expiredBefore: dayBefore(start)) == .claimed)
        #expect(try records.claim(key, fingerprint: "f", now: start, expiredBefore: dayBefore(start)) == .inProgress(since: start))
        #expect(try records.claim(key, fingerprint: "g", now: start, expiredBefore: dayBefore(start)) == .otherRequest)
        let answer = StoredAnswer(status: 201, body: Array(#"{"id":"p1"}"#.utf8))
        try records.keep(key, answer: answer)
        let later = start.addingTimeInterval(3_600)
        #expect(try records.claim(key, fingerprint: "f", now: later, expiredBefore: dayBefore(later)) == .answered(answer))
        // Another user's key of the same name is another key.
        #expect(try records.claim(IdempotencyKey(user: "u2", key: "k"), fingerprint: "g", now: later, expiredBefore: dayBefore(later)) == .claimed)
        // A day and a second on, the key is free: claimed again, even for another body.
        let dayOn = start.addingTimeInterval(IdempotencyMiddleware.lifetime + 1)
        #expect(try records.claim(key, fingerprint: "g", now: dayOn, expiredBefore: dayBefore(dayOn)) == .claimed)
        // The purge forgets what was claimed before its date, and only that.
        try records.purge(before: dayOn)
        #expect(try records.claim(IdempotencyKey(user: "u2", key: "k"), fingerprint: "h", now: dayOn, expiredBefore: .distantPast) == .claimed)
        #expect(try records.claim(key, fingerprint: "g", now: dayOn, expiredBefore: .distantPast) == .inProgress(since: dayOn))
        // A key let go before its answer can be claimed again; an answered one cannot be let go.
        try records.release(key)
        #expect(try records.claim(key, fingerprint: "x", now: dayOn, expiredBefore: .distantPast) == .claimed)
    }

    @Test func settleKeepsReleasesThenClaimsInOneGo() throws {
        let (records, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date()
        let a = IdempotencyKey(user: "u", key: "a"), b = IdempotencyKey(user: "u", key: "b")
        #expect(try records.settle(keep: [], release: [], claim: [(a, "fa"), (b, "fb")], now: now, expiredBefore: .distantPast)
                == [.claimed, .claimed])
        let answer = StoredAnswer(status: 200, body: Array("{}".utf8))
        #expect(try records.settle(keep: [(a, answer)], release: [b], claim: [(a, "fa"), (b, "fb2"), (a, "other")], now: now,
                                   expiredBefore: .distantPast) == [.answered(answer), .claimed, .otherRequest])
    }
}
