import Foundation
import Testing
import TappAPI
import TappTestSupport
@testable import TappServer

/// `GET /sync/changes` against the real server process: what changed after a cursor, oldest first, each record once
/// in its latest state, deletions as tombstones, pages joined by their cursors, and a page that reads its own rows
/// only, however many records there are.
@Suite(.serialized) struct ChangeFeedConformanceTests {
    static func page(_ server: ServerProcess, after cursor: String?, limit: Int? = nil, token: String) throws -> ChangesPage {
        var query: [String] = []
        if let cursor { query.append("after=\(cursor)") }
        if let limit { query.append("limit=\(limit)") }
        let answer = try SyncRequests.send(server, "GET", "/api/v1/sync/changes" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")),
                                           token: token)
        guard answer.status == 200 else { throw RawHTTP.Failed(description: "\(answer.status): \(String(decoding: answer.body, as: UTF8.self))") }
        return try WireDecoder.decode(ChangesPage.self, from: answer.body)
    }

    /// Every change after `cursor`, page by page (bounded), and the last cursor.
    static func all(_ server: ServerProcess, after cursor: String?, limit: Int, token: String) throws -> (changes: [Change], cursor: String, pages: Int) {
        var changes: [Change] = []
        var cursor = cursor
        for pages in 1...200 {
            let page = try page(server, after: cursor, limit: limit, token: token)
            changes += page.changes
            cursor = page.cursor
            #expect(page.changes.count <= limit)
            if !page.more { return (changes, page.cursor, pages) }
        }
        Issue.record("more than 200 pages")
        return (changes, cursor ?? "", 200)
    }

    static func made(_ answer: RawHTTP.Answer) throws -> String {
        guard answer.status == 201, let id = answer.object["id"] as? String else {
            throw RawHTTP.Failed(description: "\(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
        }
        return id
    }

    static let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(30 * 86_400))

    @Test func changesComeOldestFirstOnceInTheirLatestStateAndDeletionsAsTombstones() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let doctor = try await server.seedDoctorId()
        // From the beginning: the seed's people are there.
        let start = try Self.all(server, after: nil, limit: 1000, token: token)
        #expect(start.changes.contains { $0.kind == .person && $0.id == "person_1" && $0.person?.fullName != nil })
        let person = try Self.made(SyncRequests.send(server, "POST", "/api/v1/people", body: #"{"fullName":"Inès Flux"}"#, token: token))
        let consultation = try Self.made(SyncRequests.send(server, "POST", "/api/v1/consultations", body: """
            {"personId":"\(person)","doctorId":"\(doctor)","dateTime":"2026-02-01T09:00:00Z","notes":"Toux"}
            """, token: token))
        let intervention = try Self.made(SyncRequests.send(server, "POST", "/api/v1/interventions", body: """
            {"personId":"\(person)","doctorId":"\(doctor)","title":"Vaccin","scheduledAt":"\(Self.future)"}
            """, token: token))
        let created = try Self.page(server, after: start.cursor, token: token)
        #expect(created.changes.map(\.id) == [person, consultation, intervention])
        #expect(created.changes.map(\.kind) == [.person, .consultation, .intervention])
        #expect(!created.more)
        #expect(created.changes[1].consultation?.notes == "Toux")
        // The intervention as GET /interventions/:id shows it: its default rules and their reminders.
        let shown = try WireDecoder.decode(Intervention.self, from: try SyncRequests.send(server, "GET", "/api/v1/interventions/\(intervention)",
                                                                                          token: token).body)
        #expect(created.changes[2].intervention == shown)
        #expect(shown.rules?.count == 2)
        #expect(shown.reminders?.isEmpty == false)
        // Changed twice, the person comes once, last, as it is now; nothing else changed.
        _ = try SyncRequests.send(server, "PATCH", "/api/v1/people/\(person)", body: #"{"phone":"+237 6 11 22 33 44"}"#, token: token)
        _ = try SyncRequests.send(server, "PATCH", "/api/v1/people/\(person)", body: #"{"address":"Akwa"}"#, token: token)
        let changed = try Self.page(server, after: created.cursor, token: token)
        #expect(changed.changes.map(\.id) == [person])
        #expect(changed.changes.first?.person?.phone == "+237 6 11 22 33 44")
        #expect(changed.changes.first?.person?.address == "Akwa")
        // A change of an intervention's reminders is a change of the intervention.
        _ = try SyncRequests.send(server, "POST", "/api/v1/reminders", body: """
            {"interventionId":"\(intervention)","type":"SMS","scheduledAt":"\(Self.future)"}
            """, token: token)
        let reminded = try Self.page(server, after: changed.cursor, token: token)
        #expect(reminded.changes.map(\.id) == [intervention])
        #expect(reminded.changes.first?.intervention?.reminders?.count == (shown.reminders?.count ?? 0) + 1)
        // Deleted, each is a tombstone (the intervention's reminders and rules going with it change nothing).
        #expect(try SyncRequests.send(server, "DELETE", "/api/v1/interventions/\(intervention)", token: token).status == 200)
        #expect(try SyncRequests.send(server, "DELETE", "/api/v1/consultations/\(consultation)", token: token).status == 200)
        #expect(try SyncRequests.send(server, "DELETE", "/api/v1/people/\(person)", token: token).status == 200)
        let gone = try Self.page(server, after: reminded.cursor, token: token)
        #expect(gone.changes == [.tombstone(.intervention, id: intervention), .tombstone(.consultation, id: consultation),
                                 .tombstone(.person, id: person)])
        // And the exact JSON of a tombstone.
        let text = String(decoding: try SyncRequests.send(server, "GET", "/api/v1/sync/changes?after=\(reminded.cursor)&limit=1",
                                                          token: token).body, as: UTF8.self)
        #expect(text.hasPrefix(#"{"changes":[{"kind":"intervention","id":"\#(intervention)","deleted":true}],"cursor":""#))
        #expect(text.hasSuffix(#","more":true}"#))
        // Nothing after the last cursor: an empty page that keeps it.
        let quiet = try Self.page(server, after: gone.cursor, token: token)
        #expect(quiet.changes.isEmpty && quiet.cursor == gone.cursor && !quiet.more)
    }

    @Test func pagesFollowEachOtherByTheirCursorsWithMore() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let start = try Self.all(server, after: nil, limit: 500, token: token)
        var ids: [String] = []
        for index in 0..<7 {
            ids.append(try Self.made(SyncRequests.send(server, "POST", "/api/v1/people", body: #"{"fullName":"Page \#(index)"}"#, token: token)))
        }
        let first = try Self.page(server, after: start.cursor, limit: 3, token: token)
        #expect(first.changes.map(\.id) == Array(ids[0..<3]))
        #expect(first.more)
        let joined = try Self.all(server, after: start.cursor, limit: 3, token: token)
        #expect(joined.changes.map(\.id) == ids)
        #expect(joined.pages == 3)
    }

    @Test func aBadCursorOrLimitIs400AndTheFeedNeedsAToken() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        for query in ["after=abc", "after=-1", "after=", "after=1.5", "after=99999999", "after=99999999999999999999", "limit=0", "limit=1001",
                      "limit=abc", "limit=-5"] {
            let answer = try SyncRequests.send(server, "GET", "/api/v1/sync/changes?\(query)", token: token)
            #expect(answer.status == 400, "\(query)")
            #expect(answer.object["statusCode"] as? Int == 400 && answer.object["error"] as? String == "Bad Request", "\(query)")
        }
        #expect(try SyncRequests.send(server, "GET", "/api/v1/sync/changes", token: nil).status == 401)
        #expect(try SyncRequests.send(server, "GET", "/api/v1/sync/changes?limit=1000", token: token).status == 200)
    }

    @Test func tenChangesAmongFiftyThousandRecordsReadTenRecords() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        // 50,000 people written straight into the database (the triggers log them as any write path would).
        try await DatabaseCount.write(in: server) { db in
            let now = "2026-01-05T08:00:00.000Z"
            try await db.execute("""
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49999)
                INSERT INTO people (id, fullName, createdAt, updatedAt) SELECT 'bulk-' || i, 'Bulk ' || i, ?, ? FROM n
                """, [now, now])
        }
        #expect(try await DatabaseCount.rows(in: server, sql: "SELECT count(*) FROM changes") >= 50_000)
        let cursor = String(try await DatabaseCount.rows(in: server, sql: "SELECT max(seq) FROM changes"))
        var ids: [String] = []
        for index in 0..<10 {
            ids.append(try Self.made(SyncRequests.send(server, "POST", "/api/v1/people", body: #"{"fullName":"Dix \#(index)"}"#, token: token)))
        }
        let page = try Self.page(server, after: cursor, limit: 100, token: token)
        #expect(page.changes.map(\.id) == ids)
        #expect(!page.more)
        // The server's own count of what it read for that page.
        var log = ""
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            log = (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? ""
            if log.contains("sync/changes after \(cursor):") { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(log.contains("sync/changes after \(cursor): 10 changes, 10 log rows and 10 records read"))
        // And the engine's plan for the page's query: a search on the primary key from the cursor, never a scan.
        let database = try await DatabaseCount.open(server)
        let plan: [String]
        do {
            plan = try await database.read { db in
                if database.backEnd == "postgres" {
                    return try await db.fetchColumn("EXPLAIN SELECT seq, kind, recordId, deleted FROM changes WHERE seq > 0 ORDER BY seq LIMIT 11",
                                                    as: String.self)
                }
                return try await db.fetchAll("EXPLAIN QUERY PLAN " + DatabaseChangeFeed.pageQuery, [0, 11]).map { $0["detail"] as String }
            }
            await database.close()
        } catch {
            await database.close()
            throw error
        }
        if database.backEnd == "postgres" {
            #expect(plan.contains { $0.contains("Index Scan using changes_pkey on changes") } && !plan.contains { $0.contains("Seq Scan") }, "\(plan)")
        } else {
            #expect(plan.count == 1 && plan.allSatisfy { $0.contains("SEARCH changes USING INTEGER PRIMARY KEY (rowid>?)") }, "\(plan)")
        }
    }
}
