import Foundation
import GRDB

/// The SQLite schema, mirroring the real server's Prisma schema, in versions applied once each (GRDB's migrator
/// records them in `grdb_migrations`). `PostgresSchema` is the same schema for PostgreSQL.
enum SQLiteSchema {
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
        migrator.registerMigration("v4 worker leases and list indexes") { db in
            // Several workers may share a database: a claim is a lease on the delivery (who, until when, how many
            // tries), taken over by another worker once it expires. The people list's order and total, and a person's
            // consultations and interventions, are served by indexes at a million people.
            try db.execute(sql: """
                ALTER TABLE deliveries ADD COLUMN leaseUntil TEXT NOT NULL DEFAULT '';
                ALTER TABLE deliveries ADD COLUMN owner TEXT;
                ALTER TABLE deliveries ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
                CREATE INDEX deliveries_open ON deliveries(finishedAt, leaseUntil);
                CREATE INDEX people_order ON people(fullName, id);
                DROP INDEX people_fullName;
                CREATE INDEX consultations_person_date ON consultations(personId, dateTimeUtc);
                DROP INDEX consultations_person;
                CREATE INDEX consultations_date ON consultations(dateTimeUtc);
                CREATE INDEX interventions_scheduled ON interventions(scheduledAtUtc);
                CREATE INDEX notification_logs_reminder ON notification_logs(reminderId);
                CREATE INDEX users_organization ON users(organizationId);
                CREATE TABLE row_counts (name TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL);
                INSERT INTO row_counts SELECT 'people', count(*) FROM people;
                CREATE TRIGGER people_counted_in AFTER INSERT ON people BEGIN UPDATE row_counts SET n = n + 1 WHERE name = 'people'; END;
                CREATE TRIGGER people_counted_out AFTER DELETE ON people BEGIN UPDATE row_counts SET n = n - 1 WHERE name = 'people'; END;
                """)
        }
        // Our server's extensions (issue 15): the changes feed's log, kept by triggers, and the idempotency keys. A
        // file made by the SQLite-only server of issue 15 has them already, as its "v4 sync extensions": merged here.
        migrator.registerMigration("v5 sync extensions", merging: ["v4 sync extensions"]) { db, applied in
            guard !applied.contains("v4 sync extensions") else { return }
            try db.execute(sql: SQLiteChangeLogSchema.sql)
            try db.execute(sql: IdempotencySchema.sqlite)
        }
        return migrator
    }

}
