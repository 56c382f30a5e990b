import Hummingbird

/// `serve --real-server-faults`, for clients' tests only: the real server's known faults (`shared/tappplus-api.md`),
/// reproduced so that a client is tested against the server as it really is. Off unless asked, logged loudly at
/// start. Each place that fixes a fault asks `RealServerFaults.on` and, when it is, behaves as the real server:
/// `GET /people?search=` and a date-only birthdate answer 500; deleting a person with records, retrying a reminder
/// that is not FAILED, detaching a person who is not attached, `null` in a required PATCH field and a record named
/// in a body that does not exist answer 500; PATCH of an intervention ignores personId, doctorId and rules; two
/// rules with the same offset and channel answer 500 with the intervention half-made; anyone registers with any
/// role, without a token; roles are compared as substrings; answers carry users' password hashes; a person's
/// interventions list no reminders; notification stats filter on reminderId; nothing is throttled; the worker
/// never sends; `/health` answers `healthy` as the real deployment's nginx.
public enum RealServerFaults {
    static let active = TaskLocal<Bool>(wrappedValue: false)

    /// Whether the request being answered runs under the real server's faults.
    static var on: Bool { active.get() }

    /// What the server logs at start.
    public static let warning = """
        REAL SERVER FAULTS ARE ON (--real-server-faults), for clients' tests only: this server now reproduces the real \
        TappPlus server's known faults: search and date-only birthdates answer 500, anyone can register as ADMIN without a \
        token, answers carry password hashes, writes are not transactional, reminders are never sent, nothing is throttled. \
        Never run it with real patients.
        """
}

/// Runs every request under the real server's faults.
struct RealServerFaultsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await RealServerFaults.active.withValue(true) { try await next(request, context) }
    }
}
