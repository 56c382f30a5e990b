import Foundation
import GRDB
import TappDomain

/// A patient's whole record as the record screen shows it.
public struct PatientRecord: Sendable, Equatable {
    public var patient: Patient
    public var organizations: [PatientOrganization]
    /// Newest first.
    public var consultations: [Consultation]
    /// Soonest first, each with its rules and reminders.
    public var interventions: [InterventionDetail]
}

/// An intervention with its rules and reminders.
public struct InterventionDetail: Sendable, Equatable {
    public var intervention: Intervention
    public var rules: [ReminderRule]
    public var reminders: [Reminder]
}

extension ClinicDatabase {
    /// One page of patients, alphabetical, matching what was typed (names, phone digits, email), or all of them,
    /// as the person may read them. Only the rows of the page are read.
    public func patients(matching typed: String = "", limit: Int = 50, offset: Int = 0, by session: Session) throws -> [Patient] {
        try session.require(.readPatients)
        return session.shown(try patients(matching: typed, limit: limit, offset: offset))
    }

    /// The page whole, for the store's own work and its tests; people get `patients(matching:…by:)`.
    func patients(matching typed: String = "", limit: Int = 50, offset: Int = 0) throws -> [Patient] {
        try read { db in try PatientSearch.page(db, typed: typed, limit: limit, offset: offset) }
    }

    /// How many patients match, for "1–50 of 312".
    public func patientCount(matching typed: String = "") throws -> Int {
        try read { db in try PatientSearch.count(db, typed: typed) }
    }

    /// A patient as the person may read it, without an audit entry (for editing; the save is audited).
    public func patient(id: String, by session: Session) throws -> Patient {
        try session.require(.readPatients)
        return session.shown(try patient(id: id))
    }

    /// A patient whole, for the store's own work and its tests.
    func patient(id: String) throws -> Patient {
        try read { db in try existing(db, Patient.self, .patient, id: try keptId(db, id)) }
    }

    /// The patient an id opens: itself, or the patient it was merged into (followed through later merges).
    func keptId(_ db: Database, _ id: String) throws -> String {
        var current = id
        for _ in 0..<32 {
            guard let next = try String.fetchOne(db.cachedStatement(sql: "SELECT mergedInto FROM patient WHERE id = ?"),
                                                 arguments: [current]) else { return current }
            current = next
        }
        return current
    }

    /// Reads a patient's full record and writes the VIEW audit entry (`audit: false` for a screen re-reading the record it
    /// shows). Clinical content is left out for roles that may not read it.
    public func patientRecord(id: String, by session: Session, audit: Bool = true) throws -> PatientRecord {
        try session.require(.readPatients)
        var record = try read { db -> PatientRecord in
            let id = try keptId(db, id)
            let patient = try existing(db, Patient.self, .patient, id: id)
            let organizations = try PatientOrganization.filter(Column("patientId") == id).fetchAll(db)
            let consultations = try Consultation.filter(Column("patientId") == id).order(Column("dateTime").desc).fetchAll(db)
            let interventions = try Intervention.filter(Column("patientId") == id).order(Column("scheduledAt")).fetchAll(db)
            let details = try interventions.map { try detail(db, $0) }
            return PatientRecord(patient: patient, organizations: organizations, consultations: consultations, interventions: details)
        }
        record.patient = session.shown(record.patient)
        record.consultations = session.shown(record.consultations)
        if audit { try write { db in try Journal.audit(db, .view, .patient, record.patient.id, diff: nil, by: session) } }
        return record
    }

    func detail(_ db: Database, _ intervention: Intervention) throws -> InterventionDetail {
        InterventionDetail(
            intervention: intervention,
            rules: try ReminderRule.filter(Column("interventionId") == intervention.id).order(Column("offsetMinutes")).fetchAll(db),
            reminders: try Reminder.filter(Column("interventionId") == intervention.id).order(Column("plannedSendAt")).fetchAll(db))
    }
}

/// The type-ahead search over the `patientSearch` full-text index.
public enum PatientSearch {
    /// Matching patients, alphabetical. The index's row ids are in alphabetical order, so the matches come
    /// sorted and the query stops at the page's end however many patients match.
    public static func page(_ db: Database, typed: String, limit: Int, offset: Int) throws -> [Patient] {
        guard let query = PatientSearchText.query(typed) else {
            if typed.contains(where: { !$0.isWhitespace }) { return [] }
            return try Patient.fetchAll(db, sql: "SELECT * FROM patient WHERE mergedInto IS NULL ORDER BY sortKey, id LIMIT ? OFFSET ?",
                                        arguments: [limit, offset])
        }
        if ForgivingSearch.mayAdd(typed), let keys = try ForgivingSearch.keys(db, typed: typed, query: query) {
            return try ForgivingSearch.patients(db, keys: Array(keys.dropFirst(offset).prefix(limit)))
        }
        return try Patient.fetchAll(db.cachedStatement(sql: pageSQL(query)), arguments: StatementArguments(arguments(query)) + [limit, offset])
    }

    /// The query behind a page of matches (public so that the benchmark runs the very same SQL), its arguments
    /// `arguments(query)` then the limit and offset.
    public static func pageSQL(_ query: PatientSearchQuery) -> String {
        """
        SELECT patient.* FROM patientSearch JOIN patient ON patient.searchKey = patientSearch.rowid
        WHERE \(condition(query)) ORDER BY patientSearch.rowid LIMIT ? OFFSET ?
        """
    }

    /// The match, and each run of digits the phone numbers must hold as typed: the index's three-digit words say
    /// that each run of three is in a number, not that they follow one another.
    static func condition(_ query: PatientSearchQuery) -> String {
        (["patientSearch MATCH ?"] + query.digitRuns.map { _ in "instr(patientSearch.phoneDigits, ?) > 0" })
            .joined(separator: " AND ")
    }

    public static func arguments(_ query: PatientSearchQuery) -> [String] {
        [query.match] + query.digitRuns
    }

    /// The patients not merged into another, counted without reading every row (the merged ones have an index).
    static let unmergedCount = "SELECT (SELECT count(*) FROM patient) - (SELECT count(*) FROM patient WHERE mergedInto IS NOT NULL)"

    public static func count(_ db: Database, typed: String) throws -> Int {
        guard let query = PatientSearchText.query(typed) else {
            if typed.contains(where: { !$0.isWhitespace }) { return 0 }
            return try Int.fetchOne(db, sql: Self.unmergedCount) ?? 0
        }
        if ForgivingSearch.mayAdd(typed), let keys = try ForgivingSearch.keys(db, typed: typed, query: query) { return keys.count }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM patientSearch WHERE \(condition(query))",
                                arguments: StatementArguments(arguments(query))) ?? 0
    }
}
