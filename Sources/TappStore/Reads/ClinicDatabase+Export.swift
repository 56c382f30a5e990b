import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// Walks every patient, alphabetically, from one consistent snapshot without loading them all.
    public func forEachPatient(by session: Session, _ body: (Patient) throws -> Void) throws {
        try session.require(.exportData)
        try read { db in
            let cursor = try Patient.fetchCursor(db, sql: "SELECT * FROM patient ORDER BY sortKey, id")
            while let patient = try cursor.next() { try body(patient) }
        }
    }

    /// Every table of the record (users without their password hashes), for `tapp export all`.
    /// Each table is handed over as a list of rows, from one consistent snapshot.
    public func forEachTable(by session: Session, _ body: (String, [String], RowCursor) throws -> Void) throws {
        try session.require(.exportData)
        let tables: [(String, String)] = [
            ("organizations", "SELECT id, serverId, name, address, phone, email, timezone, createdAt, updatedAt FROM organization"),
            ("users", "SELECT id, serverId, email, firstName, lastName, phone, role, timezone, isActive, organizationId, createdAt, updatedAt FROM user"),
            ("doctors", "SELECT id, serverId, userId, speciality, license, createdAt, updatedAt FROM doctor"),
            ("patients", "SELECT id, serverId, firstName, lastName, dateOfBirth, phone, email, address, bloodType, medicalNotes, notificationChannels, emergencyContactName, emergencyContactPhone, createdAt, updatedAt FROM patient ORDER BY sortKey"),
            ("patientOrganizations", "SELECT * FROM patientOrganization"),
            ("consultations", "SELECT id, serverId, patientId, doctorId, dateTime, reason, diagnosis, treatment, notes, attachments, status, createdAt, updatedAt FROM consultation ORDER BY dateTime"),
            ("interventions", "SELECT id, serverId, patientId, doctorId, organizationId, title, description, scheduledAt, priority, status, location, createdAt, updatedAt FROM intervention ORDER BY scheduledAt"),
            ("reminderRules", "SELECT * FROM reminderRule"),
            ("reminders", "SELECT id, serverId, interventionId, channel, plannedSendAt, message, recipient, status, lastError, idempotencyKey, sentAt, attempts, createdAt, updatedAt FROM reminder ORDER BY plannedSendAt"),
            ("notificationLogs", "SELECT * FROM notificationLog ORDER BY createdAt"),
        ]
        try read { db in
            for (name, sql) in tables {
                let statement = try db.makeStatement(sql: sql)
                try body(name, statement.columnNames, try Row.fetchCursor(statement))
            }
        }
    }
}
