import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// Records a consultation. Consultations are clinical data: doctors and administrators write them.
    @discardableResult
    public func addConsultation(_ input: ConsultationInput, by session: Session, now: Date = Date()) throws -> Consultation {
        try session.require(.writeClinical)
        let fields = try validated(input, session: session, now: now)
        return try write { db in
            try checkReferences(db, patientId: fields.patientId, doctorId: fields.doctorId)
            let consultation = Consultation(fields: fields, now: now, by: session.email)
            try consultation.insert(db)
            try Journal.created(db, .consultation, consultation, by: session)
            return consultation
        }
    }

    @discardableResult
    public func updateConsultation(id: String, expectedVersion: Int, _ input: ConsultationInput, by session: Session,
                                   now: Date = Date()) throws -> Consultation {
        try session.require(.writeClinical)
        let fields = try validated(input, session: session, now: now)
        return try write { db in
            let before = try current(db, Consultation.self, .consultation, id: id, expectedVersion: expectedVersion)
            try checkReferences(db, patientId: fields.patientId, doctorId: fields.doctorId)
            var after = before
            after.apply(fields)
            guard after != before else { return before }
            after.markChanged(by: session, at: now)
            try after.update(db)
            try Journal.updated(db, .consultation, before: before, after: after, by: session)
            return after
        }
    }

    func validated(_ input: ConsultationInput, session: Session, now: Date = Date()) throws -> ConsultationFields {
        do { return try input.validated(zone: session.zone, now: now) } catch { throw ClinicError.invalid(error) }
    }

    func checkReferences(_ db: Database, patientId: String, doctorId: String) throws {
        _ = try existing(db, Patient.self, .patient, id: patientId)
        _ = try existing(db, Doctor.self, .doctor, id: doctorId)
    }
}
