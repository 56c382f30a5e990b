import Foundation
import GRDB
import Hummingbird
import HummingbirdBcrypt

/// The signed-in user behind a bearer token.
struct AuthUser: Sendable {
    let id: String
    let email: String
    let role: String?
    let organizationId: String?

    /// The role must be exactly one of these (the real server tests substrings, so `SUPERADMIN` passed ADMIN).
    func require(_ roles: String...) throws {
        guard let role, roles.contains(role) else { throw NestError.forbidden }
    }
}

/// Sign-in, tokens and the bearer check.
struct Authenticator: Sendable {
    let store: ServerStore
    let access: JWTSigner
    let refresh: JWTSigner
    let accessLifetime: TimeInterval
    let refreshLifetime: TimeInterval

    /// The user of a valid access token, else the bare 401.
    func user(_ request: Request) throws -> AuthUser {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let claims = access.verify(String(header.dropFirst(7))),
              let id = claims["sub"] as? String
        else { throw NestError.unauthorized }
        let row = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT id, email, role, organizationId, isActive FROM users WHERE id = ?", arguments: [id])
        }
        guard let row, row["isActive"] as Bool else { throw NestError.unauthorized }
        return AuthUser(id: row["id"], email: row["email"], role: row["role"], organizationId: row["organizationId"])
    }

    func tokens(for user: [String: Any], now: Date = Date()) throws -> (access: String, refresh: String) {
        var claims: [String: Any] = ["sub": user["id"] ?? "", "email": user["email"] ?? "", "role": user["role"] ?? NSNull(),
                                     "organizationId": user["organizationId"] ?? NSNull(), "iat": Int(now.timeIntervalSince1970)]
        claims["exp"] = Int(now.timeIntervalSince1970 + accessLifetime)
        let accessToken = try access.sign(claims)
        claims["exp"] = Int(now.timeIntervalSince1970 + refreshLifetime)
        return (accessToken, try refresh.sign(claims))
    }

    /// The user as the API shows it: no password, with its organization and doctor profile.
    func profile(_ db: Database, id: String) throws -> [String: Any]? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]) else { return nil }
        var user = Included.user(row)
        user["organization"] = try (row["organizationId"] as String?).flatMap { try Included.row(db, "organizations", $0) } ?? NSNull()
        user["doctor"] = try Included.doctorProfile(db, userId: id)
        return user
    }

    /// The user as login and refresh show it: `{id, email, role, timezone, organization, doctor}`.
    static func signedIn(_ user: [String: Any]) -> [String: Any] {
        var shown: [String: Any] = [:]
        for key in ["id", "email", "role", "timezone", "organization", "doctor"] { shown[key] = user[key] ?? NSNull() }
        return shown
    }

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.post("auth/login") { request, _ -> Response in
            var rules = BodyRules(try await HTTP.object(request))
            let email = rules.email("email")
            let password = rules.string("password", minLength: 6)
            try rules.check()
            let row = try store.read { db in try Row.fetchOne(db, sql: "SELECT id, password, isActive FROM users WHERE email = ?",
                                                              arguments: [email!]) }
            guard let row, Bcrypt.verify(password!, hash: row["password"]) else {
                throw NestError.unauthorized("Identifiants invalides")
            }
            guard row["isActive"] as Bool else { throw NestError.unauthorized("Compte désactivé") }
            guard let user = try store.read({ db in try profile(db, id: row["id"]) }) else { throw NestError.unauthorized }
            let (accessToken, refreshToken) = try tokens(for: user)
            return HTTP.json(["access_token": accessToken, "refresh_token": refreshToken, "user": Authenticator.signedIn(user)],
                             status: .created)
        }

        api.post("auth/register") { request, _ -> Response in
            var rules = BodyRules(try await HTTP.object(request))
            let email = rules.email("email")
            let password = rules.string("password", minLength: 6)
            let phone = rules.string("phone", optional: true)
            let role = rules.oneOf("role", ["ADMIN", "DOCTOR", "NURSE"])
            let timezone = rules.string("timezone", optional: true)
            let organizationId = rules.string("organizationId", optional: true)
            let speciality = rules.string("speciality", optional: true)
            let license = rules.string("license", optional: true)
            try rules.check()
            let id = Cuid.make(), now = ServerStore.stamp()
            let hash = Bcrypt.hash(password!, cost: 10)
            let user = try store.write { db -> [String: Any] in
                guard try Row.fetchOne(db, sql: "SELECT 1 FROM users WHERE email = ?", arguments: [email!]) == nil else {
                    throw NestError.unauthorized("Un utilisateur avec cet email existe déjà")
                }
                if let organizationId { try exists(db, "organizations", organizationId, "Organisation non trouvée") }
                try db.execute(sql: """
                    INSERT INTO users (id, email, password, phone, role, timezone, isActive, organizationId, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                    """, arguments: [id, email!, hash, phone, role ?? "DOCTOR", timezone ?? "Africa/Douala", organizationId, now, now])
                if role == nil || role == "DOCTOR" {
                    try db.execute(sql: "INSERT INTO doctors (id, userId, speciality, license, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [Cuid.make(), id, speciality, license, now, now])
                }
                // As the real server: the new user with its organization (the doctor profile is made but not shown).
                var user = try profile(db, id: id)!
                user.removeValue(forKey: "doctor")
                return user
            }
            return HTTP.json(user, status: .created)
        }

        api.post("auth/refresh") { request, _ -> Response in
            let body = try await HTTP.object(request)
            guard let token = body["refresh_token"] as? String, let claims = refresh.verify(token), let id = claims["sub"] as? String,
                  let user = try store.read({ db in try profile(db, id: id) }), user["isActive"] as? Bool == true
            else { throw NestError.unauthorized("Token de rafraîchissement invalide") }
            // As the real server: a new access token only, no new refresh token.
            return HTTP.json(["access_token": try tokens(for: user).access, "user": Authenticator.signedIn(user)], status: .created)
        }

        api.get("auth/profile") { request, _ -> Response in
            let me = try user(request)
            guard let profile = try store.read({ db in try profile(db, id: me.id) }) else { throw NestError.unauthorized }
            return HTTP.json(profile)
        }
    }
}
