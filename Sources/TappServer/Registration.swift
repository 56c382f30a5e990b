import Foundation
import Hummingbird
import TappAPI

/// `POST /auth/register`. Only an ADMIN gives roles, so it needs an ADMIN's token (the real server lets anyone make
/// themselves ADMIN). With `serve --open-registration`, anyone may also make an account without a role or a NURSE
/// one (a demo), never an ADMIN or a DOCTOR.
struct Registration: Sendable {
    let auth: Authenticator
    static let roles = ["ADMIN", "DOCTOR", "NURSE"]
    /// The roles an anonymous sign-up may take under `--open-registration` (nil: none).
    static let openRoles: Set<String?> = [nil, "NURSE"]

    func register(_ request: Request) async throws -> Response {
        // Token first (401), then the role (403), then the body (400), as on every guarded route.
        let byAdmin: Bool
        if RealServerFaults.on {
            // The real route has no guard: anyone, any role.
            byAdmin = true
        } else if request.headers[.authorization] != nil || !auth.openRegistration {
            try await auth.user(request).require("ADMIN")
            byAdmin = true
        } else {
            byAdmin = false
        }
        let body = try RegisterBody(checking: try await HTTP.object(request))
        let email = body.email, password = body.password, phone = body.phone, role = body.role, timezone = body.timezone
        let organizationId = body.organizationId, speciality = body.speciality, license = body.license
        guard byAdmin || Registration.openRoles.contains(role) else { throw NestError.forbidden }
        // An ADMIN's account without a role is a DOCTOR's, as on the real server; an anonymous one stays role-less.
        let storedRole = byAdmin ? role ?? "DOCTOR" : role
        let id = Cuid.make(), now = Instants.stamp()
        let hash = try await PasswordCheck.hash(password)
        let user = try await auth.database.write { db -> UserProfile in
            guard try await db.fetchOne("SELECT 1 FROM users WHERE email = ?", [email]) == nil else {
                throw NestError.unauthorized("Un utilisateur avec cet email existe déjà")
            }
            if let organizationId {
                if RealServerFaults.on, try await db.fetchOne("SELECT 1 FROM organizations WHERE id = ?", [organizationId]) == nil {
                    throw NestError.internalError
                }
                try await exists(db, "organizations", organizationId, "Organisation non trouvée")
            }
            try await db.execute("""
                INSERT INTO users (id, email, password, phone, role, timezone, isActive, organizationId, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                """, [id, email, hash, phone, storedRole, timezone ?? "Africa/Douala", organizationId, now, now])
            if storedRole == "DOCTOR" {
                try await db.execute("INSERT INTO doctors (id, userId, speciality, license, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)",
                                     [Cuid.make(), id, speciality, license, now, now])
            }
            // As the real server: the new user with its organization (the doctor profile is made but not shown).
            guard var user = try await auth.profile(db, id: id) else { throw NestError.internalError }
            user.showsDoctor = false
            return user
        }
        return HTTP.json(user, status: .created)
    }
}
