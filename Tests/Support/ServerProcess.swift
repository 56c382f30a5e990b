import Foundation
import GRDB
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `tappplus-server` binary on 127.0.0.1, on a port the OS gives it (`--port 0`, read back from the
/// server's own "listening on" line), with a seeded database of its own: a SQLite file in its folder, or with
/// `TAPP_TEST_DATABASE=postgres` a new database on the test process's PostgreSQL cluster (`SharedPostgresCluster`).
public final class ServerProcess: @unchecked Sendable {
    public let process = Process()
    public private(set) var port = 0
    public let folder: URL

    public static var binary: String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("tappplus-server").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/tappplus-server").path
    }

    /// Another server process on the same database as `other` (it must stop first, as it owns the folder).
    public convenience init(seed: Bool = false, reusing other: ServerProcess, arguments extra: [String] = []) async throws {
        try await self.init(seed: seed, folder: other.folder, ownsFolder: false, database: other.databaseURL, arguments: extra)
    }

    /// A server on the PostgreSQL database `url` (which the caller made and drops).
    public convenience init(seed: Bool, database url: String, arguments extra: [String] = [], environment: [String: String] = [:]) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try await self.init(seed: seed, folder: folder, ownsFolder: true, database: url, arguments: extra, environment: environment)
    }

    /// A server on the SQLite file `server.sqlite` in `folder` (which the caller made and removes), whatever
    /// `TAPP_TEST_DATABASE` says.
    public convenience init(seed: Bool, sqliteFolder folder: URL, arguments extra: [String] = []) async throws {
        try await self.init(seed: seed, folder: folder, ownsFolder: false, database: nil, arguments: extra)
    }

    let ownsFolder: Bool
    /// The PostgreSQL database's URL, or nil on SQLite (`server.sqlite` in the folder).
    public private(set) var databaseURL: String?
    /// The database this process made on the shared cluster, dropped at `stop()`.
    var ownDatabase: (cluster: PostgresCluster, name: String)?
    /// What the server wrote on standard error: its access log and warnings.
    public private(set) var logPath = ""

    public convenience init(seed: Bool = true, arguments extra: [String] = [], environment: [String: String] = [:]) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var url: String?
        var own: (PostgresCluster, String)?
        if TestBackEnd.isPostgres {
            let cluster = try await SharedPostgresCluster.shared.get()
            let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try cluster.createDatabase(name)
            url = cluster.url(name)
            own = (cluster, name)
        }
        do {
            try await self.init(seed: seed, folder: folder, ownsFolder: true, database: url, arguments: extra, environment: environment)
        } catch {
            if let own { own.0.dropDatabase(own.1) }
            throw error
        }
        ownDatabase = own
    }

    init(seed: Bool, folder: URL, ownsFolder: Bool, database url: String? = nil, arguments extra: [String] = [],
         environment: [String: String] = [:]) async throws {
        self.folder = folder
        self.ownsFolder = ownsFolder
        databaseURL = url
        let db = folder.appendingPathComponent("server.sqlite").path
        let store = url.map { ["--database", $0] } ?? ["--db", db]
        if seed {
            let seeding = Process()
            seeding.executableURL = URL(fileURLWithPath: ServerProcess.binary)
            seeding.arguments = ["seed"] + store
            seeding.standardOutput = FileHandle.nullDevice
            try seeding.run()
            seeding.waitUntilExit()
        }
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        // Port 0: the OS picks a free port, so no test ever meets another's server or a port left in TIME-WAIT.
        process.arguments = ["serve"] + store + ["--port", "0", "--host", "127.0.0.1"]
            + (extra.contains("--throttle-limit") ? [] : ["--throttle-limit", "0", "--login-limit", "0"])
            + extra.map { $0.replacingOccurrences(of: "{folder}", with: folder.path) }
        var env = ProcessInfo.processInfo.environment
        env["JWT_SECRET"] = "test-secret-for-access-tokens-0123456789"
        env["JWT_REFRESH_SECRET"] = "test-secret-for-refresh-tokens-0123456789"
        env.merge(environment) { _, given in given }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        logPath = folder.appendingPathComponent("server-\(UUID().uuidString.prefix(8)).log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logPath) ?? FileHandle.nullDevice
        try process.run()
        // Wait (bounded) until it says which port it listens on, then until it answers.
        for _ in 0..<300 where port == 0 {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let line = log.split(separator: "\n").first(where: { $0.contains("listening on 127.0.0.1:") }),
               let number = line.split(separator: ":").last.flatMap({ Int($0.prefix { $0.isNumber }) }) {
                port = number
                break
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard port != 0 else {
            stop()
            throw StartFailed()
        }
        for _ in 0..<100 {
            if (try? await get("/health").status) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw StartFailed()
    }

    public struct StartFailed: Error {}

    public struct Answer {
        public let status: Int
        public let json: Any?
        public var headers: [AnyHashable: Any] = [:]
        public var data = Data()
        public var text: String { String(decoding: data, as: UTF8.self) }
        public var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    public func get(_ path: String, token: String? = nil) async throws -> Answer { try await send("GET", path, token: token) }

    public func send(_ method: String, _ path: String, body: Any? = nil, token: String? = nil) async throws -> Answer {
        try await sendRaw(method, path, body: try body.map { try JSONSerialization.data(withJSONObject: $0) }, token: token)
    }

    /// A request with these exact bytes as its JSON body (key order, broken JSON).
    public func sendRaw(_ method: String, _ path: String, body: Data?, token: String? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 10
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        // A fresh connection for every request: a client that reuses connections (libcurl under URLSession) sends a
        // request again on its own when a reused connection closes without answer, which would hide dropped answers.
        request.setValue("close", forHTTPHeaderField: "Connection")
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        return Answer(status: http?.statusCode ?? 0, json: try? JSONSerialization.jsonObject(with: data), headers: http?.allHeaderFields ?? [:],
                      data: data)
    }

    public func login(_ email: String = "admin@meditache.com", _ password: String = "admin123") async throws -> String {
        let answer = try await send("POST", "/api/v1/auth/login", body: ["email": email, "password": password])
        return answer.object["access_token"] as? String ?? ""
    }

    /// The seed's only doctor (the admin's profile): a generated cuid, as on the real server, read from the sign-in.
    public func seedDoctorId() async throws -> String {
        let answer = try await send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
        guard let doctor = (answer.object["user"] as? [String: Any])?["doctor"] as? [String: Any], let id = doctor["id"] as? String
        else { throw StartFailed() }
        return id
    }

    /// Statements run on the server's database behind its back (a role no route gives, a disabled account), on
    /// whichever back-end it uses.
    public func execute(_ sql: String) throws {
        if let ownDatabase {
            try ownDatabase.cluster.sql(sql, database: ownDatabase.name)
        } else {
            let queue = try DatabaseQueue(path: folder.appendingPathComponent("server.sqlite").path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
            try queue.close()
        }
    }

    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        if ownsFolder { try? FileManager.default.removeItem(at: folder) }
        if let ownDatabase {
            ownDatabase.cluster.dropDatabase(ownDatabase.name)
            self.ownDatabase = nil
        }
    }
}
