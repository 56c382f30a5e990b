import Foundation
import Hummingbird
import TappAPI
import TappDomain

/// `/interventions`: the future-date rule, the default J-1/H-1 SMS rules, reminders with the real idempotency key,
/// rescheduling and cancelling as documented — in one transaction each.
struct InterventionsController: Sendable {
    let database: any ServerDatabase
    let auth: Authenticator
    static let priorities = ["NORMAL", "URGENT"]
    static let statuses = ["PLANNED", "IN_PROGRESS", "DONE", "CANCELED"]
    static let futureOnly = "La date de l'intervention doit être dans le futur"

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.post("interventions") { request, _ in try await create(request) }
        api.get("interventions") { request, _ in try await list(request, upcomingDays: nil) }
        api.get("interventions/upcoming") { request, _ in
            // `days || 7` on a number: 0 or unreadable is 7.
            let days = request.uri.queryParameters.get("days").flatMap { Int($0) }.flatMap { $0 == 0 ? nil : $0 }
            // Within a century either way: the window's end is then always a date that can be written.
            return try await list(request, upcomingDays: min(max(days ?? 7, -36_525), 36_525))
        }
        api.get("interventions/:id") { request, context -> Response in
            _ = try await auth.user(request)
            let id = try context.pathId("id")
            guard let intervention = try await database.read({ db in try await detail(db, id) }) else {
                throw NestError.notFound("Intervention non trouvée")
            }
            return HTTP.json(intervention)
        }
        api.patch("interventions/:id") { request, context in try await update(request, context) }
        api.delete("interventions/:id") { request, context -> Response in
            try await auth.user(request).require("DOCTOR", "ADMIN")
            let id = try context.pathId("id")
            try await database.write { db in
                try await exists(db, "interventions", id, "Intervention non trouvée")
                try await db.execute("DELETE FROM interventions WHERE id = ?", [id])
            }
            return HTTP.json(MessageAnswer(message: "Intervention supprimée avec succès"))
        }
    }

    /// The `rules` array, checked as the nested DTO (`rules.0.offsetMinutes …`), as the domain's rules.
    static func rules(in body: JSONBody, into rules: inout BodyRules) -> [ReminderRuleSpec]? {
        RuleBody.list(in: body, into: &rules)?.compactMap { rule in
            try? ReminderRuleSpec(offsetMinutes: rule.offsetMinutes, channel: rule.channel, enabled: rule.enabled ?? true)
        }
    }

    func create(_ request: Request) async throws -> Response {
        try await auth.user(request).require("DOCTOR", "ADMIN")
        let body = try await HTTP.object(request)
        var rules = BodyRules(body)
        let personId = rules.string("personId")
        let doctorId = rules.string("doctorId")
        let title = rules.string("title")
        let description = rules.string("description", optional: true, multiline: true)
        let scheduledAt = rules.isoDate("scheduledAt")
        let priority = rules.oneOf("priority", InterventionsController.priorities)
        let location = rules.string("location", optional: true)
        rules.expect("rules")
        let given = InterventionsController.rules(in: body, into: &rules)
        try rules.check()
        let person = try BodyRules.present(personId), doctor = try BodyRules.present(doctorId)
        let name = try BodyRules.present(title), when = try BodyRules.present(scheduledAt)
        guard when > Date() else { throw NestError.badRequest(InterventionsController.futureOnly) }
        let specs: [ReminderRuleSpec]
        let id = Cuid.make(), now = Instants.stamp()
        do { specs = try ReminderPlan.rules(given ?? []) } catch {
            if RealServerFaults.on {
                try await halfMade(id, person: person, doctor: doctor, title: name, description: description, scheduledAt: when,
                             priority: priority, location: location, rules: given ?? [])
            }
            throw NestError.badRequest("Deux règles ont le même décalage et le même canal")
        }
        let intervention = try await database.write { db -> TappAPI.Intervention in
            try await exists(db, "people", person, "Personne non trouvée")
            try await exists(db, "doctors", doctor, "Médecin non trouvé")
            try await db.execute("""
                INSERT INTO interventions (id, personId, doctorId, title, description, scheduledAtUtc, priority, status, location, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?)
                """, [id, person, doctor, name, description, Instants.stamp(when), priority ?? "NORMAL", location, now, now])
            try await saveRules(db, id, specs)
            try await makeReminders(db, id, scheduledAt: when, rules: specs)
            return try found(try await detail(db, id), "Intervention non trouvée")
        }
        return HTTP.json(intervention, status: .created)
    }

    /// The real server's create, which is not one transaction: the intervention and its rules up to the one that
    /// repeats an offset and channel are written, then the unique constraint fails (500).
    func halfMade(_ id: String, person: String, doctor: String, title: String, description: String?, scheduledAt: Date,
                  priority: String?, location: String?, rules: [ReminderRuleSpec]) async throws -> Never {
        try await database.write { db in
            try await exists(db, "people", person, "Personne non trouvée")
            try await exists(db, "doctors", doctor, "Médecin non trouvé")
            let now = Instants.stamp()
            try await db.execute("""
                INSERT INTO interventions (id, personId, doctorId, title, description, scheduledAtUtc, priority, status, location, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?)
                """, [id, person, doctor, title, description, Instants.stamp(scheduledAt), priority ?? "NORMAL", location, now, now])
            var seen: [ReminderRuleSpec] = []
            for rule in rules {
                if seen.contains(where: { $0.offsetMinutes == rule.offsetMinutes && $0.channel == rule.channel }) { break }
                seen.append(rule)
            }
            try await saveRules(db, id, seen)
        }
        throw NestError.internalError
    }

    func update(_ request: Request, _ context: ServerContext) async throws -> Response {
        try await auth.user(request).require("DOCTOR", "ADMIN")
        let id = try context.pathId("id")
        let body = try await HTTP.object(request)
        var rules = BodyRules(body)
        // `status` is declared on the update DTO itself, which class-validator checks before the fields it inherits.
        let status = rules.oneOf("status", InterventionsController.statuses)
        let personId = rules.string("personId", optional: true)
        let doctorId = rules.string("doctorId", optional: true)
        let title = rules.string("title", optional: true)
        let description = rules.string("description", optional: true, multiline: true)
        let scheduledAt = rules.isoDate("scheduledAt", optional: true)
        let priority = rules.oneOf("priority", InterventionsController.priorities)
        let location = rules.string("location", optional: true)
        rules.expect("rules")
        let given = InterventionsController.rules(in: body, into: &rules)
        rules.notNull("personId", "doctorId", "title", "scheduledAt", "priority", "status")
        try rules.check()
        if let scheduledAt, scheduledAt <= Date() { throw NestError.badRequest(InterventionsController.futureOnly) }
        let specs: [ReminderRuleSpec]?
        do { specs = try given.map { try ReminderPlan.rules($0) } } catch {
            // The real server never reads the rules of a PATCH, so repeated ones are no error there.
            guard RealServerFaults.on else { throw NestError.badRequest("Deux règles ont le même décalage et le même canal") }
            specs = nil
        }
        // The real server validates personId, doctorId and rules on PATCH but never writes them.
        let ignoring = RealServerFaults.on
        let newPerson = ignoring ? nil : personId, newDoctor = ignoring ? nil : doctorId, newRules = ignoring ? nil : specs
        let intervention = try await database.write { db -> TappAPI.Intervention in
            try await exists(db, "interventions", id, "Intervention non trouvée")
            var sets = ["updatedAt = ?"]
            var arguments: SQLArguments = [Instants.stamp()]
            // The real server validates personId, doctorId and rules on PATCH but never writes them; we do.
            if let newPerson {
                try await exists(db, "people", newPerson, "Personne non trouvée")
                sets.append("personId = ?")
                arguments.append(newPerson)
            }
            if let newDoctor {
                try await exists(db, "doctors", newDoctor, "Médecin non trouvé")
                sets.append("doctorId = ?")
                arguments.append(newDoctor)
            }
            if let title { sets.append("title = ?"); arguments.append(title) }
            if rules.has("description") { sets.append("description = ?"); arguments.append(description) }
            if let scheduledAt { sets.append("scheduledAtUtc = ?"); arguments.append(Instants.stamp(scheduledAt)) }
            if let priority { sets.append("priority = ?"); arguments.append(priority) }
            if let status { sets.append("status = ?"); arguments.append(status) }
            if rules.has("location") { sets.append("location = ?"); arguments.append(location) }
            try await db.execute("UPDATE interventions SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments + [id])
            if let newRules { try await saveRules(db, id, newRules) }
            if scheduledAt != nil || newRules != nil {
                // A new time (or new rules) deletes the reminders and makes them again, as the real server does.
                try await db.execute("DELETE FROM reminders WHERE interventionId = ?", [id])
                guard let when = try await db.fetchValue("SELECT scheduledAtUtc FROM interventions WHERE id = ?", [id], as: String.self)
                    .flatMap(ServerDates.parse) else { throw NestError.notFound("Intervention non trouvée") }
                let current = try await db.fetchAll("SELECT offsetMinutes, channel, enabled FROM reminder_rules WHERE interventionId = ? ORDER BY rowid",
                                                    [id])
                    .compactMap { row in ReminderChannel(rawValue: row["channel"]).map {
                        ReminderRuleSpec(offset: ReminderOffset(clamping: row["offsetMinutes"] as Int), channel: $0, enabled: row["enabled"]) } }
                try await makeReminders(db, id, scheduledAt: when, rules: current)
            }
            if status == "CANCELED" || status == "DONE" {
                try await db.execute("""
                    UPDATE reminders SET status = 'CANCELLED', updatedAt = ? WHERE interventionId = ? AND status = 'PENDING' AND plannedSendUtc > ?
                    """, [Instants.stamp(), id, Instants.stamp()])
            }
            return try found(try await detail(db, id), "Intervention non trouvée")
        }
        return HTTP.json(intervention)
    }

    func list(_ request: Request, upcomingDays: Int?) async throws -> Response {
        _ = try await auth.user(request)
        let query = request.uri.queryParameters
        var filter = SQLFilter()
        if let upcomingDays {
            // `upcoming` takes `days` only, as the real route does.
            filter.add("status IN ('PLANNED','IN_PROGRESS') AND scheduledAtUtc >= ? AND scheduledAtUtc <= ?",
                       Instants.stamp(), Instants.stamp(Date().addingTimeInterval(Double(upcomingDays) * 86_400)))
        } else {
            for name in ["doctorId", "status", "priority"] { filter.equals(name, query.get(name)) }
            try filter.between("scheduledAtUtc", from: query.get("from"), to: query.get("to"))
        }
        // The list carries every reminder and the rules; `upcoming` only the pending reminders and no rules.
        return HTTP.json(try await database.read { db in
            var list: [TappAPI.Intervention] = []
            for row in try await db.fetchAll("SELECT * FROM interventions \(filter.whereClause) ORDER BY scheduledAtUtc, rowid", filter.arguments) {
                list.append(try await Included.intervention(db, row, reminders: upcomingDays == nil ? .all(logs: false) : .pending,
                                                            rules: upcomingDays == nil))
            }
            return list
        })
    }

    func saveRules(_ db: any SQLSession, _ id: String, _ specs: [ReminderRuleSpec]) async throws {
        try await db.execute("DELETE FROM reminder_rules WHERE interventionId = ?", [id])
        let now = Instants.stamp()
        for spec in specs {
            try await db.execute("""
                INSERT INTO reminder_rules (id, interventionId, offsetMinutes, channel, enabled, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [Cuid.make(), id, spec.offsetMinutes, spec.channel.rawValue, spec.enabled, now, now])
        }
    }

    /// One PENDING reminder per enabled rule whose send time is still ahead, keyed as the real server keys them.
    func makeReminders(_ db: any SQLSession, _ id: String, scheduledAt: Date, rules: [ReminderRuleSpec]) async throws {
        let now = Instants.stamp()
        for planned in ReminderPlan.reminders(interventionId: id, scheduledAt: scheduledAt, rules: rules, now: Date()) {
            try await db.execute("""
                INSERT INTO reminders (id, interventionId, type, plannedSendUtc, status, idempotencyKey, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?)
                """, [Cuid.make(), id, planned.channel.rawValue, Instants.stamp(planned.plannedSendAt), planned.idempotencyKey, now, now])
        }
    }

    /// The intervention as the real server's `findOne` answers it: person, doctor with user, reminders with their
    /// notification logs, rules.
    func detail(_ db: any SQLSession, _ id: String) async throws -> TappAPI.Intervention? {
        try await Included.intervention(db, id)
    }
}
