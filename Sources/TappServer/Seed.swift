import Foundation
import HummingbirdBcrypt
import TappDomain

/// The real server's seed (`apps/api/prisma/seed.ts`), row for row: `org_default`; the admin (a generated cuid) who
/// carries the only Doctor profile (a generated cuid); three people attached to the organization as EMPLOYEE; two
/// COMPLETED consultations 2 and 7 days ago without attachments; three PLANNED interventions in 1, 2 and 3 days
/// with their J-1 and H-1 SMS rules, plus an immediate (offset 0) one on the URGENT intervention; no reminder rows.
public enum Seed {
    struct Person {
        let id, fullName, birthdate, phone, email, address: String
    }

    static let people = [
        Person(id: "person_1", fullName: "Marie Nguema", birthdate: "1985-03-15", phone: "+237 6 98 76 54 32",
               email: "marie.nguema@email.com", address: "Quartier Akwa, Douala"),
        Person(id: "person_2", fullName: "Jean Mballa", birthdate: "1978-11-22", phone: "+237 6 55 44 33 22",
               email: "jean.mballa@email.com", address: "Quartier Bonanjo, Douala"),
        Person(id: "person_3", fullName: "Fatou Diallo", birthdate: "1992-07-08", phone: "+237 6 77 88 99 00",
               email: "fatou.diallo@email.com", address: "Quartier New Bell, Douala"),
    ]

    struct Planned {
        let person, title, description, location, priority: String
        let days: Int
    }

    static let interventions = [
        Planned(person: "person_1", title: "Visite à domicile - Suivi diabète", description: "Contrôle glycémique et adaptation du traitement",
                location: "Quartier Akwa, Douala", priority: "NORMAL", days: 1),
        Planned(person: "person_2", title: "Consultation urgente - Douleurs thoraciques", description: "Évaluation cardiaque urgente",
                location: "Hôpital Central de Douala", priority: "URGENT", days: 2),
        Planned(person: "person_3", title: "Vaccination - Rappel DTP", description: "Rappel vaccinal DTPolio",
                location: "Centre de santé New Bell", priority: "NORMAL", days: 3),
    ]

    static let consultations = [("person_1", 2, "Consultation de routine - Tension artérielle normale"),
                                ("person_2", 7, "Suivi post-opératoire - Cicatrisation normale")]

    public static func run(database: any ServerDatabase, now: Date = Date()) async throws {
        let stamp = Instants.stamp(now)
        let password = Bcrypt.hash("admin123", cost: 10)
        let userId = Cuid.make(), doctorId = Cuid.make()
        try await database.write { db in
            guard try await db.fetchValue("SELECT count(*) FROM users", as: Int.self) == 0 else {
                throw NestError.conflict("the database is already seeded")
            }
            try await db.execute("INSERT INTO organizations (id, name, createdAt, updatedAt) VALUES ('org_default', 'Hôpital Central de Douala', ?, ?)",
                                 [stamp, stamp])
            try await db.execute("""
                INSERT INTO users (id, email, password, phone, role, timezone, isActive, organizationId, createdAt, updatedAt)
                VALUES (?, 'admin@meditache.com', ?, '+237 6 12 34 56 78', 'ADMIN', 'Africa/Douala', 1, 'org_default', ?, ?)
                """, [userId, password, stamp, stamp])
            try await db.execute("""
                INSERT INTO doctors (id, userId, speciality, license, createdAt, updatedAt) VALUES (?, ?, 'Médecine Générale', 'MG001', ?, ?)
                """, [doctorId, userId, stamp, stamp])
            for person in people {
                // `new Date('1985-03-15')`: midnight UTC.
                try await db.execute("""
                    INSERT INTO people (id, fullName, birthdate, phone, email, address, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?)
                    """, [person.id, person.fullName, "\(person.birthdate)T00:00:00.000Z", person.phone, person.email,
                                     person.address, stamp, stamp])
                try await db.execute("""
                    INSERT INTO person_organizations (personId, orgId, role, isActive, startAt, createdAt, updatedAt)
                    VALUES (?, 'org_default', 'EMPLOYEE', 1, ?, ?, ?)
                    """, [person.id, stamp, stamp, stamp])
            }
            for (person, daysAgo, notes) in consultations {
                try await db.execute("""
                    INSERT INTO consultations (id, personId, doctorId, dateTimeUtc, notes, attachments, status, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, NULL, 'COMPLETED', ?, ?)
                    """, [Cuid.make(), person, doctorId, Instants.stamp(now.addingTimeInterval(-Double(daysAgo) * 86_400)),
                                     notes, stamp, stamp])
            }
            for planned in interventions {
                let id = Cuid.make()
                try await db.execute("""
                    INSERT INTO interventions (id, personId, doctorId, title, description, scheduledAtUtc, priority, status, location, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?)
                    """, [id, planned.person, doctorId, planned.title, planned.description,
                                     Instants.stamp(now.addingTimeInterval(Double(planned.days) * 86_400)), planned.priority,
                                     planned.location, stamp, stamp])
                for offset in planned.priority == "URGENT" ? [-1440, -60, 0] : [-1440, -60] {
                    try await db.execute("""
                        INSERT INTO reminder_rules (id, interventionId, offsetMinutes, channel, enabled, createdAt, updatedAt)
                        VALUES (?, ?, ?, 'SMS', 1, ?, ?)
                        """, [Cuid.make(), id, offset, stamp, stamp])
                }
            }
        }
    }
}
