import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import TappNotify
import TappServer

@main
struct TappPlusServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tappplus-server",
        abstract: "The TappPlus REST API v1, compatible with the real server.",
        subcommands: [Serve.self, SeedCommand.self, MigrateCommand.self])

    /// Serving a SQLite file, Swift Concurrency's tasks run on NIO's event loops, where the requests arrive and the
    /// answers leave: no hop between two thread pools per request (the people list's p99 from 29 to 6 ms, its
    /// throughput up a fifth). On PostgreSQL they stay on Swift's own pool: postgres-nio's answers arrive on the
    /// loops, and a handler's work there held them back (the list at 1,000 instead of 1,240 requests/s,
    /// docs/performance.md). Chosen before anything runs, on the main thread, as NIO asks. Work that would hold a
    /// loop long (bcrypt, the reminder provider) runs on NIO's thread pool either way.
    static func main() async {
        do {
            var command = try parseAsRoot(nil)
            if let serve = command as? Serve, serve.store.url == nil {
                _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            }
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Answer the API on HOST:PORT.")
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(name: .customLong("cors-origin"),
            help: "A web origin allowed to call the API from a browser (repeatable); default the real server's http://localhost:5500 and http://localhost:5550.")
    var corsOrigins: [String] = []
    @Option(help: "Port to listen on.") var port = 5550
    @OptionGroup var store: DatabaseOptions
    @Flag(help: "Development: allow missing or short JWT secrets (never in production).") var dev = false
    @Option(help: "Where reminders go: outbox (a JSON line per message) or command (a program per message); none runs no worker.")
    var provider = "none"
    @Option(help: "With --provider outbox: the file.") var outbox: String?
    @Option(help: "With --provider command: the program, given CHANNEL RECIPIENT, the text on standard input.") var command: String?
    @Option(help: "Seconds between two passes of the reminder worker.") var workerInterval = 60
    @Option(help: "Seconds a worker's claim on a reminder lasts: another instance takes over a claim that outlives it (the worker died mid-send).")
    var workerLease = 300
    @Option(help: "Requests per client IP per window; 0 turns throttling off.") var throttleLimit = 100
    @Option(help: "The throttling window, in seconds.") var throttleWindow = 60
    @Option(help: "Sign-in attempts per client IP per window, on top of the global limit; 0 turns it off.") var loginLimit = 10
    @Flag(help: "Clients' tests only: throttle without saying so (429s without Retry-After, no X-RateLimit-* headers).")
    var throttleQuiet = false
    @Flag(help: "Only the real TappPlus API: no idempotency keys, changes feed or batch route (GET /sync/features answers 404), as the real server without its faults.")
    var plainApi = false
    @Flag(help: "Let anyone register an account without a role or a NURSE one, with no token (a demo; such accounts read every record). ADMIN and DOCTOR accounts always need an ADMIN's token.")
    var openRegistration = false
    @Option(help: "Tests only: the share of API requests answered 500 before anything is done (0 to 1).") var failRate = 0.0
    @Option(help: "Tests only: the share of writes committed then left unanswered, the connection closed (0 to 1).")
    var dropAfterCommitRate = 0.0
    @Option(help: "Tests only: milliseconds to wait before each API answer.") var latencyMs = 0
    @Flag(help: "Clients' tests only: reproduce the real server's known faults (search 500, anonymous ADMIN registration, password hashes in answers, no throttling, a worker that never sends…). Never with real patients.")
    var realServerFaults = false

    func validate() throws {
        switch provider {
        case "none": break
        case "outbox": if outbox == nil { throw ValidationError("--provider outbox needs --outbox FILE") }
        case "command": if command == nil { throw ValidationError("--provider command needs --command PROGRAM") }
        default: throw ValidationError("--provider must be none, outbox or command (got \(provider))")
        }
        guard workerInterval >= 1 else { throw ValidationError("--worker-interval must be at least 1 second") }
        guard workerLease >= 1 else { throw ValidationError("--worker-lease must be at least 1 second") }
        try store.validate()
        guard throttleLimit >= 0, loginLimit >= 0 else { throw ValidationError("--throttle-limit and --login-limit cannot be negative") }
        guard (0...1).contains(failRate), (0...1).contains(dropAfterCommitRate), latencyMs >= 0 else {
            throw ValidationError("--fail-rate and --drop-after-commit-rate are between 0 and 1; --latency-ms is not negative")
        }
        for origin in corsOrigins where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) || origin.hasSuffix("/") {
            throw ValidationError("--cors-origin must be an origin such as https://clinique.example.cm (got \(origin))")
        }
        guard throttleWindow >= 1 else { throw ValidationError("--throttle-window must be at least 1 second") }
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        var secrets: [String] = []
        for name in ["JWT_SECRET", "JWT_REFRESH_SECRET"] {
            let value = env[name] ?? ""
            if value.count < 32 {
                guard dev else {
                    throw ValidationError("\(name) must be set to at least 32 characters (or run with --dev for development)")
                }
                secrets.append(value.isEmpty ? "dev-\(name.lowercased())-not-for-production-use" : value)
            } else {
                secrets.append(value)
            }
        }
        var configuration = ServerConfiguration(jwtSecret: secrets[0], jwtRefreshSecret: secrets[1])
        for (name, keyPath) in [("JWT_EXPIRES_IN", \ServerConfiguration.accessLifetime),
                                ("JWT_REFRESH_EXPIRES_IN", \ServerConfiguration.refreshLifetime)] {
            guard let text = env[name], !text.isEmpty else { continue }
            guard let seconds = TokenLifetime.parse(text) else {
                throw ValidationError("\(name) must be a time span such as 15m, 1h or 7d (got \(text))")
            }
            configuration[keyPath: keyPath] = seconds
        }
        configuration.host = host
        if !corsOrigins.isEmpty { configuration.corsOrigins = corsOrigins }
        configuration.port = port
        configuration.workerInterval = .seconds(workerInterval)
        configuration.workerLease = TimeInterval(workerLease)
        configuration.throttleLimit = throttleLimit
        configuration.throttleWindow = TimeInterval(throttleWindow)
        configuration.loginLimit = loginLimit
        configuration.throttleQuiet = throttleQuiet
        configuration.plainAPI = plainApi
        configuration.openRegistration = openRegistration
        configuration.realServerFaults = realServerFaults
        configuration.faults = FaultInjection(failRate: failRate, dropAfterCommitRate: dropAfterCommitRate, latency: .milliseconds(latencyMs))
        switch provider {
        case "outbox": configuration.provider = outbox.map { OutboxProvider(path: $0) }
        case "command": configuration.provider = command.map { CommandProvider(program: $0) }
        default: configuration.provider = nil
        }
        ignoreBrokenPipes()
        var logger = Logger(label: "tappplus-server")
        logger.logLevel = .info
        // The schema is brought up to date at start, on either back-end (instances starting together migrate once).
        let database = try await store.open()
        logger.info("database: \(store.shown)")
        do {
            let app = try await buildApplication(configuration, database: database, logger: logger)
            try await app.runService()
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Fill a new database with the real server's seed.")
    @OptionGroup var store: DatabaseOptions

    func validate() throws { try store.validate() }

    func run() async throws {
        let database = try await store.open()
        do { try await Seed.run(database: database) } catch {
            await database.close()
            throw error
        }
        await database.close()
        print("Seeded \(store.shown): admin@meditache.com / admin123 (ADMIN, with the only Doctor profile), person_1..3, org_default.")
    }
}

/// Which database: `--database postgres://…` (or `DATABASE_URL`), else the SQLite file `--db`.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The server's SQLite file (the embedded back-end, for one machine).") var db: String?
    @Option(help: "A PostgreSQL URL, postgres://user[:password]@host[:port]/database[?sslmode=disable] (default: DATABASE_URL), for several instances on one database.")
    var database: String?

    /// The URL in use: `--database`, else `DATABASE_URL` unless `--db` is given.
    var url: String? {
        if let database, !database.isEmpty { return database }
        guard db == nil, let env = ProcessInfo.processInfo.environment["DATABASE_URL"], !env.isEmpty else { return nil }
        return env
    }

    var shown: String { url.flatMap { try? PostgresAddress($0).description } ?? db ?? "" }

    func validate() throws {
        if database != nil, db != nil { throw ValidationError("give --db FILE or --database URL, not both") }
        if url == nil, db == nil { throw ValidationError("give --db FILE (SQLite) or --database postgres://… (or DATABASE_URL)") }
        if let url { _ = try PostgresAddress(url) }
    }

    /// The database, its schema migrated to the latest version.
    func open() async throws -> any ServerDatabase {
        let database = try await openServerDatabase(url: url, sqlitePath: db)
        do { try await database.migrate() } catch {
            await database.close()
            throw error
        }
        return database
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the database's schema to the latest version; with --from FILE, copy a SQLite server's records into it.")
    @OptionGroup var store: DatabaseOptions
    @Option(help: "A SQLite server file whose records are copied into the (new, empty) database given by --database.") var from: String?

    func validate() throws {
        try store.validate()
        if from != nil, store.url == nil { throw ValidationError("--from FILE copies into PostgreSQL: give --database postgres://… too") }
    }

    func run() async throws {
        let database = try await store.open()
        do {
            print("\(store.shown): schema versions \(try await database.appliedVersions().joined(separator: ", "))")
            if let from {
                guard FileManager.default.fileExists(atPath: from) else { throw ValidationError("no such file: \(from)") }
                let source = try SQLiteDatabase(path: from)
                let copied = try await DatabaseMove.copy(from: source, to: database)
                let here = try await DatabaseMove.counts(database), there = try await DatabaseMove.counts(source)
                await source.close()
                for (table, rows) in copied { print("\(table): \(rows) rows") }
                guard here == there else { throw ValidationError("the copy does not hold as many rows as \(from): \(here) vs \(there)") }
                print("copied \(from) into \(store.shown)")
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
