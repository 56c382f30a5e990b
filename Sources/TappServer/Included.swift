import Foundation

/// The relations each answer carries, built as the real server's Prisma `include`s build them, with one fix:
/// a user never carries its password hash (the real server sends it wherever it includes `doctor.user` or
/// `organization.users`).
enum Included {
    static func row(_ db: any SQLSession, _ table: String, _ id: String) async throws -> [String: Any]? {
        try await db.fetchOne("SELECT * FROM \(table) WHERE id = ?", [id])?.json()
    }

    /// A user as the API may show it: every column but the password.
    static func user(_ row: SQLRow) -> [String: Any] {
        var user = row.json()
        if RealServerFaults.on { return user }
        user.removeValue(forKey: "password")
        return user
    }

    static func person(_ db: any SQLSession, _ id: String) async throws -> Any {
        try await row(db, "people", id) ?? NSNull()
    }

    /// `doctor: { include: { user: true } }`.
    static func doctor(_ db: any SQLSession, _ id: String) async throws -> Any {
        guard var doctor = try await row(db, "doctors", id) else { return NSNull() }
        if let userId = doctor["userId"] as? String {
            doctor["user"] = try await db.fetchOne("SELECT * FROM users WHERE id = ?", [userId]).map(user) ?? NSNull()
        }
        return doctor
    }

    /// A user's `doctor: true` (the profile alone), or null.
    static func doctorProfile(_ db: any SQLSession, userId: String) async throws -> Any {
        try await db.fetchOne("SELECT * FROM doctors WHERE userId = ?", [userId])?.json() ?? NSNull()
    }

    /// `organization` with `people: { include: { person: true } }` and `users: { include: { doctor: true } }`.
    static func organization(_ db: any SQLSession, _ id: String) async throws -> [String: Any]? {
        guard var organization = try await row(db, "organizations", id) else { return nil }
        var people: [[String: Any]] = []
        for link in try await db.fetchAll("SELECT * FROM person_organizations WHERE orgId = ? ORDER BY rowid", [id]) {
            var json = link.json()
            json["person"] = try await person(db, link["personId"])
            people.append(json)
        }
        organization["people"] = people
        var users: [[String: Any]] = []
        for row in try await db.fetchAll("SELECT * FROM users WHERE organizationId = ? ORDER BY rowid", [id]) {
            var json = user(row)
            json["doctor"] = try await doctorProfile(db, userId: row["id"])
            users.append(json)
        }
        organization["users"] = users
        return organization
    }

    /// A person's `organizations: { include: { org: true } }`.
    static func links(_ db: any SQLSession, personId: String) async throws -> [[String: Any]] {
        try await links(db, personIds: [personId])[personId] ?? []
    }

    /// The links of several people at once (a page of the people list), in two queries.
    static func links(_ db: any SQLSession, personIds: [String]) async throws -> [String: [[String: Any]]] {
        guard !personIds.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: personIds.count).joined(separator: ",")
        let rows = try await db.fetchAll("SELECT * FROM person_organizations WHERE personId IN (\(marks)) ORDER BY rowid", personIds)
        let orgIds = Array(Set(rows.map { $0["orgId"] as String }))
        var organizations: [String: [String: Any]] = [:]
        if !orgIds.isEmpty {
            let orgMarks = Array(repeating: "?", count: orgIds.count).joined(separator: ",")
            for org in try await db.fetchAll("SELECT * FROM organizations WHERE id IN (\(orgMarks))", orgIds) {
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
    static func consultation(_ db: any SQLSession, _ row: SQLRow, person withPerson: Bool = true,
                             rawAttachments: Bool = false) async throws -> [String: Any] {
        var json = rawAttachments ? row.json(lists: []) : row.json()
        if withPerson { json["person"] = try await person(db, row["personId"]) }
        json["doctor"] = try await doctor(db, row["doctorId"])
        return json
    }

    /// Several consultations as `consultation(_:_:person:rawAttachments:)` makes each, in the order given, with their
    /// people, doctors and users read a few hundred at a time (a person's ten consultations were forty statements).
    static func consultations(_ db: any SQLSession, _ rows: [SQLRow], person withPerson: Bool = true,
                              rawAttachments: Bool = false) async throws -> [[String: Any]] {
        let people = withPerson ? try await byId(db, "people", rows.map { $0["personId"] }).mapValues { $0.json() } : [:]
        let doctors = try await doctors(db, rows.map { $0["doctorId"] })
        return rows.map { row in
            var json = rawAttachments ? row.json(lists: []) : row.json()
            if withPerson { json["person"] = people[row["personId"]] ?? NSNull() }
            json["doctor"] = doctors[row["doctorId"]] ?? NSNull()
            return json
        }
    }

    /// Doctors by id, each with its user (`doctor: { include: { user: true } }`).
    static func doctors(_ db: any SQLSession, _ ids: [String]) async throws -> [String: [String: Any]] {
        let rows = try await byId(db, "doctors", ids)
        let users = try await byId(db, "users", rows.values.compactMap { $0["userId"] as String? })
        return rows.mapValues { row in
            var doctor = row.json()
            if let userId = row["userId"] as String? { doctor["user"] = users[userId].map(user) ?? NSNull() }
            return doctor
        }
    }

    /// The rows of `table` with these ids, by id, read `chunk` ids per statement.
    static func byId(_ db: any SQLSession, _ table: String, _ ids: [String], chunk: Int = 500) async throws -> [String: SQLRow] {
        let distinct = Array(Set(ids))
        var found: [String: SQLRow] = [:]
        for start in stride(from: 0, to: distinct.count, by: chunk) {
            let part = Array(distinct[start..<min(start + chunk, distinct.count)])
            let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
            for row in try await db.fetchAll("SELECT * FROM \(table) WHERE id IN (\(marks))", part) { found[row["id"]] = row }
        }
        return found
    }

    static func consultation(_ db: any SQLSession, _ id: String) async throws -> [String: Any]? {
        guard let row = try await db.fetchOne("SELECT * FROM consultations WHERE id = ?", [id]) else { return nil }
        return try await consultation(db, row)
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
    static func intervention(_ db: any SQLSession, _ row: SQLRow, person withPerson: Bool = true, reminders: Reminders,
                             rules withRules: Bool) async throws -> [String: Any] {
        var json = row.json()
        let id: String = row["id"]
        if withPerson { json["person"] = try await person(db, row["personId"]) }
        json["doctor"] = try await doctor(db, row["doctorId"])
        switch reminders {
        case .none:
            break
        case .all(let logs):
            var list: [[String: Any]] = []
            for reminder in try await db.fetchAll("SELECT * FROM reminders WHERE interventionId = ? ORDER BY plannedSendUtc, rowid", [id]) {
                var json = reminder.json()
                if logs { json["notificationLogs"] = try await notificationLogs(db, reminderId: reminder["id"]) }
                list.append(json)
            }
            json["reminders"] = list
        case .pending where RealServerFaults.on:
            // The real server filters on a status nothing has.
            json["reminders"] = [[String: Any]]()
        case .pending:
            json["reminders"] = try await db.fetchAll("""
                SELECT * FROM reminders WHERE interventionId = ? AND status = 'PENDING' ORDER BY plannedSendUtc, rowid
                """, [id]).map { $0.json() }
        }
        if withRules {
            // In the order they were made, as Prisma lists them.
            json["rules"] = try await db.fetchAll("SELECT * FROM reminder_rules WHERE interventionId = ? ORDER BY rowid", [id]).map { $0.json() }
        }
        return json
    }

    /// `findOne`'s intervention: person, doctor with user, reminders with their logs, rules.
    static func intervention(_ db: any SQLSession, _ id: String) async throws -> [String: Any]? {
        guard let row = try await db.fetchOne("SELECT * FROM interventions WHERE id = ?", [id]) else { return nil }
        return try await intervention(db, row, reminders: .all(logs: true), rules: true)
    }

    static func notificationLogs(_ db: any SQLSession, reminderId: String) async throws -> [[String: Any]] {
        try await db.fetchAll("SELECT * FROM notification_logs WHERE reminderId = ? ORDER BY createdAt, rowid", [reminderId]).map { $0.json() }
    }

    /// A reminder with `intervention: { include: { person: true, doctor: { include: { user: true } } } }`,
    /// and its `notificationLogs` with `logs`.
    static func reminder(_ db: any SQLSession, _ row: SQLRow, logs: Bool) async throws -> [String: Any] {
        var json = row.json()
        if let intervention = try await db.fetchOne("SELECT * FROM interventions WHERE id = ?", [row["interventionId"] as String]) {
            json["intervention"] = try await self.intervention(db, intervention, reminders: .none, rules: false)
        } else {
            json["intervention"] = NSNull()
        }
        if logs { json["notificationLogs"] = try await notificationLogs(db, reminderId: row["id"]) }
        return json
    }

    static func reminder(_ db: any SQLSession, _ id: String, logs: Bool) async throws -> [String: Any]? {
        guard let row = try await db.fetchOne("SELECT * FROM reminders WHERE id = ?", [id]) else { return nil }
        return try await reminder(db, row, logs: logs)
    }
}
