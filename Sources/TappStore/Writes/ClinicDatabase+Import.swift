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

/// The rows of a patients CSV file, read into fields and put in alphabetical order: the part of an import that needs
/// no one signed in, so that the command line does it while the sign-in's bcrypt runs.
public struct PatientCSVRows: Sendable {
    let rows: [ReadRow]

    /// Reads CSV text (English or French headers, `,` or `;`). A bad header refuses the file; a bad row is kept, to be
    /// reported with its line.
    public init(csv text: String) throws {
        let table: CSVTable
        let columns: [PatientCSV.Column]
        do {
            table = try CSVTable(text: text)
            columns = try PatientCSV.columns(table.header)
        } catch {
            throw ClinicError.invalid(ValidationFailure([error]))
        }
        // Each row read into its fields with the key it will be listed under, and each half put in alphabetical
        // order, on both cores; then the halves merged, so that the search keys only grow and FTS5 builds its index
        // in one pass.
        let halves = Parallel.map(table.rows, chunks: 2) { rows -> [[ReadRow]] in
            [rows.map { row in
                do throws(FieldError) {
                    let input = try PatientCSV.input(row.fields, columns: columns)
                    return ReadRow(line: row.line, sortKey: input.sortKey, content: .success(input))
                } catch {
                    return ReadRow(line: row.line, sortKey: "", content: .failure(error))
                }
            }.sorted(by: ReadRow.precedes)]
        }
        rows = halves.dropFirst().reduce(halves.first ?? []) { ReadRow.merged($0, $1) }
    }

    /// How many rows the file has, bad ones included.
    public var count: Int { rows.count }
}

extension ClinicDatabase {
    /// Imports patients from CSV text (English or French headers, `,` or `;`). Good rows are imported and bad
    /// ones reported with their line; with `allOrNothing`, one bad row imports nothing. Each patient gets its
    /// audit and change-queue entries like any other.
    public func importPatients(csv text: String, allOrNothing: Bool = false, by session: Session, now: Date = Date(),
                               progress: ((Int, Int) -> Void)? = nil) throws -> ImportReport {
        try session.require(.importPatients)
        return try importPatients(PatientCSVRows(csv: text), allOrNothing: allOrNothing, by: session, now: now, progress: progress)
    }

    /// Imports the rows of a patients CSV file already read.
    public func importPatients(_ file: PatientCSVRows, allOrNothing: Bool = false, by session: Session, now: Date = Date(),
                               progress: ((Int, Int) -> Void)? = nil) throws -> ImportReport {
        try session.require(.importPatients)
        let rows = file.rows
        let today = CalendarDate(now, in: session.zone)
        let mayWriteClinical = session.can(.writeClinical)
        let email = session.email
        let stamp = (instant: now, text: Instant.utcString(now))
        // One core checks the next rows and makes their search rows and journal snapshots while the other writes.
        let batchSize = 1000
        let batches = BackgroundBatches(count: (rows.count + batchSize - 1) / batchSize) { index -> [CheckedRow] in
            rows[index * batchSize..<min(rows.count, (index + 1) * batchSize)].map { row in
                CheckedRow(row, today: today, stamp: stamp, email: email, mayWriteClinical: mayWriteClinical)
            }
        }
        defer { batches.stop() }
        var problems: [ImportReport.Problem] = []
        var imported = 0
        do {
            try bulkWrite { db in
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

/// A CSV row read into a patient's fields (or why it could not be), with the key it will be listed under.
struct ReadRow: Sendable {
    let line: Int
    let sortKey: String
    let content: Result<PatientInput, FieldError>

    /// Alphabetical order, then the file's order.
    static func precedes(_ a: ReadRow, _ b: ReadRow) -> Bool {
        (a.sortKey, a.line) < (b.sortKey, b.line)
    }

    /// Two runs already in order, as one.
    static func merged(_ a: [ReadRow], _ b: [ReadRow]) -> [ReadRow] {
        var result: [ReadRow] = []
        result.reserveCapacity(a.count + b.count)
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex, j < b.endIndex {
            if precedes(b[j], a[i]) {
                result.append(b[j]); j += 1
            } else {
                result.append(a[i]); i += 1
            }
        }
        result.append(contentsOf: a[i...])
        result.append(contentsOf: b[j...])
        return result
    }
}

/// A CSV row once checked: a patient ready to insert, or why not.
enum CheckedRow: Sendable {
    case patient(ImportedPatient)
    case problem(ImportReport.Problem)

    /// Checks a row as `addPatient` would, and works out what its insert needs.
    init(_ row: ReadRow, today: CalendarDate, stamp: (instant: Date, text: String), email: String, mayWriteClinical: Bool) {
        do {
            let fields = try row.content.get().validated(today: today)
            if !mayWriteClinical, !fields.clinicalFields.isEmpty {
                throw ValidationFailure([FieldError(fields.clinicalFields.joined(separator: ", "),
                                                    "only a DOCTOR or ADMIN may import clinical data")])
            }
            let patient = Patient(fields: fields, now: stamp.instant, by: email)
            self = .patient(ImportedPatient(patient: patient, sortKey: row.sortKey,
                                            search: PatientSearchRow(patient, sortKey: row.sortKey),
                                            snapshot: PatientSnapshot.json(patient, known: stamp)))
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
/// and the journal snapshot.
struct ImportedPatient: Sendable {
    let patient: Patient
    let sortKey: String
    let search: PatientSearchRow
    let snapshot: String
}
