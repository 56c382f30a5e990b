import Foundation
import Hummingbird
import TappAPI

/// `/people`: the patients.
struct PeopleController: Sendable {
    let database: any ServerDatabase
    let auth: Authenticator

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.get("people") { request, _ in try await list(request) }
        api.get("people/:id") { request, context in try await show(request, context) }
        api.post("people") { request, _ in try await create(request) }
        api.patch("people/:id") { request, context in try await update(request, context) }
        api.delete("people/:id") { request, context in try await delete(request, context) }
    }

    /// `{data, total, limit, offset}` ordered by name, each person with its organizations; `search` matches name,
    /// email or phone (case-insensitive). `limit`/`offset` are read as the real server reads them (`parseInt`, 0 or
    /// unreadable → 50 and 0); a negative one, which the real server hands to Prisma as is, counts as unreadable.
    func list(_ request: Request) async throws -> Response {
        _ = try await auth.user(request)
        let query = request.uri.queryParameters
        let limit = query.get("limit").flatMap(PeopleController.parseInt).flatMap { $0 > 0 ? $0 : nil } ?? 50
        let offset = query.get("offset").flatMap(PeopleController.parseInt).flatMap { $0 > 0 ? $0 : nil } ?? 0
        var filter = SQLFilter()
        if let search = query.get("search"), !search.isEmpty {
            // The real server's query uses a case-insensitive mode its SQLite connector rejects.
            if RealServerFaults.on { throw NestError.internalError }
            let pattern = "%" + search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
            filter.add("(lower(fullName) LIKE lower(?) ESCAPE '\\' OR lower(email) LIKE lower(?) ESCAPE '\\' OR lower(phone) LIKE lower(?) ESCAPE '\\')",
                       pattern, pattern, pattern)
        }
        if let organizationId = query.get("organizationId"), !organizationId.isEmpty {
            filter.add("id IN (SELECT personId FROM person_organizations WHERE orgId = ? AND isActive = 1)", organizationId)
        }
        let (people, total) = try await database.read { db in
            // The whole list's total is kept by the schema (a count of a million rows is not a page's work), and read
            // with the page; a filtered one is counted.
            let count = filter.conditions.isEmpty ? "(SELECT n FROM row_counts WHERE name = 'people')"
                : "(SELECT count(*) FROM people \(filter.whereClause))"
            let rows = try await db.fetchAll("""
                SELECT *, \(count) AS total FROM people \(filter.whereClause) ORDER BY fullName, id LIMIT ? OFFSET ?
                """, filter.arguments + filter.arguments + [limit, offset])
            var people = try rows.map(TappAPI.Person.init(row:))
            try await Included.addLinks(db, to: &people)
            guard let first = rows.first else {
                // A page past the end: the total alone.
                return (people, try await db.fetchValue("SELECT \(count)", filter.arguments, as: Int.self) ?? 0)
            }
            return (people, Int(sqlValue: first.value("total")) ?? 0)
        }
        return HTTP.json(Page(data: people, total: total, limit: limit, offset: offset))
    }

    /// JavaScript's `parseInt` on a query value: optional sign, then the leading digits.
    static func parseInt(_ text: String) -> Int? {
        var rest = Substring(text.drop { $0 == " " })
        var sign = 1
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        return Int(digits.prefix(15)).map { $0 * sign }
    }

    /// The person with organizations, consultations (newest first) and interventions (soonest first) with their
    /// doctors and pending reminders (the real server filters reminders on a status nothing has: always `[]`).
    func show(_ request: Request, _ context: ServerContext) async throws -> Response {
        _ = try await auth.user(request)
        let id = try context.pathId("id")
        let person = try await database.read { db -> TappAPI.Person? in
            guard let row = try await db.fetchOne("SELECT * FROM people WHERE id = ?", [id]) else { return nil }
            return try await PeopleController.record(db, row, limit: nil)
        }
        guard let person else { throw NestError.notFound("Personne non trouvée") }
        return HTTP.json(person)
    }

    /// A person's full record; `limit` keeps only the newest consultations and latest interventions (the create answer's 5).
    static func record(_ db: any SQLSession, _ row: SQLRow, limit: Int?) async throws -> TappAPI.Person {
        var people = [try TappAPI.Person(row: row)]
        try await Included.addLinks(db, to: &people)
        var person = people[0]
        let id = person.id
        let take = limit.map { " LIMIT \($0)" } ?? ""
        person.consultations = try await Included.consultations(db, try await db.fetchAll("""
            SELECT * FROM consultations WHERE personId = ? ORDER BY dateTimeUtc DESC, rowid\(take)
            """, [id]), person: false, rawAttachments: true)
        var interventions: [TappAPI.Intervention] = []
        for intervention in try await db.fetchAll("""
            SELECT * FROM interventions WHERE personId = ? ORDER BY scheduledAtUtc \(limit == nil ? "" : "DESC"), rowid\(take)
            """, [id]) {
            interventions.append(try await Included.intervention(db, intervention, person: false,
                                                                 reminders: limit == nil ? .pending : .none, rules: false))
        }
        person.interventions = interventions
        return person
    }

    func create(_ request: Request) async throws -> Response {
        let me = try await auth.user(request)
        try me.require("DOCTOR", "ADMIN")
        let fields = try PersonFields(try await HTTP.object(request), partial: false)
        let now = Instants.stamp()
        let id = Cuid.make()
        let person = try await database.write { db -> TappAPI.Person in
            try await db.execute("""
                INSERT INTO people (id, fullName, birthdate, phone, email, address, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?)
                """, [id, fields.fullName, fields.birthdate, fields.phone, fields.email, fields.address, now, now])
            let row = try found(try await db.fetchOne("SELECT * FROM people WHERE id = ?", [id]), "Personne non trouvée")
            return try await PeopleController.record(db, row, limit: 5)
        }
        return HTTP.json(person, status: .created)
    }

    func update(_ request: Request, _ context: ServerContext) async throws -> Response {
        let me = try await auth.user(request)
        try me.require("DOCTOR", "ADMIN")
        let id = try context.pathId("id")
        let fields = try PersonFields(try await HTTP.object(request), partial: true)
        let person = try await database.write { db -> TappAPI.Person? in
            guard try await db.fetchOne("SELECT id FROM people WHERE id = ?", [id]) != nil else { return nil }
            var sets: [String] = []
            var arguments: SQLArguments = []
            for (column, value) in fields.changes {
                sets.append("\(column) = ?")
                arguments.append(value)
            }
            sets.append("updatedAt = ?")
            arguments.append(Instants.stamp())
            try await db.execute("UPDATE people SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments + [id])
            return try await Included.personWithLinks(db, id)
        }
        guard let person else { throw NestError.notFound("Personne non trouvée") }
        return HTTP.json(person)
    }

    func delete(_ request: Request, _ context: ServerContext) async throws -> Response {
        let me = try await auth.user(request)
        try me.require("ADMIN")
        let id = try context.pathId("id")
        try await database.write { db in
            guard try await db.fetchOne("SELECT id FROM people WHERE id = ?", [id]) != nil else {
                throw NestError.notFound("Personne non trouvée")
            }
            let history = try await db.fetchValue("""
                SELECT (SELECT count(*) FROM consultations WHERE personId = ?) + (SELECT count(*) FROM interventions WHERE personId = ?)
                """, [id, id], as: Int.self) ?? 0
            // The real server answers 500 here; we say why.
            if history > 0, RealServerFaults.on { throw NestError.internalError }
            guard history == 0 else {
                throw NestError.conflict("Impossible de supprimer une personne qui a des consultations ou des interventions")
            }
            try await db.execute("DELETE FROM people WHERE id = ?", [id])
        }
        return HTTP.json(MessageAnswer(message: "Personne supprimée avec succès"))
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
    var changes: [(String, (any SQLValueConvertible)?)] = []

    init(_ body: JSONBody, partial: Bool) throws {
        var rules = BodyRules(body)
        // The real DTO has `@IsString()` alone: a missing name is "fullName must be a string". An empty name, which
        // the real server stores, is refused here (a patient needs a name).
        fullName = rules.string("fullName", optional: partial)
        if let name = fullName, name.trimmingCharacters(in: .whitespaces).isEmpty {
            rules.fail("fullName should not be empty")
            fullName = nil
        }
        let birth = rules.isoDate("birthdate", optional: true, dayZone: ServerDates.utc)
        phone = rules.string("phone", optional: true)
        email = rules.email("email", optional: true)
        address = rules.string("address", optional: true)
        if partial { rules.notNull("fullName") }
        try rules.check()
        // The real server hands a date alone to Prisma, which wants a date-time: 500.
        if RealServerFaults.on, let text = body["birthdate"]?.string, !text.contains("T") { throw NestError.internalError }
        birthdate = birth.map { Instants.stamp($0) }
        if partial {
            if let fullName { changes.append(("fullName", fullName)) }
            for (name, value) in [("birthdate", birthdate), ("phone", phone), ("email", email), ("address", address)] where rules.has(name) {
                changes.append((name, value))
            }
        }
    }
}
