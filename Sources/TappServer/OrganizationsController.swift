import Foundation
import GRDB
import Hummingbird

/// `/organizations`, and attaching people to them.
struct OrganizationsController: Sendable {
    let store: ServerStore
    let auth: Authenticator

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.post("organizations") { request, _ -> Response in
            try auth.user(request).require("ADMIN")
            var rules = BodyRules(try await HTTP.object(request))
            let name = rules.string("name", notEmpty: true)
            try rules.check()
            let id = Cuid.make(), now = ServerStore.stamp()
            let organization = try store.write { db -> [String: Any] in
                try db.execute(sql: "INSERT INTO organizations VALUES (?, ?, ?, ?)", arguments: [id, name!, now, now])
                return try Row.fetchOne(db, sql: "SELECT * FROM organizations WHERE id = ?", arguments: [id])!.json()
            }
            return HTTP.json(organization, status: .created)
        }
        api.get("organizations") { request, _ -> Response in
            _ = try auth.user(request)
            return HTTP.json(try store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM organizations ORDER BY name").map { $0.json() } })
        }
        api.get("organizations/:id") { request, context -> Response in
            _ = try auth.user(request)
            return HTTP.json(try organization(try context.parameters.require("id")))
        }
        api.get("organizations/:id/stats") { request, context -> Response in
            _ = try auth.user(request)
            let id = try context.parameters.require("id")
            let organization = try organization(id)
            let stats = try store.read { db -> [String: Any] in
                func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [id]) ?? 0 }
                let people = "SELECT personId FROM person_organizations WHERE organizationId = ? AND isActive = 1"
                return [
                    "totalPeople": try count("SELECT count(*) FROM (\(people))"),
                    "totalUsers": try count("SELECT count(*) FROM users WHERE organizationId = ?"),
                    "totalConsultations": try count("SELECT count(*) FROM consultations WHERE personId IN (\(people))"),
                    "totalInterventions": try count("SELECT count(*) FROM interventions WHERE personId IN (\(people))"),
                ]
            }
            return HTTP.json(["organization": organization, "stats": stats])
        }
        api.patch("organizations/:id") { request, context -> Response in
            try auth.user(request).require("ADMIN")
            let id = try context.parameters.require("id")
            var rules = BodyRules(try await HTTP.object(request))
            let name = rules.string("name", optional: true, notEmpty: true)
            try rules.check()
            _ = try organization(id)
            if let name {
                try store.write { db in
                    try db.execute(sql: "UPDATE organizations SET name = ?, updatedAt = ? WHERE id = ?", arguments: [name, ServerStore.stamp(), id])
                }
            }
            return HTTP.json(try organization(id))
        }
        api.delete("organizations/:id") { request, context -> Response in
            try auth.user(request).require("ADMIN")
            let id = try context.parameters.require("id")
            _ = try organization(id)
            try store.write { db in
                guard try Int.fetchOne(db, sql: "SELECT count(*) FROM users WHERE organizationId = ?", arguments: [id]) == 0 else {
                    throw NestError.conflict("Impossible de supprimer une organisation qui a des utilisateurs")
                }
                try db.execute(sql: "DELETE FROM organizations WHERE id = ?", arguments: [id])
            }
            return HTTP.json(["message": "Organisation supprimée avec succès"])
        }
        api.post("people/:id/organizations/:organizationId") { request, context -> Response in
            try auth.user(request).require("ADMIN")
            let personId = try context.parameters.require("id"), organizationId = try context.parameters.require("organizationId")
            var rules = BodyRules(try await HTTP.object(request))
            let role = rules.string("role", optional: true)
            try rules.check()
            let link = try store.write { db -> [String: Any] in
                try exists(db, "people", personId, "Personne non trouvée")
                try exists(db, "organizations", organizationId, "Organisation non trouvée")
                try db.execute(sql: """
                    INSERT INTO person_organizations (id, personId, organizationId, role, isActive, startAt) VALUES (?, ?, ?, ?, 1, ?)
                    ON CONFLICT (personId, organizationId) DO UPDATE SET isActive = 1, endAt = NULL, role = coalesce(excluded.role, role)
                    """, arguments: [Cuid.make(), personId, organizationId, role, ServerStore.stamp()])
                return try Row.fetchOne(db, sql: "SELECT * FROM person_organizations WHERE personId = ? AND organizationId = ?",
                                        arguments: [personId, organizationId])!.json()
            }
            return HTTP.json(link, status: .created)
        }
        api.delete("people/:id/organizations/:organizationId") { request, context -> Response in
            try auth.user(request).require("ADMIN")
            let personId = try context.parameters.require("id"), organizationId = try context.parameters.require("organizationId")
            let link = try store.write { db -> [String: Any] in
                // The real server answers 500 for a person who is not attached; we say so.
                guard try Row.fetchOne(db, sql: """
                    SELECT id FROM person_organizations WHERE personId = ? AND organizationId = ? AND isActive = 1
                    """, arguments: [personId, organizationId]) != nil else {
                    throw NestError.notFound("Cette personne n'est pas rattachée à cette organisation")
                }
                try db.execute(sql: "UPDATE person_organizations SET isActive = 0, endAt = ? WHERE personId = ? AND organizationId = ?",
                               arguments: [ServerStore.stamp(), personId, organizationId])
                return try Row.fetchOne(db, sql: "SELECT * FROM person_organizations WHERE personId = ? AND organizationId = ?",
                                        arguments: [personId, organizationId])!.json()
            }
            return HTTP.json(link)
        }
    }

    func organization(_ id: String) throws -> [String: Any] {
        guard let row = try store.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM organizations WHERE id = ?", arguments: [id]) }) else {
            throw NestError.notFound("Organisation non trouvée")
        }
        return row.json()
    }
}

/// Throws the French 404 when the row is missing.
func exists(_ db: Database, _ table: String, _ id: String, _ message: String) throws {
    guard try Row.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) != nil else {
        throw NestError.notFound(message)
    }
}
