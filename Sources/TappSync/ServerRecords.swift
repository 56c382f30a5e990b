import Foundation
import TappDomain
import TappStore

/// The server's JSON records read into the clinic's terms. A record missing what it must have is nil (reported,
/// never guessed).
enum ServerRecords {
    static func date(_ value: Any?) -> Date? {
        (value as? String).flatMap { try? Instant.parse($0, field: "date") }
    }

    /// Whether any of these text fields holds a terminal control character (tab and line feed allowed in `multiline`):
    /// such a record is refused at the door like any other malformed one, and reported.
    static func hasControl(_ o: [String: Any], _ keys: [String], multiline: [String] = []) -> Bool {
        keys.contains { key in (o[key] as? String).map { ControlCharacters.first(in: $0) != nil } ?? false }
            || multiline.contains { key in (o[key] as? String).map { ControlCharacters.first(in: $0, multiline: true) != nil } ?? false }
    }

    static func person(_ o: [String: Any]) -> PulledPerson? {
        guard !hasControl(o, ["id", "fullName", "birthdate", "phone", "email", "address", "updatedAt"]) else { return nil }
        guard let id = o["id"] as? String, let name = o["fullName"] as? String, let updated = o["updatedAt"] as? String else { return nil }
        let birth = (o["birthdate"] as? String).flatMap { try? CalendarDate.parse(String($0.prefix(10))) }
        return PulledPerson(serverId: id, updatedAt: updated, fullName: name, birthdate: birth, phone: o["phone"] as? String,
                            email: o["email"] as? String, address: o["address"] as? String)
    }

    static func consultation(_ o: [String: Any]) -> PulledConsultation? {
        guard !hasControl(o, ["id", "personId", "doctorId", "updatedAt"], multiline: ["notes"]),
              (o["attachments"] as? [String] ?? []).allSatisfy({ ControlCharacters.first(in: $0) == nil }) else { return nil }
        guard let id = o["id"] as? String, let updated = o["updatedAt"] as? String, let person = o["personId"] as? String,
              let doctor = o["doctorId"] as? String, let at = date(o["dateTimeUtc"]) else { return nil }
        return PulledConsultation(serverId: id, updatedAt: updated, personServerId: person, doctorServerId: doctor, dateTime: at,
                                  notes: o["notes"] as? String, attachments: o["attachments"] as? [String] ?? [],
                                  status: (o["status"] as? String).flatMap(ConsultationStatus.init(rawValue:)) ?? .completed)
    }

    static func intervention(_ o: [String: Any]) -> PulledIntervention? {
        guard !hasControl(o, ["id", "personId", "doctorId", "title", "location", "updatedAt"], multiline: ["description"])
        else { return nil }
        guard let id = o["id"] as? String, let updated = o["updatedAt"] as? String, let person = o["personId"] as? String,
              let doctor = o["doctorId"] as? String, let title = o["title"] as? String, let at = date(o["scheduledAtUtc"]) else { return nil }
        let given = o["rules"] as? [[String: Any]] ?? []
        let rules = given.compactMap { r -> ReminderRuleSpec? in
            guard let offset = r["offsetMinutes"] as? Int, let channel = (r["channel"] as? String).flatMap(ReminderChannel.init(rawValue:))
            else { return nil }
            return try? ReminderRuleSpec(offsetMinutes: offset, channel: channel, enabled: r["enabled"] as? Bool ?? true)
        }
        // A rule beyond a year or without its fields makes the whole intervention malformed: reported, not half-taken.
        guard rules.count == given.count else { return nil }
        let reminders = (o["reminders"] as? [[String: Any]] ?? []).compactMap { r -> PulledReminder? in
            guard let rid = r["id"] as? String, let channel = (r["type"] as? String).flatMap(ReminderChannel.init(rawValue:)),
                  let planned = date(r["plannedSendUtc"]), let status = (r["status"] as? String).flatMap(ReminderStatus.init(rawValue:))
            else { return nil }
            return PulledReminder(serverId: rid, channel: channel, plannedSendAt: planned, status: status, sentAt: date(r["sentAt"]),
                                  lastError: r["lastError"] as? String, idempotencyKey: r["idempotencyKey"] as? String ?? rid)
        }
        return PulledIntervention(serverId: id, updatedAt: updated, personServerId: person, doctorServerId: doctor, title: title,
                                  description: o["description"] as? String, scheduledAt: at,
                                  priority: (o["priority"] as? String).flatMap(InterventionPriority.init(rawValue:)) ?? .normal,
                                  status: (o["status"] as? String).flatMap(InterventionStatus.init(rawValue:)) ?? .planned,
                                  location: o["location"] as? String, rules: rules, reminders: reminders)
    }
}
