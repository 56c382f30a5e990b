import GRDB
import TappDomain

/// Keeps the `patientSearch` full-text row of a patient in step with the patient, in the same transaction.
///
/// The row's id is the patient's `searchKey`, allocated so that row-id order is alphabetical order
/// (`PatientSearchText.orderKey`): a search reads its matches already sorted and stops at the page's end.
enum PatientSearchIndex {
    /// The search row of one patient, under its search key.
    static let insertSQL = "INSERT INTO patientSearch(rowid, names, phone, email, phoneDigits) VALUES (?, ?, ?, ?, ?)"

    /// How the patient's names sound, in a full-text table of its own under the same key: kept out of `patientSearch`,
    /// so that the exact search reads no more than it did.
    static let soundsSQL = "INSERT INTO patientSounds(rowid, sounds) VALUES (?, ?)"

    /// Indexes a patient and records its search key on the patient row.
    static func insert(_ db: Database, patientId: String, firstName: String, lastName: String, phone: String?, email: String?) throws {
        let row = PatientSearchRow(firstName: firstName, lastName: lastName, phone: phone, email: email,
                                   sortKey: PatientSearchText.sortKey(first: firstName, last: lastName))
        let key = try allocateKey(db, base: row.base)
        try BulkInsert(db, sql: insertSQL).insert(row.values(key: key))
        try BulkInsert(db, sql: soundsSQL).insert(row.soundValues(key: key))
        try db.cachedStatement(sql: "UPDATE patient SET searchKey = ? WHERE id = ?").execute(arguments: [key, patientId])
    }

    /// Writes the whole index again from the patients, in row-id order: FTS5 builds its segments in one pass
    /// when row ids only grow (a smaller one makes it write out what it holds), so this is how a bulk write
    /// (the demo clinic, an upgrade) fills it.
    static func rebuildAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM patientSearch")
        let insert = try BulkInsert(db, sql: insertSQL)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT searchKey, sortKey, firstName, lastName, phone, email FROM patient WHERE searchKey IS NOT NULL ORDER BY searchKey
            """)
        while let row = try rows.next() {
            let search = PatientSearchRow(firstName: row[2], lastName: row[3], phone: row[4], email: row[5], sortKey: row[1])
            try insert.insert(search.values(key: row[0]))
        }
    }

    /// Writes the sounds table again from the patients, in row-id order ("v11 sound-alike search").
    static func rebuildSounds(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM patientSounds")
        let insert = try BulkInsert(db, sql: soundsSQL)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT searchKey, firstName, lastName FROM patient WHERE searchKey IS NOT NULL ORDER BY searchKey
            """)
        while let row = try rows.next() {
            let key: Int64 = row[0], first: String = row[1], last: String = row[2]
            try insert.insert([.int(key), .text(PatientSearchText.sounds(first: first, last: last))])
        }
    }

    static func insert(_ db: Database, patient: Patient) throws {
        try insert(db, patientId: patient.id, firstName: patient.firstName, lastName: patient.lastName,
                   phone: patient.phone, email: patient.email)
    }

    static func replace(_ db: Database, patient: Patient) throws {
        try remove(db, patientId: patient.id)
        try insert(db, patient: patient)
    }

    static func remove(_ db: Database, patientId: String) throws {
        guard let key = try Int64.fetchOne(db.cachedStatement(sql: "SELECT searchKey FROM patient WHERE id = ?"),
                                           arguments: [patientId]) else { return }
        try db.execute(sql: "DELETE FROM patientSearch WHERE rowid = ?", arguments: [key])
        try db.execute(sql: "DELETE FROM patientSounds WHERE rowid = ?", arguments: [key])
        try db.execute(sql: "UPDATE patient SET searchKey = NULL WHERE id = ?", arguments: [patientId])
    }

    /// The next free row id at or after the alphabetical position of the sort key.
    static func allocateKey(_ db: Database, sortKey: String) throws -> Int64 {
        try allocateKey(db, base: PatientSearchText.orderKey(sortKey))
    }

    static func allocateKey(_ db: Database, base: Int64) throws -> Int64 {
        try nextKey(base: base, highestThere: highestKey(db, at: base)) { try highestKey(db) }
    }

    /// The rule behind every search key: `base` when its position is empty, else one after the highest key there;
    /// when more than 16,384 patients share these ten letters, one after every other patient (found, but listed
    /// out of alphabetical order).
    static func nextKey(base: Int64, highestThere: Int64?, highestOfAll: () throws -> Int64?) rethrows -> Int64 {
        guard let highestThere else { return base }
        if highestThere < base + PatientSearchText.orderKeySpread - 1 { return highestThere + 1 }
        return (try highestOfAll() ?? base) + 1
    }

    /// The highest search key written at the position `base`. Asked of the patient table, not of the full-text
    /// index: reading the index would make FTS5 write out its pending rows at every patient of a bulk import.
    static func highestKey(_ db: Database, at base: Int64) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(searchKey) FROM patient WHERE searchKey BETWEEN ? AND ?"),
                           arguments: [base, base + PatientSearchText.orderKeySpread - 1])
    }

    /// The highest search key written.
    static func highestKey(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(searchKey) FROM patient"))
    }
}

/// A patient's full-text row and alphabetical position, worked out before the write transaction (a bulk import
/// makes them on both cores, leaving the writer only SQLite's work).
struct PatientSearchRow: Sendable {
    let base: Int64
    let names: String
    let phone: String
    let email: String
    let phoneDigits: String
    /// How the names sound (`PatientSearchText.sounds`), for the forgiving search.
    let sounds: String

    init(names: String, phone: String?, email: String?, sortKey: String, sounds: String) {
        base = PatientSearchText.orderKey(sortKey)
        self.names = names
        self.sounds = sounds
        (self.phone, phoneDigits) = PatientSearchText.phoneColumns([phone])
        self.email = PatientSearchText.emailWords(email)
    }

    init(firstName: String, lastName: String, phone: String?, email: String?, sortKey: String) {
        self.init(names: PatientSearchText.names(first: firstName, last: lastName), phone: phone, email: email, sortKey: sortKey,
                  sounds: PatientSearchText.sounds(first: firstName, last: lastName))
    }

    init(_ patient: Patient, sortKey: String) {
        self.init(firstName: patient.firstName, lastName: patient.lastName, phone: patient.phone, email: patient.email,
                  sortKey: sortKey)
    }

    /// With the sounds already worked out (an import has the names' sound keys from the duplicate check's reading).
    init(_ patient: Patient, sortKey: String, sounds: String) {
        self.init(names: PatientSearchText.names(first: patient.firstName, last: patient.lastName), phone: patient.phone,
                  email: patient.email, sortKey: sortKey, sounds: sounds)
    }

    /// The row under its search key, in the order of `PatientSearchIndex.insertSQL`.
    func values(key: Int64) -> [BulkInsert.Value] {
        [.int(key), .text(names), .text(phone), .text(email), .text(phoneDigits)]
    }

    /// The sounds row under its search key, in the order of `PatientSearchIndex.soundsSQL`.
    func soundValues(key: Int64) -> [BulkInsert.Value] {
        [.int(key), .text(sounds)]
    }
}
