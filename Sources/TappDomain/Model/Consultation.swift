import Foundation

/// A visit: who saw whom, when, why, what was found and what was prescribed.
public struct Consultation: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var serverId: String?
    public var patientId: String
    public var doctorId: String
    public var dateTime: Date
    public var reason: String?
    public var diagnosis: String?
    public var treatment: String?
    public var notes: String?
    /// Paths or URLs of scans, letters, results.
    public var attachments: [String]
    public var status: ConsultationStatus
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var updatedBy: String?

    public init(id: String = LocalID.make(), fields: ConsultationFields, now: Date, by user: String?) {
        self.id = id
        self.patientId = fields.patientId
        self.doctorId = fields.doctorId
        self.dateTime = fields.dateTime
        self.attachments = []
        self.status = fields.status
        self.version = 1
        self.createdAt = now
        self.updatedAt = now
        self.updatedBy = user
        apply(fields)
    }

    public var fields: ConsultationFields {
        ConsultationFields(patientId: patientId, doctorId: doctorId, dateTime: dateTime, reason: reason, diagnosis: diagnosis,
                           treatment: treatment, notes: notes, attachments: attachments, status: status)
    }

    public mutating func apply(_ f: ConsultationFields) {
        patientId = f.patientId
        doctorId = f.doctorId
        dateTime = f.dateTime
        reason = f.reason
        diagnosis = f.diagnosis
        treatment = f.treatment
        notes = f.notes
        attachments = f.attachments
        status = f.status
    }

    /// What a receptionist may see: when, who, and the status; no clinical content.
    public func withoutClinicalData() -> Consultation {
        var copy = self
        copy.reason = nil
        copy.diagnosis = nil
        copy.treatment = nil
        copy.notes = nil
        copy.attachments = []
        return copy
    }
}

public struct ConsultationFields: Sendable, Equatable {
    public var patientId: String
    public var doctorId: String
    public var dateTime: Date
    public var reason: String?
    public var diagnosis: String?
    public var treatment: String?
    public var notes: String?
    public var attachments: [String]
    public var status: ConsultationStatus

    public init(patientId: String, doctorId: String, dateTime: Date, reason: String?, diagnosis: String?, treatment: String?, notes: String?, attachments: [String], status: ConsultationStatus) {
        self.patientId = patientId
        self.doctorId = doctorId
        self.dateTime = dateTime
        self.reason = reason
        self.diagnosis = diagnosis
        self.treatment = treatment
        self.notes = notes
        self.attachments = attachments
        self.status = status
    }
}

/// A consultation as typed: text, not yet checked.
public struct ConsultationInput: Sendable, Equatable {
    public var patientId = ""
    public var doctorId = ""
    public var dateTime = ""
    public var reason = ""
    public var diagnosis = ""
    public var treatment = ""
    public var notes = ""
    /// One path or URL per line (or comma-separated).
    public var attachments = ""
    public var status = "COMPLETED"

    public init() {}

    public init(_ f: ConsultationFields, zone: TimeZone) {
        patientId = f.patientId
        doctorId = f.doctorId
        dateTime = Instant.zonedString(f.dateTime, zone: zone)
        reason = f.reason ?? ""
        diagnosis = f.diagnosis ?? ""
        treatment = f.treatment ?? ""
        notes = f.notes ?? ""
        attachments = f.attachments.joined(separator: "\n")
        status = f.status.rawValue
    }

    /// `now` gives "today" and "tomorrow" to a typed time (`demain 9h30`).
    public func validated(zone: TimeZone, now: Date = Date()) throws(ValidationFailure) -> ConsultationFields {
        var checks = FieldChecks()
        checks.check(!patientId.trimmed.isEmpty, "patientId", .required)
        checks.check(!doctorId.trimmed.isEmpty, "doctorId", .required)
        var when: Date?
        if dateTime.trimmed.isEmpty {
            checks.check(false, "dateTime", .required)
        } else {
            when = checks.run { () throws(FieldError) in try TypedDateTime.parse(dateTime, field: "dateTime", zone: zone, now: now) }
        }
        let state = checks.run { () throws(FieldError) in
            try ConsultationStatus.parse(status.trimmed.isEmpty ? "COMPLETED" : status, field: "status")
        }
        checks.text(reason, "reason", multiline: true)
        checks.text(diagnosis, "diagnosis", multiline: true)
        checks.text(treatment, "treatment", multiline: true)
        checks.text(notes, "notes", multiline: true)
        checks.text(attachments, "attachments", multiline: true)
        let files = attachments.split(whereSeparator: { $0 == "\n" || $0 == "," }).map { String($0).trimmed }.filter { !$0.isEmpty }
        try checks.finish()
        guard let when, let state else { throw ValidationFailure(checks.errors) }
        return ConsultationFields(patientId: patientId.trimmed, doctorId: doctorId.trimmed, dateTime: when,
                                  reason: reason.trimmed.nilIfEmpty, diagnosis: diagnosis.trimmed.nilIfEmpty,
                                  treatment: treatment.trimmed.nilIfEmpty, notes: notes.trimmed.nilIfEmpty,
                                  attachments: files, status: state)
    }
}
