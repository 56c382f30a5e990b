import Foundation
import TappDomain

/// `POST /organizations`, `PATCH /organizations/:id`.
public struct OrganizationBody: Codable, Sendable, Equatable {
    public var name: String

    public init(name: String) { self.name = name }
}

/// `POST /people/:id/organizations/:organizationId`.
public struct LinkBody: Codable, Sendable, Equatable {
    public var role: String?

    public init(role: String? = nil) { self.role = role }
}

/// `POST /people` and `PATCH /people/:id`. The optional fields are always written, `null` when empty, so that a
/// PATCH also clears what was cleared here. `birthdate` is a full date-time: the real server fails on a date alone.
public struct PersonBody: Codable, Sendable, Equatable {
    public var fullName: String
    public var birthdate: WireInstant?
    public var phone: String?
    public var email: String?
    public var address: String?

    public init(fullName: String, birthdate: WireInstant? = nil, phone: String? = nil, email: String? = nil, address: String? = nil) {
        self.fullName = fullName
        self.birthdate = birthdate
        self.phone = phone
        self.email = email
        self.address = address
    }

    enum CodingKeys: String, CodingKey { case fullName, birthdate, phone, email, address }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("fullName", fullName)
        try fields.field("birthdate", birthdate)
        try fields.field("phone", phone)
        try fields.field("email", email)
        try fields.field("address", address)
    }
}

/// `POST /consultations` (with `personId`) and `PATCH /consultations/:id` (without: a PATCH cannot move it).
public struct ConsultationBody: Codable, Sendable, Equatable {
    public var personId: String?
    public var doctorId: String
    public var dateTime: WireInstant
    public var notes: String?
    public var attachments: [String]?
    public var status: ConsultationStatus?

    public init(personId: String?, doctorId: String, dateTime: WireInstant, notes: String? = nil, attachments: [String]? = nil,
                status: ConsultationStatus? = nil) {
        self.personId = personId
        self.doctorId = doctorId
        self.dateTime = dateTime
        self.notes = notes
        self.attachments = attachments
        self.status = status
    }
}

/// A rule in an intervention's body.
public struct RuleBody: Codable, Sendable, Equatable {
    public var offsetMinutes: Int
    public var channel: ReminderChannel
    public var enabled: Bool?

    public init(offsetMinutes: Int, channel: ReminderChannel, enabled: Bool? = nil) {
        self.offsetMinutes = offsetMinutes
        self.channel = channel
        self.enabled = enabled
    }
}

/// `POST /interventions` and `PATCH /interventions/:id`. A create cannot carry a status; a PATCH leaves out a time
/// that is already past (the real server refuses any past `scheduledAt`, even unchanged).
public struct InterventionBody: Codable, Sendable, Equatable {
    public var personId: String?
    public var doctorId: String?
    public var title: String
    public var description: String?
    public var scheduledAt: WireInstant?
    public var priority: InterventionPriority?
    public var status: InterventionStatus?
    public var location: String?
    public var rules: [RuleBody]?

    public init(personId: String?, doctorId: String?, title: String, description: String? = nil, scheduledAt: WireInstant?,
                priority: InterventionPriority? = nil, status: InterventionStatus? = nil, location: String? = nil,
                rules: [RuleBody]? = nil) {
        self.personId = personId
        self.doctorId = doctorId
        self.title = title
        self.description = description
        self.scheduledAt = scheduledAt
        self.priority = priority
        self.status = status
        self.location = location
        self.rules = rules
    }
}

/// `POST /reminders` and `PATCH /reminders/:id`.
public struct ReminderBody: Codable, Sendable, Equatable {
    public var interventionId: String?
    public var type: ReminderChannel?
    public var scheduledAt: WireInstant?
    public var message: String?
    public var recipient: String?
    public var status: ReminderStatus?

    public init(interventionId: String? = nil, type: ReminderChannel? = nil, scheduledAt: WireInstant? = nil, message: String? = nil,
                recipient: String? = nil, status: ReminderStatus? = nil) {
        self.interventionId = interventionId
        self.type = type
        self.scheduledAt = scheduledAt
        self.message = message
        self.recipient = recipient
        self.status = status
    }
}

extension PersonBody: WireObject {}
