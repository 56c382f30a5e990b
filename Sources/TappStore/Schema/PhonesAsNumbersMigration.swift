import Foundation
import GRDB

/// Migration "v9 phones as numbers": the clinic's phone country (Cameroon, +237, 9 digits) and every patient's phone
/// and emergency phone rewritten in E.164, each change audited. A number that cannot be read is kept as typed
/// (`tapp patient list --bad-phones` lists them).
///
/// Its reading rule is a copy frozen here, not `PhoneNumber`: a shipped migration must do the same thing forever,
/// whatever the app's rule becomes.
enum PhonesAsNumbersMigration {
    static func run(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE clinicSetting (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            INSERT INTO clinicSetting (name, value) VALUES ('phoneCallingCode', '237'), ('phoneNationalDigits', '9');
            CREATE INDEX patient_phone ON patient(phone) WHERE phone IS NOT NULL;
            """)
        let at = String(ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: "T", with: " ").dropLast()) + ".000"
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, phone, emergencyContactPhone FROM patient WHERE phone IS NOT NULL OR emergencyContactPhone IS NOT NULL
            """)
        for row in rows {
            let id: String = row[0]
            let phone: String? = row[1], emergency: String? = row[2]
            let newPhone = phone.map { e164($0) ?? $0 }, newEmergency = emergency.map { e164($0) ?? $0 }
            guard newPhone != phone || newEmergency != emergency else { continue }
            try db.execute(sql: "UPDATE patient SET phone = ?, emergencyContactPhone = ? WHERE id = ?",
                           arguments: [newPhone, newEmergency, id])
            var diff: [String: [String?]] = [:]
            if newPhone != phone { diff["phone"] = [phone, newPhone] }
            if newEmergency != emergency { diff["emergencyContactPhone"] = [emergency, newEmergency] }
            let json = String(decoding: try JSONEncoder.sorted.encode(diff), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO auditLog (at, userEmail, action, entityType, entityId, diff, success)
                VALUES (?, 'system', 'UPDATE', 'patient', ?, ?, 1)
                """, arguments: [at, id, json])
        }
    }

    /// A Cameroonian number as typed, in E.164; nil when it cannot be read.
    static func e164(_ text: String) -> String? {
        var digits = ""
        var plus = false
        for (offset, c) in text.trimmingCharacters(in: .whitespaces).enumerated() {
            if c.isASCII, c.isNumber { digits.append(c) }
            else if c == "+", offset == 0 { plus = true }
            else if !" .-()/".contains(c) { return nil }
        }
        if !plus, digits.hasPrefix("00") {
            digits.removeFirst(2)
            plus = true
        }
        if digits.count == 12, digits.hasPrefix("237") { return "+" + digits }
        if plus { return (8...15).contains(digits.count) && !digits.hasPrefix("237") && !digits.hasPrefix("0") ? "+" + digits : nil }
        return digits.count == 9 ? "+237" + digits : nil
    }
}

private extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
