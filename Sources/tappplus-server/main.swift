import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TappNotify
import TappServer

@main
struct TappPlusServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tappplus-server",
        abstract: "The TappPlus REST API v1, compatible with the real server.",
        subcommands: [Serve.self, SeedCommand.self])
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Answer the API on HOST:PORT.")
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(name: .customLong("cors-origin"),
            help: "A web origin allowed to call the API from a browser (repeatable); default the real server's http://localhost:5500 and http://localhost:5550.")
    var corsOrigins: [String] = []
    @Option(help: "Port to listen on.") var port = 5550
    @Option(help: "The server's SQLite file.") var db: String
    @Flag(help: "Development: allow missing or short JWT secrets (never in production).") var dev = false
    @Option(help: "Where reminders go: outbox (a JSON line per message) or command (a program per message); none runs no worker.")
    var provider = "none"
    @Option(help: "With --provider outbox: the file.") var outbox: String?
    @Option(help: "With --provider command: the program, given CHANNEL RECIPIENT, the text on standard input.") var command: String?
    @Option(help: "Seconds between two passes of the reminder worker.") var workerInterval = 60
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
        var configuration = ServerConfiguration(databasePath: db, jwtSecret: secrets[0], jwtRefreshSecret: secrets[1])
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
        let app = try await buildApplication(configuration, logger: logger)
        try await app.runService()
    }
}

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Fill a new database with the real server's seed.")
    @Option(help: "The server's SQLite file.") var db: String

    func run() async throws {
        try Seed.run(databasePath: db)
        print("Seeded \(db): admin@meditache.com / admin123 (ADMIN, with the only Doctor profile), person_1..3, org_default.")
    }
}
