import Foundation
import Testing
import TappTestSupport

/// `tappplus-server migrate --database URL --from FILE`: a SQLite server's records move into PostgreSQL, and the
/// server on PostgreSQL answers exactly as the one on SQLite did.
@Suite struct MigrateFromSQLiteTests {
    static func migrate(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = ["migrate"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func aSQLiteServersRecordsAnswerTheSameFromPostgreSQL() async throws {
        // Records of every kind on a SQLite server.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-move-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sqlite = try await ServerProcess(seed: true, sqliteFolder: folder)
        let token = try await sqlite.login()
        let doctor = try await sqlite.seedDoctorId()
        #expect(try await sqlite.send("POST", "/api/v1/people", body: ["fullName": "Awa Fotso", "phone": "+237 650 11 22 33"], token: token).status == 201)
        let booked = try await sqlite.send("POST", "/api/v1/interventions", body: [
            "personId": "person_2", "doctorId": doctor, "title": "Suivi", "scheduledAt": "2030-01-02T09:00:00Z",
            "rules": [["offsetMinutes": -1440, "channel": "SMS"], ["offsetMinutes": -60, "channel": "EMAIL"]],
        ], token: token)
        #expect(booked.status == 201)
        // The sync extensions' state: a person made with an idempotency key, one deleted (a tombstone in the log).
        let keyed = try SyncRequests.send(sqlite, "POST", "/api/v1/people", body: #"{"fullName":"Clé Gardée"}"#, token: token, key: "moved-key")
        #expect(keyed.status == 201)
        let gone = try await sqlite.send("POST", "/api/v1/people", body: ["fullName": "Partie Bientôt"], token: token)
        let goneId = try #require(gone.object["id"] as? String)
        #expect(try await sqlite.send("DELETE", "/api/v1/people/\(goneId)", token: token).status == 200)
        let paths = ["/api/v1/people?limit=50", "/api/v1/people/person_2", "/api/v1/interventions", "/api/v1/consultations",
                     "/api/v1/organizations", "/api/v1/reminders", "/api/v1/auth/profile", "/api/v1/sync/changes",
                     "/api/v1/sync/changes?after=3&limit=2"]
        var before: [String: String] = [:]
        for path in paths { before[path] = try await sqlite.get(path, token: token).text }
        sqlite.stop()

        let cluster = try await SharedPostgresCluster.shared.get()
        let name = "moved_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try cluster.createDatabase(name)
        defer { cluster.dropDatabase(name) }
        let file = folder.appendingPathComponent("server.sqlite").path
        let moved = try Self.migrate(["--database", cluster.url(name), "--from", file])
        #expect(moved.status == 0, "\(moved.output)")
        #expect(moved.output.contains("people: 5 rows"), "\(moved.output)")
        #expect(moved.output.contains("idempotency_keys: 1 rows"), "\(moved.output)")
        // A second copy into the same database is refused: it is no longer new.
        #expect(try Self.migrate(["--database", cluster.url(name), "--from", file]).status != 0)

        let postgres = try await ServerProcess(seed: false, database: cluster.url(name))
        defer { postgres.stop() }
        // The same token (same secrets, same user id), the same answers, byte for byte.
        for path in paths {
            let answer = try await postgres.get(path, token: token)
            #expect(answer.status == 200)
            #expect(answer.text == before[path], "\(path)")
        }
        // The key came along: the retry is answered from it, not carried out again.
        let retried = try SyncRequests.send(postgres, "POST", "/api/v1/people", body: #"{"fullName":"Clé Gardée"}"#, token: token, key: "moved-key")
        #expect(retried.status == 201 && retried.body == keyed.body, "\(String(decoding: retried.body, as: UTF8.self))")
        #expect(retried.headers["idempotent-replayed"] == "true")
        #expect(try await SyncRequests.people(named: "Clé Gardée", in: postgres) == 1)
        // The log carries on after the last number the SQLite server gave: a change made now is after every cursor.
        let last = try #require(try SyncRequests.send(postgres, "GET", "/api/v1/sync/changes", token: token).object["cursor"] as? String)
        #expect(try await postgres.send("POST", "/api/v1/people", body: ["fullName": "Après"], token: token).status == 201)
        let after = try SyncRequests.send(postgres, "GET", "/api/v1/sync/changes?after=\(last)", token: token)
        #expect((after.object["changes"] as? [[String: Any]])?.count == 1, "\(String(decoding: after.body, as: UTF8.self))")
    }
}
