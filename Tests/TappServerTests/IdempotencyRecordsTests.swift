import Foundation
import Testing
@testable import TappServer
import TappTestSupport

/// The keeper of idempotency keys on its own, on the back-end the suite runs on (a SQLite file, or a database of its
/// own on the shared PostgreSQL cluster): a key is claimed once, answered, refused to another request, free again
/// after a day, forgotten by the purge; the batch's settle does the same a chunk at a time.
@Suite struct IdempotencyRecordsTests {
    /// A migrated database of the suite's back-end, and how to get rid of it.
    static func records() async throws -> (DatabaseIdempotencyRecords, @Sendable () async -> Void) {
        if TestBackEnd.isPostgres {
            let cluster = try await SharedPostgresCluster.shared.get()
            let name = "k_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try cluster.createDatabase(name)
            let database = try await openServerDatabase(url: cluster.url(name), sqlitePath: nil)
            try await database.migrate()
            return (DatabaseIdempotencyRecords(database: database), {
                await database.close()
                cluster.dropDatabase(name)
            })
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("server.sqlite").path)
        return (DatabaseIdempotencyRecords(database: database), {
            await database.close()
            try? FileManager.default.removeItem(at: folder)
        })
    }

    @Test func aKeyLivesADayThenIsFreeAndPurged() async throws {
        let (records, remove) = try await Self.records()
        do {
            try await Self.aDay(records)
            await remove()
        } catch {
            await remove()
            throw error
        }
    }

    static func aDay(_ records: DatabaseIdempotencyRecords) async throws {
        let key = IdempotencyKey(user: "u1", key: "k")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let dayBefore = { (now: Date) in now.addingTimeInterval(-IdempotencyMiddleware.lifetime) }
        #expect(try await records.claim(key, fingerprint: "f", now: start, expiredBefore: dayBefore(start)) == .claimed)
        #expect(try await records.claim(key, fingerprint: "f", now: start, expiredBefore: dayBefore(start)) == .inProgress(since: start))
        #expect(try await records.claim(key, fingerprint: "g", now: start, expiredBefore: dayBefore(start)) == .otherRequest)
        // Any bytes come back as they were kept.
        let answer = StoredAnswer(status: 201, body: Array(#"{"id":"p1","nom":"Élodie"}"#.utf8) + [0, 255])
        try await records.keep(key, answer: answer)
        let later = start.addingTimeInterval(3_600)
        #expect(try await records.claim(key, fingerprint: "f", now: later, expiredBefore: dayBefore(later)) == .answered(answer))
        // Another user's key of the same name is another key.
        #expect(try await records.claim(IdempotencyKey(user: "u2", key: "k"), fingerprint: "g", now: later, expiredBefore: dayBefore(later)) == .claimed)
        // A day and a second on, the key is free: claimed again, even for another body.
        let dayOn = start.addingTimeInterval(IdempotencyMiddleware.lifetime + 1)
        #expect(try await records.claim(key, fingerprint: "g", now: dayOn, expiredBefore: dayBefore(dayOn)) == .claimed)
        // The purge forgets what was claimed before its date, and only that.
        try await records.purge(before: dayOn)
        #expect(try await records.claim(IdempotencyKey(user: "u2", key: "k"), fingerprint: "h", now: dayOn, expiredBefore: .distantPast) == .claimed)
        #expect(try await records.claim(key, fingerprint: "g", now: dayOn, expiredBefore: .distantPast) == .inProgress(since: dayOn))
        // A key let go before its answer can be claimed again; an answered one cannot be let go.
        try await records.release(key)
        #expect(try await records.claim(key, fingerprint: "x", now: dayOn, expiredBefore: .distantPast) == .claimed)
    }

    @Test func settleKeepsReleasesThenClaimsInOneGo() async throws {
        let (records, remove) = try await Self.records()
        do {
            let now = Date()
            let a = IdempotencyKey(user: "u", key: "a"), b = IdempotencyKey(user: "u", key: "b")
            #expect(try await records.settle(keep: [], release: [], claim: [(a, "fa"), (b, "fb")], now: now, expiredBefore: .distantPast)
                    == [.claimed, .claimed])
            let answer = StoredAnswer(status: 200, body: Array("{}".utf8))
            #expect(try await records.settle(keep: [(a, answer)], release: [b], claim: [(a, "fa"), (b, "fb2"), (a, "other")], now: now,
                                             expiredBefore: .distantPast) == [.answered(answer), .claimed, .otherRequest])
            await remove()
        } catch {
            await remove()
            throw error
        }
    }

    /// Two claims of one key at the same time, as two instances would make them: one claims it, the other finds it
    /// in progress, however the two transactions meet (PostgreSQL runs them side by side).
    @Test func twoClaimsAtOnceOneWins() async throws {
        let (records, remove) = try await Self.records()
        do {
            for round in 0..<20 {
                let key = IdempotencyKey(user: "u", key: "race-\(round)")
                // A whole second: a claim's instant comes back exactly as it went in.
                let now = Date(timeIntervalSince1970: 1_800_000_000 + Double(round))
                async let first = records.claim(key, fingerprint: "f", now: now, expiredBefore: .distantPast)
                async let second = records.claim(key, fingerprint: "f", now: now, expiredBefore: .distantPast)
                let found = try await [first, second]
                #expect(found.filter { $0 == .claimed }.count == 1, "\(found)")
                #expect(found.filter { $0 == .inProgress(since: now) }.count == 1, "\(found)")
            }
            await remove()
        } catch {
            await remove()
            throw error
        }
    }
}
