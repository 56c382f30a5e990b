import Foundation
import GRDB

/// The relations each answer carries, built as the real server's Prisma `include`s build them, with one fix:
/// a user never carries its password hash (the real server sends it wherever it includes `doctor.user` or
/// `organization.users`).
enum Included {
    static func row(_ db: Database, _ table: String, _ id: String) throws -> [String: Any]? {
        try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id])?.json()
    }

    /// A user as the API may show it: every column but the password.
    static func user(_ row: Row) -> [String: Any] {
        var user = row.json()
        if RealServerFaults.on { return user }
        user.removeValue(forKey: "password")
        return user
    }

    static func person(_ db: Database, _ id: String) throws -> Any {
        try row(db, "people", id) ?? NSNull()
    }

    /// `doctor: { include: { user: true } }`.
    static func doctor(_ db: Database, _ id: String) throws -> Any {
        guard var doctor = try row(db, "doctors", id) else { return NSNull() }
        if let userId = doctor["userId"] as? String {
            doctor["user"] = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [userId]).map(user) ?? NSNull()
        }
        return doctor
    }

    /// A user's `doctor: true` (the profile alone), or null.
    static func doctorProfile(_ db: Database, userId: String) throws -> Any {
        try Row.fetchOne(db, sql: "SELECT * FROM doctors WHERE userId = ?", arguments: [userId])?.json() ?? NSNull()
    }

    /// `organization` with `people: { include: { person: true } }` and `users: { include: { doctor: true } }`.
    static func organization(_ db: Database, _ id: String) throws -> [String: Any]? {
        guard var organization = try row(db, "organizations", id) else { return nil }
        organization["people"] = try Row.fetchAll(db, sql: "SELECT * FROM person_organizations WHERE orgId = ? ORDER BY rowid",
                                                  arguments: [id]).map { link -> [String: Any] in
            var json = link.json()
            json["person"] = try person(db, link["personId"])
            return json
        }
        organization["users"] = try Row.fetchAll(db, sql: "SELECT * FROM users WHERE organizationId = ? ORDER BY rowid",
                                                 arguments: [id]).map { row -> [String: Any] in
            var json = user(row)
            json["doctor"] = try doctorProfile(db, userId: row["id"])
            return json
        }
        return organization
    }

    /// A person's `organizations: { include: { org: true } }`.
    static func links(_ db: Database, personId: String) throws -> [[String: Any]] {
        try links(db, personIds: [personId])[personId] ?? []
    }

    /// The links of several people at once (a page of the people list), in two queries.
    static func links(_ db: Database, personIds: [String]) throws -> [String: [[String: Any]]] {
        guard !personIds.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: personIds.count).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM person_organizations WHERE personId IN (\(marks)) ORDER BY rowid",
                                    arguments: StatementArguments(personIds))
        let orgIds = Array(Set(rows.map { $0["orgId"] as String }))
        var organizations: [String: [String: Any]] = [:]
        if !orgIds.isEmpty {
            let orgMarks = Array(repeating: "?", count: orgIds.count).joined(separator: ",")
            for org in try Row.fetchAll(db, sql: "SELECT * FROM organizations WHERE id IN (\(orgMarks))", arguments: StatementArguments(orgIds)) {
                organizations[org["id"]] = org.json()
            }
        }
        var byPerson: [String: [[String: Any]]] = [:]
        for link in rows {
            var json = link.json()
            json["org"] = organizations[link["orgId"]] ?? NSNull()
            byPerson[link["personId"], default: []].append(json)
        }
        return byPerson
    }

    /// A consultation with `doctor: { include: { user: true } }` and, unless `person` is false, `person: true`.
    /// `rawAttachments`: `attachments` as stored (a JSON string), as the real server lists a person's consultations
    /// (only the consultations routes turn it into a list).
    static func consultation(_ db: Database, _ row: Row, person withPerson: Bool = true, rawAttachments: Bool = false) throws -> [String: Any] {
        var json = rawAttachments ? row.json(lists: []) : row.json()
        if withPerson { json["person"] = try person(db, row["personId"]) }
        json["doctor"] = try doctor(db, row["doctorId"])
        return json
    }

    static func consultation(_ db: Database, _ id: String) throws -> [String: Any]? {
        try Row.fetchOne(db, sql: "SELECT * FROM consultations WHERE id = ?", arguments: [id]).map { try consultation(db, $0) }
    }

    /// Which reminders an intervention answer lists.
    enum Reminders {
        case none
        /// All, by send time; `logs` adds each reminder's `notificationLogs`.
        case all(logs: Bool)
        /// The PENDING ones only, by send time.
        case pending
    }

    /// An intervention with the relations a route includes.
    static func intervention(_ db: Database, _ row: Row, person withPerson: Bool = true, reminders: Reminders,
                             rules withRules: Bool) throws -> [String: Any] {
        var json = row.json()
        let id: String = row["id"]
        if withPerson { json["person"] = try person(db, row["personId"]) }
        json["doctor"] = try doctor(db, row["doctorId"])
        switch reminders {
        case .none:
            break
        case .all(let logs):
            json["reminders"] = try Row.fetchAll(db, sql: "SELECT * FROM reminders WHERE interventionId = ? ORDER BY plannedSendUtc, rowid",
                                                 arguments: [id]).map { reminder -> [String: Any] in
                var json = reminder.json()
                if logs { json["notificationLogs"] = try notificationLogs(db, reminderId: reminder["id"]) }
                return json
            }
        case .pending where RealServerFaults.on:
            // The real server filters on a status nothing has.
            json["reminders"] = [[String: Any]]()
        case .pending:
            json["reminders"] = try Row.fetchAll(db, sql: """
                SELECT * FROM reminders WHERE interventionId = ? AND status = 'PENDING' ORDER BY plannedSendUtc, rowid
                """, arguments: [id]).map { $0.json() }
        }
        if withRules {
            // In the order they were made, as Prisma lists them.
            json["rules"] = try Row.fetchAll(db, sql: "SELECT * FROM reminder_rules WHERE interventionId = ? ORDER BY rowid",
                                             arguments: [id]).map { $0.json() }
        }
        return json
    }

    /// `findOne`'s intervention: person, doctor with user, reminders with their logs, rules.
    static func intervention(_ db: Database, _ id: String) throws -> [String: Any]? {
        try Row.fetchOne(db, sql: "SELECT * FROM interventions WHERE id = ?", arguments: [id])
            .map { try intervention(db, $0, reminders: .all(logs: true), rules: true) }
    }

    static func notificationLogs(_ db: Database, reminderId: String) throws -> [[String: Any]] {
        try Row.fetchAll(db, sql: "SELECT * FROM notification_logs WHERE reminderId = ? ORDER BY createdAt, rowid", arguments: [reminderId])
            .map { $0.json() }
    }

    /// A reminder with `intervention: { include: { person: true, doctor: { include: { user: true } } } }`,
    /// and its `notificationLogs` with `logs`.
    static func reminder(_ db: Database, _ row: Row, logs: Bool) throws -> [String: Any] {
        var json = row.json()
        json["intervention"] = try Row.fetchOne(db, sql: "SELECT * FROM interventions WHERE id = ?", arguments: [row["interventionId"] as String])
            .map { try intervention(db, $0, reminders: .none, rules: false) } ?? NSNull()
        if logs { json["notificationLogs"] = try notificationLogs(db, reminderId: row["id"]) }
        return json
    }

    static func reminder(_ db: Database, _ id: String, logs: Bool) throws -> [String: Any]? {
        try Row.fetchOne(db, sql: "SELECT * FROM reminders WHERE id = ?", arguments: [id]).map { try reminder(db, $0, logs: logs) }
    }
}
