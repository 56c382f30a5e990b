import Foundation
import TappAPI
import TappStore

/// The server with a valid access token: taken from the refresh token, renewed before it lapses and on a 401.
/// Keeps to the server's pace (`ServerPace`) and to the run's deadline: no wait and no request goes past it.
public actor AuthorizedServer {
    let transport: any WireTransport
    let refreshToken: String
    public nonisolated let deadline: Date
    private var accessToken: String?
    private var accessExpiresAt = Date.distantPast
    private var renewal: Task<String, any Error>?
    public private(set) var pace: ServerPace
    /// What the server offers beyond the real API (asked once).
    private var known: ServerFeatures?
    /// Requests sent in this run (for the report and the benchmark).
    public private(set) var requestCount = 0
    /// The longest a single request may take.
    let requestTimeout: TimeInterval

    public init(account: SyncAccount, deadline: Date, pace: ServerPace = ServerPace(), transport: (any WireTransport)? = nil,
                connections: Int = 8, requestTimeout: TimeInterval = 60) throws(SyncError) {
        let address = try ServerAddress(account.serverURL, insecure: account.insecure)
        self.transport = transport ?? HTTPClientTransport(address: address, connections: connections)
        refreshToken = account.refreshToken
        self.deadline = deadline
        self.pace = pace
        self.requestTimeout = requestTimeout
        guard account.refreshExpiresAt > Date() else {
            throw SyncError.notSignedIn("the sign-in to \(account.serverURL) expired on \(account.refreshExpiresAt): run `tapp sync login` again")
        }
    }

    /// Whether waiting this long still ends before the run's deadline.
    public nonisolated func hasTime(for wait: TimeInterval) -> Bool { Date().addingTimeInterval(wait) < deadline }

    /// Closes the connections at the end of the run.
    public func close() async { await transport.close() }

    /// Waits until the pace lets one more request go, or says the run is out of time.
    private func waitForTurn() async throws(SyncError) {
        for _ in 0..<10_000 {
            let now = Date()
            let wait = pace.wait(at: now)
            if wait <= 0 {
                pace.record(at: now)
                return
            }
            guard now.addingTimeInterval(wait) < deadline else {
                throw SyncError.outOfTime("out of time (--max-time) while keeping to the server's pace: the next run goes on")
            }
            try? await Task.sleep(for: .seconds(min(wait, 60)))
        }
        throw SyncError.outOfTime("the server kept asking to wait")
    }

    /// One exchange, paced, with the deadline: a 429 or 503 teaches the pace and is tried again once the server allows.
    private func exchange(_ request: WireRequest) async throws(SyncError) -> WireAnswer {
        for _ in 0..<1_000 {
            try await waitForTurn()
            requestCount += 1
            let answer = try await transport.send(request, deadline: min(deadline, Date().addingTimeInterval(requestTimeout)))
            pace.learn(from: answer, at: Date())
            if answer.status == 429 || (answer.status == 503 && answer.retryAfter != nil) { continue }
            return answer
        }
        throw SyncError.outOfTime("the server kept refusing for too many requests")
    }

    func token() async throws(SyncError) -> String {
        if let accessToken, accessExpiresAt > Date().addingTimeInterval(30) { return accessToken }
        // Requests in flight together need a token once: they wait for the same renewal.
        if let renewal {
            do { return try await renewal.value } catch let error as SyncError { throw error } catch { throw SyncError.invalid("\(error)") }
        }
        let task = Task { () async throws -> String in try await self.renew() }
        renewal = task
        defer { renewal = nil }
        do { return try await task.value } catch let error as SyncError { throw error } catch { throw SyncError.invalid("\(error)") }
    }

    /// A request without side effects (the refresh, a look at the features), tried again after a network error or
    /// a 5xx, with the same back-off as the rest, within the run's time.
    private func safely(_ request: WireRequest, signed: Bool) async throws(SyncError) -> WireAnswer {
        for attempt in 0..<5 {
            do {
                let answer = signed ? try await send(request) : try await exchange(request)
                if answer.status < 500 || attempt == 4 { return answer }
            } catch {
                if QueuePush.endsRun(error) || attempt == 4 { throw error }
            }
            let wait = Backoff.delay(attempt: attempt)
            guard hasTime(for: wait) else { throw SyncError.outOfTime("out of time (--max-time) while the server was failing") }
            try? await Task.sleep(for: .seconds(wait))
        }
        throw SyncError.unreachable("the server kept failing")
    }

    private func renew() async throws(SyncError) -> String {
        let answer = try await safely(try WireRequest(.refresh, encoding: RefreshBody(refreshToken: refreshToken)), signed: false)
        guard answer.status == 201 || answer.status == 200 else {
            if answer.status == 401 { throw SyncError.notSignedIn("the server refused the sign-in (\(answer.message)): run `tapp sync login` again") }
            throw SyncError.refused(status: answer.status, message: answer.message)
        }
        let token = try answer.decode(RefreshAnswer.self).accessToken
        accessToken = token
        accessExpiresAt = JWTClaims.expiry(token) ?? Date().addingTimeInterval(600)
        return token
    }

    /// One request with the access token; renews it once on a 401.
    public func send(_ request: WireRequest) async throws(SyncError) -> WireAnswer {
        var renewed = false
        while true {
            var signed = request
            signed.headers["Authorization"] = "Bearer \(try await token())"
            let answer = try await exchange(signed)
            if answer.status == 401, !renewed {
                accessToken = nil
                renewed = true
                continue
            }
            return answer
        }
    }

    /// What the server was found to offer, if it was asked.
    public var knownFeatures: ServerFeatures? { known }

    /// What the server offers beyond the real API: `GET /sync/features`, which the real server answers 404.
    public func features() async throws(SyncError) -> ServerFeatures {
        if let known { return known }
        let answer = try await safely(WireRequest(.features), signed: true)
        let found = answer.status == 200 ? ((try? answer.decode(ServerFeatures.self)) ?? .none) : .none
        if answer.status >= 500 { return .none }
        known = found
        return found
    }
}
