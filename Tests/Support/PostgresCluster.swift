import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL cluster for the tests: `initdb` and `pg_ctl` run as an unprivileged user (`initdb`
/// refuses root; `scripts/setup-system.sh` makes the user) in a temporary folder, listening on 127.0.0.1 on a port
/// the OS gave. `start()` returns once it accepts connections; `stop()` ends it and removes the folder.
public final class PostgresCluster: @unchecked Sendable {
    /// The unprivileged account that owns and runs the cluster.
    public static let account = "tapp-pg"
    public let folder: URL
    public let port: Int
    let bin: String
    /// The server, in the foreground (`postgres`, through runuser when this process is root).
    let server = Process()

    init(folder: URL, port: Int, bin: String) {
        self.folder = folder
        self.port = port
        self.bin = bin
    }

    /// The URL of one database of the cluster, as `tappplus-server --database` takes it. `pool` caps the
    /// connections a server opens (many servers share one test cluster).
    public func url(_ database: String, pool: Int = 4) -> String {
        "postgres://\(PostgresCluster.account)@127.0.0.1:\(port)/\(database)?sslmode=disable&pool_max=\(pool)"
    }

    /// The newest PostgreSQL's programs (Debian keeps them in /usr/lib/postgresql/VERSION/bin).
    static func binaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        guard let newest = versions.last else { throw Failure("PostgreSQL is not installed (run scripts/setup-system.sh)") }
        return "\(root)/\(newest)/bin"
    }

    /// A new cluster, accepting connections. Three tries, each on a port the OS gives (another process may take it first).
    public static func start() async throws -> PostgresCluster {
        let bin = try binaries()
        var last: any Error = Failure("no try")
        for _ in 0..<3 {
            let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tapp-pg-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let cluster = PostgresCluster(folder: folder, port: try freePort(), bin: bin)
            do {
                try await cluster.boot()
                return cluster
            } catch {
                last = error
                cluster.stop()
            }
        }
        throw last
    }

    func boot() async throws {
        try PostgresCluster.giveToAccount(folder.path)
        let data = folder.appendingPathComponent("data").path
        try asAccount("\(bin)/initdb", ["-D", data, "-U", PostgresCluster.account, "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"])
        // The server runs in the foreground as a child of this process (not through `pg_ctl start`, whose server would
        // keep the descriptors Foundation watches to see its launcher end).
        let log = folder.appendingPathComponent("server.log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let arguments = ["-D", data, "-p", "\(port)", "-k", folder.path, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                         "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400", "-c", "shared_buffers=64MB"]
        if getuid() == 0 {
            server.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            server.arguments = ["-u", PostgresCluster.account, "--", "\(bin)/postgres"] + arguments
        } else {
            server.executableURL = URL(fileURLWithPath: "\(bin)/postgres")
            server.arguments = arguments
        }
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = FileHandle(forWritingAtPath: log)
        server.standardError = FileHandle(forWritingAtPath: log)
        try server.run()
        // Accepting connections within 30 s, or the start failed.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, server.isRunning {
            if (try? run("\(bin)/pg_isready", ["-h", "127.0.0.1", "-p", "\(port)", "-U", PostgresCluster.account, "-d", "postgres"])) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw Failure("PostgreSQL did not accept connections on port \(port) within 30 s: \(said.suffix(600))")
    }

    /// A new, empty database.
    public func createDatabase(_ name: String) throws {
        try sql("CREATE DATABASE \(name)")
    }

    public func dropDatabase(_ name: String) {
        _ = try? sql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// One statement through psql, its rows as text (`|` between columns).
    @discardableResult
    public func sql(_ statement: String, database: String = "postgres") throws -> String {
        try run("\(bin)/psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", PostgresCluster.account, "-d", database, "-X", "-q", "-A", "-t",
                                "-v", "ON_ERROR_STOP=1", "-c", statement])
    }

    /// Stops the cluster at once and removes its folder; safe to call twice.
    public func stop() {
        let data = folder.appendingPathComponent("data").path
        if server.isRunning {
            _ = try? asAccount("\(bin)/pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"])
            if server.isRunning { server.terminate() }
            server.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: processes

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// A program run as the cluster's account (through runuser when this process is root).
    @discardableResult
    func asAccount(_ program: String, _ arguments: [String]) throws -> String {
        guard getuid() == 0 else { return try run(program, arguments) }
        return try run("/usr/sbin/runuser", ["-u", PostgresCluster.account, "--", program] + arguments)
    }

    /// Runs a program to its end; its output.
    @discardableResult
    func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile(), err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure("\((program as NSString).lastPathComponent) exited with \(process.terminationStatus): \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The folder belongs to the cluster's account (when this process is root).
    static func giveToAccount(_ path: String) throws {
        guard getuid() == 0 else { return }
        guard let account = getpwnam(PostgresCluster.account) else {
            throw Failure("no user \(PostgresCluster.account): run scripts/setup-system.sh")
        }
        guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else { throw Failure("cannot give \(path) to \(PostgresCluster.account)") }
    }

    /// A port the OS says is free now.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw Failure("bind") }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        guard named == 0 else { throw Failure("getsockname") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// One cluster for a whole test process (the conformance suite's PostgreSQL pass), started on first use and stopped
/// when the process exits; each server gets a database of its own.
public actor SharedPostgresCluster {
    public static let shared = SharedPostgresCluster()
    /// Started once, however many tests ask at the same time.
    private var starting: Task<PostgresCluster, any Error>?
    nonisolated(unsafe) static var toStop: PostgresCluster?

    public func get() async throws -> PostgresCluster {
        if starting == nil {
            starting = Task {
                let started = try await PostgresCluster.start()
                SharedPostgresCluster.toStop = started
                atexit { SharedPostgresCluster.toStop?.stop() }
                return started
            }
        }
        return try await starting!.value
    }
}

/// Which back-end the conformance suite's servers use: SQLite unless `TAPP_TEST_DATABASE=postgres` (scripts/test's
/// second pass).
public enum TestBackEnd {
    public static var isPostgres: Bool { ProcessInfo.processInfo.environment["TAPP_TEST_DATABASE"] == "postgres" }
}
