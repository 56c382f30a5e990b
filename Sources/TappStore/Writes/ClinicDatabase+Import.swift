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
        var problems: [ImportReport.Problem] = []
        var patients: [Patient] = []
        patients.reserveCapacity(table.rows.count)
        let mayWriteClinical = session.can(.writeClinical)
        for row in table.rows {
            do {
                let input = try PatientCSV.input(row.fields, columns: columns)
                let fields = try input.validated(today: today)
                if !mayWriteClinical, !fields.clinicalFields.isEmpty {
                    throw ValidationFailure([FieldError(fields.clinicalFields.joined(separator: ", "),
                                                        "only a DOCTOR or ADMIN may import clinical data")])
                }
                patients.append(Patient(fields: fields, now: now, by: session.email))
            } catch let error as FieldError {
                problems.append(.init(line: row.line, message: error.description))
            } catch let error as ValidationFailure {
                problems.append(.init(line: row.line, message: error.description))
            }
        }
        if allOrNothing, !problems.isEmpty { return ImportReport(imported: 0, problems: problems) }
        // In alphabetical order, the search keys only grow, and FTS5 builds its index in one pass.
        patients = patients.map { (PatientSearchText.sortKey(first: $0.firstName, last: $0.lastName), $0) }
            .sorted { $0.0 < $1.0 }.map(\.1)
        let total = patients.count
        try bulkWrite { db in
            for (index, patient) in patients.enumerated() {
                try insertPatient(db, patient, by: session)
                if index % 5000 == 4999 { progress?(index + 1, total) }
            }
        }
        progress?(total, total)
        return ImportReport(imported: total, problems: problems)
    }
}
