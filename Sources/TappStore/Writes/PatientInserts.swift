import Foundation
import GRDB
import TappDomain

/// Registers patients, each with its search row and journal entries, inside one write transaction: the statements
/// are prepared once, and patients, audit and queue entries go in 64 at a time (one statement run per table for 64
/// patients: an import goes about 10 % faster than with one per row); search rows go one per statement, as FTS5
/// wants them (see `BatchedInsert`). `finish()` writes the rows still held; call it before the transaction ends.
///
/// Search keys are handed out as `PatientSearchIndex.allocateKey` does, but SQLite is asked for the highest key of
/// an alphabetical position only the first time a patient lands there; the keys given since, held rows included,
/// are remembered. So one `PatientInserts` must be the only writer of patients in its transaction.
struct PatientInserts {
    static let patientSQL = """
        INSERT INTO patient (id, serverId, firstName, lastName, dateOfBirth, phone, email, address, bloodType, medicalNotes,
          notificationChannels, emergencyContactName, emergencyContactPhone, sortKey, searchKey, version, createdAt, updatedAt, updatedBy)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
        """

    private let db: Database
    private let session: Session
    private let queued: Bool
    private let patients: BatchedInsert
    private let searchRows: BatchedInsert
    private let soundRows: BatchedInsert
    private let audits: BatchedInsert
    private let changes: BatchedInsert
    /// The rows held, each table's values one row after the other.
    private var heldPatients: [BulkInsert.Value] = []
    private var heldSearchRows: [BulkInsert.Value] = []
    private var heldSoundRows: [BulkInsert.Value] = []
    private var heldAudits: [BulkInsert.Value] = []
    private var heldChanges: [BulkInsert.Value] = []
    private var heldCount = 0
    /// The highest search key of each alphabetical position touched (`key / orderKeySpread`).
    private var highestKeys: [Int64: Int64] = [:]
    /// The last instant written out and its text: the patients of one import share their creation time.
    private var lastInstant: (date: Date, text: String)?

    /// `queued: false` for patients that came from the server (audited, but nothing to send back).
    init(_ db: Database, by session: Session, queued: Bool = true) throws {
        self.db = db
        self.session = session
        self.queued = queued
        patients = try BatchedInsert(db, sql: Self.patientSQL)
        searchRows = try BatchedInsert(db, sql: PatientSearchIndex.insertSQL, rowsPerStatement: 1)
        soundRows = try BatchedInsert(db, sql: PatientSearchIndex.soundsSQL, rowsPerStatement: 1)
        // One audit entry per statement: the audit log's index of failed sign-ins is on `lower(userEmail)` ("v8"), and
        // a function in an index makes SQLite keep a statement journal for a statement of several rows (see
        // `BatchedInsert`), and have the full-text tables write out their pending terms before each one.
        audits = try BatchedInsert(db, sql: Journal.auditSQL, rowsPerStatement: 1)
        changes = try BatchedInsert(db, sql: Journal.queueSQL)
    }

    /// Registers a patient with its search row and its audit and change-queue entries, stamped `at` (a stored instant).
    mutating func insert(_ patient: Patient, sortKey: String, search: PatientSearchRow, snapshot: String, at: String) throws {
        let key = try searchKey(search.base)
        heldSearchRows.append(contentsOf: search.values(key: key))
        heldSoundRows.append(contentsOf: search.soundValues(key: key))
        heldPatients.append(contentsOf: [.text(patient.id), .text(patient.serverId), .text(patient.firstName), .text(patient.lastName),
                             .text(patient.dateOfBirth?.description), .text(patient.phone), .text(patient.email),
                             .text(patient.address), .text(patient.bloodType?.rawValue), .text(patient.medicalNotes),
                             .text(Patient.storedChannels(patient.notificationChannels)), .text(patient.emergencyContactName),
                             .text(patient.emergencyContactPhone), .text(sortKey), .int(key), .int(patient.version),
                             .text(stored(patient.createdAt)), .text(stored(patient.updatedAt)), .text(patient.updatedBy)])
        heldAudits.append(contentsOf: Journal.auditRow(at: at, .create, entityType: EntityKind.patient.rawValue, patient.id, diff: snapshot,
                                           success: true, userId: session.userId, email: session.email,
                                           terminal: session.terminal, sshClient: session.sshClient))
        if queued { heldChanges.append(contentsOf: Journal.queueRow(at: at, .patient, patient.id, .create, payload: snapshot, by: session)) }
        heldCount += 1
        if heldCount >= patients.rowsPerStatement { try writeHeld() }
    }

    /// Writes the rows still held.
    mutating func finish() throws {
        try writeHeld()
    }

    private mutating func writeHeld() throws {
        try searchRows.insert(flat: heldSearchRows[...])
        try soundRows.insert(flat: heldSoundRows[...])
        try patients.insert(flat: heldPatients[...])
        try audits.insert(flat: heldAudits[...])
        try changes.insert(flat: heldChanges[...])
        heldCount = 0
        heldSearchRows.removeAll(keepingCapacity: true)
        heldSoundRows.removeAll(keepingCapacity: true)
        heldPatients.removeAll(keepingCapacity: true)
        heldAudits.removeAll(keepingCapacity: true)
        heldChanges.removeAll(keepingCapacity: true)
    }

    private mutating func stored(_ date: Date) -> String {
        if let last = lastInstant, last.date == date { return last.text }
        let text = Instant.storageString(date)
        lastInstant = (date, text)
        return text
    }

    /// The next free search key at or after `base`, as `PatientSearchIndex.allocateKey` gives it, counting the keys
    /// given here to rows not written yet.
    private mutating func searchKey(_ base: Int64) throws -> Int64 {
        let spread = PatientSearchText.orderKeySpread
        let highestThere = try highestKeys[base / spread] ?? PatientSearchIndex.highestKey(db, at: base)
        // A full position sends the patient after every other one, held ones included.
        let key = try PatientSearchIndex.nextKey(base: base, highestThere: highestThere) {
            max(try PatientSearchIndex.highestKey(db) ?? base, highestKeys.values.max() ?? base)
        }
        highestKeys[key / spread] = max(highestKeys[key / spread] ?? key, key)
        return key
    }
}
