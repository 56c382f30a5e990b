import Foundation
import Testing
@testable import TappServer

/// Verified tokens are remembered until they expire, and nothing unverified is ever remembered.
@Suite struct VerifiedTokensTests {
    let secret = "test-secret-for-access-tokens-0123456789"

    @Test func aVerifiedTokenIsRememberedUntilItExpires() async throws {
        let key = await TokenKey(secret: secret)
        let now = Date()
        let claims = TokenClaims(userId: "u1", email: "a@b.cm", role: "ADMIN", organizationId: nil, issuedAt: now, lifetime: 60)
        let token = try await key.sign(claims)
        #expect(key.verified.count == 0)
        #expect(await key.verify(token)?.sub.value == "u1")
        #expect(key.verified.count == 1)
        #expect(key.verified.claims(of: token, now: now)?.sub.value == "u1")
        // Past its `exp`, the remembered claims are dropped, not believed.
        #expect(key.verified.claims(of: token, now: now.addingTimeInterval(61)) == nil)
        #expect(key.verified.count == 0)
    }

    @Test func aTokenThatFailsIsNeverRemembered() async throws {
        let key = await TokenKey(secret: secret)
        let other = await TokenKey(secret: "another-secret-for-access-tokens-012345")
        let claims = TokenClaims(userId: "u1", email: "a@b.cm", role: "ADMIN", organizationId: nil, issuedAt: Date(), lifetime: 60)
        let forged = try await other.sign(claims)
        #expect(await key.verify(forged) == nil)
        #expect(await key.verify(forged + "x") == nil)
        let expired = try await key.sign(TokenClaims(userId: "u1", email: "a@b.cm", role: nil, organizationId: nil,
                                                     issuedAt: Date().addingTimeInterval(-120), lifetime: 60))
        #expect(await key.verify(expired) == nil)
        #expect(key.verified.count == 0)
    }

    @Test func theSetIsBounded() {
        let tokens = VerifiedTokens(limit: 3)
        let claims = TokenClaims(userId: "u", email: "e", role: nil, organizationId: nil, issuedAt: Date(), lifetime: 60)
        for index in 0..<7 { tokens.remember("t\(index)", claims) }
        #expect(tokens.count <= 3)
        #expect(tokens.claims(of: "t6") != nil)
    }
}
