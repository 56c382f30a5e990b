import Crypto
import Foundation

/// A reminder rule as given, before it belongs to an intervention.
public struct ReminderRuleSpec: Sendable, Equatable, Hashable, Codable {
    public var offset: ReminderOffset
    public var channel: ReminderChannel
    public var enabled: Bool

    public var offsetMinutes: Int { offset.minutes }

    public init(offset: ReminderOffset, channel: ReminderChannel, enabled: Bool = true) {
        self.offset = offset
        self.channel = channel
        self.enabled = enabled
    }

    /// Refuses an offset of more than a year.
    public init(offsetMinutes: Int, channel: ReminderChannel, enabled: Bool = true) throws(FieldError) {
        self.init(offset: try ReminderOffset(minutes: offsetMinutes), channel: channel, enabled: enabled)
    }

    enum CodingKeys: String, CodingKey { case offsetMinutes, channel, enabled }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        offset = try c.decode(ReminderOffset.self, forKey: .offsetMinutes)
        channel = try c.decode(ReminderChannel.self, forKey: .channel)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(offset, forKey: .offsetMinutes)
        try c.encode(channel, forKey: .channel)
        try c.encode(enabled, forKey: .enabled)
    }

    /// Reads `-1440:SMS`, `-60:EMAIL:off`, and the presets `J-7`, `J-3`, `J-1`, `H-2` (`J-1:EMAIL`).
    public static func parse(_ text: String) throws(FieldError) -> ReminderRuleSpec {
        let parts = text.trimmed.split(separator: ":").map { String($0).trimmed }
        guard (1...3).contains(parts.count), let first = parts.first else {
            throw FieldError("rule", .ruleFormat, Echo.of(text))
        }
        let offset = try ReminderOffset.parse(first)
        let channel = parts.count >= 2 ? try ReminderChannel.parse(parts[1], field: "rule channel") : .sms
        var enabled = true
        if parts.count == 3 {
            switch parts[2].lowercased() {
            case "on", "enabled", "true": enabled = true
            case "off", "disabled", "false": enabled = false
            default: throw FieldError("rule", .ruleOnOff, Echo.of(parts[2]))
            }
        }
        return ReminderRuleSpec(offset: offset, channel: channel, enabled: enabled)
    }

    public var label: String {
        let base: String
        if offsetMinutes % 1440 == 0 {
            base = "J\(offsetMinutes < 0 ? "-" : "+")\(offsetMinutes.magnitude / 1440)"
        } else if offsetMinutes % 60 == 0 {
            base = "H\(offsetMinutes < 0 ? "-" : "+")\(offsetMinutes.magnitude / 60)"
        } else {
            base = "\(offsetMinutes) min"
        }
        return "\(base) \(channel.rawValue)\(enabled ? "" : " (off)")"
    }
}

/// A reminder the rules call for: when, on which channel, and its idempotency key.
public struct PlannedReminder: Sendable, Equatable {
    public var channel: ReminderChannel
    public var plannedSendAt: Date
    public var idempotencyKey: String

    public init(channel: ReminderChannel, plannedSendAt: Date, idempotencyKey: String) {
        self.channel = channel
        self.plannedSendAt = plannedSendAt
        self.idempotencyKey = idempotencyKey
    }
}

/// How an intervention's reminders are made, exactly as the TappPlus server makes them.
public enum ReminderPlan {
    /// J-1 and H-1 by SMS: what the server adds when no rule is given.
    public static let defaultRules = [
        ReminderRuleSpec(offset: ReminderOffset(clamping: -1440), channel: .sms),
        ReminderRuleSpec(offset: ReminderOffset(clamping: -60), channel: .sms),
    ]

    /// The rules to store: the given ones, or the defaults when none are given. Two rules with the same offset
    /// and channel are refused (the real server fails half-way on them).
    public static func rules(_ given: [ReminderRuleSpec]) throws(FieldError) -> [ReminderRuleSpec] {
        if given.isEmpty { return defaultRules }
        var seen = Set<String>()
        for rule in given {
            let key = "\(rule.offsetMinutes):\(rule.channel.rawValue)"
            guard seen.insert(key).inserted else {
                throw FieldError("rules", .ruleTwice, rule.label)
            }
        }
        return given
    }

    /// 10000-01-01T00:00:00Z: no reminder is planned at or after it.
    public static let lastInstant = Date(timeIntervalSince1970: 253_402_300_800)

    /// One reminder per enabled rule whose send time is still in the future.
    public static func reminders(interventionId: String, scheduledAt: Date, rules: [ReminderRuleSpec], now: Date) -> [PlannedReminder] {
        rules.compactMap { rule in
            guard rule.enabled else { return nil }
            let send = scheduledAt.addingTimeInterval(Double(rule.offsetMinutes) * 60)
            // Past the year 9999 no date is written (nor could such a reminder ever be due): none is planned.
            guard send > now, send < ReminderPlan.lastInstant else { return nil }
            return PlannedReminder(channel: rule.channel, plannedSendAt: send,
                                   idempotencyKey: idempotencyKey(interventionId: interventionId, plannedSendAt: send, channel: rule.channel))
        }
    }

    /// `hex(sha256("<interventionId>:<plannedSendUtc ISO with ms and Z>:<channel>"))`, the server's key.
    public static func idempotencyKey(interventionId: String, plannedSendAt: Date, channel: ReminderChannel) -> String {
        let text = "\(interventionId):\(Instant.utcString(plannedSendAt)):\(channel.rawValue)"
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
