import Foundation
import Hummingbird
import TappAPI

/// `/consultations`.
struct ConsultationsController: Sendable {
    let database: any ServerDatabase
    let auth: Authenticator
    static let statuses = ["SCHEDULED", "COMPLETED", "CANCELLED"]

    func addRoutes(to api: RouterGroup<ServerContext>) {
        api.post("consultations") { request, _ -> Response in
            try await auth.user(request).require("DOCTOR", "ADMIN")
            var rules = BodyRules(try await HTTP.object(request))
            let personId = rules.string("personId")
            let doctorId = rules.string("doctorId")
            let dateTime = rules.isoDate("dateTime")
            let notes = rules.string("notes", optional: true, multiline: true)
            let attachments = rules.stringArray("attachments")
            let status = rules.oneOf("status", ConsultationsController.statuses)
            try rules.check()
            let person = try BodyRules.present(personId), doctor = try BodyRules.present(doctorId)
            let when = try BodyRules.present(dateTime)
            let id = Cuid.make(), now = Instants.stamp()
            let consultation = try await database.write { db -> TappAPI.Consultation in
                try await exists(db, "people", person, "Personne non trouvée")
                try await exists(db, "doctors", doctor, "Médecin non trouvé")
                try await db.execute("""
                    INSERT INTO consultations (id, personId, doctorId, dateTimeUtc, notes, attachments, status, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [id, person, doctor, Instants.stamp(when), notes,
                          attachments.map { ConsultationsController.jsonList($0) }, status ?? "COMPLETED", now, now])
                return try found(try await detail(db, id), "Consultation non trouvée")
            }
            return HTTP.json(consultation, status: .created)
        }
        api.get("consultations") { request, _ -> Response in
            _ = try await auth.user(request)
            let query = request.uri.queryParameters
            var filter = SQLFilter()
            for name in ["personId", "doctorId", "status"] { filter.equals(name, query.get(name)) }
            try filter.between("dateTimeUtc", from: query.get("from"), to: query.get("to"))
            return HTTP.json(try await database.read { db in
                // The order the ids come in, the records read with their relations a few hundred at a time.
                let ids = try await db.fetchColumn("SELECT id FROM consultations \(filter.whereClause) ORDER BY dateTimeUtc DESC",
                                                   filter.arguments, as: String.self)
                let rows = try await Included.byId(db, "consultations", ids)
                return try await Included.consultations(db, ids.compactMap { rows[$0] })
            })
        }
        api.get("consultations/history/:personId") { request, context -> Response in
            _ = try await auth.user(request)
            let personId = try context.pathId("personId")
            var sql = "SELECT * FROM consultations WHERE personId = ?"
            var arguments: SQLArguments = [personId]
            if let doctorId = request.uri.queryParameters.get("doctorId"), !doctorId.isEmpty {
                // No stored id holds NUL: nothing matches (PostgreSQL refuses such text in a statement).
                if doctorId.contains("\u{0}") { return HTTP.json([TappAPI.Consultation]()) }
                sql += " AND doctorId = ?"
                arguments.append(doctorId)
            }
            // The history lists each consultation with its doctor only (no person), as the real server does.
            return HTTP.json(try await database.read { db in
                try await Included.consultations(db, try await db.fetchAll(sql + " ORDER BY dateTimeUtc DESC, rowid", arguments), person: false)
            })
        }
        api.get("consultations/:id") { request, context -> Response in
            _ = try await auth.user(request)
            let id = try context.pathId("id")
            guard let consultation = try await database.read({ db in try await detail(db, id) }) else {
                throw NestError.notFound("Consultation non trouvée")
            }
            return HTTP.json(consultation)
        }
        api.patch("consultations/:id") { request, context -> Response in
            try await auth.user(request).require("DOCTOR", "ADMIN")
            let id = try context.pathId("id")
            var rules = BodyRules(try await HTTP.object(request))
            let personId = rules.string("personId", optional: true)
            let doctorId = rules.string("doctorId", optional: true)
            let dateTime = rules.isoDate("dateTime", optional: true)
            let notes = rules.string("notes", optional: true, multiline: true)
            let attachments = rules.stringArray("attachments")
            let status = rules.oneOf("status", ConsultationsController.statuses)
            rules.notNull("personId", "doctorId", "dateTime", "status")
            try rules.check()
            let consultation = try await database.write { db -> TappAPI.Consultation in
                try await exists(db, "consultations", id, "Consultation non trouvée")
                var sets: [String] = ["updatedAt = ?"]
                var arguments: SQLArguments = [Instants.stamp()]
                if let personId {
                    if RealServerFaults.on, try await db.fetchOne("SELECT 1 FROM people WHERE id = ?", [personId]) == nil {
                        throw NestError.internalError
                    }
                    try await exists(db, "people", personId, "Personne non trouvée")
                    sets.append("personId = ?")
                    arguments.append(personId)
                }
                if let doctorId {
                    if RealServerFaults.on, try await db.fetchOne("SELECT 1 FROM doctors WHERE id = ?", [doctorId]) == nil {
                        throw NestError.internalError
                    }
                    try await exists(db, "doctors", doctorId, "Médecin non trouvé")
                    sets.append("doctorId = ?")
                    arguments.append(doctorId)
                }
                if let dateTime { sets.append("dateTimeUtc = ?"); arguments.append(Instants.stamp(dateTime)) }
                if rules.has("notes") { sets.append("notes = ?"); arguments.append(notes) }
                // `null` empties them, as on the real server (`attachments ? JSON.stringify(attachments) : null`).
                if rules.has("attachments") {
                    sets.append("attachments = ?")
                    arguments.append(attachments.map(ConsultationsController.jsonList))
                }
                if let status { sets.append("status = ?"); arguments.append(status) }
                try await db.execute("UPDATE consultations SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments + [id])
                return try found(try await detail(db, id), "Consultation non trouvée")
            }
            return HTTP.json(consultation)
        }
        api.delete("consultations/:id") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let id = try context.pathId("id")
            try await database.write { db in
                try await exists(db, "consultations", id, "Consultation non trouvée")
                try await db.execute("DELETE FROM consultations WHERE id = ?", [id])
            }
            return HTTP.json(MessageAnswer(message: "Consultation supprimée avec succès"))
        }
    }

    /// The consultation with its person and its doctor (with the doctor's user, without the password hash).
    func detail(_ db: any SQLSession, _ id: String) async throws -> TappAPI.Consultation? {
        try await Included.consultation(db, id)
    }

    /// The list as the real server stores it (`JSON.stringify(attachments)`).
    static func jsonList(_ list: [String]) -> String {
        (try? WireEncoder.string(list)) ?? "[]"
    }
}
