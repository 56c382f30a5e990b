import Foundation
import Synchronization

/// The claims of tokens already verified, by the token's exact text, until they expire: a client sends the same
/// access token with every request, and checking its signature again (base64, JSON, HMAC) was a tenth of a small
/// route's time. Only tokens that passed `TokenKey.verify` go in, so nothing unverified is ever believed; an expired
/// one is dropped when met, and the whole set when it reaches `limit` (a bound on memory, whatever clients send).
final class VerifiedTokens: Sendable {
    private let claims = Mutex<[String: TokenClaims]>([:])
    let limit: Int

    init(limit: Int = 10_000) { self.limit = limit }

    /// The token's claims if it was verified and has not expired since.
    func claims(of token: String, now: Date = Date()) -> TokenClaims? {
        claims.withLock { known in
            guard let found = known[token] else { return nil }
            guard found.exp.value > now else {
                known[token] = nil
                return nil
            }
            return found
        }
    }

    func remember(_ token: String, _ verified: TokenClaims) {
        claims.withLock { known in
            if known.count >= limit { known.removeAll(keepingCapacity: true) }
            known[token] = verified
        }
    }

    var count: Int { claims.withLock { $0.count } }
}
