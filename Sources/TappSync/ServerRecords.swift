import Foundation
import TappAPI
import TappDomain
import TappStore

/// The server's records, read through the contract's types, in the clinic's terms. A record holding a terminal
/// control character in a text (tab and line feed allowed in long texts), or a rule beyond a year, is nil: refused
/// at the door like any other malformed one, and reported.
enum ServerRecords {
    static func clean(_ texts: [String?], multiline: [String?] = []) -> Bool {
        texts.allSatisfy { $0.map { ControlCharacters.first(in: $0) == nil } ?? true }
            && multiline.allSatisfy { $0.map { ControlCharacters.first(in: $0, multiline: true) == nil } ?? true }
    }

    static func person(_ p: Person) -> PulledPerson? {
        guard clean([p.id, p.fullName, p.birthdate?.text, p.phone, p.email, p.address, p.updatedAt.text]) else { return nil }
        let birth = p.birthdate.flatMap { try? CalendarDate.parse(String($0.canonical.text.prefix(10))) }
        return PulledPerson(serverId: p.id, updatedAt: p.updatedAt.text, fullName: p.fullName, birthdate: birth, phone: p.phone,
                            email: p.email, address: p.address)
    }

    static func consultation(_ c: TappAPI.Consultation) -> PulledConsultation? {
        guard clean([c.id, c.personId, c.doctorId, c.updatedAt.text] + c.attachmentList, multiline: [c.notes]) else { return nil }
        return PulledConsultation(serverId: c.id, updatedAt: c.updatedAt.text, personServerId: c.personId, doctorServerId: c.doctorId,
                                  dateTime: c.dateTimeUtc.date, notes: c.notes, attachments: c.attachmentList, status: c.status)
    }

    static func intervention(_ i: TappAPI.Intervention) -> PulledIntervention? {
        guard clean([i.id, i.personId, i.doctorId, i.title, i.location, i.updatedAt.text], multiline: [i.description]) else { return nil }
        var rules: [ReminderRuleSpec] = []
        for rule in i.rules ?? [] {
            // A rule beyond a year makes the whole intervention malformed: reported, not half-taken.
            guard let spec = try? ReminderRuleSpec(offsetMinutes: rule.offsetMinutes, channel: rule.channel, enabled: rule.enabled) else { return nil }
            rules.append(spec)
        }
        let reminders = (i.reminders ?? []).map { r in
            PulledReminder(serverId: r.id, channel: r.type, plannedSendAt: r.plannedSendUtc.date, status: r.status, sentAt: r.sentAt?.date,
                           lastError: r.lastError, idempotencyKey: r.idempotencyKey)
        }
        return PulledIntervention(serverId: i.id, updatedAt: i.updatedAt.text, personServerId: i.personId, doctorServerId: i.doctorId,
                                  title: i.title, description: i.description, scheduledAt: i.scheduledAtUtc.date, priority: i.priority,
                                  status: i.status, location: i.location, rules: rules, reminders: reminders)
    }
}
