/// The closed sets of values the clinic's record uses. Raw values are the server's spelling.

public enum Role: String, Codable, Sendable, CaseIterable {
    case admin = "ADMIN"
    case doctor = "DOCTOR"
    case nurse = "NURSE"
    case receptionist = "RECEPTIONIST"
}

public enum ConsultationStatus: String, Codable, Sendable, CaseIterable {
    case scheduled = "SCHEDULED"
    case completed = "COMPLETED"
    case cancelled = "CANCELLED"
}

public enum InterventionPriority: String, Codable, Sendable, CaseIterable {
    case normal = "NORMAL"
    case urgent = "URGENT"
}

/// Spelled with one L, as on the server.
public enum InterventionStatus: String, Codable, Sendable, CaseIterable {
    case planned = "PLANNED"
    case inProgress = "IN_PROGRESS"
    case done = "DONE"
    case canceled = "CANCELED"

    /// A finished intervention no longer sends reminders.
    public var isClosed: Bool { self == .done || self == .canceled }
}

public enum ReminderChannel: String, Codable, Sendable, CaseIterable {
    case sms = "SMS"
    case email = "EMAIL"
    case push = "PUSH"
}

/// Spelled with two L for CANCELLED, as on the server.
public enum ReminderStatus: String, Codable, Sendable, CaseIterable {
    case pending = "PENDING"
    case sent = "SENT"
    case failed = "FAILED"
    case cancelled = "CANCELLED"
    case confirmed = "CONFIRMED"

    /// The status as a French sentence names it.
    public var french: String {
        switch self {
        case .pending: "EN ATTENTE"
        case .sent: "ENVOYÉ"
        case .failed: "ÉCHOUÉ"
        case .cancelled: "ANNULÉ"
        case .confirmed: "CONFIRMÉ"
        }
    }
}

public enum NotificationStatus: String, Codable, Sendable, CaseIterable {
    case sent = "SENT"
    case failed = "FAILED"
    case delivered = "DELIVERED"
    case read = "READ"
}

public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case create = "CREATE"
    case update = "UPDATE"
    case delete = "DELETE"
    case view = "VIEW"
    case login = "LOGIN"
}

/// What a queued change does to its record.
public enum ChangeOperation: String, Codable, Sendable, CaseIterable {
    case create = "CREATE"
    case update = "UPDATE"
    case delete = "DELETE"
}

/// The kinds of record the change queue and the audit log name.
public enum EntityKind: String, Codable, Sendable, CaseIterable {
    case organization, user, doctor, patient, patientOrganization, consultation, intervention, reminderRule, reminder
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// Parses a raw value case-insensitively; the error names the field and the allowed values.
    public static func parse(_ text: String, field: String) throws(FieldError) -> Self {
        let wanted = text.trimmingCharacters(in: .whitespaces).uppercased()
        if let match = allCases.first(where: { $0.rawValue.uppercased() == wanted }) { return match }
        let allowed = allCases.map(\.rawValue).joined(separator: ", ")
        throw FieldError(field, .oneOf, allowed, Echo.of(text))
    }
}
