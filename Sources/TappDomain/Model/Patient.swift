import Foundation

/// A patient (the seed's Person), with the richer local fields the server has no place for.
public struct Patient: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var serverId: String?
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: CalendarDate?
    public var phone: String?
    public var email: String?
    public var address: String?
    public var bloodType: BloodType?
    public var medicalNotes: String?
    /// The channels the patient accepts reminders on.
    public var notificationChannels: [ReminderChannel]
    public var emergencyContactName: String?
    public var emergencyContactPhone: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// Email of the user who last changed the record.
    public var updatedBy: String?

    public init(id: String = LocalID.make(), fields: PatientFields, now: Date, by user: String?) {
        self.id = id
        self.firstName = fields.firstName
        self.lastName = fields.lastName
        self.notificationChannels = fields.notificationChannels
        self.version = 1
        self.createdAt = now
        self.updatedAt = now
        self.updatedBy = user
        apply(fields)
    }

    /// Every stored value, as the store reads a row back.
    public init(id: String, serverId: String?, firstName: String, lastName: String, dateOfBirth: CalendarDate?, phone: String?,
                email: String?, address: String?, bloodType: BloodType?, medicalNotes: String?,
                notificationChannels: [ReminderChannel], emergencyContactName: String?, emergencyContactPhone: String?,
                version: Int, createdAt: Date, updatedAt: Date, updatedBy: String?) {
        self.id = id
        self.serverId = serverId
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
        self.phone = phone
        self.email = email
        self.address = address
        self.bloodType = bloodType
        self.medicalNotes = medicalNotes
        self.notificationChannels = notificationChannels
        self.emergencyContactName = emergencyContactName
        self.emergencyContactPhone = emergencyContactPhone
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    public var fullName: String { "\(firstName) \(lastName)" }

    /// The record's editable fields.
    public var fields: PatientFields {
        PatientFields(firstName: firstName, lastName: lastName, dateOfBirth: dateOfBirth, phone: phone, email: email,
                      address: address, bloodType: bloodType, medicalNotes: medicalNotes,
                      notificationChannels: notificationChannels, emergencyContactName: emergencyContactName,
                      emergencyContactPhone: emergencyContactPhone)
    }

    public mutating func apply(_ f: PatientFields) {
        firstName = f.firstName
        lastName = f.lastName
        dateOfBirth = f.dateOfBirth
        phone = f.phone
        email = f.email
        address = f.address
        bloodType = f.bloodType
        medicalNotes = f.medicalNotes
        notificationChannels = f.notificationChannels
        emergencyContactName = f.emergencyContactName
        emergencyContactPhone = f.emergencyContactPhone
    }

    /// The same record with what a receptionist may not read taken out.
    public func withoutClinicalData() -> Patient {
        var copy = self
        copy.medicalNotes = nil
        copy.bloodType = nil
        return copy
    }
}

/// A patient's editable fields, checked.
public struct PatientFields: Sendable, Equatable {
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: CalendarDate?
    public var phone: String?
    public var email: String?
    public var address: String?
    public var bloodType: BloodType?
    public var medicalNotes: String?
    public var notificationChannels: [ReminderChannel]
    public var emergencyContactName: String?
    public var emergencyContactPhone: String?

    public init(firstName: String, lastName: String, dateOfBirth: CalendarDate?, phone: String?, email: String?, address: String?, bloodType: BloodType?, medicalNotes: String?, notificationChannels: [ReminderChannel], emergencyContactName: String?, emergencyContactPhone: String?) {
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
        self.phone = phone
        self.email = email
        self.address = address
        self.bloodType = bloodType
        self.medicalNotes = medicalNotes
        self.notificationChannels = notificationChannels
        self.emergencyContactName = emergencyContactName
        self.emergencyContactPhone = emergencyContactPhone
    }

    /// The fields only a doctor or an administrator may write.
    public var clinicalFields: [String] {
        var names: [String] = []
        if medicalNotes != nil { names.append("medicalNotes") }
        if bloodType != nil { names.append("bloodType") }
        return names
    }
}

/// A patient's fields as typed in a form, a CSV row or on the command line: text, not yet checked.
public struct PatientInput: Sendable, Equatable {
    public var firstName = ""
    public var lastName = ""
    public var dateOfBirth = ""
    public var phone = ""
    public var email = ""
    public var address = ""
    public var bloodType = ""
    public var medicalNotes = ""
    /// Comma-separated: `SMS,EMAIL`. Empty means SMS only.
    public var notificationChannels = ""
    public var emergencyContactName = ""
    public var emergencyContactPhone = ""

    public init() {}

    public init(_ f: PatientFields) {
        firstName = f.firstName
        lastName = f.lastName
        dateOfBirth = f.dateOfBirth?.description ?? ""
        phone = f.phone ?? ""
        email = f.email ?? ""
        address = f.address ?? ""
        bloodType = f.bloodType?.rawValue ?? ""
        medicalNotes = f.medicalNotes ?? ""
        notificationChannels = f.notificationChannels.map(\.rawValue).joined(separator: ",")
        emergencyContactName = f.emergencyContactName ?? ""
        emergencyContactPhone = f.emergencyContactPhone ?? ""
    }

    /// Checks every field, as the store and the server do, and reports all that are wrong at once.
    /// The key the patient will be listed under (`PatientSearchText.sortKey` of the names as validation keeps them).
    public var sortKey: String { PatientSearchText.sortKey(first: firstName.trimmed, last: lastName.trimmed) }

    /// Phone numbers are read as numbers of `country` when typed without their country code, and kept in E.164.
    public func validated(today: CalendarDate, country: PhoneCountry = .cameroon) throws(ValidationFailure) -> PatientFields {
        var checks = FieldChecks()
        let first = firstName.trimmed, last = lastName.trimmed
        checks.check(!first.isEmpty, "firstName", .required)
        checks.check(!last.isEmpty, "lastName", .required)
        checks.check(first.count <= 100, "firstName", .tooLong, "100")
        checks.check(last.count <= 100, "lastName", .tooLong, "100")
        checks.text(firstName, "firstName")
        checks.text(lastName, "lastName")
        checks.text(address, "address")
        checks.text(medicalNotes, "medicalNotes", multiline: true)
        checks.text(emergencyContactName, "emergencyContactName")
        var birth: CalendarDate?
        if !dateOfBirth.trimmed.isEmpty {
            birth = checks.run { () throws(FieldError) in try CalendarDate.parse(dateOfBirth, field: "dateOfBirth") }
            if let b = birth { checks.check(b <= today, "dateOfBirth", .futureBirth) }
        }
        let phoneValue = checks.run { () throws(FieldError) in try PhoneNumber.e164(phone, field: "phone", country: country) } ?? nil
        let emailValue = checks.run { () throws(FieldError) in try Contact.email(email, field: "email") } ?? nil
        let emergencyPhone = checks.run { () throws(FieldError) in
            try PhoneNumber.e164(emergencyContactPhone, field: "emergencyContactPhone", country: country)
        } ?? nil
        var blood: BloodType?
        if !bloodType.trimmed.isEmpty {
            blood = checks.run { () throws(FieldError) in try BloodType.parse(bloodType, field: "bloodType") }
        }
        var channels: [ReminderChannel] = [.sms]
        if !notificationChannels.trimmed.isEmpty {
            var parsed: [ReminderChannel] = []
            for part in notificationChannels.split(separator: ",") {
                if let c = checks.run({ () throws(FieldError) in
                    try ReminderChannel.parse(String(part), field: "notificationChannels")
                }), !parsed.contains(c) { parsed.append(c) }
            }
            channels = parsed
        }
        try checks.finish()
        return PatientFields(firstName: first, lastName: last, dateOfBirth: birth, phone: phoneValue, email: emailValue,
                             address: address.trimmed.nilIfEmpty, bloodType: blood, medicalNotes: medicalNotes.trimmed.nilIfEmpty,
                             notificationChannels: channels, emergencyContactName: emergencyContactName.trimmed.nilIfEmpty,
                             emergencyContactPhone: emergencyPhone)
    }
}

/// The eight ABO/Rh blood groups.
public enum BloodType: String, Codable, Sendable, CaseIterable {
    case aPositive = "A+", aNegative = "A-", bPositive = "B+", bNegative = "B-"
    case abPositive = "AB+", abNegative = "AB-", oPositive = "O+", oNegative = "O-"
}

extension String {
    /// Without the spaces and line breaks around it (done in Swift: Foundation's trimming is slow for bulk imports).
    var trimmed: String {
        // Most values start and end with a printable ASCII character, and then are already trimmed.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        guard let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        if first == startIndex, last == index(before: endIndex) { return self }
        return String(self[first...last])
    }
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
