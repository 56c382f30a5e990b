import Foundation
import TappDomain
import TappStore

// What `--json` prints: camelCase fields as in the seed, instants as ISO 8601 with the clinic's offset.
// These are output shapes, kept apart from the stored records.

struct PatientJSON: Encodable {
    let id: String, serverId: String?, firstName: String, lastName: String, dateOfBirth: String?
    let phone: String?, email: String?, address: String?, bloodType: String?, medicalNotes: String?
    let notificationChannels: [String], emergencyContactName: String?, emergencyContactPhone: String?
    let version: Int, createdAt: String, updatedAt: String, updatedBy: String?

    init(_ p: Patient, zone: TimeZone) {
        id = p.id; serverId = p.serverId; firstName = p.firstName; lastName = p.lastName
        dateOfBirth = p.dateOfBirth?.description; phone = p.phone; email = p.email; address = p.address
        bloodType = p.bloodType?.rawValue; medicalNotes = p.medicalNotes
        notificationChannels = p.notificationChannels.map(\.rawValue)
        emergencyContactName = p.emergencyContactName; emergencyContactPhone = p.emergencyContactPhone
        version = p.version; createdAt = Instant.zonedString(p.createdAt, zone: zone)
        updatedAt = Instant.zonedString(p.updatedAt, zone: zone); updatedBy = p.updatedBy
    }
}

struct ConsultationJSON: Encodable {
    let id: String, serverId: String?, patientId: String, doctorId: String, dateTime: String
    let reason: String?, diagnosis: String?, treatment: String?, notes: String?, attachments: [String]
    let status: String, version: Int, updatedAt: String, updatedBy: String?

    init(_ c: Consultation, zone: TimeZone) {
        id = c.id; serverId = c.serverId; patientId = c.patientId; doctorId = c.doctorId
        dateTime = Instant.zonedString(c.dateTime, zone: zone)
        reason = c.reason; diagnosis = c.diagnosis; treatment = c.treatment; notes = c.notes; attachments = c.attachments
        status = c.status.rawValue; version = c.version; updatedAt = Instant.zonedString(c.updatedAt, zone: zone); updatedBy = c.updatedBy
    }
}

struct RuleJSON: Encodable {
    let offsetMinutes: Int, channel: String, enabled: Bool
    init(_ r: ReminderRuleSpec) { offsetMinutes = r.offsetMinutes; channel = r.channel.rawValue; enabled = r.enabled }
}

struct ReminderJSON: Encodable {
    let id: String, serverId: String?, interventionId: String, channel: String, plannedSendAt: String
    let message: String?, recipient: String?, status: String, lastError: String?, idempotencyKey: String
    let sentAt: String?, attempts: Int

    init(_ r: Reminder, zone: TimeZone) {
        id = r.id; serverId = r.serverId; interventionId = r.interventionId; channel = r.channel.rawValue
        plannedSendAt = Instant.zonedString(r.plannedSendAt, zone: zone); message = r.message; recipient = r.recipient
        status = r.status.rawValue; lastError = r.lastError; idempotencyKey = r.idempotencyKey
        sentAt = r.sentAt.map { Instant.zonedString($0, zone: zone) }; attempts = r.attempts
    }
}

struct InterventionJSON: Encodable {
    let id: String, serverId: String?, patientId: String, doctorId: String, organizationId: String, title: String
    let description: String?, scheduledAt: String, priority: String, status: String, location: String?
    let version: Int, updatedAt: String, updatedBy: String?
    /// True when the time has passed and it was never synced: the server will refuse it.
    let serverWillRefuse: Bool
    let rules: [RuleJSON]?
    let reminders: [ReminderJSON]?

    init(_ i: Intervention, zone: TimeZone, rules: [ReminderRule]? = nil, reminders: [Reminder]? = nil, now: Date = Date()) {
        id = i.id; serverId = i.serverId; patientId = i.patientId; doctorId = i.doctorId; organizationId = i.organizationId
        title = i.title; description = i.description; scheduledAt = Instant.zonedString(i.scheduledAt, zone: zone)
        priority = i.priority.rawValue; status = i.status.rawValue; location = i.location; version = i.version
        updatedAt = Instant.zonedString(i.updatedAt, zone: zone); updatedBy = i.updatedBy
        serverWillRefuse = i.serverWillRefuse(now: now)
        self.rules = rules?.map { RuleJSON($0.spec) }
        self.reminders = reminders?.map { ReminderJSON($0, zone: zone) }
    }
}

struct PatientRecordJSON: Encodable {
    let patient: PatientJSON
    let organizations: [String]
    let consultations: [ConsultationJSON]
    let interventions: [InterventionJSON]

    init(_ r: PatientRecord, zone: TimeZone) {
        patient = PatientJSON(r.patient, zone: zone)
        organizations = r.organizations.filter(\.isActive).map(\.organizationId)
        consultations = r.consultations.map { ConsultationJSON($0, zone: zone) }
        interventions = r.interventions.map { InterventionJSON($0.intervention, zone: zone, rules: $0.rules, reminders: $0.reminders) }
    }
}

struct UserJSON: Encodable {
    let id: String, email: String, firstName: String, lastName: String, phone: String?, role: String
    let timezone: String, isActive: Bool, organizationId: String, osUser: String?, locked: Bool

    init(_ u: User, now: Date = Date()) {
        id = u.id; email = u.email; firstName = u.firstName; lastName = u.lastName; phone = u.phone; role = u.role.rawValue
        timezone = u.timezone; isActive = u.isActive; organizationId = u.organizationId; osUser = u.osUser
        locked = (u.lockedUntil ?? .distantPast) > now
    }
}

struct AuditJSON: Encodable {
    let id: Int64?, at: String, userEmail: String?, action: String, entityType: String, entityId: String?
    let diff: String?, success: Bool, terminal: String?, sshClient: String?

    init(_ a: AuditEntry) {
        id = a.id; at = Instant.utcString(a.at); userEmail = a.userEmail; action = a.action.rawValue
        entityType = a.entityType; entityId = a.entityId; diff = a.diff; success = a.success
        terminal = a.terminal; sshClient = a.sshClient
    }
}

enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
