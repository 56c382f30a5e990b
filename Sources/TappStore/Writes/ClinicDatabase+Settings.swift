import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// The country whose numbers are typed without a prefix here (Cameroon unless changed).
    public func phoneCountry() throws -> PhoneCountry {
        try read { db in try Self.phoneCountry(db) }
    }

    static func phoneCountry(_ db: Database) throws -> PhoneCountry {
        let rows = try Row.fetchAll(db, sql: "SELECT name, value FROM clinicSetting WHERE name LIKE 'phone%'")
        var code: String?, digits: Int?
        for row in rows {
            switch row[0] as String {
            case "phoneCallingCode": code = row[1]
            case "phoneNationalDigits": digits = Int(row[1] as String)
            default: break
            }
        }
        guard let code, let digits, let country = try? PhoneCountry(callingCode: code, nationalDigits: digits) else { return .cameroon }
        return country
    }

    /// Changes the clinic's phone country (administrators). Numbers already stored keep their country code.
    public func setPhoneCountry(_ country: PhoneCountry, by session: Session) throws {
        try session.require(.changeSettings)
        try write { db in
            let before = try Self.phoneCountry(db)
            try db.execute(sql: """
                INSERT OR REPLACE INTO clinicSetting (name, value) VALUES ('phoneCallingCode', ?), ('phoneNationalDigits', ?)
                """, arguments: [country.callingCode, String(country.nationalDigits)])
            let diff = #"{"phoneCountry":["\#(before)","\#(country)"]}"#
            try Journal.audit(db, .update, entityType: "clinicSetting", "phoneCountry", diff: diff, success: true,
                              userId: session.userId, email: session.email, terminal: session.terminal, sshClient: session.sshClient)
        }
    }

    /// Patients whose phone (or emergency phone) is not a number in E.164: typed before numbers were read as numbers,
    /// and unreadable then. Alphabetical.
    public func patientsWithBadPhones(limit: Int = 50, offset: Int = 0, by session: Session) throws -> [Patient] {
        try session.require(.readPatients)
        let rows = try read { db in
            try Patient.fetchAll(db, sql: """
                SELECT * FROM patient WHERE (\(Self.badPhone("phone")) OR \(Self.badPhone("emergencyContactPhone")))
                ORDER BY sortKey, id LIMIT ? OFFSET ?
                """, arguments: [limit, offset])
        }
        return session.shown(rows)
    }

    /// SQL: the column holds something other than `+` and 8 to 15 digits.
    static func badPhone(_ column: String) -> String {
        "(\(column) IS NOT NULL AND (\(column) NOT GLOB '+[1-9]*' OR substr(\(column), 2) GLOB '*[^0-9]*' OR length(\(column)) NOT BETWEEN 9 AND 16))"
    }
}
