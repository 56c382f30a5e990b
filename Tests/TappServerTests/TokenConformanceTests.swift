import Foundation
import Testing
import TappTestSupport

/// The tokens as the API document describes them: HS256 only, payload `{sub, email, role, organizationId}`, access
/// for `JWT_EXPIRES_IN` (15 min by default), refresh signed with its own secret for 7 days; no start without secrets.
@Suite(.serialized) struct TokenConformanceTests {
    static func part(_ token: String, _ index: Int) -> [String: Any] {
        var text = String(token.split(separator: ".")[index]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return (Data(base64Encoded: text).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]) ?? [:]
    }

    static func base64URL(_ json: String) -> String {
        Data(json.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }

    @Test(arguments: ServerMode.allCases) func theTokensCarryTheRealClaimsAndLifetimes(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let signedIn = try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
        let access = try #require(signedIn.object["access_token"] as? String)
        let refresh = try #require(signedIn.object["refresh_token"] as? String)
        #expect(Self.part(access, 0)["alg"] as? String == "HS256")
        let claims = Self.part(access, 1)
        #expect(claims["sub"] as? String == (signedIn.object["user"] as? [String: Any])?["id"] as? String)
        #expect(claims["email"] as? String == "admin@meditache.com")
        #expect(claims["role"] as? String == "ADMIN")
        #expect(claims["organizationId"] as? String == "org_default")
        #expect((claims["exp"] as? Int ?? 0) - (claims["iat"] as? Int ?? 0) == 15 * 60)
        let refreshClaims = Self.part(refresh, 1)
        #expect((refreshClaims["exp"] as? Int ?? 0) - (refreshClaims["iat"] as? Int ?? 0) == 7 * 86_400)
        // Each token is signed with its own secret: neither stands in for the other.
        #expect(try await server.get("/api/v1/auth/profile", token: refresh).status == 401)
        let swapped = try await server.send("POST", "/api/v1/auth/refresh", body: ["refresh_token": access])
        #expect(AnswerShapes.same(swapped.object, ["statusCode": 401, "message": "Token de rafraîchissement invalide", "error": "Unauthorized"]))
        // Another algorithm named in the header, with the same claims and signature, is refused.
        let parts = access.split(separator: ".")
        for alg in ["HS512", "none", "RS256"] {
            let header = Self.base64URL(#"{"alg":"\#(alg)","typ":"JWT"}"#)
            #expect(try await server.get("/api/v1/people", token: "\(header).\(parts[1]).\(parts[2])").status == 401, "\(alg)")
        }
    }

    @Test func lifetimesComeFromTheEnvironmentAsTheRealServerReadsThem() async throws {
        let server = try await ServerProcess.owned([], environment: ["JWT_EXPIRES_IN": "2h", "JWT_REFRESH_EXPIRES_IN": "30 days"])
        defer { server.stop() }
        let signedIn = try await server.send("POST", "/api/v1/auth/login", body: ["email": "admin@meditache.com", "password": "admin123"])
        let access = Self.part(signedIn.object["access_token"] as? String ?? "", 1)
        let refresh = Self.part(signedIn.object["refresh_token"] as? String ?? "", 1)
        #expect((access["exp"] as? Int ?? 0) - (access["iat"] as? Int ?? 0) == 7200)
        #expect((refresh["exp"] as? Int ?? 0) - (refresh["iat"] as? Int ?? 0) == 30 * 86_400)
    }

    /// Runs `tappplus-server serve` that is expected to refuse to start; its status and what it wrote on stderr.
    func refusedStart(_ environment: [String: String], arguments: [String] = []) throws -> (Int32, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-server-start-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = ["serve", "--db", folder.appendingPathComponent("s.sqlite").path, "--port", "\(Int.random(in: 40_001...50_000))"]
            + arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "JWT_SECRET")
        env.removeValue(forKey: "JWT_REFRESH_SECRET")
        env.merge(environment) { _, given in given }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    @Test func itRefusesToStartWithoutStrongSecretsOrWithABadLifetime() throws {
        let strong = "a-secret-of-at-least-thirty-two-characters"
        let (missing, missingText) = try refusedStart([:])
        #expect(missing != 0)
        #expect(missingText.contains("JWT_SECRET must be set to at least 32 characters"))
        let (short, shortText) = try refusedStart(["JWT_SECRET": strong, "JWT_REFRESH_SECRET": "short"])
        #expect(short != 0)
        #expect(shortText.contains("JWT_REFRESH_SECRET"))
        let (lifetime, lifetimeText) = try refusedStart(["JWT_SECRET": strong, "JWT_REFRESH_SECRET": strong + "-2", "JWT_EXPIRES_IN": "soon"])
        #expect(lifetime != 0)
        #expect(lifetimeText.contains("JWT_EXPIRES_IN must be a time span"))
    }
}
