import Foundation
import GRDB
import TappDomain

/// Which consultations to list.
public struct ConsultationFilter: Sendable {
    public var from: Date?
    public var to: Date?
    public var doctorId: String?
    public var patientId: String?
    public var status: ConsultationStatus?
    public var limit = 50
    public var offset = 0
    public init() {}
}

/// Which interventions to list.
public struct InterventionFilter: Sendable {
    public var from: Date?
    public var to: Date?
    public var doctorId: String?
    public var patientId: String?
    public var status: InterventionStatus?
    public var priority: InterventionPriority?
    public var limit = 50
    public var offset = 0
    public init() {}
}

/// Which reminders to list.
public struct ReminderFilter: Sendable {
    public var status: ReminderStatus?
    /// PENDING reminders whose time has come.
    public var dueAt: Date?
    public var interventionId: String?
    public var limit = 50
    public init() {}
}

/// A doctor with the name of the user behind the profile.
public struct DoctorListing: Sendable, Equatable, Codable {
    public var id: String
    public var userId: String
    public var name: String
    public var email: String
    public var speciality: String?
}

extension ClinicDatabase {
    /// Newest first. Clinical content is left out for roles that may not read it.
    public func consultations(_ filter: ConsultationFilter, by session: Session) throws -> [Consultation] {
        try session.require(.readPatients)
        var request = Consultation.all()
        if let from = filter.from { request = request.filter(Column("dateTime") >= from) }
        if let to = filter.to { request = request.filter(Column("dateTime") < to) }
        if let doctorId = filter.doctorId { request = request.filter(Column("doctorId") == doctorId) }
        if let patientId = filter.patientId { request = request.filter(Column("patientId") == patientId) }
        if let status = filter.status { request = request.filter(Column("status") == status.rawValue) }
        let rows = try read { db in
            try request.order(Column("dateTime").desc).limit(filter.limit, offset: filter.offset).fetchAll(db)
        }
        return session.shown(rows)
    }

    /// One consultation with its clinical content; needs a role that reads clinical data.
    public func consultation(id: String, by session: Session) throws -> Consultation {
        try session.require(.readClinical)
        let consultation = try read { db in try existing(db, Consultation.self, .consultation, id: id) }
        try write { db in try Journal.audit(db, .view, .consultation, id, diff: nil, by: session) }
        return consultation
    }

    /// Soonest first.
    public func interventions(_ filter: InterventionFilter, by session: Session) throws -> [Intervention] {
        try session.require(.readPatients)
        var request = Intervention.all()
        if let from = filter.from { request = request.filter(Column("scheduledAt") >= from) }
        if let to = filter.to { request = request.filter(Column("scheduledAt") < to) }
        if let doctorId = filter.doctorId { request = request.filter(Column("doctorId") == doctorId) }
        if let patientId = filter.patientId { request = request.filter(Column("patientId") == patientId) }
        if let status = filter.status { request = request.filter(Column("status") == status.rawValue) }
        if let priority = filter.priority { request = request.filter(Column("priority") == priority.rawValue) }
        return try read { db in
            try request.order(Column("scheduledAt"), Column("id")).limit(filter.limit, offset: filter.offset).fetchAll(db)
        }
    }

    public func intervention(id: String, by session: Session) throws -> InterventionDetail {
        try session.require(.readPatients)
        return try read { db in try detail(db, try existing(db, Intervention.self, .intervention, id: id)) }
    }

    /// By planned send time, soonest first.
    public func reminders(_ filter: ReminderFilter, by session: Session) throws -> [Reminder] {
        try session.require(.readReminders)
        var request = Reminder.all()
        if let status = filter.status { request = request.filter(Column("status") == status.rawValue) }
        if let due = filter.dueAt {
            request = request.filter(Column("status") == ReminderStatus.pending.rawValue && Column("plannedSendAt") <= due)
        }
        if let interventionId = filter.interventionId { request = request.filter(Column("interventionId") == interventionId) }
        return try read { db in try request.order(Column("plannedSendAt"), Column("id")).limit(filter.limit).fetchAll(db) }
    }

    public func users(by session: Session) throws -> [User] {
        try session.require(.manageUsers)
        return try read { db in try User.order(Column("email")).fetchAll(db) }
    }

    public func user(email: String) throws -> User? {
        try read { db in try User.filter(sql: "email = ? COLLATE NOCASE", arguments: [email]).fetchOne(db) }
    }

    public func doctors() throws -> [DoctorListing] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT doctor.id, doctor.userId, user.firstName || ' ' || user.lastName AS name, user.email, doctor.speciality
                FROM doctor JOIN user ON user.id = doctor.userId ORDER BY user.lastName, user.firstName
                """).map { DoctorListing(id: $0["id"], userId: $0["userId"], name: $0["name"], email: $0["email"], speciality: $0["speciality"]) }
        }
    }

    /// The doctor profile of a user, if they have one.
    public func doctor(userId: String) throws -> Doctor? {
        try read { db in try Doctor.filter(Column("userId") == userId).fetchOne(db) }
    }

    public func organizations() throws -> [Organization] {
        try read { db in try Organization.order(Column("createdAt")).fetchAll(db) }
    }

    /// Audit entries, newest first; for one patient, those of the patient, their consultations and interventions.
    public func auditEntries(patientId: String? = nil, limit: Int = 100, by session: Session) throws -> [AuditEntry] {
        try session.require(.readAudit)
        return try read { db in
            guard let patientId else {
                return try AuditEntry.order(Column("id").desc).limit(limit).fetchAll(db)
            }
            return try AuditEntry.fetchAll(db, sql: """
                SELECT * FROM auditLog WHERE entityId = :p
                   OR entityId IN (SELECT id FROM consultation WHERE patientId = :p)
                   OR entityId IN (SELECT id FROM intervention WHERE patientId = :p)
                ORDER BY id DESC LIMIT :limit
                """, arguments: ["p": patientId, "limit": limit])
        }
    }

    /// "LASTNAME First" of the given patients, for lists that show whose record a row is.
    public func patientNames(_ ids: some Collection<String>) throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var names: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, firstName, lastName FROM patient WHERE id IN (SELECT value FROM json_each(?))",
                                        arguments: [String(decoding: try JSONEncoder().encode(Array(Set(ids))), as: UTF8.self)]) {
                names[row[0]] = "\((row[2] as String).uppercased()) \(row[1] as String)"
            }
            return names
        }
    }

    /// Changes waiting for the server, by kind and state.
    public func changeQueueCounts() throws -> [QueueCount] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT entityKind, state, count(*) FROM changeQueue GROUP BY 1, 2 ORDER BY 1, 2").compactMap { row in
                guard let kind = EntityKind(rawValue: row[0]), let state = QueueState(rawValue: row[1]) else { return nil }
                return QueueCount(kind: kind, state: state, count: row[2])
            }
        }
    }

    /// The change queue in order.
    public func queuedChanges(limit: Int = 1000) throws -> [QueuedChange] {
        try read { db in try QueuedChange.order(Column("seq")).limit(limit).fetchAll(db) }
    }
}
