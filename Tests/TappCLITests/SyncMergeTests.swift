import Foundation
import GRDB
import Testing
import TappTestSupport

/// A merge reaching the real `tappplus-server` process: the merged person's consultations and future interventions are
/// made again under the kept person and their old copies deleted, then the merged person is deleted; a past
/// intervention, which the server cannot make again, stays there under the merged person, reported by `tapp sync status`.
/// Run against the server as we ship it, and with `--real-server-faults` when this build of the server has it.
@Suite(.serialized) struct SyncMergeTests {
    /// The server's modes this build offers: as shipped, and reproducing the real server's faults if it can.
    static var modes: [[String]] {
        let help = Process()
        help.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        help.arguments = ["serve", "--help"]
        let output = Pipe()
        help.standardOutput = output
        help.standardError = output
        guard (try? help.run()) != nil else { return [[]] }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        help.waitUntilExit()
        return text.contains("--real-server-faults") ? [[], ["--real-server-faults"]] : [[]]
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: SyncMergeTests.modes)
    func aMergeReachesTheServerAndWhatCannotMoveStays(mode: [String]) async throws {
        let server = try await ServerProcess(arguments: mode)
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
        #expect(try tapp.run(["sync", "map-doctor", "--email", "dr@b.cm", "--server-doctor", try await server.seedDoctorId()]).status == 0)
        let local = try DatabaseQueue(path: folder.database)
        let doctor = try #require(try await local.read { db in try String.fetchOne(db, sql: "SELECT id FROM doctor") })
        func add(_ first: String, _ last: String, _ extra: [String] = []) throws -> String {
            let added = try tapp.run(["patient", "add", "--first-name", first, "--last-name", last, "--birthdate", "1990-04-12",
                                      "--phone", "663924388", "--allow-duplicate", "--json"] + extra)
            #expect(added.status == 0, "\(added.stderr)")
            return try #require(try json(added.stdout)["id"] as? String)
        }
        // Two records of Honorine, the second with a consultation and an intervention ahead; two of Marie, the second
        // with an intervention that will be past when they are merged.
        let keep = try add("Honorine", "Zeukeng")
        let other = try add("Onorine", "Zeukeng")
        let marie = try add("Marie", "Abessolo", ["--email", "marie@mail.cm"])
        let marieAgain = try add("Marie", "Abesolo")
        let visit = try tapp.run(["consultation", "add", "--patient", other, "--doctor", doctor, "--at", "2026-01-10T09:00+01:00",
                                  "--reason", "Paludisme", "--json"])
        #expect(visit.status == 0, "\(visit.stderr)")
        let visitId = try #require(try json(visit.stdout)["id"] as? String)
        let ahead = ISO8601DateFormatter().string(from: Date().addingTimeInterval(10 * 86_400))
        let booked = try tapp.run(["intervention", "add", "--patient", other, "--doctor", doctor, "--title", "Vaccination",
                                   "--at", ahead, "--json"])
        #expect(booked.status == 0, "\(booked.stderr)")
        let bookedId = try #require(try json(booked.stdout)["id"] as? String)
        let soon = Date().addingTimeInterval(12)
        let shortly = try tapp.run(["intervention", "add", "--patient", marieAgain, "--doctor", doctor, "--title", "Pansement",
                                    "--at", ISO8601DateFormatter().string(from: soon), "--json"])
        #expect(shortly.status == 0, "\(shortly.stderr)")
        let shortlyId = try #require(try json(shortly.stdout)["id"] as? String)
        let first = try tapp.run(["sync"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")

        func serverId(_ table: String, _ id: String) async throws -> String? {
            try await local.read { db in try String.fetchOne(db, sql: "SELECT serverId FROM \(table) WHERE id = ?", arguments: [id]) }
        }
        let keepPerson = try #require(try await serverId("patient", keep))
        let otherPerson = try #require(try await serverId("patient", other))
        let mariePerson = try #require(try await serverId("patient", marie))
        let marieAgainPerson = try #require(try await serverId("patient", marieAgain))
        let oldVisit = try #require(try await serverId("consultation", visitId))
        let oldBooking = try #require(try await serverId("intervention", bookedId))
        #expect(try await serverId("intervention", shortlyId) != nil)

        // Once Marie's intervention is past (a deadline, not a fixed sleep), both pairs are merged and synced.
        let deadline = Date().addingTimeInterval(60)
        while Date() <= soon.addingTimeInterval(1), Date() < deadline { try await Task.sleep(nanoseconds: 200_000_000) }
        #expect(try tapp.run(["patient", "merge", keep, other, "--yes"]).status == 0)
        #expect(try tapp.run(["patient", "merge", marie, marieAgain, "--yes"]).status == 0)
        let second = try tapp.run(["sync"])
        #expect(second.status == 0 || mode.contains("--real-server-faults"), "\(second.stdout)\(second.stderr)")

        let serverDB = try DatabaseQueue(path: server.folder.appendingPathComponent("server.sqlite").path)
        func count(_ sql: String, _ arguments: StatementArguments) async throws -> Int {
            try await serverDB.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? -1 }
        }
        // Honorine: her consultation and her intervention ahead are under the kept person, their old copies gone, and
        // the merged person deleted.
        #expect(try await count("SELECT count(*) FROM consultations WHERE personId = ?", [keepPerson]) == 1)
        #expect(try await count("SELECT count(*) FROM interventions WHERE personId = ?", [keepPerson]) == 1)
        #expect(try await count("SELECT count(*) FROM consultations WHERE id = ?", [oldVisit]) == 0)
        #expect(try await count("SELECT count(*) FROM interventions WHERE id = ?", [oldBooking]) == 0)
        #expect(try await count("SELECT count(*) FROM people WHERE id = ?", [otherPerson]) == 0)
        #expect(try await serverId("consultation", visitId) != oldVisit)
        #expect(try await serverId("intervention", bookedId) != oldBooking)
        if mode.contains("--real-server-faults") {
            // The real server: its PATCH ignores `personId`, so Marie's past intervention, which it cannot make again,
            // stays under the merged person, who stays too; nothing is lost, and `tapp sync status` says so.
            #expect(try await count("SELECT count(*) FROM interventions WHERE personId = ?", [marieAgainPerson]) == 1)
            #expect(try await count("SELECT count(*) FROM people WHERE id = ?", [marieAgainPerson]) == 1)
            let status = try tapp.run(["sync", "status"])
            #expect(status.stdout.contains(marieAgain) && status.stdout.contains("server keeps this person"), "\(status.stdout)")
        } else {
            // Ours moves a record by PATCH: the past intervention went with it, and the merged person is deleted.
            #expect(try await count("SELECT count(*) FROM interventions WHERE personId = ?", [mariePerson]) == 1)
            #expect(try await count("SELECT count(*) FROM people WHERE id = ?", [marieAgainPerson]) == 0)
        }
        #expect(try await count("SELECT count(*) FROM people WHERE id = ?", [mariePerson]) == 1)
        // Locally, both merged ids open the kept records, with the whole history.
        let record = try tapp.run(["patient", "show", marieAgain, "--json"])
        #expect(record.stdout.contains(marie) && record.stdout.contains(shortlyId))
        // A third sync has nothing new to do and makes no copy twice.
        #expect(try tapp.run(["sync"]).status != 1)
        #expect(try await count("SELECT count(*) FROM consultations WHERE personId = ?", [keepPerson]) == 1)
        #expect(try await count("SELECT count(*) FROM interventions WHERE personId = ?", [keepPerson]) == 1)
    }
}
