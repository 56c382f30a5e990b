import Foundation
import GRDB
import TappDomain

// The domain's records are stored one table each. The store adds only how they map to rows.

extension Role: DatabaseValueConvertible {}
extension ConsultationStatus: DatabaseValueConvertible {}
extension InterventionPriority: DatabaseValueConvertible {}
extension InterventionStatus: DatabaseValueConvertible {}
extension ReminderChannel: DatabaseValueConvertible {}
extension ReminderStatus: DatabaseValueConvertible {}
extension NotificationStatus: DatabaseValueConvertible {}
extension AuditAction: DatabaseValueConvertible {}
extension ChangeOperation: DatabaseValueConvertible {}
extension EntityKind: DatabaseValueConvertible {}
extension BloodType: DatabaseValueConvertible {}

extension CalendarDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CalendarDate? {
        guard let text = String.fromDatabaseValue(dbValue) else { return nil }
        return CalendarDate.stored(text) ?? (try? CalendarDate.parse(text))
    }
}

extension Organization: FetchableRecord, PersistableRecord {}
extension User: FetchableRecord, PersistableRecord {}
extension Doctor: FetchableRecord, PersistableRecord {}
extension PatientOrganization: FetchableRecord, PersistableRecord {}
extension Consultation: FetchableRecord, PersistableRecord {}
extension Intervention: FetchableRecord, PersistableRecord {}
extension ReminderRule: FetchableRecord, PersistableRecord {}
extension Reminder: FetchableRecord, PersistableRecord {}
extension NotificationLog: FetchableRecord, PersistableRecord {}

extension Patient: FetchableRecord, PersistableRecord {
    /// Read column by column: lists and type-ahead decode many patients, and Codable's decoding costs more.
    /// A date of birth that is not a date (written by another program: SQLite's `date()` lets `1985-13-01` through
    /// the CHECK) reads as none, rather than stopping every list that holds the patient.
    public init(row: Row) throws {
        self.init(id: row["id"], serverId: row["serverId"], firstName: row["firstName"], lastName: row["lastName"],
                  dateOfBirth: CalendarDate.fromDatabaseValue(row["dateOfBirth"]), phone: row["phone"], email: row["email"], address: row["address"],
                  bloodType: row["bloodType"], medicalNotes: row["medicalNotes"],
                  notificationChannels: Patient.channels(row["notificationChannels"]),
                  emergencyContactName: row["emergencyContactName"], emergencyContactPhone: row["emergencyContactPhone"],
                  version: row["version"], createdAt: row["createdAt"], updatedAt: row["updatedAt"], updatedBy: row["updatedBy"])
    }

    /// The stored columns from `id` to `sortKey`, in table order.
    static func storedValues(_ p: Patient) -> [(any DatabaseValueConvertible)?] {
        [p.id, p.serverId, p.firstName, p.lastName, p.dateOfBirth, p.phone, p.email, p.address, p.bloodType, p.medicalNotes,
         storedChannels(p.notificationChannels), p.emergencyContactName, p.emergencyContactPhone,
         PatientSearchText.sortKey(first: p.firstName, last: p.lastName)]
    }

    static func storedChannels(_ channels: [ReminderChannel]) -> String {
        "[" + channels.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"
    }

    /// `["SMS","EMAIL"]` as stored.
    static func channels(_ stored: String?) -> [ReminderChannel] {
        guard let stored else { return [] }
        return stored.split(whereSeparator: { $0 == "[" || $0 == "]" || $0 == "," || $0 == "\"" || $0 == " " })
            .compactMap { ReminderChannel(rawValue: String($0)) }
    }

    /// The stored row also holds the accent-free sort key the lists are ordered by.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["serverId"] = serverId
        container["firstName"] = firstName
        container["lastName"] = lastName
        container["dateOfBirth"] = dateOfBirth
        container["phone"] = phone
        container["email"] = email
        container["address"] = address
        container["bloodType"] = bloodType
        container["medicalNotes"] = medicalNotes
        container["notificationChannels"] = Patient.storedChannels(notificationChannels)
        container["emergencyContactName"] = emergencyContactName
        container["emergencyContactPhone"] = emergencyContactPhone
        container["sortKey"] = PatientSearchText.sortKey(first: firstName, last: lastName)
        container["version"] = version
        container["createdAt"] = createdAt
        container["updatedAt"] = updatedAt
        container["updatedBy"] = updatedBy
    }
}

/// One line of the append-only audit log.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "auditLog"
    public var id: Int64?
    public var at: Date
    public var userId: String?
    public var userEmail: String?
    public var action: AuditAction
    public var entityType: String
    public var entityId: String?
    /// JSON: the record for CREATE and DELETE, `{field: [before, after]}` for UPDATE.
    public var diff: String?
    public var success: Bool
    public var terminal: String?
    public var sshClient: String?
}

/// One change waiting to be sent to the TappPlus server, in the order it was made.
public struct QueuedChange: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "changeQueue"
    public var seq: Int64?
    public var entityKind: EntityKind
    public var entityId: String
    public var operation: ChangeOperation
    /// JSON snapshot of the record after the change (before it, for a delete).
    public var payload: String
    public var createdAt: Date
    public var userEmail: String?
    public var state: QueueState
    public var attempts: Int
    public var lastError: String?
}
