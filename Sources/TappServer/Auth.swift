import Foundation
import Hummingbird
import TappAPI

/// The signed-in user behind a bearer token.
struct AuthUser: Sendable {
    let id: String
    let email: String
    let role: String?
    let organizationId: String?

    /// The role must be exactly one of these (the real server tests substrings, so `SUPERADMIN` passed ADMIN).
    func require(_ roles: String...) throws {
        if RealServerFaults.on {
            // The real guard: the role must contain one of them (`SUPERADMIN` passes ADMIN).
            guard let role, roles.contains(where: { role.contains($0) }) else { throw NestError.forbidden }
            return
        }
        guard let role, roles.contains(role) else { throw NestError.forbidden }
    }
}

/// Sign-in, tokens and the bearer check.
struct Authenticator: Sendable {
    let database: any ServerDatabase
    let access: TokenKey
    let refresh: TokenKey
    let accessLifetime: TimeInterval
    let refreshLifetime: TimeInterval
    var passwords = PasswordCheck.bcrypt
    /// `serve --open-registration`: anyone may make a role-less or NURSE account (a demo), never ADMIN or DOCTOR.
    var openRegistration = false

    /// The user of a valid access token, else the bare 401.
    func user(_ request: Request) async throws -> AuthUser {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let claims = await access.verify(String(header.dropFirst(7)))
        else { throw NestError.unauthorized }
        let row = try await database.read { db in
            try await db.fetchOne("SELECT id, email, role, organizationId, isActive FROM users WHERE id = ?", [claims.sub.value])
        }
        guard let row, row["isActive"] as Bool else { throw NestError.unauthorized }
        return AuthUser(id: row["id"], email: row["email"], role: row["role"], organizationId: row["organizationId"])
    }

    func tokens(for profile: UserProfile, now: Date = Date()) async throws -> (access: String, refresh: String) {
        let user = profile.user
        func claims(_ lifetime: TimeInterval) -> TokenClaims {
            TokenClaims(userId: user.id, email: user.email, role: user.role, organizationId: user.organizationId, issuedAt: now,
                        lifetime: lifetime)
        }
        return (try await access.sign(claims(accessLifetime)), try await refresh.sign(claims(refreshLifetime)))
    }

    /// The account whose email and password these are; nil when there is none or the password is wrong, after the
    /// same bcrypt work either way, so that the time of the answer does not tell which emails have an account.
    func account(email: String, password: String) async throws -> (id: String, isActive: Bool)? {
        let row = try await database.read { db in
            try await db.fetchOne("SELECT id, password, isActive FROM users WHERE email = ?", [email])
        }
        guard try await passwords.matches(password, hash: row?["password"]), let row else { return nil }
        return (row["id"], row["isActive"])
    }

    /// The user as the API shows it: no password, with its organization and doctor profile.
    func profile(_ db: any SQLSession, id: String) async throws -> UserProfile? {
        guard let row = try await db.fetchOne("SELECT * FROM users WHERE id = ?", [id]) else { return nil }
        // Without its password even under the real server's faults: the real profile, login and register leave it out.
        let user = try TappAPI.User(row: row)
        var organization: TappAPI.Organization?
        if let organizationId = user.organizationId {
            organization = try await db.fetchOne("SELECT * FROM organizations WHERE id = ?", [organizationId]).map(TappAPI.Organization.init(row:))
        }
        return UserProfile(user: user, organization: organization, doctor: try await Included.doctorProfile(db, userId: id))
    }

    /// The user as login and refresh show it: `{id, email, role, timezone, organization, doctor}`.
    static func signedIn(_ profile: UserProfile) -> SignInAnswer.SignedInUser {
        SignInAnswer.SignedInUser(id: profile.user.id, email: profile.user.email, role: profile.user.role, timezone: profile.user.timezone,
                                  organization: profile.organization, doctor: profile.doctor)
    }

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.post("auth/login") { request, _ -> Response in
            let login = try LoginBody(checking: try await HTTP.object(request))
            guard let account = try await account(email: login.email, password: login.password) else {
                throw NestError.unauthorized("Identifiants invalides")
            }
            guard account.isActive else { throw NestError.unauthorized("Compte désactivé") }
            guard let user = try await database.read({ db in try await profile(db, id: account.id) }) else { throw NestError.unauthorized }
            let (accessToken, refreshToken) = try await tokens(for: user)
            return HTTP.json(SignInAnswer(accessToken: accessToken, refreshToken: refreshToken, user: Authenticator.signedIn(user)),
                             status: .created)
        }

        api.post("auth/register") { request, _ in try await Registration(auth: self).register(request) }

        api.post("auth/refresh") { request, _ -> Response in
            let body = RefreshBody(reading: try await HTTP.object(request))
            guard let token = body?.refreshToken, let claims = await refresh.verify(token),
                  let user = try await database.read({ db in try await profile(db, id: claims.sub.value) }), user.user.isActive
            else { throw NestError.unauthorized("Token de rafraîchissement invalide") }
            // As the real server: a new access token only, no new refresh token.
            return HTTP.json(RefreshAnswer(accessToken: try await tokens(for: user).access, user: Authenticator.signedIn(user)),
                             status: .created)
        }

        api.get("auth/profile") { request, _ -> Response in
            let me = try await user(request)
            guard let profile = try await database.read({ db in try await profile(db, id: me.id) }) else { throw NestError.unauthorized }
            return HTTP.json(profile)
        }
    }
}
