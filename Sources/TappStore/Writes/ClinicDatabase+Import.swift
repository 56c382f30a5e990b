import Foundation
import GRDB
import TappDomain

/// What an import did: how many patients came in, and each refused row with its line and reason.
public struct ImportReport: Sendable, Equatable {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public var imported: Int
    public var problems: [Problem]
}

extension ClinicDatabase {
    /// Imports patients from CSV text (English or French headers, `,` or `;`). Good rows are imported and bad
    /// ones reported with their line; with `allOrNothing`, one bad row imports nothing. Each patient gets its
    /// audit and change-queue entries like any other.
    public func importPatients(csv text: String, allOrNothing: Bool = false, allowDuplicates: Bool = false, by session: Session,
                               now: Date = Date(), progress: ((Int, Int) -> Void)? = nil) throws -> ImportReport {
        try session.require(.importPatients)
        return try importPatients(PatientCSVRows(csv: text), allOrNothing: allOrNothing, allowDuplicates: allowDuplicates,
                                  by: session, now: now, progress: progress)
    }

    /// Imports the rows of a patients CSV file already read. A row that is likely a patient already registered, or
    /// the same person as an earlier row, is refused like a bad row (its line, and the record it matches), unless
    /// `allowDuplicates`.
    public func importPatients(_ file: PatientCSVRows, allOrNothing: Bool = false, allowDuplicates: Bool = false,
                               by session: Session, now: Date = Date(),
                               progress: ((Int, Int) -> Void)? = nil) throws -> ImportReport {
        try session.require(.importPatients)
        let rows = file.rows
        let today = CalendarDate(now, in: session.zone)
        let mayWriteClinical = session.can(.writeClinical)
        let email = session.email
        let stamp = (instant: now, text: Instant.utcString(now))
        let country = try phoneCountry()
        let duplicates = allowDuplicates ? nil : try read { db in try ImportDuplicateCheck(db, country: country) }
        // A thread checks the next rows while the writer stores the ones before: each row is read as `addPatient` would
        // and given its search row, journal snapshot and duplicate traits on both cores (the writer leaves room while
        // it waits for SQLite's disk writes and between batches); then, on that thread and in the file's order, each is
        // compared with the clinic's patients and the rows before it.
        let batchSize = 1000
        let checksDuplicates = duplicates != nil
        let batches = BackgroundBatches(count: (rows.count + batchSize - 1) / batchSize) { index -> [CheckedRow] in
            let batch = Array(rows[index * batchSize..<min(rows.count, (index + 1) * batchSize)])
            let checked = Parallel.map(batch, chunks: 2, smallest: 2) { part in
                part.map { row in
                    CheckedRow(row, today: today, country: country, stamp: stamp, email: email, mayWriteClinical: mayWriteClinical,
                               likeness: checksDuplicates)
                }
            }
            guard let duplicates else { return checked }
            return checked.map { row in
                guard case .patient(let item) = row, let likeness = item.likeness,
                      let match = duplicates.check(likeness, line: item.line, first: item.patient.firstName,
                                                   last: item.patient.lastName) else { return row }
                return .problem(.init(line: item.line, message: "likely the same person as \(match.name): "
                    + match.score.reasons.joined(separator: ", ") + " (import it anyway with --allow-duplicates)"))
            }
        }
        defer { batches.stop() }
        var problems: [ImportReport.Problem] = []
        var imported = 0
        do {
            // Foreign keys off: the new patients refer to nobody (`mergedInto` is NULL) and nobody refers to them yet.
            try bulkWrite(foreignKeys: false) { db in
                var inserts = try PatientInserts(db, by: session)
                var done = 0
                while let batch = batches.next() {
                    let at = Instant.storageString(Date())
                    for item in batch {
                        switch item {
                        case .patient(let item) where problems.isEmpty || !allOrNothing:
                            try inserts.insert(item.patient, sortKey: item.sortKey, search: item.search, snapshot: item.snapshot, at: at)
                            imported += 1
                        case .patient: break
                        case .problem(let problem): problems.append(problem)
                        }
                    }
                    done += batch.count
                    batches.done(consume batch)
                    progress?(done, rows.count)
                }
                try inserts.finish()
                // With --all-or-nothing, one bad row takes back every row written.
                if allOrNothing, !problems.isEmpty { throw ImportTakenBack() }
            }
        } catch is ImportTakenBack {
            imported = 0
        }
        problems.sort { $0.line < $1.line }
        return ImportReport(imported: imported, problems: problems)
    }
}

/// Rolls back an all-or-nothing import that met a bad row.
private struct ImportTakenBack: Error {}

/// A CSV row once checked: a patient ready to insert, or why not.
enum CheckedRow: Sendable {
    case patient(ImportedPatient)
    case problem(ImportReport.Problem)

    /// Checks a row as `addPatient` would, and works out what its insert needs; with `likeness`, also what the
    /// duplicate check compares.
    init(_ row: ReadRow, today: CalendarDate, country: PhoneCountry, stamp: (instant: Date, text: String), email: String,
         mayWriteClinical: Bool, likeness: Bool = false) {
        do {
            let fields = try row.content.get().validated(today: today, country: country)
            if !mayWriteClinical, !fields.clinicalFields.isEmpty {
                throw ValidationFailure([FieldError(fields.clinicalFields.joined(separator: ", "),
                                                    "only a DOCTOR or ADMIN may import clinical data")])
            }
            let patient = Patient(fields: fields, now: stamp.instant, by: email)
            // The names as the duplicate check and the sound-alike index both read them, worked out once.
            let first = PersonName(patient.firstName), last = PersonName(patient.lastName)
            let traits = likeness ? PatientTraits(patient, first: first, last: last, country: country) : nil
            self = .patient(ImportedPatient(patient: patient, line: row.line, sortKey: row.sortKey,
                                            search: PatientSearchRow(patient, sortKey: row.sortKey,
                                                                     sounds: PatientSearchText.sounds(first: first, last: last)),
                                            snapshot: PatientSnapshot.json(patient, known: stamp),
                                            likeness: traits.map { ImportDuplicateCheck.Likeness($0) }))
        } catch let error as FieldError {
            self = .problem(.init(line: row.line, message: error.description))
        } catch let error as ValidationFailure {
            self = .problem(.init(line: row.line, message: error.description))
        } catch {
            self = .problem(.init(line: row.line, message: "\(error)"))
        }
    }
}

/// A patient of an import with everything its insert needs worked out on both cores: the sort key, the search row
/// and the journal snapshot; and, unless duplicates are allowed, what the duplicate check compares.
struct ImportedPatient: Sendable {
    let patient: Patient
    let line: Int
    let sortKey: String
    let search: PatientSearchRow
    let snapshot: String
    let likeness: ImportDuplicateCheck.Likeness?
}
