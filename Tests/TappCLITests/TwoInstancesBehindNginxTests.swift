import Foundation
import Testing
import TappDomain
@testable import TappStore
import TappTestSupport

/// A region's hub: two `tappplus-server` instances on one PostgreSQL, behind nginx, both running the reminder worker
/// on one outbox. A clinic's week of `tapp sync` goes through nginx while one instance is killed with -9, with the
/// server's sync extensions (features, batches, the changes feed, idempotency keys shared in the database). The bar:
/// every record once on the server, every due reminder sent exactly once across both workers.
@Suite(.serialized) struct TwoInstancesBehindNginxTests {
    @Test func aWeekThroughNginxWithAnInstanceKilledArrivesOnceAndEachReminderGoesOutOnce() async throws {
        let cluster = try await PostgresCluster.start()
        defer { cluster.stop() }
        try cluster.createDatabase("region")
        let url = cluster.url("region", pool: 8)
        let outbox = cluster.folder.appendingPathComponent("outbox.jsonl").path
        // A short lease, so that the surviving worker takes over what the killed one had claimed within the test.
        let worker = ["--provider", "outbox", "--outbox", outbox, "--worker-interval", "1", "--worker-lease", "5"]
        let first = try await ServerProcess(seed: true, database: url, arguments: worker)
        defer { first.stop() }
        let second = try await ServerProcess(seed: false, database: url, arguments: worker)
        defer { second.stop() }
        let proxy = try await NginxProxy.start(upstreams: [first.port, second.port])
        defer { proxy.stop() }

        // Reminders falling due while the week is synced, to be sent by whichever worker claims them.
        let token = try await second.login()
        let interventions = try await second.get("/api/v1/interventions", token: token).json as? [[String: Any]] ?? []
        let interventionId = try #require(interventions.first?["id"] as? String)
        var keys: Set<String> = []
        for n in 0..<40 {
            let made = try await second.send("POST", "/api/v1/reminders", body: [
                "interventionId": interventionId, "type": "SMS", "recipient": "+237 650 00 00 \(10 + n)",
                "scheduledAt": Instant.utcString(Date().addingTimeInterval(2 + Double(n) / 2)), "message": "Rappel \(n)",
            ], token: token)
            #expect(made.status == 201)
            keys.insert(try #require(made.object["idempotencyKey"] as? String))
        }

        // The clinic signs in and syncs through nginx.
        let folder = try DemoFolder(demo: false)
        defer { folder.remove() }
        _ = try TappProcess(database: folder.database, user: nil).run(["init", "--admin-email", "a@b.cm"], stdin: "secret1\n")
        var tapp = TappProcess(database: folder.database, user: "a@b.cm", password: "secret1")
        tapp.environment["TAPP_SYNC_PASSWORD"] = "admin123"
        let login = try tapp.run(["sync", "login", "--server", "http://127.0.0.1:\(proxy.port)", "--email", "admin@meditache.com",
                                  "--reminders", "clinic"])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(try tapp.run(["user", "add", "--email", "dr@b.cm", "--first-name", "Rose", "--last-name", "Mballa", "--role", "DOCTOR"],
                             stdin: "secret2\n").status == 0)
        #expect(try tapp.run(["sync", "map-doctor", "--email", "dr@b.cm", "--server-doctor", try await second.seedDoctorId()]).status == 0)
        let db = try ClinicDatabase(path: folder.database)
        let dr = try db.signIn(email: "dr@b.cm", password: "secret2")
        try SyncWeekTests.week(db, dr, patients: 120)

        // The first instance is killed with -9 once part of the week is on the server.
        let running = try tapp.start(["sync", "--rate-limit", "0"])
        let deadline = Date().addingTimeInterval(120)
        var arrived = 0
        while arrived < 30, Date() < deadline, running.process.isRunning {
            arrived = try await second.get("/api/v1/people?search=Semaine&limit=1", token: token).object["total"] as? Int ?? 0
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        _ = try? running.finish(timeout: 120)
        #expect(try SyncWeekTests.syncUntilDone(tapp) == 0)
        try await SyncWeekTests.expectSameRecords(db, second)
        try SyncWeekTests.weekEnd(db, dr)
        #expect(try SyncWeekTests.syncUntilDone(tapp) == 0)
        try await SyncWeekTests.expectSameRecords(db, second)
        // The sync client found the extensions through nginx and used them: batches, the changes feed.
        let logs = [first, second].map { (try? String(contentsOfFile: $0.logPath, encoding: .utf8)) ?? "" }.joined()
        for route in ["GET /api/v1/sync/features 200", "POST /api/v1/sync/batch 200", "GET /api/v1/sync/changes 200"] {
            #expect(logs.contains(route), "no \(route) in either instance's log")
        }

        // Every reminder SENT (the survivor takes over the killed worker's claims once their lease ends), and each
        // in the outbox once.
        let due = Date().addingTimeInterval(90)
        var sent: [[String: Any]] = []
        while Date() < due {
            let all = try await second.get("/api/v1/reminders?interventionId=\(interventionId)", token: token).json as? [[String: Any]] ?? []
            sent = all.filter { keys.contains($0["idempotencyKey"] as? String ?? "") && $0["status"] as? String == "SENT" }
            if sent.count == keys.count { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(sent.count == keys.count)
        let lines = (try String(contentsOfFile: outbox, encoding: .utf8)).split(separator: "\n")
        let written = lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["idempotencyKey"] as? String
        }.filter(keys.contains)
        #expect(written.count == keys.count, "each reminder once in the outbox: \(written.count) lines for \(keys.count) reminders")
        #expect(Set(written) == keys)
        // One SENT notification log per reminder, whichever worker recorded it.
        for reminder in sent {
            let logs = (reminder["notificationLogs"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "SENT" }
            #expect(logs.count == 1)
        }
    }
}
