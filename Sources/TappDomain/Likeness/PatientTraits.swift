/// What the duplicate check knows of a patient, worked out once: names as sound keys, birth date, phone, email.
/// A class: a scan compares each one with many others, and a reference is one retain where a value is a dozen.
public final class PatientTraits: Sendable {
    public let id: String
    public let first: PersonName
    public let last: PersonName
    public let birth: CalendarDate?
    /// The phone in E.164 when it can be read, else its digits (an old number kept as typed).
    public let phone: String?
    public let email: String?

    public convenience init(id: String, firstName: String, lastName: String, birth: CalendarDate?, phone: String?, email: String?,
                            country: PhoneCountry = .cameroon) {
        self.init(id: id, first: PersonName(firstName), last: PersonName(lastName), birth: birth, phone: phone, email: email,
                  country: country)
    }

    /// With the names already read (an import reads them once for the sound-alike index and this check).
    public init(id: String, first: PersonName, last: PersonName, birth: CalendarDate?, phone: String?, email: String?,
                country: PhoneCountry = .cameroon) {
        self.id = id
        self.first = first
        self.last = last
        self.birth = birth
        self.phone = phone.flatMap { typed in
            PhoneNumber.readable(typed, country: country) ?? String(typed.filter(\.isASCIIDigit)).nilIfEmpty
        }
        self.email = email.map { $0.lowercased() }.flatMap(\.nilIfEmpty)
    }

    public convenience init(_ patient: Patient, country: PhoneCountry = .cameroon) {
        self.init(id: patient.id, firstName: patient.firstName, lastName: patient.lastName, birth: patient.dateOfBirth,
                  phone: patient.phone, email: patient.email, country: country)
    }

    /// A patient whose names were already read.
    public convenience init(_ patient: Patient, first: PersonName, last: PersonName, country: PhoneCountry = .cameroon) {
        self.init(id: patient.id, first: first, last: last, birth: patient.dateOfBirth, phone: patient.phone,
                  email: patient.email, country: country)
    }

    /// A patient being typed at the desk: whatever can be read of the form (an unreadable date or phone is left out).
    public convenience init(typed input: PatientInput, country: PhoneCountry = .cameroon) {
        let birth = input.dateOfBirth.trimmed.isEmpty ? nil : try? CalendarDate.parse(input.dateOfBirth, field: "dateOfBirth")
        self.init(id: "", firstName: input.firstName, lastName: input.lastName, birth: birth,
                  phone: input.phone.trimmed.nilIfEmpty, email: input.email.trimmed.nilIfEmpty, country: country)
    }
}
