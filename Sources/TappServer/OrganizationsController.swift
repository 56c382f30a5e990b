import Foundation
import Hummingbird
import TappAPI
import TappDomain

/// `/organizations`, and attaching people to them.
struct OrganizationsController: Sendable {
    let database: any ServerDatabase
    let auth: Authenticator

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.post("organizations") { request, _ -> Response in
            try await auth.user(request).require("ADMIN")
            let given = try OrganizationBody(checking: try await HTTP.object(request)).name
            let id = Cuid.make(), now = Instants.stamp()
            let organization = try await database.write { db -> TappAPI.Organization in
                try await db.execute("INSERT INTO organizations (id, name, createdAt, updatedAt) VALUES (?, ?, ?, ?)", [id, given, now, now])
                return try found(try await Included.organization(db, id), "Organisation non trouvée")
            }
            return HTTP.json(organization, status: .created)
        }
        api.get("organizations") { request, _ -> Response in
            _ = try await auth.user(request)
            return HTTP.json(try await database.read { db in
                var list: [TappAPI.Organization] = []
                for id in try await db.fetchColumn("SELECT id FROM organizations ORDER BY name, id", as: String.self) {
                    if let organization = try await Included.organization(db, id) { list.append(organization) }
                }
                return list
            })
        }
        api.get("organizations/:id") { request, context -> Response in
            _ = try await auth.user(request)
            return HTTP.json(try await organization(try context.pathId("id")))
        }
        api.get("organizations/:id/stats") { request, context -> Response in
            _ = try await auth.user(request)
            let id = try context.pathId("id")
            guard let name = try await database.read({ db in
                try await db.fetchValue("SELECT name FROM organizations WHERE id = ?", [id], as: String.self)
            }) else { throw NestError.notFound("Organisation non trouvée") }
            let stats = try await database.read { db -> OrganizationStats.Counts in
                func count(_ sql: String) async throws -> Int { try await db.fetchValue(sql, [id], as: Int.self) ?? 0 }
                let people = "SELECT personId FROM person_organizations WHERE orgId = ? AND isActive = 1"
                return OrganizationStats.Counts(
                    totalPeople: try await count("SELECT count(*) FROM (\(people)) AS linked"),
                    totalUsers: try await count("SELECT count(*) FROM users WHERE organizationId = ? AND isActive = 1"),
                    totalConsultations: try await count("SELECT count(*) FROM consultations WHERE personId IN (\(people))"),
                    totalInterventions: try await count("SELECT count(*) FROM interventions WHERE personId IN (\(people))"))
            }
            // As the real server: the organization's name, not the organization.
            return HTTP.json(OrganizationStats(organization: name, stats: stats))
        }
        api.patch("organizations/:id") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let id = try context.pathId("id")
            let name = try OrganizationBody.change(checking: try await HTTP.object(request))?.name
            try await database.read { db in try await exists(db, "organizations", id, "Organisation non trouvée") }
            if let name {
                try await database.write { db in
                    try await db.execute("UPDATE organizations SET name = ?, updatedAt = ? WHERE id = ?", [name, Instants.stamp(), id])
                }
            }
            return HTTP.json(try await organization(id))
        }
        api.delete("organizations/:id") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let id = try context.pathId("id")
            try await database.write { db in
                try await exists(db, "organizations", id, "Organisation non trouvée")
                // As Prisma's default for an optional relation: the users stay, without an organization;
                // the people's links go with it.
                try await db.execute("UPDATE users SET organizationId = NULL, updatedAt = ? WHERE organizationId = ?", [Instants.stamp(), id])
                try await db.execute("DELETE FROM organizations WHERE id = ?", [id])
            }
            return HTTP.json(MessageAnswer(message: "Organisation supprimée avec succès"))
        }
        api.post("people/:id/organizations/:organizationId") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let personId = try context.pathId("id"), organizationId = try context.pathId("organizationId")
            let role = try LinkBody(reading: try await HTTP.object(request)).role
            let link = try await database.write { db -> TappAPI.OrganizationLink in
                try await exists(db, "people", personId, "Personne non trouvée")
                try await exists(db, "organizations", organizationId, "Organisation non trouvée")
                let now = Instants.stamp()
                try await db.execute("""
                    INSERT INTO person_organizations (personId, orgId, role, isActive, startAt, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?, ?)
                    ON CONFLICT (personId, orgId) DO UPDATE SET isActive = 1, endAt = NULL,
                      role = coalesce(excluded.role, person_organizations.role), updatedAt = excluded.updatedAt
                    """, [personId, organizationId, role, now, now, now])
                return try found(try await membership(db, personId, organizationId), "Personne non trouvée")
            }
            return HTTP.json(link, status: .created)
        }
        api.delete("people/:id/organizations/:organizationId") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let personId = try context.pathId("id"), organizationId = try context.pathId("organizationId")
            let link = try await database.write { db -> TappAPI.OrganizationLink in
                // The real server answers 500 for a person who was never attached; we say so.
                let attached = try await membership(db, personId, organizationId) != nil
                if !attached, RealServerFaults.on { throw NestError.internalError }
                guard attached else {
                    throw NestError.notFound("Cette personne n'est pas rattachée à cette organisation")
                }
                let now = Instants.stamp()
                try await db.execute("UPDATE person_organizations SET isActive = 0, endAt = ?, updatedAt = ? WHERE personId = ? AND orgId = ?",
                                     [now, now, personId, organizationId])
                return try found(try await membership(db, personId, organizationId), "Cette personne n'est pas rattachée à cette organisation")
            }
            return HTTP.json(link)
        }
    }

    func membership(_ db: any SQLSession, _ personId: String, _ organizationId: String) async throws -> TappAPI.OrganizationLink? {
        try await db.fetchOne("SELECT * FROM person_organizations WHERE personId = ? AND orgId = ?", [personId, organizationId])
            .map(TappAPI.OrganizationLink.init(row:))
    }

    /// The organization with its people and users, as every organization route answers it.
    func organization(_ id: String) async throws -> TappAPI.Organization {
        guard let organization = try await database.read({ db in try await Included.organization(db, id) }) else {
            throw NestError.notFound("Organisation non trouvée")
        }
        return organization
    }
}

/// The record, or the French 404 when it is missing.
func found<T>(_ value: T?, _ message: String) throws -> T {
    guard let value else { throw NestError.notFound(message) }
    return value
}

/// Throws the French 404 when the row is missing.
func exists(_ db: any SQLSession, _ table: String, _ id: String, _ message: String) async throws {
    guard try await db.fetchOne("SELECT 1 FROM \(table) WHERE id = ?", [id]) != nil else {
        throw NestError.notFound(message)
    }
}
