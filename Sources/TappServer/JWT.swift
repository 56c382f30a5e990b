import Crypto
import Foundation

/// JSON Web Tokens signed with HS256 and nothing else: a token whose header names any other algorithm
/// (`none` included) is refused before its signature is even looked at.
public struct JWTSigner: Sendable {
    let secret: Data

    public init(secret: String) {
        self.secret = Data(secret.utf8)
    }

    var key: SymmetricKey { SymmetricKey(data: secret) }

    public func sign(_ claims: [String: Any]) throws -> String {
        let header = JWTSigner.base64URL(try JSONSerialization.data(withJSONObject: ["alg": "HS256", "typ": "JWT"], options: [.sortedKeys]))
        let payload = JWTSigner.base64URL(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        let input = "\(header).\(payload)"
        let signature = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key)
        return "\(input).\(JWTSigner.base64URL(Data(signature)))"
    }

    /// The claims of a valid, unexpired HS256 token; nil for anything else.
    public func verify(_ token: String, now: Date = Date()) -> [String: Any]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerData = JWTSigner.decodeBase64URL(String(parts[0])),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
              header["alg"] as? String == "HS256",
              let signature = JWTSigner.decodeBase64URL(String(parts[2])),
              HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: key),
              let payloadData = JWTSigner.decodeBase64URL(String(parts[1])),
              let claims = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any]
        else { return nil }
        if let exp = claims["exp"] as? Double, Date(timeIntervalSince1970: exp) <= now { return nil }
        return claims
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
