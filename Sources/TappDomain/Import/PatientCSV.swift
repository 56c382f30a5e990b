import Foundation

/// Maps the columns of a patient CSV file, with English or French headers, onto a patient's fields.
public enum PatientCSV {
    /// A column of the file and the field it fills.
    public enum Column: String, Sendable, CaseIterable {
        case firstName, lastName, dateOfBirth, phone, email, address, bloodType, medicalNotes
        case notificationChannels, emergencyContactName, emergencyContactPhone

        /// Header spellings, compared without case, accents, spaces, dashes or underscores.
        var spellings: [String] {
            switch self {
            case .firstName: ["firstname", "first", "givenname", "prenom", "prenoms"]
            case .lastName: ["lastname", "last", "surname", "familyname", "nom", "nomdefamille"]
            case .dateOfBirth: ["dateofbirth", "birthdate", "dob", "birthday", "datedenaissance", "naissance", "nele"]
            case .phone: ["phone", "phonenumber", "telephone", "tel", "mobile", "portable"]
            case .email: ["email", "mail", "courriel", "adresseemail", "emailaddress"]
            case .address: ["address", "adresse", "domicile"]
            case .bloodType: ["bloodtype", "bloodgroup", "groupesanguin", "groupe"]
            case .medicalNotes: ["medicalnotes", "notes", "notesmedicales", "antecedents"]
            case .notificationChannels: ["notificationchannels", "channels", "canaux", "canauxdenotification"]
            case .emergencyContactName: ["emergencycontactname", "emergencycontact", "contactdurgence", "personneaprevenir"]
            case .emergencyContactPhone: ["emergencycontactphone", "telephonedurgence", "telephonecontactdurgence"]
            }
        }
    }

    /// Which field each column fills. Unknown or repeated columns are refused, so nothing is silently dropped.
    public static func columns(_ header: [String]) throws(FieldError) -> [Column] {
        var result: [Column] = []
        for (index, name) in header.enumerated() {
            let key = normalize(name)
            guard let column = Column.allCases.first(where: { $0.spellings.contains(key) }) else {
                throw FieldError("header", "column \(index + 1) \"\(name)\" is not a patient field (known: \(Column.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !result.contains(column) else { throw FieldError("header", "column \"\(name)\" appears twice") }
            result.append(column)
        }
        for needed in [Column.firstName, .lastName] where !result.contains(needed) {
            throw FieldError("header", "a \(needed.rawValue) column is needed")
        }
        return result
    }

    /// One row as a patient's typed fields.
    public static func input(_ fields: [String], columns: [Column]) throws(FieldError) -> PatientInput {
        guard fields.count == columns.count else {
            throw FieldError("row", "has \(fields.count) fields where the header has \(columns.count)")
        }
        var input = PatientInput()
        for (column, cell) in zip(columns, fields) {
            let value = CSVCell.read(cell)
            switch column {
            case .firstName: input.firstName = value
            case .lastName: input.lastName = value
            case .dateOfBirth: input.dateOfBirth = value
            case .phone: input.phone = value
            case .email: input.email = value
            case .address: input.address = value
            case .bloodType: input.bloodType = value
            case .medicalNotes: input.medicalNotes = value
            case .notificationChannels: input.notificationChannels = value
            case .emergencyContactName: input.emergencyContactName = value
            case .emergencyContactPhone: input.emergencyContactPhone = value
            }
        }
        return input
    }

    /// The header line `tapp export patients --format csv` writes, which import reads back.
    public static let exportHeader: [Column] = Column.allCases

    static func normalize(_ text: String) -> String {
        let folded = text.lowercased().applyingTransform(.stripDiacritics, reverse: false) ?? text.lowercased()
        return folded.filter { $0.isLetter || $0.isNumber }
    }

}
