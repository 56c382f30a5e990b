import Foundation
import TappDomain

/// A record as the TappPlus server holds it, in the clinic's terms (ids are the server's), ready to merge.
public struct PulledPerson: Sendable, Equatable, Codable {
    public var serverId: String
    public var updatedAt: String
    public var fullName: String
    public var birthdate: CalendarDate?
    public var phone: String?
    public var email: String?
    public var address: String?

    public init(serverId: String, updatedAt: String, fullName: String, birthdate: CalendarDate?, phone: String?, email: String?,
                address: String?) {
        self.serverId = serverId
        self.updatedAt = updatedAt
        self.fullName = fullName
        self.birthdate = birthdate
        self.phone = phone
        self.email = email
        self.address = address
    }

    /// First and last name from the server's one `fullName`: kept as they are when they make the same full name,
    /// else the last word is the last name.
    func names(keeping local: Patient?) -> (first: String, last: String) {
        let full = fullName.trimmingCharacters(in: .whitespaces)
        if let local, "\(local.firstName) \(local.lastName)" == full { return (local.firstName, local.lastName) }
        guard let space = full.lastIndex(of: " ") else { return (full, full) }
        return (String(full[..<space]).trimmingCharacters(in: .whitespaces), String(full[full.index(after: space)...]))
    }
}

public struct PulledConsultation: Sendable, Equatable, Codable {
    public var serverId: String
    public var updatedAt: String
    public var personServerId: String
    public var doctorServerId: String
    public var dateTime: Date
    public var notes: String?
    public var attachments: [String]
    public var status: ConsultationStatus

    public init(serverId: String, updatedAt: String, personServerId: String, doctorServerId: String, dateTime: Date, notes: String?,
                attachments: [String], status: ConsultationStatus) {
        self.serverId = serverId
        self.updatedAt = updatedAt
        self.personServerId = personServerId
        self.doctorServerId = doctorServerId
        self.dateTime = dateTime
        self.notes = notes
        self.attachments = attachments
        self.status = status
    }
}

public struct PulledReminder: Sendable, Equatable, Codable {
    public var serverId: String
    public var channel: ReminderChannel
    public var plannedSendAt: Date
    public var status: ReminderStatus
    public var sentAt: Date?
    public var lastError: String?
    public var idempotencyKey: String

    public init(serverId: String, channel: ReminderChannel, plannedSendAt: Date, status: ReminderStatus, sentAt: Date?,
                lastError: String?, idempotencyKey: String) {
        self.serverId = serverId
        self.channel = channel
        self.plannedSendAt = plannedSendAt
        self.status = status
        self.sentAt = sentAt
        self.lastError = lastError
        self.idempotencyKey = idempotencyKey
    }
}

public struct PulledIntervention: Sendable, Equatable, Codable {
    public var serverId: String
    public var updatedAt: String
    public var personServerId: String
    public var doctorServerId: String
    public var title: String
    public var description: String?
    public var scheduledAt: Date
    public var priority: InterventionPriority
    public var status: InterventionStatus
    public var location: String?
    public var rules: [ReminderRuleSpec]
    public var reminders: [PulledReminder]

    public init(serverId: String, updatedAt: String, personServerId: String, doctorServerId: String, title: String,
                description: String?, scheduledAt: Date, priority: InterventionPriority, status: InterventionStatus,
                location: String?, rules: [ReminderRuleSpec], reminders: [PulledReminder]) {
        self.serverId = serverId
        self.updatedAt = updatedAt
        self.personServerId = personServerId
        self.doctorServerId = doctorServerId
        self.title = title
        self.description = description
        self.scheduledAt = scheduledAt
        self.priority = priority
        self.status = status
        self.location = location
        self.rules = rules
        self.reminders = reminders
    }
}

/// What merging one pulled record did.
public enum PullOutcome: Sendable, Equatable {
    case unchanged, added, updated
    /// Changed on both sides since the last sync: both kept, a person picks (`tapp sync resolve`).
    case conflict
    /// Deleted here because it was deleted on the server.
    case removed
    /// Not merged, and why (its patient or doctor is unknown here).
    case skipped(String)
}

/// A record changed both here and on the server since the last sync.
public struct SyncConflict: Sendable, Equatable {
    public var id: Int64
    public var kind: EntityKind
    public var localId: String
    public var serverId: String
    public var serverUpdatedAt: String
    /// The server's version, as JSON of the pulled record.
    public var serverPayload: String
    public var detectedAt: Date
}

/// Which side a person keeps.
public enum ConflictSide: String, Sendable, CaseIterable { case local, server }
