import Foundation
import TappAPI
import Hummingbird
import ServiceLifecycle
import Logging
import TappNotify

/// How the server runs.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 5550
    public var jwtSecret: String
    public var jwtRefreshSecret: String
    /// Access tokens live 15 minutes, refresh tokens 7 days, as on the real server.
    public var accessLifetime: TimeInterval = 15 * 60
    public var refreshLifetime: TimeInterval = 7 * 86_400
    /// Where the worker sends reminders; nil runs no worker.
    public var provider: (any MessageProvider)?
    public var workerInterval: Duration = .seconds(60)
    /// How long a worker's claim on a reminder lasts before another worker may take it over (it died mid-send).
    public var workerLease: TimeInterval = 300
    /// Requests per client IP per window (100 per 60 s, as the architecture promises); 0 turns throttling off.
    public var throttleLimit = 100
    public var throttleWindow: TimeInterval = 60
    /// Sign-in attempts per client IP per window, on top of the global limit.
    public var loginLimit = 10
    /// `serve --throttle-quiet`, for clients' tests: 429s without `Retry-After` and no `X-RateLimit-*` headers.
    public var throttleQuiet = false
    /// Web origins allowed to call the API from a browser (the real server's development ones by default).
    public var corsOrigins: [String] = ["http://localhost:5500", "http://localhost:5550"]
    /// Anyone may register a role-less or NURSE account without a token (a demo); never ADMIN or DOCTOR.
    public var openRegistration = false
    /// Test-only faults; none by default.
    public var faults = FaultInjection()
    /// For clients' tests only: reproduce the real server's known faults (`RealServerFaults`).
    public var realServerFaults = false
    /// Only the real API: no idempotency keys, changes feed or batches (as the real server, without its faults).
    public var plainAPI = false

    public init(jwtSecret: String, jwtRefreshSecret: String) {
        self.jwtSecret = jwtSecret
        self.jwtRefreshSecret = jwtRefreshSecret
    }
}

/// The application: every route under `/api/v1`, `GET /health`, errors shaped as the real server's, on `database`
/// (SQLite or PostgreSQL: the routes do not know which).
public func buildApplication(_ configuration: ServerConfiguration, database: any ServerDatabase,
                             logger: Logger) async throws -> some ApplicationProtocol {
    var configuration = configuration
    if configuration.realServerFaults {
        logger.critical("\(RealServerFaults.warning)")
        // The real server binds no throttle and its worker never sends.
        configuration.throttleLimit = 0
        configuration.loginLimit = 0
        configuration.provider = nil
    }
    var auth = Authenticator(database: database, access: await TokenKey(secret: configuration.jwtSecret),
                             refresh: await TokenKey(secret: configuration.jwtRefreshSecret),
                             accessLifetime: configuration.accessLifetime, refreshLifetime: configuration.refreshLifetime)
    auth.openRegistration = configuration.openRegistration
    if configuration.openRegistration {
        logger.warning("open registration is on: anyone can make a role-less or NURSE account, which reads every record — for a demo only")
    }
    // Express's routes: case-insensitive, and HEAD answered as GET without the body.
    let router = Router(context: ServerContext.self, options: [.caseInsensitive, .autoGenerateHeadEndpoints])
    if configuration.realServerFaults { router.add(middleware: RealServerFaultsMiddleware()) }
    router.add(middleware: AccessLogMiddleware(logger: logger))
    router.add(middleware: CrossOriginMiddleware(origins: Set(configuration.corsOrigins)))
    router.add(middleware: ConditionalGetMiddleware())
    router.add(middleware: RateLimitHeadersMiddleware())
    router.add(middleware: NestErrorMiddleware(logger: logger))
    router.add(middleware: ParameterDecodingMiddleware())
    router.get("health") { _, _ -> Response in
        // The real API has no such route: its nginx answers `healthy`.
        if RealServerFaults.on { return HTTP.page("healthy\n", type: "text/plain") }
        let reachable = (try? await database.read { db in try await db.fetchValue("SELECT 1", as: Int.self) }) == 1
        return HTTP.json(HealthAnswer(status: reachable ? "ok" : "degraded", database: reachable ? "ok" : "unreachable"),
                         status: reachable ? .ok : .serviceUnavailable)
    }
    router.get("api/docs-json") { _, _ in HTTP.json(OpenAPIDocument.document) }
    router.get("api/docs") { _, _ in HTTP.page(DocsPage.html, type: "text/html; charset=utf-8") }
    router.get("api/docs/docs.js") { _, _ in HTTP.page(DocsPage.script, type: "text/javascript; charset=utf-8") }
    router.get("api/docs/docs.css") { _, _ in HTTP.page(DocsPage.style, type: "text/css; charset=utf-8") }
    let api = router.group("api/v1")
        .add(middleware: ThrottleMiddleware(global: Throttle(limit: configuration.throttleLimit, window: configuration.throttleWindow),
                                            login: Throttle(limit: configuration.loginLimit, window: configuration.throttleWindow),
                                            quiet: configuration.throttleQuiet))
    if configuration.faults.isActive {
        logger.warning("fault injection is on: \(configuration.faults) — for tests only")
        api.add(middleware: FaultInjectionMiddleware(faults: configuration.faults))
    }
    // Our extensions (issue 15); the real server has none of them.
    let routerSlot = RouterSlot()
    if !configuration.realServerFaults && !configuration.plainAPI {
        let keys = DatabaseIdempotencyRecords(database: database)
        api.add(middleware: IdempotencyMiddleware(records: keys, access: auth.access, purge: PurgeSchedule()))
        SyncController(auth: auth, feed: DatabaseChangeFeed(database: database), batch: BatchRunner(router: routerSlot, records: keys, database: database)).addRoutes(to: api)
    }
    auth.addRoutes(to: api)
    PeopleController(database: database, auth: auth).addRoutes(to: api)
    OrganizationsController(database: database, auth: auth).addRoutes(to: api)
    ConsultationsController(database: database, auth: auth).addRoutes(to: api)
    InterventionsController(database: database, auth: auth).addRoutes(to: api)
    RemindersController(database: database, auth: auth).addRoutes(to: api)
    NotificationsController(database: database, auth: auth).addRoutes(to: api)
    var services: [any Service] = []
    if let provider = configuration.provider {
        services.append(ReminderWorker(database: database, provider: provider, interval: configuration.workerInterval,
                                       lease: configuration.workerLease, logger: logger))
    }
    let responder = router.buildResponder()
    routerSlot.responder = responder
    return Application(responder: responder,
                       configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                            serverName: "tappplus-server"),
                       services: services,
                       logger: logger)
}
