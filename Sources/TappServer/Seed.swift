import Foundation
import GRDB
import HummingbirdBcrypt
import TappDomain

/// The real server's seed: `org_default`, the admin who carries the only Doctor profile, three people
/// attached to the organization, two past consultations and three planned interventions with their rules.
public enum Seed {
    public static func run(databasePath: String, now: Date = Date()) throws {
        let store = try ServerStore(path: databasePath)
        let stamp = ServerStore.stamp(now)
        let password = Bcrypt.hash("admin123", cost: 10)
        try store.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM users") == 0 else {
                throw NestError.conflict("the database is already seeded")
            }
            try db.execute(sql: "INSERT INTO organizations VALUES ('org_default', 'Hôpital Central de Douala', ?, ?)", arguments: [stamp, stamp])
            try db.execute(sql: """
                INSERT INTO users (id, email, password, phone, role, timezone, isActive, organizationId, createdAt, updatedAt)
                VALUES ('user_admin', 'admin@meditache.com', ?, '+237600000000', 'ADMIN', 'Africa/Douala', 1, 'org_default', ?, ?)
                """, arguments: [password, stamp, stamp])
            try db.execute(sql: """
                INSERT INTO doctors (id, userId, speciality, license, createdAt, updatedAt)
                VALUES ('doctor_1', 'user_admin', 'Médecine Générale', 'MG001', ?, ?)
                """, arguments: [stamp, stamp])
            let people = [("person_1", "Marie Nguema", "1985-03-15", "+237690000001", "marie.nguema@email.com"),
                          ("person_2", "Jean Mballa", "1978-07-22", "+237690000002", "jean.mballa@email.com"),
                          ("person_3", "Fatou Diallo", "1992-11-08", "+237690000003", "fatou.diallo@email.com")]
            for (id, name, birth, phone, email) in people {
                try db.execute(sql: """
                    INSERT INTO people (id, fullName, birthdate, phone, email, address, createdAt, updatedAt) VALUES (?,?,?,?,?,'Douala, Cameroun',?,?)
                    """, arguments: [id, name, "\(birth)T00:00:00.000Z", phone, email, stamp, stamp])
                try db.execute(sql: """
                    INSERT INTO person_organizations (personId, orgId, role, isActive, startAt, createdAt, updatedAt)
                    VALUES (?, 'org_default', 'PATIENT', 1, ?, ?, ?)
                    """, arguments: [id, stamp, stamp, stamp])
            }
            for (index, person) in ["person_1", "person_2"].enumerated() {
                try db.execute(sql: """
                    INSERT INTO consultations (id, personId, doctorId, dateTimeUtc, notes, attachments, status, createdAt, updatedAt)
                    VALUES (?, ?, 'doctor_1', ?, ?, '[]', 'COMPLETED', ?, ?)
                    """, arguments: [Cuid.make(), person, ServerStore.stamp(now.addingTimeInterval(-Double(index + 1) * 7 * 86_400)),
                                     index == 0 ? "Consultation de routine" : "Suivi tension artérielle", stamp, stamp])
            }
            let planned = [("person_1", "Vaccination", 1, "NORMAL"), ("person_2", "Examen de contrôle", 2, "URGENT"),
                           ("person_3", "Consultation de suivi", 3, "NORMAL")]
            for (person, title, days, priority) in planned {
                let id = Cuid.make()
                try db.execute(sql: """
                    INSERT INTO interventions (id, personId, doctorId, title, description, scheduledAtUtc, priority, status, location, createdAt, updatedAt)
                    VALUES (?, ?, 'doctor_1', ?, NULL, ?, ?, 'PLANNED', 'Hôpital Central de Douala', ?, ?)
                    """, arguments: [id, person, title, ServerStore.stamp(now.addingTimeInterval(Double(days) * 86_400)), priority, stamp, stamp])
                for offset in [-1440, -60] {
                    try db.execute(sql: """
                        INSERT INTO reminder_rules (id, interventionId, offsetMinutes, channel, enabled, createdAt, updatedAt)
                        VALUES (?, ?, ?, 'SMS', 1, ?, ?)
                        """, arguments: [Cuid.make(), id, offset, stamp, stamp])
                }
            }
        }
    }
}
