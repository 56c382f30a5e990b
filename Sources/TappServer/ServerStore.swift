import Foundation
import GRDB
import TappDomain

/// The server's SQLite file, its schema mirroring the real server's Prisma schema. Instants are stored as the
/// API writes them (`2025-10-16T09:30:00.000Z`), so they sort as text and come back unchanged.
public struct ServerStore: Sendable {
    let pool: DatabasePool

    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        if !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) }
        }
        pool = try DatabasePool(path: path, configuration: config)
        try ServerStore.migrator.migrate(pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 prisma schema") { db in
            try db.execute(sql: """
                CREATE TABLE organizations (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL);
                CREATE TABLE users (
                  id TEXT PRIMARY KEY NOT NULL, email TEXT NOT NULL UNIQUE, password TEXT NOT NULL, phone TEXT,
                  role TEXT, timezone TEXT NOT NULL DEFAULT 'Africa/Douala', isActive INTEGER NOT NULL DEFAULT 1,
                  organizationId TEXT REFERENCES organizations(id), createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL);
                CREATE TABLE doctors (
                  id TEXT PRIMARY KEY NOT NULL, userId TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
                  speciality TEXT, license TEXT, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL);
                CREATE TABLE people (
                  id TEXT PRIMARY KEY NOT NULL, fullName TEXT NOT NULL, birthdate TEXT, phone TEXT, email TEXT, address TEXT,
                  createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL);
                CREATE INDEX people_fullName ON people(fullName);
                CREATE TABLE person_organizations (
                  id TEXT PRIMARY KEY NOT NULL, personId TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                  organizationId TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE, role TEXT,
                  isActive INTEGER NOT NULL DEFAULT 1, startAt TEXT NOT NULL, endAt TEXT, UNIQUE (personId, organizationId));
                CREATE TABLE consultations (
                  id TEXT PRIMARY KEY NOT NULL, personId TEXT NOT NULL REFERENCES people(id),
                  doctorId TEXT NOT NULL REFERENCES doctors(id), dateTimeUtc TEXT NOT NULL, notes TEXT,
                  attachments TEXT, status TEXT NOT NULL DEFAULT 'COMPLETED', createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL);
                CREATE TABLE interventions (
                  id TEXT PRIMARY KEY NOT NULL, personId TEXT NOT NULL REFERENCES people(id),
                  doctorId TEXT NOT NULL REFERENCES doctors(id), title TEXT NOT NULL, description TEXT,
                  scheduledAtUtc TEXT NOT NULL, priority TEXT NOT NULL DEFAULT 'NORMAL', status TEXT NOT NULL DEFAULT 'PLANNED',
                  location TEXT, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL);
                CREATE TABLE reminder_rules (
                  id TEXT PRIMARY KEY NOT NULL, interventionId TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
                  offsetMinutes INTEGER NOT NULL, channel TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1,
                  UNIQUE (interventionId, offsetMinutes, channel));
                CREATE TABLE reminders (
                  id TEXT PRIMARY KEY NOT NULL, interventionId TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
                  type TEXT NOT NULL, plannedSendUtc TEXT NOT NULL, message TEXT, recipient TEXT,
                  status TEXT NOT NULL DEFAULT 'PENDING', lastError TEXT, idempotencyKey TEXT NOT NULL UNIQUE, sentAt TEXT,
                  createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL);
                CREATE TABLE notification_logs (
                  id TEXT PRIMARY KEY NOT NULL, reminderId TEXT REFERENCES reminders(id) ON DELETE SET NULL, channel TEXT NOT NULL,
                  "to" TEXT NOT NULL, payload TEXT, status TEXT NOT NULL, providerMsgId TEXT, error TEXT,
                  deliveredAt TEXT, readAt TEXT, createdAt TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v2 deliveries") { db in
            // A reminder the worker has started to send: claimed before the provider is called, so that a crash
            // between sending and marking can never send it a second time.
            try db.execute(sql: """
                CREATE TABLE deliveries (
                  idempotencyKey TEXT PRIMARY KEY NOT NULL, reminderId TEXT NOT NULL REFERENCES reminders(id) ON DELETE CASCADE,
                  startedAt TEXT NOT NULL, finishedAt TEXT);
                CREATE INDEX reminders_due ON reminders(status, plannedSendUtc);
                """)
        }
        migrator.registerMigration("v3 prisma columns") { db in
            // The columns the real Prisma schema has and v1 lacked: a person's link to an organization is keyed by
            // (personId, orgId) and dated; doctors have isActive; reminder rules have their dates.
            try db.execute(sql: """
                CREATE TABLE person_organizations_v3 (
                  personId TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                  orgId TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                  startAt TEXT NOT NULL, endAt TEXT, role TEXT, isActive INTEGER NOT NULL DEFAULT 1,
                  createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, PRIMARY KEY (personId, orgId));
                INSERT INTO person_organizations_v3
                  SELECT personId, organizationId, startAt, endAt, role, isActive, startAt, coalesce(endAt, startAt) FROM person_organizations;
                DROP TABLE person_organizations;
                ALTER TABLE person_organizations_v3 RENAME TO person_organizations;
                CREATE INDEX person_organizations_org ON person_organizations(orgId);
                ALTER TABLE doctors ADD COLUMN isActive INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE reminder_rules ADD COLUMN createdAt TEXT NOT NULL DEFAULT '';
                ALTER TABLE reminder_rules ADD COLUMN updatedAt TEXT NOT NULL DEFAULT '';
                UPDATE reminder_rules SET createdAt = (SELECT createdAt FROM interventions WHERE id = interventionId),
                                          updatedAt = (SELECT createdAt FROM interventions WHERE id = interventionId);
                CREATE INDEX consultations_person ON consultations(personId);
                CREATE INDEX interventions_person ON interventions(personId);
                CREATE INDEX reminders_intervention ON reminders(interventionId);
                CREATE INDEX reminder_rules_intervention ON reminder_rules(interventionId);
                """)
        }
        migrator.registerMigration("v4 sync extensions") { db in
            // Our server's extensions (issue 15): the changes feed's log, kept by triggers, and the idempotency keys.
            try db.execute(sql: ChangeLogSchema.sql)
            try db.execute(sql: IdempotencySchema.sql)
        }
        return migrator
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try pool.read(body) }
    func write<T>(_ body: (Database) throws -> T) throws -> T { try pool.write(body) }

    /// Now, as the API writes instants.
    static func stamp(_ date: Date = Date()) -> String { Instant.utcString(date) }
}

extension Row {
    /// The row as a JSON object; `nil` values become JSON null, integer flags stay numbers unless named; `lists`
    /// (stored as JSON text) are read back as lists.
    func json(booleans: Set<String> = ["isActive", "enabled"], lists: Set<String> = ["attachments"]) -> [String: Any] {
        var object: [String: Any] = [:]
        for (column, value) in self {
            switch value.storage {
            case .null: object[column] = NSNull()
            case .int64(let number): object[column] = booleans.contains(column) ? (number != 0) as Any : number as Any
            case .double(let number): object[column] = number
            case .string(let text):
                // A list stored as JSON text is read back as the real server's `transformAttachments` reads it: an
                // empty text stays as it is, one that is not JSON is `[]`.
                if lists.contains(column), !text.isEmpty {
                    object[column] = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) ?? [Any]()
                } else {
                    object[column] = text
                }
            case .blob(let data): object[column] = data.base64EncodedString()
            }
        }
        return object
    }
}
