import GRDB
import TappDomain

/// Keeps the `patientSearch` full-text row of a patient in step with the patient, in the same transaction.
enum PatientSearchIndex {
    static func insert(_ db: Database, rowid: Int64, firstName: String, lastName: String, phones: [String?], email: String?) throws {
        try db.execute(
            sql: "INSERT INTO patientSearch(rowid, names, phone, email) VALUES (?, ?, ?, ?)",
            arguments: [rowid, PatientSearchText.names(first: firstName, last: lastName),
                        PatientSearchText.phone(phones), email ?? ""])
    }

    static func insert(_ db: Database, patient: Patient, rowid: Int64) throws {
        try insert(db, rowid: rowid, firstName: patient.firstName, lastName: patient.lastName,
                   phones: [patient.phone], email: patient.email)
    }

    static func replace(_ db: Database, patient: Patient) throws {
        let rowid = try rowid(db, patientId: patient.id)
        try db.execute(sql: "DELETE FROM patientSearch WHERE rowid = ?", arguments: [rowid])
        try insert(db, patient: patient, rowid: rowid)
    }

    static func remove(_ db: Database, patientId: String) throws {
        let rowid = try rowid(db, patientId: patientId)
        try db.execute(sql: "DELETE FROM patientSearch WHERE rowid = ?", arguments: [rowid])
    }

    static func rowid(_ db: Database, patientId: String) throws -> Int64 {
        guard let rowid = try Int64.fetchOne(db, sql: "SELECT rowid FROM patient WHERE id = ?", arguments: [patientId]) else {
            throw ClinicError.notFound(.patient, patientId)
        }
        return rowid
    }
}
