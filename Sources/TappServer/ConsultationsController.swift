import Foundation
import GRDB
import Hummingbird

/// `/consultations`.
struct ConsultationsController: Sendable {
    let store: ServerStore
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
            let id = Cuid.make(), now = ServerStore.stamp()
            let consultation = try store.write { db -> [String: Any] in
                try exists(db, "people", person, "Personne non trouvée")
                try exists(db, "doctors", doctor, "Médecin non trouvé")
                try db.execute(sql: """
                    INSERT INTO consultations (id, personId, doctorId, dateTimeUtc, notes, attachments, status, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, person, doctor, ServerStore.stamp(when), notes,
                                     attachments.map { ConsultationsController.jsonList($0) }, status ?? "COMPLETED", now, now])
                return try found(detail(db, id), "Consultation non trouvée")
            }
            return HTTP.json(consultation, status: .created)
        }
        api.get("consultations") { request, _ -> Response in
            _ = try await auth.user(request)
            let query = request.uri.queryParameters
            var filter = SQLFilter()
            for name in ["personId", "doctorId", "status"] { filter.equals(name, query.get(name)) }
            try filter.between("dateTimeUtc", from: query.get("from"), to: query.get("to"))
            return HTTP.json(try store.read { db in
                try String.fetchAll(db, sql: "SELECT id FROM consultations \(filter.whereClause) ORDER BY dateTimeUtc DESC",
                                    arguments: filter.statementArguments).compactMap { try detail(db, $0) }
            })
        }
        api.get("consultations/history/:personId") { request, context -> Response in
            _ = try await auth.user(request)
            let personId = try context.pathId("personId")
            var sql = "SELECT * FROM consultations WHERE personId = ?"
            var arguments: [any DatabaseValueConvertible] = [personId]
            if let doctorId = request.uri.queryParameters.get("doctorId"), !doctorId.isEmpty {
                sql += " AND doctorId = ?"
                arguments.append(doctorId)
            }
            // The history lists each consultation with its doctor only (no person), as the real server does.
            return HTTP.json(try store.read { db in
                try Row.fetchAll(db, sql: sql + " ORDER BY dateTimeUtc DESC, rowid", arguments: StatementArguments(arguments))
                    .map { try Included.consultation(db, $0, person: false) }
            })
        }
        api.get("consultations/:id") { request, context -> Response in
            _ = try await auth.user(request)
            let id = try context.pathId("id")
            guard let consultation = try store.read({ db in try detail(db, id) }) else {
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
            let consultation = try store.write { db -> [String: Any] in
                try exists(db, "consultations", id, "Consultation non trouvée")
                var sets: [String] = ["updatedAt = ?"]
                var arguments: [(any DatabaseValueConvertible)?] = [ServerStore.stamp()]
                if let personId {
                    if RealServerFaults.on, try Row.fetchOne(db, sql: "SELECT 1 FROM people WHERE id = ?", arguments: [personId]) == nil {
                        throw NestError.internalError
                    }
                    try exists(db, "people", personId, "Personne non trouvée")
                    sets.append("personId = ?")
                    arguments.append(personId)
                }
                if let doctorId {
                    if RealServerFaults.on, try Row.fetchOne(db, sql: "SELECT 1 FROM doctors WHERE id = ?", arguments: [doctorId]) == nil {
                        throw NestError.internalError
                    }
                    try exists(db, "doctors", doctorId, "Médecin non trouvé")
                    sets.append("doctorId = ?")
                    arguments.append(doctorId)
                }
                if let dateTime { sets.append("dateTimeUtc = ?"); arguments.append(ServerStore.stamp(dateTime)) }
                if rules.has("notes") { sets.append("notes = ?"); arguments.append(notes) }
                // `null` empties them, as on the real server (`attachments ? JSON.stringify(attachments) : null`).
                if rules.has("attachments") {
                    sets.append("attachments = ?")
                    arguments.append(attachments.map(ConsultationsController.jsonList))
                }
                if let status { sets.append("status = ?"); arguments.append(status) }
                try db.execute(sql: "UPDATE consultations SET \(sets.joined(separator: ", ")) WHERE id = ?",
                               arguments: StatementArguments(arguments + [id]))
                return try found(detail(db, id), "Consultation non trouvée")
            }
            return HTTP.json(consultation)
        }
        api.delete("consultations/:id") { request, context -> Response in
            try await auth.user(request).require("ADMIN")
            let id = try context.pathId("id")
            try store.write { db in
                try exists(db, "consultations", id, "Consultation non trouvée")
                try db.execute(sql: "DELETE FROM consultations WHERE id = ?", arguments: [id])
            }
            return HTTP.json(["message": "Consultation supprimée avec succès"])
        }
    }

    /// The consultation with its person and its doctor (with the doctor's user, without the password hash).
    func detail(_ db: Database, _ id: String) throws -> [String: Any]? {
        try Included.consultation(db, id)
    }

    static func jsonList(_ list: [String]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: list, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8),
               as: UTF8.self)
    }
}
