import Foundation
import JWTKit
import Testing
import TappTestSupport

/// Tokens go through jwt-kit: typed claims, `exp` required and checked, HS256 only, each kind with its own secret.
/// Forgeries are made here with the test server's own secrets, so that only the rule under test can refuse them.
@Suite(.serialized) struct TokenForgeryTests {
    static let accessSecret = "test-secret-for-access-tokens-0123456789"
    static let refreshSecret = "test-secret-for-refresh-tokens-0123456789"

    /// The admin's claims, with whatever `iat`/`exp` the case needs (nil: left out).
    struct Claims: JWTPayload {
        /// The seed admin's id (a generated cuid, read from the sign-in answer).
        var sub: String
        var email = "admin@meditache.com"
        var role: String? = "ADMIN"
        var organizationId: String? = "org_default"
        var iat: Int? = Int(Date().timeIntervalSince1970)
        var exp: Int?
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// HS256 with `secret`; `alg` names another algorithm in the header (the signature stays a valid HS256 one).
    static func sign(_ claims: Claims, secret: String = accessSecret, alg: String? = nil) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        var header = JWTHeader()
        if let alg { header.alg = alg }
        return try await keys.sign(claims, header: header)
    }

    static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }

    @Test(arguments: ServerMode.allCases) func onlyAnUnexpiredHS256TokenWithTheAccessSecretPasses(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let admin = try await server.seedAdminId()
        let now = Int(Date().timeIntervalSince1970)
        let good = try await Self.sign(Claims(sub: admin, exp: now + 600))
        #expect(try await server.get("/api/v1/auth/profile", token: good).status == 200)
        let forged: [(String, String)] = [
            ("no exp", try await Self.sign(Claims(sub: admin, exp: nil))),
            ("expired", try await Self.sign(Claims(sub: admin, iat: now - 1000, exp: now - 10))),
            ("refresh secret", try await Self.sign(Claims(sub: admin, exp: now + 600), secret: Self.refreshSecret)),
            ("other secret", try await Self.sign(Claims(sub: admin, exp: now + 600), secret: "another-secret-of-thirty-two-characters!")),
            ("header HS512, valid HS256 signature", try await Self.sign(Claims(sub: admin, exp: now + 600), alg: "HS512")),
            ("header none, valid HS256 signature", try await Self.sign(Claims(sub: admin, exp: now + 600), alg: "none")),
            ("header hs256, valid HS256 signature", try await Self.sign(Claims(sub: admin, exp: now + 600), alg: "hs256")),
            ("header RS256, valid HS256 signature", try await Self.sign(Claims(sub: admin, exp: now + 600), alg: "RS256")),
        ]
        let parts = good.split(separator: ".").map(String.init)
        let noneHeader = Self.base64URL(#"{"alg":"none","typ":"JWT"}"#)
        let unsigned: [(String, String)] = [
            ("alg none, no signature", "\(noneHeader).\(parts[1])."),
            ("alg none, the old signature", "\(noneHeader).\(parts[1]).\(parts[2])"),
            ("two parts", "\(parts[0]).\(parts[1])"),
            ("crit header", "\(Self.base64URL(#"{"alg":"HS256","crit":["exp"]}"#)).\(parts[1]).\(parts[2])"),
            ("empty", ""),
            ("junk", String(repeating: "a.", count: 5000)),
        ]
        for (what, token) in forged + unsigned {
            let answer = try await server.get("/api/v1/auth/profile", token: token)
            #expect(answer.status == 401, "\(what)")
            #expect(AnswerShapes.same(answer.object, ["statusCode": 401, "message": "Unauthorized"]), "\(what)")
        }
        // A refresh token must be one: signed with the refresh secret, and unexpired.
        let refresh = try await Self.sign(Claims(sub: admin, exp: now + 600), secret: Self.refreshSecret)
        #expect(try await server.send("POST", "/api/v1/auth/refresh", body: ["refresh_token": refresh]).status == 201)
        for token in [try await Self.sign(Claims(sub: admin, exp: nil), secret: Self.refreshSecret),
                      try await Self.sign(Claims(sub: admin, iat: now - 1000, exp: now - 10), secret: Self.refreshSecret), good] {
            let answer = try await server.send("POST", "/api/v1/auth/refresh", body: ["refresh_token": token])
            #expect(AnswerShapes.same(answer.object, ["statusCode": 401, "message": "Token de rafraîchissement invalide", "error": "Unauthorized"]))
        }
    }
}
