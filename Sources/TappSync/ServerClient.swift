import Foundation
import TappAPI

/// Signs in to a TappPlus server (the real one or ours) through its REST API v1, before any token exists.
public struct ServerClient: Sendable {
    public let address: ServerAddress
    let transport: any WireTransport

    public init(address: ServerAddress, transport: (any WireTransport)? = nil) {
        self.address = address
        self.transport = transport ?? HTTPClientTransport(address: address, connections: 1)
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

    /// `POST /auth/login`, waiting out a 429 as the server asks (within `deadline`).
    public func login(email: String, password: String, deadline: Date = Date().addingTimeInterval(60)) async throws(SyncError) -> SignIn {
        let result: Result<SignIn, SyncError>
        do { result = .success(try await signIn(email: email, password: password, deadline: deadline)) } catch { result = .failure(error) }
        await transport.close()
        return try result.get()
    }

    private func signIn(email: String, password: String, deadline: Date) async throws(SyncError) -> SignIn {
        let request = try WireRequest(.login, encoding: LoginBody(email: email, password: password))
        var answer = try await transport.send(request, deadline: deadline)
        for _ in 0..<5 where answer.status == 429 {
            let wait = answer.retryAfter ?? 5
            guard Date().addingTimeInterval(wait) < deadline else { break }
            try? await Task.sleep(for: .seconds(wait))
            answer = try await transport.send(request, deadline: deadline)
        }
        guard answer.status == 201 || answer.status == 200 else {
            throw SyncError.refused(status: answer.status, message: answer.message)
        }
        let signedIn: SignInAnswer
        do { signedIn = try answer.decode(SignInAnswer.self) } catch {
            throw SyncError.refused(status: answer.status, message: "the answer has no tokens: is this a TappPlus server?")
        }
        return SignIn(accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken,
                      refreshExpiresAt: JWTClaims.expiry(signedIn.refreshToken) ?? Date().addingTimeInterval(7 * 86_400),
                      userId: signedIn.user.id, role: signedIn.user.role, doctorId: signedIn.user.doctor?.id)
    }
}

/// Reads a token's expiry without checking its signature (the server checks it; we only plan around it).
public enum JWTClaims {
    struct Claims: Decodable { let exp: Double? }

    public static func expiry(_ token: String) -> Date? {
        let parts = token.split(separator: ".")
        guard parts.count >= 2 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let exp = (try? JSONDecoder().decode(Claims.self, from: data))?.exp,
              exp.isFinite else { return nil }
        return Date(timeIntervalSince1970: exp)
    }
}
