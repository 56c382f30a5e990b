import Foundation

// The clinic's records. Each carries a local id that cannot collide across clinics (a UUID),
// room for the server's id once synced, and a version that refuses stale edits.

/// A clinic or hospital.
public struct Organization: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var serverId: String?
    public var name: String
    public var address: String?
    public var phone: String?
    public var email: String?
    /// The zone the clinic shows its times in.
    public var timezone: String
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = LocalID.make(), name: String, address: String? = nil, phone: String? = nil,
                email: String? = nil, timezone: String = "Africa/Douala", now: Date) {
        self.id = id
        self.name = name
        self.address = address
        self.phone = phone
        self.email = email
        self.timezone = timezone
        self.version = 1
        self.createdAt = now
        self.updatedAt = now
    }

    public var zone: TimeZone { TimeZone(identifier: timezone) ?? Instant.defaultZone }
}

/// Someone who signs in: receptionist, nurse, doctor or administrator.
public struct User: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var serverId: String?
    public var email: String
    public var firstName: String
    public var lastName: String
    public var phone: String?
    public var role: Role
    public var timezone: String
    /// bcrypt, cost 10 or more. Never printed, never exported.
    public var passwordHash: String
    public var isActive: Bool
    public var organizationId: String
    /// The Unix account that signs in as this user without a password.
    public var osUser: String?
    public var lockedUntil: Date?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = LocalID.make(), email: String, firstName: String, lastName: String, phone: String? = nil,
                role: Role, timezone: String = "Africa/Douala", passwordHash: String, organizationId: String, now: Date) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.role = role
        self.timezone = timezone
        self.passwordHash = passwordHash
        self.isActive = true
        self.organizationId = organizationId
        self.version = 1
        self.createdAt = now
        self.updatedAt = now
    }

    public var fullName: String { "\(firstName) \(lastName)" }
    public var zone: TimeZone { TimeZone(identifier: timezone) ?? Instant.defaultZone }
}

/// The medical profile of a DOCTOR user.
public struct Doctor: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var serverId: String?
    public var userId: String
    public var speciality: String?
    public var license: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = LocalID.make(), userId: String, speciality: String?, license: String?, now: Date) {
        self.id = id
        self.userId = userId
        self.speciality = speciality
        self.license = license
        self.version = 1
        self.createdAt = now
        self.updatedAt = now
    }
}

/// A patient's membership of an organization, as on the server.
public struct PatientOrganization: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var patientId: String
    public var organizationId: String
    public var role: String?
    public var isActive: Bool
    public var startAt: Date
    public var endAt: Date?

    public init(id: String = LocalID.make(), patientId: String, organizationId: String, role: String? = nil, now: Date) {
        self.id = id
        self.patientId = patientId
        self.organizationId = organizationId
        self.role = role
        self.isActive = true
        self.startAt = now
    }
}

/// One rule of an intervention: send a reminder `offsetMinutes` from its time (negative is before).
public struct ReminderRule: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var serverId: String?
    public var interventionId: String
    public var offsetMinutes: Int
    public var channel: ReminderChannel
    public var enabled: Bool

    public init(id: String = LocalID.make(), interventionId: String, spec: ReminderRuleSpec) {
        self.id = id
        self.interventionId = interventionId
        self.offsetMinutes = spec.offsetMinutes
        self.channel = spec.channel
        self.enabled = spec.enabled
    }

    /// The rule as a spec; its offset was checked when it was written (an older row beyond a year is read as a year).
    public var spec: ReminderRuleSpec {
        ReminderRuleSpec(offset: ReminderOffset(clamping: offsetMinutes), channel: channel, enabled: enabled)
    }
}

/// A message planned for a patient before (or after) an intervention.
public struct Reminder: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var serverId: String?
    public var interventionId: String
    public var channel: ReminderChannel
    public var plannedSendAt: Date
    public var message: String?
    public var recipient: String?
    public var status: ReminderStatus
    public var lastError: String?
    public var idempotencyKey: String
    public var sentAt: Date?
    public var attempts: Int
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = LocalID.make(), interventionId: String, planned: PlannedReminder, recipient: String?, now: Date) {
        self.id = id
        self.interventionId = interventionId
        self.channel = planned.channel
        self.plannedSendAt = planned.plannedSendAt
        self.recipient = recipient
        self.status = .pending
        self.idempotencyKey = planned.idempotencyKey
        self.attempts = 0
        self.version = 1
        self.createdAt = now
        self.updatedAt = now
    }
}

/// What happened when a reminder was handed to a provider.
public struct NotificationLog: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var reminderId: String?
    public var channel: ReminderChannel
    public var to: String
    public var payload: String?
    public var status: NotificationStatus
    public var providerMsgId: String?
    public var error: String?
    public var deliveredAt: Date?
    public var readAt: Date?
    public var createdAt: Date

    public init(id: String = LocalID.make(), reminderId: String?, channel: ReminderChannel, to: String, payload: String?,
                status: NotificationStatus, providerMsgId: String? = nil, error: String? = nil, now: Date) {
        self.id = id
        self.reminderId = reminderId
        self.channel = channel
        self.to = to
        self.payload = payload
        self.status = status
        self.providerMsgId = providerMsgId
        self.error = error
        self.createdAt = now
    }
}

/// Makes ids that cannot collide between clinics that never talk to each other: UUID version 7, whose
/// first 48 bits are the time in milliseconds and the rest random (74 bits), so that new rows land at the end
/// of the indexes instead of at random places in them.
public enum LocalID {
    public static func make(now: Date = Date()) -> String {
        var random = SystemRandomNumberGenerator()
        return make(milliseconds: UInt64(max(0, now.timeIntervalSince1970 * 1000)), random: random.next(), more: random.next())
    }

    /// The id for a time and 128 random bits (of which 74 are used).
    public static func make(milliseconds: UInt64, random: UInt64, more: UInt64) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 45, count: 36) // "-"
        var nibbles: [UInt64] = []
        nibbles.reserveCapacity(32)
        for shift in stride(from: 44, through: 0, by: -4) { nibbles.append((milliseconds >> UInt64(shift)) & 0xf) }
        nibbles.append(7)
        for shift in stride(from: 60, to: 12, by: -4) where nibbles.count < 16 { nibbles.append((random >> UInt64(shift)) & 0xf) }
        nibbles.append(8 | (random & 0x3))
        for shift in stride(from: 60, through: 0, by: -4) where nibbles.count < 32 { nibbles.append((more >> UInt64(shift)) & 0xf) }
        var index = 0
        for position in 0..<36 where position != 8 && position != 13 && position != 18 && position != 23 {
            bytes[position] = hex[Int(nibbles[index])]
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
