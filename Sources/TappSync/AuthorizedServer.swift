import Foundation
import TappStore

/// The server with a valid access token: taken from the refresh token, renewed before it lapses and on a 401;
/// waits out a 429 (as long as `Retry-After` says, within the run's time budget).
public actor AuthorizedServer {
    let server: SyncServer
    let refreshToken: String
    let deadline: Date
    private var accessToken: String?
    private var accessExpiresAt = Date.distantPast
    /// At most `limit` requests in any `window` seconds (the server's throttle), so that a run stays under it by itself.
    let pace: (limit: Int, window: TimeInterval)?
    private var sentAt: [Date] = []

    public init(account: SyncAccount, deadline: Date, pace: (limit: Int, window: TimeInterval)? = (100, 60)) throws(SyncError) {
        self.pace = pace.flatMap { $0.limit > 0 && $0.window > 0 ? $0 : nil }
        server = SyncServer(address: try ServerAddress(account.serverURL, insecure: account.insecure))
        refreshToken = account.refreshToken
        self.deadline = deadline
        guard account.refreshExpiresAt > Date() else {
            throw SyncError.notSignedIn("the sign-in to \(account.serverURL) expired on \(account.refreshExpiresAt): run `tapp sync login` again")
        }
    }

    /// Waits until one more request keeps the run within its pace (a sliding window of the last requests).
    func waitForTurn() async throws(SyncError) {
        guard let pace else { return }
        while true {
            let now = Date()
            sentAt.removeAll { now.timeIntervalSince($0) >= pace.window }
            if sentAt.count < pace.limit {
                sentAt.append(now)
                return
            }
            let wait = pace.window - now.timeIntervalSince(sentAt[0]) + 0.01
            guard now.addingTimeInterval(wait) < deadline else {
                throw SyncError.unreachable("out of time (--max-time) while keeping under the server's request limit")
            }
            try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
        }
    }

    /// Whether waiting this long still ends before the run's time budget.
    public nonisolated func hasTime(for wait: TimeInterval) -> Bool { Date().addingTimeInterval(wait) < deadline }

    func token() async throws(SyncError) -> String {
        if let accessToken, accessExpiresAt > Date().addingTimeInterval(30) { return accessToken }
        try await waitForTurn()
        let answer = try await server.send("POST", "auth/refresh", body: ["refresh_token": refreshToken])
        guard answer.status == 201 || answer.status == 200, let token = answer.object()["access_token"] as? String else {
            if answer.status == 401 { throw SyncError.notSignedIn("the server refused the sign-in (\(answer.message)): run `tapp sync login` again") }
            throw SyncError.refused(status: answer.status, message: answer.message)
        }
        accessToken = token
        accessExpiresAt = JWTClaims.expiry(token) ?? Date().addingTimeInterval(600)
        return token
    }

    /// One request with the access token; renews it once on a 401, waits out 429s.
    public func send(_ method: String, _ path: String, json body: Data? = nil) async throws(SyncError) -> SyncServer.Answer {
        var renewed = false
        while true {
            let token = try await token()
            try await waitForTurn()
            let answer = try await server.send(method, path, json: body, token: token)
            if answer.status == 401, !renewed {
                accessToken = nil
                renewed = true
                continue
            }
            if answer.status == 429 {
                let wait = TimeInterval(answer.retryAfter ?? 5)
                guard Date().addingTimeInterval(wait) < deadline else {
                    throw SyncError.unreachable("the server is throttling and the time budget is spent")
                }
                try? await Task.sleep(for: .seconds(wait))
                continue
            }
            return answer
        }
    }
}
