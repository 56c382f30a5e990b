import Foundation
import GRDB
import Testing
import TappTestSupport

/// The pull against the real server process: the server's news come in, a record changed on both sides is kept
/// both and settled by a person, reminders' statuses come back.
@Suite(.serialized) struct SyncPullTests {
    @Test func newsComeInConflictsWaitForAPersonAndStatusesComeBack() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let folder = try DemoFolder(demo: false)
        defer { folder.remove() }
        _ = try TappProcess(database: folder.database, user: nil).run(["init", "--admin-email", "a@b.cm"], stdin: "secret1\n")
        var tapp = TappProcess(database: folder.database, user: "a@b.cm", password: "secret1")
        tapp.environment["TAPP_SYNC_PASSWORD"] = "admin123"
        #expect(try tapp.run(["sync", "login", "--server", "http://127.0.0.1:\(server.port)", "--email", "admin@meditache.com",
                              "--reminders", "server"]).status == 0)
        #expect(try tapp.run(["user", "add", "--email", "dr@b.cm", "--first-name", "Rose", "--last-name", "Mballa", "--role", "DOCTOR"],
                             stdin: "secret2\n").status == 0)
        // The server's seed doctor is this clinic's Dr Mballa.
        let seedDoctor = try await server.seedDoctorId()
        #expect(try tapp.run(["sync", "map-doctor", "--email", "dr@b.cm", "--server-doctor", seedDoctor]).status == 0)
        let added = try tapp.run(["patient", "add", "--first-name", "Hélène", "--last-name", "Ékambi", "--phone", "+237 699 12 34 56", "--json"])
        let helene = try #require((try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])?["id"] as? String)
        let first = try tapp.run(["sync"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        // The seed's three people, their consultations and interventions came in, under Dr Mballa.
        #expect(first.stdout.contains("pulled persons") || first.stdout.contains("pulled patients"))
        let local = try DatabaseQueue(path: folder.database)
        let seedPeople = try await local.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM patient WHERE serverId LIKE 'person_%'") }
        #expect(seedPeople == 3)
        let seedInterventions = try await local.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM intervention WHERE serverId IS NOT NULL AND serverId NOT IN (SELECT serverId FROM intervention WHERE id IN (SELECT entityId FROM changeQueue))")
        }
        #expect((seedInterventions ?? 0) > 0)

        // On the server, someone changes Hélène's phone and books an intervention for person_1 with a reminder.
        let token = try await server.login()
        let heleneServer = try #require(try await local.read { db in try String.fetchOne(db, sql: "SELECT serverId FROM patient WHERE id = ?", arguments: [helene]) })
        #expect(try await server.send("PATCH", "/api/v1/people/\(heleneServer)", body: ["phone": "+237 655 00 00 01"], token: token).status == 200)
        let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))
        let booked = try await server.send("POST", "/api/v1/interventions", body: [
            "personId": "person_1", "doctorId": seedDoctor, "title": "Échographie", "scheduledAt": at,
            "rules": [["offsetMinutes": -1440, "channel": "SMS"]]], token: token)
        #expect(booked.status == 201)
        let bookedId = try #require(booked.object["id"] as? String)
        // Its reminder goes out from the server.
        let serverDB = try DatabaseQueue(path: server.folder.appendingPathComponent("server.sqlite").path)
        try await serverDB.write { db in
            try db.execute(sql: "UPDATE reminders SET status = 'SENT', sentAt = ? WHERE interventionId = ?",
                           arguments: ["2026-11-25T10:00:00.000Z", bookedId])
        }
        #expect(try tapp.run(["sync"]).status == 0)
        #expect(try await local.read { db in try String.fetchOne(db, sql: "SELECT phone FROM patient WHERE id = ?", arguments: [helene]) }
                == "+237 655 00 00 01")
        let pulledStatus = try await local.read { db in
            try String.fetchOne(db, sql: """
                SELECT reminder.status FROM reminder JOIN intervention ON intervention.id = reminder.interventionId
                WHERE intervention.serverId = ?
                """, arguments: [bookedId])
        }
        #expect(pulledStatus == "SENT")
        // The clinic never sends a reminder the server owns.
        let dryRun = try tapp.run(["reminder", "send", "--dry-run"])
        #expect(!dryRun.stdout.contains("Échographie"))
        // and a dry run says what the real send says, instead of listing reminders that would not go.
        let outbox = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString).jsonl").path
        let real = try tapp.run(["reminder", "send", "--provider", "outbox", "--outbox", outbox])
        #expect(dryRun.status == real.status && dryRun.status != 0)
        #expect(dryRun.stderr == real.stderr && real.stderr.contains("sent by the TappPlus server"), "\(dryRun.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outbox))

        // Both sides change Hélène's address: a conflict, nothing overwritten.
        #expect(try tapp.run(["patient", "edit", helene, "--address", "Akwa, Douala"]).status == 0)
        #expect(try await server.send("PATCH", "/api/v1/people/\(heleneServer)", body: ["address": "Bonanjo, Douala"], token: token).status == 200)
        let clash = try tapp.run(["sync"])
        #expect(clash.status == 3)
        let status = try tapp.run(["sync", "status"]).stdout
        #expect(status.contains("conflict: patient \(helene)"))
        #expect(status.contains("Bonanjo, Douala"))
        #expect(try await server.get("/api/v1/people/\(heleneServer)", token: token).object["address"] as? String == "Bonanjo, Douala")
        #expect(try await local.read { db in try String.fetchOne(db, sql: "SELECT address FROM patient WHERE id = ?", arguments: [helene]) }
                == "Akwa, Douala")
        // The person keeps the clinic's version: it goes to the server.
        #expect(try tapp.run(["sync", "resolve", "patient", helene, "--keep", "local"]).status == 0)
        #expect(try tapp.run(["sync"]).status == 0)
        #expect(try await server.get("/api/v1/people/\(heleneServer)", token: token).object["address"] as? String == "Akwa, Douala")

        // Again, keeping the server's this time.
        #expect(try tapp.run(["patient", "edit", helene, "--address", "Deido"]).status == 0)
        #expect(try await server.send("PATCH", "/api/v1/people/\(heleneServer)", body: ["address": "Bali"], token: token).status == 200)
        #expect(try tapp.run(["sync"]).status == 3)
        #expect(try tapp.run(["sync", "resolve", "patient", helene, "--keep", "server"]).status == 0)
        #expect(try await local.read { db in try String.fetchOne(db, sql: "SELECT address FROM patient WHERE id = ?", arguments: [helene]) } == "Bali")
        let settled = try tapp.run(["sync", "--json"])
        #expect(settled.status == 0)
        #expect(settled.stdout.contains("\"openConflicts\" : 0") || settled.stdout.contains("\"openConflicts\":0"))
        #expect(try await server.get("/api/v1/people/\(heleneServer)", token: token).object["address"] as? String == "Bali")
    }

    @Test func dryRunAndFlagsSayWhatTheyDo() throws {
        let folder = try DemoFolder(demo: false)
        defer { folder.remove() }
        _ = try TappProcess(database: folder.database, user: nil).run(["init", "--admin-email", "a@b.cm"], stdin: "secret1\n")
        let tapp = TappProcess(database: folder.database, user: "a@b.cm", password: "secret1")
        #expect(try tapp.run(["patient", "add", "--first-name", "Awa", "--last-name", "Bello"]).status == 0)
        let dry = try tapp.run(["sync", "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would CREATE patient"))
        #expect(try tapp.run(["sync", "--push-only", "--pull-only"]).status == 64)
        #expect(try tapp.run(["sync", "resolve", "reminder", "x", "--keep", "local"]).status == 64)
    }
}
