import Foundation
import Testing
import TappTestSupport

/// `tapp sync login` and `tapp sync status` against the real `tappplus-server` process on 127.0.0.1.
@Suite(.serialized) struct SyncCommandTests {
    @Test func signingInKeepsTheRefreshTokenNotThePassword() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let folder = try DemoFolder()
        defer { folder.remove() }
        var tapp = TappProcess(database: folder.database)
        tapp.environment["TAPP_SYNC_PASSWORD"] = "admin123"
        let login = try tapp.run(["sync", "login", "--server", "http://127.0.0.1:\(server.port)", "--email", "admin@meditache.com"])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("doctor doctor_1"))
        let status = try tapp.run(["sync", "status", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(object["server"] as? String == "http://127.0.0.1:\(server.port)/api/v1")
        #expect(object["signInExpired"] as? Bool == false)
        // The password is nowhere in the file; the refresh token is, and status never prints it.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.database))
        #expect(bytes.range(of: Data("admin123".utf8)) == nil)
        #expect(!status.stdout.contains("eyJ"))
        // A wrong password is the server's refusal, with its message.
        tapp.environment["TAPP_SYNC_PASSWORD"] = "wrong-one"
        let refused = try tapp.run(["sync", "login", "--server", "http://127.0.0.1:\(server.port)", "--email", "admin@meditache.com"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("Identifiants invalides"))
    }

    @Test func plainHTTPToAnotherMachineIsRefused() throws {
        let folder = try DemoFolder()
        defer { folder.remove() }
        var tapp = TappProcess(database: folder.database)
        tapp.environment["TAPP_SYNC_PASSWORD"] = "admin123"
        let refused = try tapp.run(["sync", "login", "--server", "http://tappplus.example.cm", "--email", "admin@meditache.com"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("plain http:// is refused"))
        let unreachable = try tapp.run(["sync", "login", "--server", "http://127.0.0.1:1", "--email", "admin@meditache.com"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("cannot reach"))
        let nurse = try TappProcess(database: folder.database, user: "nurse@meditache.com")
            .run(["sync", "login", "--server", "http://127.0.0.1:1", "--email", "x@y.cm"])
        #expect(nurse.status == 77)
        #expect(try TappProcess(database: folder.database).run(["sync", "status"]).stdout.contains("Not connected"))
    }
}
