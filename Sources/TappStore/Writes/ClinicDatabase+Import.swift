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
    public func importPatients(csv text: String, allOrNothing: Bool = false, by session: Session, now: Date = Date(),
                               progress: ((Int, Int) -> Void)? = nil) throws -> ImportReport {
        try session.require(.importPatients)
        let table: CSVTable
        let columns: [PatientCSV.Column]
        do {
            table = try CSVTable(text: text)
            columns = try PatientCSV.columns(table.header)
        } catch {
            throw ClinicError.invalid(ValidationFailure([error]))
        }
        let today = CalendarDate(now, in: session.zone)
        let mayWriteClinical = session.can(.writeClinical)
        // Checking rows and writing their journal snapshots is pure work: both cores share it.
        let checked = Parallel.map(table.rows, chunks: 2) { rows -> [CheckedRow] in
            rows.map { row in
                do {
                    let input = try PatientCSV.input(row.fields, columns: columns)
                    let fields = try input.validated(today: today)
                    if !mayWriteClinical, !fields.clinicalFields.isEmpty {
                        throw ValidationFailure([FieldError(fields.clinicalFields.joined(separator: ", "),
                                                            "only a DOCTOR or ADMIN may import clinical data")])
                    }
                    let patient = Patient(fields: fields, now: now, by: session.email)
                    let snapshot = PatientSnapshot.json(patient)
                    let sortKey = PatientSearchText.sortKey(first: patient.firstName, last: patient.lastName)
                    return .patient(ImportedPatient(patient: patient, sortKey: sortKey, search: PatientSearchRow(patient, sortKey: sortKey),
                                                    snapshot: snapshot))
                } catch let error as FieldError {
                    return .problem(.init(line: row.line, message: error.description))
                } catch let error as ValidationFailure {
                    return .problem(.init(line: row.line, message: error.description))
                } catch {
                    return .problem(.init(line: row.line, message: "\(error)"))
                }
            }
        }
        var problems: [ImportReport.Problem] = []
        var patients: [ImportedPatient] = []
        patients.reserveCapacity(checked.count)
        for item in checked {
            switch item {
            case .patient(let patient): patients.append(patient)
            case .problem(let problem): problems.append(problem)
            }
        }
        if allOrNothing, !problems.isEmpty { return ImportReport(imported: 0, problems: problems) }
        // In alphabetical order, the search keys only grow, and FTS5 builds its index in one pass.
        patients.sort { $0.sortKey < $1.sortKey }
        let total = patients.count
        try bulkWrite { db in
            for (index, item) in patients.enumerated() {
                try insertPatient(db, item.patient, sortKey: item.sortKey, search: item.search, snapshot: item.snapshot, by: session)
                if index % 5000 == 4999 { progress?(index + 1, total) }
            }
        }
        progress?(total, total)
        return ImportReport(imported: total, problems: problems)
    }
}

/// A CSV row once checked: a patient ready to insert, or why not.
enum CheckedRow: Sendable {
    case patient(ImportedPatient)
    case problem(ImportReport.Problem)
}

/// A patient of an import with everything its insert needs worked out on both cores: the sort key, the search row
/// and the journal snapshot.
struct ImportedPatient: Sendable {
    let patient: Patient
    let sortKey: String
    let search: PatientSearchRow
    let snapshot: String
}
