import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// Registers a patient. Medical notes and blood type need a role that writes clinical data.
    /// Someone likely registered already is refused with `LikelyDuplicate` (the likely records), unless
    /// `allowDuplicate`: then the registration's audit entry says it was registered despite them.
    @discardableResult
    public func addPatient(_ input: PatientInput, allowDuplicate: Bool = false, by session: Session,
                           now: Date = Date()) throws -> Patient {
        try session.require(.registerPatients)
        let fields = try validated(input, session: session, now: now)
        if !fields.clinicalFields.isEmpty { try session.require(.writeClinical) }
        let country = try phoneCountry()
        return try write { db in
            let patient = Patient(fields: fields, now: now, by: session.email)
            // Checked inside the write, so that two desks registering the same person at once cannot both pass.
            let likely = try Self.likelyDuplicates(db, of: PatientTraits(patient, country: country), excluding: nil, limit: 5,
                                                   country: country)
            if !likely.isEmpty, !allowDuplicate {
                throw LikelyDuplicate(matches: likely.map { match in
                    var shown = match
                    shown.patient = session.shown(match.patient)
                    return shown
                })
            }
            try insertPatient(db, patient, by: session)
            if !likely.isEmpty {
                let ids = likely.map { "\"\($0.patient.id)\"" }.joined(separator: ",")
                try Journal.audit(db, .create, .patient, patient.id, diff: #"{"registeredDespiteLikelyDuplicates":[\#(ids)]}"#,
                                  by: session)
            }
            return session.shown(patient)
        }
    }

    /// Inserts a patient, its search row, and its journal entries. Shared by add and import.
    func insertPatient(_ db: Database, _ patient: Patient, by session: Session) throws {
        try insertPatient(db, patient, sortKey: PatientSearchText.sortKey(first: patient.firstName, last: patient.lastName),
                          snapshot: try Journal.json(patient), by: session)
    }

    /// Inserts a patient with its sort key and journal snapshot already worked out.
    func insertPatient(_ db: Database, _ patient: Patient, sortKey: String, snapshot: String, by session: Session,
                       queued: Bool = true) throws {
        try insertPatient(db, patient, sortKey: sortKey, search: PatientSearchRow(patient, sortKey: sortKey), snapshot: snapshot,
                          by: session, queued: queued)
    }

    /// Inserts a patient with its sort key, search row and journal snapshot already worked out.
    func insertPatient(_ db: Database, _ patient: Patient, sortKey: String, search: PatientSearchRow, snapshot: String,
                       by session: Session, queued: Bool = true) throws {
        var inserts = try PatientInserts(db, by: session, queued: queued)
        try inserts.insert(patient, sortKey: sortKey, search: search, snapshot: snapshot, at: Instant.storageString(Date()))
        try inserts.finish()
    }

    /// Saves an edit made on the version the person read; refused if someone saved in between.
    @discardableResult
    public func updatePatient(id: String, expectedVersion: Int, _ input: PatientInput, by session: Session,
                              now: Date = Date()) throws -> Patient {
        try session.require(.registerPatients)
        var fields = try validated(input, session: session, now: now)
        return try write { db in
            let before = try current(db, Patient.self, .patient, id: id, expectedVersion: expectedVersion)
            // Someone who cannot read the clinical fields was shown them empty: left empty, they keep what is there.
            if !session.can(.readClinical) {
                if fields.medicalNotes == nil { fields.medicalNotes = before.medicalNotes }
                if fields.bloodType == nil { fields.bloodType = before.bloodType }
            }
            if before.medicalNotes != fields.medicalNotes || before.bloodType != fields.bloodType {
                try session.require(.writeClinical)
            }
            var after = before
            after.apply(fields)
            guard after != before else { return session.shown(before) }
            after.markChanged(by: session, at: now)
            try after.update(db)
            try PatientSearchIndex.replace(db, patient: after)
            try Journal.updated(db, .patient, before: before, after: after, by: session)
            return session.shown(after)
        }
    }

    /// Deletes a patient who has no consultation or intervention (those are clinical history: cancel them instead).
    public func deletePatient(id: String, expectedVersion: Int? = nil, by session: Session) throws {
        try session.require(.deletePatients)
        try write { db in
            let patient = try current(db, Patient.self, .patient, id: id, expectedVersion: expectedVersion)
            let consultations = try Consultation.filter(Column("patientId") == id).fetchCount(db)
            let interventions = try Intervention.filter(Column("patientId") == id).fetchCount(db)
            guard consultations + interventions == 0 else {
                throw ClinicError.rule(Phrase(.patientHasHistory, patient.fullName, String(consultations), String(interventions)))
            }
            try PatientSearchIndex.remove(db, patientId: id)
            try patient.delete(db)
            try Journal.deleted(db, .patient, patient, by: session)
        }
    }

    /// Links a patient to an organization, or reactivates the link.
    public func linkPatient(_ patientId: String, toOrganization organizationId: String, role: String? = nil,
                            by session: Session, now: Date = Date()) throws -> PatientOrganization {
        try session.require(.registerPatients)
        return try write { db in
            _ = try existing(db, Patient.self, .patient, id: patientId)
            _ = try existing(db, Organization.self, .organization, id: organizationId)
            if var link = try PatientOrganization
                .filter(Column("patientId") == patientId && Column("organizationId") == organizationId).fetchOne(db) {
                let before = link
                link.isActive = true
                link.endAt = nil
                link.role = role ?? link.role
                try link.update(db)
                try Journal.updated(db, .patientOrganization, before: before, after: link, by: session)
                return link
            }
            let link = PatientOrganization(patientId: patientId, organizationId: organizationId, role: role, now: now)
            try link.insert(db)
            try Journal.created(db, .patientOrganization, link, by: session)
            return link
        }
    }

    /// Ends a patient's membership of an organization (kept as history: inactive, with its end date).
    @discardableResult
    public func unlinkPatient(_ patientId: String, fromOrganization organizationId: String, by session: Session,
                              now: Date = Date()) throws -> PatientOrganization {
        try session.require(.registerPatients)
        return try write { db in
            guard let before = try PatientOrganization
                .filter(Column("patientId") == patientId && Column("organizationId") == organizationId && Column("isActive") == true)
                .fetchOne(db) else {
                throw ClinicError.refused("patient \(patientId) is not linked to organization \(organizationId)")
            }
            var after = before
            after.isActive = false
            after.endAt = now
            try after.update(db)
            try Journal.updated(db, .patientOrganization, before: before, after: after, by: session)
            return after
        }
    }

    func validated(_ input: PatientInput, session: Session, now: Date) throws -> PatientFields {
        let country = try phoneCountry()
        do {
            return try input.validated(today: CalendarDate(now, in: session.zone), country: country)
        } catch {
            throw ClinicError.invalid(error)
        }
    }

    /// The record as stored, refused if its version is not the one the editor read.
    func current<R: FetchableRecord & TableRecord & Versioned>(_ db: Database, _ type: R.Type, _ kind: EntityKind, id: String,
                                                             expectedVersion: Int?) throws -> R {
        let record = try existing(db, type, kind, id: id)
        if let expectedVersion, record.version != expectedVersion {
            throw ClinicError.staleEdit(kind, id: id, changedBy: record.updatedBy, at: record.updatedAt, version: record.version)
        }
        return record
    }

    func existing<R: FetchableRecord & TableRecord>(_ db: Database, _ type: R.Type, _ kind: EntityKind, id: String) throws -> R {
        guard let record = try R.fetchOne(db, key: ["id": id]) else { throw ClinicError.notFound(kind, id) }
        return record
    }
}

/// A record that refuses stale edits.
protocol Versioned {
    var version: Int { get set }
    var updatedAt: Date { get set }
    var updatedBy: String? { get set }
}

extension Versioned {
    /// The next version, saved by this person now.
    mutating func markChanged(by session: Session, at now: Date) {
        version += 1
        updatedAt = now
        updatedBy = session.email
    }
}

extension Patient: Versioned {}
extension Consultation: Versioned {}
extension Intervention: Versioned {}
