import Crypto
import Foundation
import JWTKit

/// What a token says of its user, as the real server's payload `{sub, email, role, organizationId}`, with `iat`
/// and an `exp` that every token must carry and that is checked on every use.
struct TokenClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var email: String
    var role: String?
    var organizationId: String?
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    enum CodingKeys: String, CodingKey {
        case sub, email, role, organizationId, iat, exp
    }

    init(userId: String, email: String, role: String?, organizationId: String?, issuedAt: Date, lifetime: TimeInterval) {
        // Whole seconds, as NumericDate is usually written.
        let issued = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
        sub = SubjectClaim(value: userId)
        self.email = email
        self.role = role
        self.organizationId = organizationId
        iat = IssuedAtClaim(value: issued)
        exp = ExpirationClaim(value: issued.addingTimeInterval(lifetime.rounded(.down)))
    }

    /// `role` and `organizationId` are written as null when absent, as the real server writes them.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sub, forKey: .sub)
        try container.encode(email, forKey: .email)
        try container.encode(role, forKey: .role)
        try container.encode(organizationId, forKey: .organizationId)
        try container.encode(iat, forKey: .iat)
        try container.encode(exp, forKey: .exp)
    }

    /// jwt-kit's validator: an expired token is refused.
    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// The HS256 key of one kind of token (access or refresh, each with its own secret), through jwt-kit. A token whose
/// header names any other algorithm (`none` included) is refused before its signature is even looked at.
struct TokenKey: Sendable {
    private let keys: JWTKeyCollection
    let verified = VerifiedTokens()

    /// `secret` of 32 bytes or more, as `serve` demands; a shorter one (only `--dev` allows it) is stretched to its
    /// SHA-256, since jwt-kit refuses an HMAC key shorter than the hash.
    init(secret: String) async {
        let bytes = Data(secret.utf8)
        let key = bytes.count >= 32 ? HMACKey(from: bytes) : HMACKey(key: SymmetricKey(data: SHA256.hash(data: bytes)))
        keys = JWTKeyCollection()
        await keys.add(hmac: key, digestAlgorithm: .sha256)
    }

    func sign(_ claims: TokenClaims) async throws -> String {
        try await keys.sign(claims)
    }

    /// The claims of a valid, unexpired HS256 token signed with this key; nil for anything else.
    func verify(_ token: String) async -> TokenClaims? {
        if let known = verified.claims(of: token) { return known }
        guard TokenKey.namesHS256(token), let claims = try? await keys.verify(token, as: TokenClaims.self) else { return nil }
        verified.remember(token, claims)
        return claims
    }

    /// Whether the token's header says `"alg":"HS256"` and nothing else would be tried.
    static func namesHS256(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = decodeBase64URL(parts[0]),
              let fields = try? JSONDecoder().decode(Header.self, from: header) else { return false }
        return fields.alg == "HS256" && fields.crit == nil
    }

    private struct Header: Decodable {
        let alg: String
        let crit: [String]?
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        guard text.utf8.count <= 8192 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
