import Foundation
import TappAPI

/// The relations each answer carries, built as the real server's Prisma `include`s build them, with one fix:
/// a user never carries its password hash (the real server sends it wherever it includes `doctor.user` or
/// `organization.users`; `TappAPI.User(row:)` keeps it only in its imitation).
enum Included {
    static func person(_ db: any SQLSession, _ id: String) async throws -> TappAPI.Person? {
        try await db.fetchOne("SELECT * FROM people WHERE id = ?", [id]).map(TappAPI.Person.init(row:))
    }

    /// A person as the people list shows one: with `organizations: { include: { org: true } }`.
    static func personWithLinks(_ db: any SQLSession, _ id: String) async throws -> TappAPI.Person? {
        guard let person = try await person(db, id) else { return nil }
        var people = [person]
        try await addLinks(db, to: &people)
        return people[0]
    }

    /// `doctor: { include: { user: true } }`.
    static func doctor(_ db: any SQLSession, _ id: String) async throws -> TappAPI.Doctor? {
        try await doctors(db, [id])[id]
    }

    /// A user's `doctor: true` (the profile alone), or nil.
    static func doctorProfile(_ db: any SQLSession, userId: String) async throws -> TappAPI.Doctor? {
        try await db.fetchOne("SELECT * FROM doctors WHERE userId = ?", [userId]).map(TappAPI.Doctor.init(row:))
    }

    /// `organization` with `people: { include: { person: true } }` and `users: { include: { doctor: true } }`.
    static func organization(_ db: any SQLSession, _ id: String) async throws -> TappAPI.Organization? {
        guard var organization = try await db.fetchOne("SELECT * FROM organizations WHERE id = ?", [id]).map(TappAPI.Organization.init(row:))
        else { return nil }
        let linkRows = try await db.fetchAll("SELECT * FROM person_organizations WHERE orgId = ? ORDER BY rowid", [id])
        let people = try await byId(db, "people", linkRows.map { try $0.text("personId") })
        organization.people = try linkRows.map { row in
            var link = try TappAPI.OrganizationLink(row: row)
            link.person = try people[link.personId].map(TappAPI.Person.init(row:))
            return link
        }
        let userRows = try await db.fetchAll("SELECT * FROM users WHERE organizationId = ? ORDER BY rowid", [id])
        var users: [TappAPI.User] = []
        for row in userRows {
            var user = try TappAPI.User(row: row)
            user.doctor = try await doctorProfile(db, userId: user.id)
            users.append(user)
        }
        organization.users = users
        return organization
    }

    /// Each person's `organizations: { include: { org: true } }`, for several people at once (a page of the people
    /// list): the links in one query, in the order they were made, then their organizations (most often one for the
    /// whole page) by id, each read once and shared by its links; each link goes straight to its person.
    static func addLinks(_ db: any SQLSession, to people: inout [TappAPI.Person]) async throws {
        guard !people.isEmpty else { return }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(people.count)
        for index in people.indices {
            people[index].organizations = []
            positions[people[index].id] = index
        }
        let marks = Array(repeating: "?", count: people.count).joined(separator: ",")
        let rows = try await db.fetchAll("SELECT * FROM person_organizations WHERE personId IN (\(marks)) ORDER BY rowid",
                                         people.map(\.id))
        let organizations = try await byId(db, "organizations", rows.map { try $0.text("orgId") })
            .mapValues { Boxed(wrappedValue: try TappAPI.Organization(row: $0)) }
        for row in rows {
            var link = try TappAPI.OrganizationLink(row: row)
            if let organization = organizations[link.orgId] { link.$org = organization }
            guard let index = positions[link.personId] else { continue }
            people[index].organizations?.append(link)
        }
    }

    /// Several consultations, each with `doctor: { include: { user: true } }` and, unless `person` is false,
    /// `person: true`, in the order given; their people, doctors and users read a few hundred at a time.
    /// `rawAttachments`: `attachments` as stored (a JSON string), as the real server lists a person's consultations
    /// (only the consultations routes turn it into a list).
    static func consultations(_ db: any SQLSession, _ rows: [SQLRow], person withPerson: Bool = true,
                              rawAttachments: Bool = false) async throws -> [TappAPI.Consultation] {
        let people = withPerson ? try await byId(db, "people", rows.map { try $0.text("personId") }).mapValues(TappAPI.Person.init(row:)) : [:]
        let doctors = try await doctors(db, rows.map { try $0.text("doctorId") })
        return try rows.map { row in
            var consultation = try TappAPI.Consultation(row: row, rawAttachments: rawAttachments)
            if withPerson { consultation.person = people[consultation.personId] }
            consultation.doctor = doctors[consultation.doctorId]
            return consultation
        }
    }

    /// Doctors by id, each with its user (`doctor: { include: { user: true } }`).
    static func doctors(_ db: any SQLSession, _ ids: [String]) async throws -> [String: TappAPI.Doctor] {
        let rows = try await byId(db, "doctors", ids)
        let users = try await byId(db, "users", rows.values.map { try $0.text("userId") })
        return try rows.mapValues { row in
            var doctor = try TappAPI.Doctor(row: row)
            doctor.user = try users[doctor.userId].map(TappAPI.User.init(row:))
            return doctor
        }
    }

    /// The rows of `table` with these ids, by id, read `chunk` ids per statement.
    static func byId(_ db: any SQLSession, _ table: String, _ ids: [String], chunk: Int = 500) async throws -> [String: SQLRow] {
        let distinct = Array(Set(ids))
        var found: [String: SQLRow] = [:]
        found.reserveCapacity(distinct.count)
        for start in stride(from: 0, to: distinct.count, by: chunk) {
            let part = Array(distinct[start..<min(start + chunk, distinct.count)])
            let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
            for row in try await db.fetchAll("SELECT * FROM \(table) WHERE id IN (\(marks))", part) { found[try row.text("id")] = row }
        }
        return found
    }

    /// The consultation with its person and its doctor (with the doctor's user).
    static func consultation(_ db: any SQLSession, _ id: String) async throws -> TappAPI.Consultation? {
        guard let row = try await db.fetchOne("SELECT * FROM consultations WHERE id = ?", [id]) else { return nil }
        return try await consultations(db, [row]).first
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
                             rules withRules: Bool) async throws -> TappAPI.Intervention {
        var intervention = try TappAPI.Intervention(row: row)
        let id = intervention.id
        if withPerson { intervention.person = try await person(db, intervention.personId) }
        intervention.doctor = try await doctor(db, intervention.doctorId)
        switch reminders {
        case .none:
            break
        case .all(let logs):
            var list: [TappAPI.Reminder] = []
            for row in try await db.fetchAll("SELECT * FROM reminders WHERE interventionId = ? ORDER BY plannedSendUtc, rowid", [id]) {
                var reminder = try TappAPI.Reminder(row: row)
                if logs { reminder.notificationLogs = try await notificationLogs(db, reminderId: reminder.id) }
                list.append(reminder)
            }
            intervention.reminders = list
        case .pending where RealServerFaults.on:
            // The real server filters on a status nothing has.
            intervention.reminders = []
        case .pending:
            intervention.reminders = try await db.fetchAll("""
                SELECT * FROM reminders WHERE interventionId = ? AND status = 'PENDING' ORDER BY plannedSendUtc, rowid
                """, [id]).map(TappAPI.Reminder.init(row:))
        }
        if withRules {
            // In the order they were made, as Prisma lists them.
            intervention.rules = try await db.fetchAll("SELECT * FROM reminder_rules WHERE interventionId = ? ORDER BY rowid", [id])
                .map(TappAPI.ReminderRule.init(row:))
        }
        return intervention
    }

    /// `findOne`'s intervention: person, doctor with user, reminders with their logs, rules.
    static func intervention(_ db: any SQLSession, _ id: String) async throws -> TappAPI.Intervention? {
        guard let row = try await db.fetchOne("SELECT * FROM interventions WHERE id = ?", [id]) else { return nil }
        return try await intervention(db, row, reminders: .all(logs: true), rules: true)
    }

    static func notificationLogs(_ db: any SQLSession, reminderId: String) async throws -> [TappAPI.NotificationLog] {
        try await db.fetchAll("SELECT * FROM notification_logs WHERE reminderId = ? ORDER BY createdAt, rowid", [reminderId])
            .map(TappAPI.NotificationLog.init(row:))
    }

    /// A reminder with `intervention: { include: { person: true, doctor: { include: { user: true } } } }`,
    /// and its `notificationLogs` with `logs`.
    static func reminder(_ db: any SQLSession, _ row: SQLRow, logs: Bool) async throws -> TappAPI.Reminder {
        var reminder = try TappAPI.Reminder(row: row)
        if let intervention = try await db.fetchOne("SELECT * FROM interventions WHERE id = ?", [reminder.interventionId]) {
            reminder.intervention = try await self.intervention(db, intervention, reminders: .none, rules: false)
        }
        if logs { reminder.notificationLogs = try await notificationLogs(db, reminderId: reminder.id) }
        return reminder
    }

    static func reminder(_ db: any SQLSession, _ id: String, logs: Bool) async throws -> TappAPI.Reminder? {
        guard let row = try await db.fetchOne("SELECT * FROM reminders WHERE id = ?", [id]) else { return nil }
        return try await reminder(db, row, logs: logs)
    }
}
