import Foundation
import GRDB
import Hummingbird

/// `/people`: the patients.
struct PeopleController: Sendable {
    let store: ServerStore
    let auth: Authenticator

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.get("people") { request, _ in try await list(request) }
        api.get("people/:id") { request, context in try await show(request, id: try context.parameters.require("id")) }
        api.post("people") { request, _ in try await create(request) }
        api.patch("people/:id") { request, context in try await update(request, id: try context.parameters.require("id")) }
        api.delete("people/:id") { request, context in try await delete(request, id: try context.parameters.require("id")) }
    }

    /// `{data, total, limit, offset}` ordered by name; `search` matches name, email or phone (case-insensitive).
    func list(_ request: Request) async throws -> Response {
        _ = try auth.user(request)
        let query = request.uri.queryParameters
        let limit = query.get("limit").flatMap { Int($0) }.map { max(0, min($0, 1000)) } ?? 50
        let offset = query.get("offset").flatMap { Int($0) }.map { max(0, $0) } ?? 0
        var filter = SQLFilter()
        if let search = query.get("search"), !search.isEmpty {
            let pattern = "%" + search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            filter.add("(fullName LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\')", pattern, pattern, pattern)
        }
        if let organizationId = query.get("organizationId"), !organizationId.isEmpty {
            filter.add("id IN (SELECT personId FROM person_organizations WHERE organizationId = ? AND isActive = 1)", organizationId)
        }
        let (rows, total) = try store.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM people \(filter.whereClause) ORDER BY fullName, id LIMIT ? OFFSET ?",
                              arguments: filter.statementArguments + [limit, offset]),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM people \(filter.whereClause)", arguments: filter.statementArguments) ?? 0)
        }
        return HTTP.json(["data": rows.map { $0.json() }, "total": total, "limit": limit, "offset": offset])
    }

    /// The person with organizations, consultations (newest first) and interventions with their pending reminders.
    func show(_ request: Request, id: String) async throws -> Response {
        _ = try auth.user(request)
        let person = try store.read { db -> [String: Any]? in
            guard var person = try Row.fetchOne(db, sql: "SELECT * FROM people WHERE id = ?", arguments: [id])?.json() else { return nil }
            person["organizations"] = try Row.fetchAll(db, sql: """
                SELECT * FROM person_organizations WHERE personId = ? ORDER BY startAt
                """, arguments: [id]).map { link -> [String: Any] in
                var json = link.json()
                json["organization"] = try Row.fetchOne(db, sql: "SELECT * FROM organizations WHERE id = ?",
                                                        arguments: [link["organizationId"] as String])?.json() ?? NSNull()
                return json
            }
            person["consultations"] = try Row.fetchAll(db, sql: """
                SELECT * FROM consultations WHERE personId = ? ORDER BY dateTimeUtc DESC
                """, arguments: [id]).map { $0.json() }
            person["interventions"] = try Row.fetchAll(db, sql: """
                SELECT * FROM interventions WHERE personId = ? ORDER BY scheduledAtUtc
                """, arguments: [id]).map { row -> [String: Any] in
                var json = row.json()
                json["reminders"] = try Row.fetchAll(db, sql: """
                    SELECT * FROM reminders WHERE interventionId = ? AND status = 'PENDING' ORDER BY plannedSendUtc
                    """, arguments: [row["id"] as String]).map { $0.json() }
                return json
            }
            return person
        }
        guard let person else { throw NestError.notFound("Personne non trouvée") }
        return HTTP.json(person)
    }

    func create(_ request: Request) async throws -> Response {
        let me = try auth.user(request)
        try me.require("DOCTOR", "ADMIN")
        let fields = try PersonFields(try await HTTP.object(request), partial: false)
        let now = ServerStore.stamp()
        let id = Cuid.make()
        let person = try store.write { db -> [String: Any] in
            try db.execute(sql: """
                INSERT INTO people (id, fullName, birthdate, phone, email, address, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [id, fields.fullName, fields.birthdate, fields.phone, fields.email, fields.address, now, now])
            return try Row.fetchOne(db, sql: "SELECT * FROM people WHERE id = ?", arguments: [id])!.json()
        }
        return HTTP.json(person, status: .created)
    }

    func update(_ request: Request, id: String) async throws -> Response {
        let me = try auth.user(request)
        try me.require("DOCTOR", "ADMIN")
        let fields = try PersonFields(try await HTTP.object(request), partial: true)
        let person = try store.write { db -> [String: Any]? in
            guard try Row.fetchOne(db, sql: "SELECT id FROM people WHERE id = ?", arguments: [id]) != nil else { return nil }
            var sets: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            for (column, value) in fields.changes {
                sets.append("\(column) = ?")
                arguments.append(value)
            }
            sets.append("updatedAt = ?")
            arguments.append(ServerStore.stamp())
            try db.execute(sql: "UPDATE people SET \(sets.joined(separator: ", ")) WHERE id = ?",
                           arguments: StatementArguments(arguments + [id]))
            return try Row.fetchOne(db, sql: "SELECT * FROM people WHERE id = ?", arguments: [id])?.json()
        }
        guard let person else { throw NestError.notFound("Personne non trouvée") }
        return HTTP.json(person)
    }

    func delete(_ request: Request, id: String) async throws -> Response {
        let me = try auth.user(request)
        try me.require("ADMIN")
        try store.write { db in
            guard try Row.fetchOne(db, sql: "SELECT id FROM people WHERE id = ?", arguments: [id]) != nil else {
                throw NestError.notFound("Personne non trouvée")
            }
            let history = try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM consultations WHERE personId = ?) + (SELECT count(*) FROM interventions WHERE personId = ?)
                """, arguments: [id, id]) ?? 0
            // The real server answers 500 here; we say why.
            guard history == 0 else {
                throw NestError.conflict("Impossible de supprimer une personne qui a des consultations ou des interventions")
            }
            try db.execute(sql: "DELETE FROM people WHERE id = ?", arguments: [id])
        }
        return HTTP.json(["message": "Personne supprimée avec succès"])
    }
}

/// The Person DTO: `fullName`, `birthdate?`, `phone?`, `email?`, `address?`, nothing else.
struct PersonFields {
    var fullName: String?
    var birthdate: String?
    var phone: String?
    var email: String?
    var address: String?
    /// For PATCH: the columns the body named, with their new values.
    var changes: [(String, (any DatabaseValueConvertible)?)] = []

    init(_ body: [String: Any], partial: Bool) throws {
        var rules = BodyRules(body)
        fullName = rules.string("fullName", optional: partial, notEmpty: true)
        let birth = rules.isoDate("birthdate", optional: true)
        phone = rules.string("phone", optional: true)
        email = rules.email("email", optional: true)
        address = rules.string("address", optional: true)
        try rules.check()
        birthdate = birth.map { ServerStore.stamp($0) }
        if partial {
            if let fullName { changes.append(("fullName", fullName)) }
            for (name, value) in [("birthdate", birthdate), ("phone", phone), ("email", email), ("address", address)] where rules.has(name) {
                changes.append((name, value))
            }
        }
    }
}
