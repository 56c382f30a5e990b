import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Talks to a TappPlus server (the real one or ours) through its REST API v1.
///
/// Every request opens a new connection (`Connection: close`, an ephemeral session): libcurl, under Foundation's
/// URLSession on Linux, sends a request again by itself when a *reused* connection closes without an answer, which
/// for a POST would make a duplicate on the server.
public struct SyncServer: Sendable {
    public let address: ServerAddress
    public var timeout: TimeInterval = 30

    public init(address: ServerAddress) { self.address = address }

    public struct Answer: Sendable {
        public let status: Int
        public let body: Data
        public let retryAfter: Int?

        public func json() -> Any? { try? JSONSerialization.jsonObject(with: body) }

        public func object() -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }

        /// The server's `message`, a sentence or the list of them.
        public var message: String {
            let message = object()["message"]
            if let text = message as? String { return text }
            if let list = message as? [String] { return list.joined(separator: "; ") }
            return String(decoding: body.prefix(200), as: UTF8.self)
        }
    }

    public func send(_ method: String, _ path: String, body: [String: Any]?, token: String? = nil) async throws(SyncError) -> Answer {
        try await send(method, path, json: body.flatMap { try? JSONSerialization.data(withJSONObject: $0) }, token: token)
    }

    /// A request with a JSON body already serialized (bodies cross actors as bytes).
    public func send(_ method: String, _ path: String, json body: Data? = nil, token: String? = nil) async throws(SyncError) -> Answer {
        // The path may carry a query (`people?limit=100`): it must stay a query, not become part of the path.
        let parts = path.split(separator: "?", maxSplits: 1)
        var url = address.base.appendingPathComponent(String(parts.first ?? ""))
        if parts.count == 2, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.percentEncodedQuery = String(parts[1])
            url = components.url ?? url
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = timeout
        request.setValue("close", forHTTPHeaderField: "Connection")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        do {
            let (data, response) = try await session.data(for: request)
            let http = response as? HTTPURLResponse
            let retry = (http?.value(forHTTPHeaderField: "Retry-After")).flatMap { Int($0) }
            return Answer(status: http?.statusCode ?? 0, body: data, retryAfter: retry)
        } catch {
            throw SyncError.unreachable("cannot reach \(address.base.absoluteString): \(error.localizedDescription)")
        }
    }

    /// What a successful sign-in gives.
    public struct SignIn: Sendable {
        public let accessToken: String
        public let refreshToken: String
        public let refreshExpiresAt: Date
        public let userId: String?
        public let role: String?
        public let doctorId: String?
    }

    public func login(email: String, password: String) async throws(SyncError) -> SignIn {
        let answer = try await send("POST", "auth/login", body: ["email": email, "password": password])
        guard answer.status == 201 || answer.status == 200 else {
            throw SyncError.refused(status: answer.status, message: answer.message)
        }
        let object = answer.object()
        guard let access = object["access_token"] as? String, let refresh = object["refresh_token"] as? String else {
            throw SyncError.refused(status: answer.status, message: "the answer has no tokens: is this a TappPlus server?")
        }
        let user = object["user"] as? [String: Any]
        let doctor = user?["doctor"] as? [String: Any]
        return SignIn(accessToken: access, refreshToken: refresh,
                      refreshExpiresAt: JWTClaims.expiry(refresh) ?? Date().addingTimeInterval(7 * 86_400),
                      userId: user?["id"] as? String, role: user?["role"] as? String, doctorId: doctor?["id"] as? String)
    }
}

/// Reads a token's expiry without checking its signature (the server checks it; we only plan around it).
public enum JWTClaims {
    public static func expiry(_ token: String) -> Date? {
        let parts = token.split(separator: ".")
        guard parts.count >= 2 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
              let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let exp = claims["exp"] as? Double else { return nil }
        return Date(timeIntervalSince1970: exp)
    }
}
