import Foundation
import TappDomain

/// An intervention (a planned visit or procedure): its columns, then the person, doctor, reminders and rules a
/// route includes.
public struct Intervention: Codable, Sendable, Equatable {
    public var id: String
    public var personId: String
    public var doctorId: String
    public var title: String
    public var description: String?
    public var scheduledAtUtc: WireInstant
    public var priority: InterventionPriority
    public var status: InterventionStatus
    public var location: String?
    public var createdAt: WireInstant
    public var updatedAt: WireInstant
    @Boxed public var person: Person?
    @Boxed public var doctor: Doctor?
    public var reminders: [Reminder]?
    public var rules: [ReminderRule]?

    public init(id: String, personId: String, doctorId: String, title: String, description: String? = nil,
                scheduledAtUtc: WireInstant, priority: InterventionPriority = .normal, status: InterventionStatus = .planned,
                location: String? = nil, createdAt: WireInstant, updatedAt: WireInstant, person: Person? = nil,
                doctor: Doctor? = nil, reminders: [Reminder]? = nil, rules: [ReminderRule]? = nil) {
        self.id = id
        self.personId = personId
        self.doctorId = doctorId
        self.title = title
        self.description = description
        self.scheduledAtUtc = scheduledAtUtc
        self.priority = priority
        self.status = status
        self.location = location
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.person = person
        self.doctor = doctor
        self.reminders = reminders
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey {
        case id, personId, doctorId, title, description, scheduledAtUtc, priority, status, location, createdAt, updatedAt
        case person, doctor, reminders, rules
    }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("id", id)
        try fields.field("personId", personId)
        try fields.field("doctorId", doctorId)
        try fields.field("title", title)
        try fields.field("description", description)
        try fields.field("scheduledAtUtc", scheduledAtUtc)
        try fields.field("priority", priority)
        try fields.field("status", status)
        try fields.field("location", location)
        try fields.field("createdAt", createdAt)
        try fields.field("updatedAt", updatedAt)
        try fields.field("person", ifPresent: person)
        try fields.field("doctor", ifPresent: doctor)
        try fields.field("reminders", ifPresent: reminders)
        try fields.field("rules", ifPresent: rules)
    }
}

/// When an intervention's reminders go out: `offsetMinutes` from its time (negative: before), on a channel.
public struct ReminderRule: Codable, Sendable, Equatable {
    public var id: String
    public var interventionId: String
    public var offsetMinutes: Int
    public var channel: ReminderChannel
    public var enabled: Bool
    public var createdAt: WireInstant
    public var updatedAt: WireInstant

    public init(id: String, interventionId: String, offsetMinutes: Int, channel: ReminderChannel, enabled: Bool = true,
                createdAt: WireInstant, updatedAt: WireInstant) {
        self.id = id
        self.interventionId = interventionId
        self.offsetMinutes = offsetMinutes
        self.channel = channel
        self.enabled = enabled
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey { case id, interventionId, offsetMinutes, channel, enabled, createdAt, updatedAt }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("id", id)
        try fields.field("interventionId", interventionId)
        try fields.field("offsetMinutes", offsetMinutes)
        try fields.field("channel", channel)
        try fields.field("enabled", enabled)
        try fields.field("createdAt", createdAt)
        try fields.field("updatedAt", updatedAt)
    }
}

extension Intervention: WireObject {}
extension ReminderRule: WireObject {}
