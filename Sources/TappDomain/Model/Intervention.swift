import Foundation

/// A scheduled procedure or visit: surgery, vaccination, check-up…
public struct Intervention: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var serverId: String?
    public var patientId: String
    public var doctorId: String
    public var organizationId: String
    /// The type: one of `InterventionKind`'s names or free text.
    public var title: String
    public var description: String?
    public var scheduledAt: Date
    public var priority: InterventionPriority
    public var status: InterventionStatus
    public var location: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var updatedBy: String?

    public init(id: String = LocalID.make(), fields: InterventionFields, now: Date, by user: String?) {
        self.id = id
        self.patientId = fields.patientId
        self.doctorId = fields.doctorId
        self.organizationId = fields.organizationId
        self.title = fields.title
        self.scheduledAt = fields.scheduledAt
        self.priority = fields.priority
        self.status = .planned
        self.version = 1
        self.createdAt = now
        self.updatedAt = now
        self.updatedBy = user
        apply(fields)
    }

    public var fields: InterventionFields {
        InterventionFields(patientId: patientId, doctorId: doctorId, organizationId: organizationId, title: title,
                           description: description, scheduledAt: scheduledAt, priority: priority, location: location)
    }

    public mutating func apply(_ f: InterventionFields) {
        patientId = f.patientId
        doctorId = f.doctorId
        organizationId = f.organizationId
        title = f.title
        description = f.description
        scheduledAt = f.scheduledAt
        priority = f.priority
        location = f.location
    }

    /// The real server refuses an intervention whose time is not in the future: one not yet synced
    /// whose time has passed will be refused when it is pushed.
    public func serverWillRefuse(now: Date) -> Bool {
        serverId == nil && scheduledAt <= now
    }
}

/// The usual types of intervention; the title may also be free text.
public enum InterventionKind: String, CaseIterable, Sendable {
    case surgery = "Surgery"
    case examination = "Examination"
    case vaccination = "Vaccination"
    case postOpFollowUp = "Post-op follow-up"
    case checkUp = "Check-up"
    case other = "Other"

    public var french: String {
        switch self {
        case .surgery: "Chirurgie"
        case .examination: "Examen"
        case .vaccination: "Vaccination"
        case .postOpFollowUp: "Suivi post-opératoire"
        case .checkUp: "Bilan de santé"
        case .other: "Autre"
        }
    }
}

public struct InterventionFields: Sendable, Equatable {
    public var patientId: String
    public var doctorId: String
    public var organizationId: String
    public var title: String
    public var description: String?
    public var scheduledAt: Date
    public var priority: InterventionPriority
    public var location: String?

    public init(patientId: String, doctorId: String, organizationId: String, title: String, description: String?, scheduledAt: Date, priority: InterventionPriority, location: String?) {
        self.patientId = patientId
        self.doctorId = doctorId
        self.organizationId = organizationId
        self.title = title
        self.description = description
        self.scheduledAt = scheduledAt
        self.priority = priority
        self.location = location
    }
}

/// An intervention as typed: text, not yet checked. Rules are written `-1440:SMS` (offset in minutes, channel,
/// optionally `:off` for a rule stored but not sent).
public struct InterventionInput: Sendable, Equatable {
    public var patientId = ""
    public var doctorId = ""
    public var organizationId = ""
    public var title = ""
    public var description = ""
    public var scheduledAt = ""
    public var priority = "NORMAL"
    public var location = ""

    public init() {}

    public init(_ f: InterventionFields, zone: TimeZone) {
        patientId = f.patientId
        doctorId = f.doctorId
        organizationId = f.organizationId
        title = f.title
        description = f.description ?? ""
        scheduledAt = Instant.zonedString(f.scheduledAt, zone: zone)
        priority = f.priority.rawValue
        location = f.location ?? ""
    }

    /// `now` gives "today" and "tomorrow" to a typed time (`demain 9h30`).
    public func validated(zone: TimeZone, now: Date = Date()) throws(ValidationFailure) -> InterventionFields {
        var checks = FieldChecks()
        checks.check(!patientId.trimmed.isEmpty, "patientId", .required)
        checks.check(!doctorId.trimmed.isEmpty, "doctorId", .required)
        checks.check(!organizationId.trimmed.isEmpty, "organizationId", .required)
        checks.check(!title.trimmed.isEmpty, "title", .required)
        checks.check(title.trimmed.count <= 200, "title", .tooLong, "200")
        checks.text(title, "title")
        checks.text(description, "description", multiline: true)
        checks.text(location, "location")
        var when: Date?
        if scheduledAt.trimmed.isEmpty {
            checks.check(false, "scheduledAt", .required)
        } else {
            when = checks.run { () throws(FieldError) in try TypedDateTime.parse(scheduledAt, field: "scheduledAt", zone: zone, now: now) }
        }
        let level = checks.run { () throws(FieldError) in
            try InterventionPriority.parse(priority.trimmed.isEmpty ? "NORMAL" : priority, field: "priority")
        }
        try checks.finish()
        guard let when, let level else { throw ValidationFailure(checks.errors) }
        return InterventionFields(patientId: patientId.trimmed, doctorId: doctorId.trimmed,
                                  organizationId: organizationId.trimmed, title: title.trimmed,
                                  description: description.trimmed.nilIfEmpty, scheduledAt: when, priority: level,
                                  location: location.trimmed.nilIfEmpty)
    }
}
