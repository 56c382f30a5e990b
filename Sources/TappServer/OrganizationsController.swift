import Foundation
import GRDB
import Hummingbird
import TappDomain

/// `/organizations`, and attaching people to them.
struct OrganizationsController: Sendable {
    let store: ServerStore
    let auth: Authenticator

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.post("organizations") { request, _ -> Response in
            try await auth.user(request).require("ADMIN")
            var rules = BodyRules(try await HTTP.object(request))
            let name = rules.string("name", notEmpty: true)
            try rules.check()
            let given = try BodyRules.present(name)
            let id = Cuid.make(), now = ServerStore.stamp()
            let organization = try store.write { db -> [String: Any] in
                try db.execute(sql: "INSERT INTO organizations VALUES (?, ?, ?, ?)", arguments: [id, given, now, now])
                return try found(Included.organization(db, id), "Organisation non trouvée")
            }
            return HTTP.json(organization, status: .created)
        }
        api.get("organizations") { request, _ -> Response in
            _ = try await auth.user(request)
            return HTTP.json(try store.read { db in
                try String.fetchAll(db, sql: "SELECT id FROM organizations ORDER BY name, id").compactMap { try Included.organization(db, $0) }
            })
        }
        api.get("organizations/:id") { request, context -> Response in
            _ = try await auth.user(request)
            return HTTP.json(try organization(try context.pathId("id")))
        }
        api.get("organizations/:id/stats") { request, context -> Response in
            _ = try await auth.user(request)
            let id = try context.pathId("id")
            guard let name = try store.read({ db in try String.fetchOne(db, sql: "SELECT name FROM organizations WHERE id = ?", arguments: [id]) })
            else { throw NestError.notFound("Organisation non trouvée") }
            let stats = try store.read { db -> [String: Any] in
                func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [id]) ?? 0 }
                let people = "SELECT personId FROM person_organizations WHERE orgId = ? AND isActive = 1"
                return [
                    "totalPeople": try count("SELECT count(*) FROM (\(people))"),
                    "totalUsers": try count("SELECT count(*) FROM users WHERE organizationId = ? AND isActive = 1"),
                    "totalConsultations": try count("SELECT count(*) FROM consultations WHERE personId IN (\(people))"),
                    "totalInterventions": try count("SELECT count(*) FROM interventions WHERE personId IN (\(people))"),
                ]
            }
            // As the real server: the organization's name, not the organization.
            return HTTP.json(["organization": name, "stats": stats])
        }
        api.patch("organizations/:id") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let id = try context.pathId("id")
            var rules = BodyRules(try await HTTP.object(request))
            let name = rules.string("name", optional: true, notEmpty: true)
            rules.notNull("name")
            try rules.check()
            try store.read { db in try exists(db, "organizations", id, "Organisation non trouvée") }
            if let name {
                try store.write { db in
                    try db.execute(sql: "UPDATE organizations SET name = ?, updatedAt = ? WHERE id = ?", arguments: [name, ServerStore.stamp(), id])
                }
            }
            return HTTP.json(try organization(id))
        }
        api.delete("organizations/:id") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let id = try context.pathId("id")
            try store.write { db in
                try exists(db, "organizations", id, "Organisation non trouvée")
                // As Prisma's default for an optional relation: the users stay, without an organization;
                // the people's links go with it.
                try db.execute(sql: "UPDATE users SET organizationId = NULL, updatedAt = ? WHERE organizationId = ?",
                               arguments: [ServerStore.stamp(), id])
                try db.execute(sql: "DELETE FROM organizations WHERE id = ?", arguments: [id])
            }
            return HTTP.json(["message": "Organisation supprimée avec succès"])
        }
        api.post("people/:id/organizations/:organizationId") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let personId = try context.pathId("id"), organizationId = try context.pathId("organizationId")
            // The real route reads `role` alone from the body (no DTO): other fields are not refused.
            let body = try await HTTP.object(request)
            var role: String?
            if let value = body["role"], !(value is NSNull) {
                guard let text = value as? String else { throw NestError.validation(["role must be a string"]) }
                guard ControlCharacters.first(in: text) == nil else { throw NestError.validation([BodyRules.controls("role")]) }
                role = text
            }
            let link = try store.write { db -> [String: Any] in
                try exists(db, "people", personId, "Personne non trouvée")
                try exists(db, "organizations", organizationId, "Organisation non trouvée")
                let now = ServerStore.stamp()
                try db.execute(sql: """
                    INSERT INTO person_organizations (personId, orgId, role, isActive, startAt, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?, ?)
                    ON CONFLICT (personId, orgId) DO UPDATE SET isActive = 1, endAt = NULL, role = coalesce(excluded.role, role),
                      updatedAt = excluded.updatedAt
                    """, arguments: [personId, organizationId, role, now, now, now])
                return try found(membership(db, personId, organizationId), "Personne non trouvée")
            }
            return HTTP.json(link, status: .created)
        }
        api.delete("people/:id/organizations/:organizationId") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let personId = try context.pathId("id"), organizationId = try context.pathId("organizationId")
            let link = try store.write { db -> [String: Any] in
                // The real server answers 500 for a person who was never attached; we say so.
                let attached = try membership(db, personId, organizationId) != nil
                if !attached, RealServerFaults.on { throw NestError.internalError }
                guard attached else {
                    throw NestError.notFound("Cette personne n'est pas rattachée à cette organisation")
                }
                let now = ServerStore.stamp()
                try db.execute(sql: "UPDATE person_organizations SET isActive = 0, endAt = ?, updatedAt = ? WHERE personId = ? AND orgId = ?",
                               arguments: [now, now, personId, organizationId])
                return try found(membership(db, personId, organizationId), "Cette personne n'est pas rattachée à cette organisation")
            }
            return HTTP.json(link)
        }
    }

    func membership(_ db: Database, _ personId: String, _ organizationId: String) throws -> [String: Any]? {
        try Row.fetchOne(db, sql: "SELECT * FROM person_organizations WHERE personId = ? AND orgId = ?",
                         arguments: [personId, organizationId])?.json()
    }

    /// The organization with its people and users, as every organization route answers it.
    func organization(_ id: String) throws -> [String: Any] {
        guard let organization = try store.read({ db in try Included.organization(db, id) }) else {
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
func exists(_ db: Database, _ table: String, _ id: String, _ message: String) throws {
    guard try Row.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) != nil else {
        throw NestError.notFound(message)
    }
}
