/// The server's schema for PostgreSQL: the same tables and columns as `SQLiteSchema`, in versions applied once each
/// and recorded in `schema_versions`. Names are written unquoted, so PostgreSQL folds them to lower case
/// (`fullname`); `PostgresRows` gives rows back their schema names. Text sorts byte by byte (`COLLATE "C"`), as in
/// SQLite, so lists come in the same order on both back-ends; flags stay 0/1 integers and instants ISO text, so the
/// same statements read both. Each table has a `rowid` (the order rows were made in, as SQLite's own rowid).
enum PostgresSchema {
    static let text = "TEXT COLLATE \"C\""

    static let versions: [(version: String, sql: String)] = [
        ("001 prisma schema", """
            CREATE TABLE organizations (id \(text) PRIMARY KEY, name \(text) NOT NULL, createdAt \(text) NOT NULL,
              updatedAt \(text) NOT NULL, rowid BIGSERIAL NOT NULL);
            CREATE TABLE users (
              id \(text) PRIMARY KEY, email \(text) NOT NULL UNIQUE, password \(text) NOT NULL, phone \(text),
              role \(text), timezone \(text) NOT NULL DEFAULT 'Africa/Douala', isActive INTEGER NOT NULL DEFAULT 1,
              organizationId \(text) REFERENCES organizations(id), createdAt \(text) NOT NULL, updatedAt \(text) NOT NULL,
              rowid BIGSERIAL NOT NULL);
            CREATE TABLE doctors (
              id \(text) PRIMARY KEY, userId \(text) NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
              speciality \(text), license \(text), createdAt \(text) NOT NULL, updatedAt \(text) NOT NULL,
              isActive INTEGER NOT NULL DEFAULT 1, rowid BIGSERIAL NOT NULL);
            CREATE TABLE people (
              id \(text) PRIMARY KEY, fullName \(text) NOT NULL, birthdate \(text), phone \(text), email \(text),
              address \(text), createdAt \(text) NOT NULL, updatedAt \(text) NOT NULL, rowid BIGSERIAL NOT NULL);
            CREATE TABLE person_organizations (
              personId \(text) NOT NULL REFERENCES people(id) ON DELETE CASCADE,
              orgId \(text) NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
              startAt \(text) NOT NULL, endAt \(text), role \(text), isActive INTEGER NOT NULL DEFAULT 1,
              createdAt \(text) NOT NULL, updatedAt \(text) NOT NULL, rowid BIGSERIAL NOT NULL, PRIMARY KEY (personId, orgId));
            CREATE TABLE consultations (
              id \(text) PRIMARY KEY, personId \(text) NOT NULL REFERENCES people(id),
              doctorId \(text) NOT NULL REFERENCES doctors(id), dateTimeUtc \(text) NOT NULL, notes \(text),
              attachments \(text), status \(text) NOT NULL DEFAULT 'COMPLETED', createdAt \(text) NOT NULL,
              updatedAt \(text) NOT NULL, rowid BIGSERIAL NOT NULL);
            CREATE TABLE interventions (
              id \(text) PRIMARY KEY, personId \(text) NOT NULL REFERENCES people(id),
              doctorId \(text) NOT NULL REFERENCES doctors(id), title \(text) NOT NULL, description \(text),
              scheduledAtUtc \(text) NOT NULL, priority \(text) NOT NULL DEFAULT 'NORMAL',
              status \(text) NOT NULL DEFAULT 'PLANNED', location \(text), createdAt \(text) NOT NULL,
              updatedAt \(text) NOT NULL, rowid BIGSERIAL NOT NULL);
            CREATE TABLE reminder_rules (
              id \(text) PRIMARY KEY, interventionId \(text) NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
              offsetMinutes BIGINT NOT NULL, channel \(text) NOT NULL, enabled INTEGER NOT NULL DEFAULT 1,
              createdAt \(text) NOT NULL DEFAULT '', updatedAt \(text) NOT NULL DEFAULT '', rowid BIGSERIAL NOT NULL,
              UNIQUE (interventionId, offsetMinutes, channel));
            CREATE TABLE reminders (
              id \(text) PRIMARY KEY, interventionId \(text) NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
              type \(text) NOT NULL, plannedSendUtc \(text) NOT NULL, message \(text), recipient \(text),
              status \(text) NOT NULL DEFAULT 'PENDING', lastError \(text), idempotencyKey \(text) NOT NULL UNIQUE,
              sentAt \(text), createdAt \(text) NOT NULL, updatedAt \(text) NOT NULL, rowid BIGSERIAL NOT NULL);
            CREATE TABLE notification_logs (
              id \(text) PRIMARY KEY, reminderId \(text) REFERENCES reminders(id) ON DELETE SET NULL, channel \(text) NOT NULL,
              "to" \(text) NOT NULL, payload \(text), status \(text) NOT NULL, providerMsgId \(text), error \(text),
              deliveredAt \(text), readAt \(text), createdAt \(text) NOT NULL, rowid BIGSERIAL NOT NULL);
            CREATE TABLE deliveries (
              idempotencyKey \(text) PRIMARY KEY, reminderId \(text) NOT NULL REFERENCES reminders(id) ON DELETE CASCADE,
              startedAt \(text) NOT NULL, finishedAt \(text), leaseUntil \(text) NOT NULL DEFAULT '', owner \(text),
              attempts INTEGER NOT NULL DEFAULT 1, rowid BIGSERIAL NOT NULL);
            """),
        ("002 list indexes", """
            CREATE INDEX people_order ON people(fullName, id);
            CREATE INDEX person_organizations_org ON person_organizations(orgId);
            CREATE INDEX consultations_person_date ON consultations(personId, dateTimeUtc);
            CREATE INDEX consultations_date ON consultations(dateTimeUtc);
            CREATE INDEX consultations_doctor ON consultations(doctorId);
            CREATE INDEX interventions_person ON interventions(personId);
            CREATE INDEX interventions_scheduled ON interventions(scheduledAtUtc);
            CREATE INDEX interventions_doctor ON interventions(doctorId);
            CREATE INDEX reminders_due ON reminders(status, plannedSendUtc);
            CREATE INDEX reminders_intervention ON reminders(interventionId);
            CREATE INDEX reminder_rules_intervention ON reminder_rules(interventionId);
            CREATE INDEX notification_logs_reminder ON notification_logs(reminderId);
            CREATE INDEX users_organization ON users(organizationId);
            CREATE INDEX deliveries_open ON deliveries(finishedAt, leaseUntil);
            CREATE INDEX deliveries_reminder ON deliveries(reminderId);
            """),
        ("003 people count", """
            CREATE TABLE row_counts (name \(text) PRIMARY KEY, n BIGINT NOT NULL);
            INSERT INTO row_counts SELECT 'people', count(*) FROM people;
            CREATE FUNCTION people_counted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE row_counts SET n = n + (CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END) WHERE name = 'people';
              RETURN NULL;
            END $$;
            CREATE TRIGGER people_counted AFTER INSERT OR DELETE ON people FOR EACH ROW EXECUTE FUNCTION people_counted();
            """),
        // Our server's extensions (issue 15): the changes feed's log, kept by triggers, and the idempotency keys.
        ("004 sync extensions", PostgresChangeLogSchema.sql + "\n" + IdempotencySchema.postgres),
    ]
}
