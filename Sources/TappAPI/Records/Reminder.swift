import Foundation
import TappDomain

/// One message to send for an intervention, at `plannedSendUtc`, once: `idempotencyKey` is
/// `hex(sha256("<interventionId>:<plannedSendUtc>:<type>"))`.
public struct Reminder: Codable, Sendable, Equatable {
    public var id: String
    public var interventionId: String
    public var type: ReminderChannel
    public var plannedSendUtc: WireInstant
    public var message: String?
    public var recipient: String?
    public var status: ReminderStatus
    public var lastError: String?
    public var idempotencyKey: String
    public var sentAt: WireInstant?
    public var createdAt: WireInstant
    public var updatedAt: WireInstant
    @Boxed public var intervention: Intervention?
    public var notificationLogs: [NotificationLog]?

    public init(id: String, interventionId: String, type: ReminderChannel, plannedSendUtc: WireInstant, message: String? = nil,
                recipient: String? = nil, status: ReminderStatus = .pending, lastError: String? = nil, idempotencyKey: String,
                sentAt: WireInstant? = nil, createdAt: WireInstant, updatedAt: WireInstant, intervention: Intervention? = nil,
                notificationLogs: [NotificationLog]? = nil) {
        self.id = id
        self.interventionId = interventionId
        self.type = type
        self.plannedSendUtc = plannedSendUtc
        self.message = message
        self.recipient = recipient
        self.status = status
        self.lastError = lastError
        self.idempotencyKey = idempotencyKey
        self.sentAt = sentAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.intervention = intervention
        self.notificationLogs = notificationLogs
    }

    enum CodingKeys: String, CodingKey {
        case id, interventionId, type, plannedSendUtc, message, recipient, status, lastError, idempotencyKey, sentAt
        case createdAt, updatedAt, intervention, notificationLogs
    }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("id", id)
        try fields.field("interventionId", interventionId)
        try fields.field("type", type)
        try fields.field("plannedSendUtc", plannedSendUtc)
        try fields.field("message", message)
        try fields.field("recipient", recipient)
        try fields.field("status", status)
        try fields.field("lastError", lastError)
        try fields.field("idempotencyKey", idempotencyKey)
        try fields.field("sentAt", sentAt)
        try fields.field("createdAt", createdAt)
        try fields.field("updatedAt", updatedAt)
        try fields.field("intervention", ifPresent: intervention)
        try fields.field("notificationLogs", ifPresent: notificationLogs)
    }
}

/// `GET /reminders/stats`.
public struct ReminderStats: Codable, Sendable, Equatable {
    public var total: Int
    public var sent: Int
    public var failed: Int
    public var pending: Int
    public var cancelled: Int
    /// A percentage as the real server writes it: `sent / total * 100` as text with two decimals (`"33.33"`), `"0"`
    /// when there is no reminder.
    public var successRate: String

    public init(total: Int, sent: Int, failed: Int, pending: Int, cancelled: Int, successRate: String) {
        self.total = total
        self.sent = sent
        self.failed = failed
        self.pending = pending
        self.cancelled = cancelled
        self.successRate = successRate
    }
}

/// The trace of one delivery attempt of a reminder (or of a test notification).
public struct NotificationLog: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case sent = "SENT", failed = "FAILED", delivered = "DELIVERED", read = "READ"
    }

    public var id: String
    public var reminderId: String?
    public var channel: ReminderChannel
    public var to: String
    public var payload: String?
    public var status: Status
    public var providerMsgId: String?
    public var error: String?
    public var deliveredAt: WireInstant?
    public var readAt: WireInstant?
    public var createdAt: WireInstant
    @Boxed public var reminder: Reminder?

    public init(id: String, reminderId: String? = nil, channel: ReminderChannel, to: String, payload: String? = nil,
                status: Status, providerMsgId: String? = nil, error: String? = nil, deliveredAt: WireInstant? = nil,
                readAt: WireInstant? = nil, createdAt: WireInstant, reminder: Reminder? = nil) {
        self.id = id
        self.reminderId = reminderId
        self.channel = channel
        self.to = to
        self.payload = payload
        self.status = status
        self.providerMsgId = providerMsgId
        self.error = error
        self.deliveredAt = deliveredAt
        self.readAt = readAt
        self.createdAt = createdAt
        self.reminder = reminder
    }

    enum CodingKeys: String, CodingKey {
        case id, reminderId, channel, to, payload, status, providerMsgId, error, deliveredAt, readAt, createdAt, reminder
    }

    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }

    public func writeFields<Fields: WireFields>(to fields: inout Fields) throws {
        try fields.field("id", id)
        try fields.field("reminderId", reminderId)
        try fields.field("channel", channel)
        try fields.field("to", to)
        try fields.field("payload", payload)
        try fields.field("status", status)
        try fields.field("providerMsgId", providerMsgId)
        try fields.field("error", error)
        try fields.field("deliveredAt", deliveredAt)
        try fields.field("readAt", readAt)
        try fields.field("createdAt", createdAt)
        try fields.field("reminder", ifPresent: reminder)
    }
}

extension Reminder: WireObject {}
extension NotificationLog: WireObject {}
