/// The changes feed's log (`GET /sync/changes`) in PostgreSQL: the same table and the same events as
/// `SQLiteChangeLogSchema`, kept by plpgsql trigger functions.
///
/// Its order is the order of commits. PostgreSQL hands out sequence numbers when asked, not when the transaction
/// commits: a transaction that took 9 may commit after the one that took 10, and a reader that had already moved its
/// cursor past 10 would never see 9. So the triggers are constraint triggers deferred to the commit, and each first
/// takes a transaction-level advisory lock (`pg_advisory_xact_lock`) before it takes the next number: from then on
/// until its commit is visible (PostgreSQL lets such a lock go only after that), no other transaction numbers its
/// changes. Numbers are given in commit order, and a reader only ever sees a prefix of them. Taken at commit, after
/// every row lock of the transaction, the lock cannot join a deadlock: its holder only writes `changes` rows then,
/// which no waiting transaction holds. The cost: transactions that change records commit one at a time (the lock
/// spans their trigger work and their commit's WAL flush); reads, and writes of other tables, are not held.
enum PostgresChangeLogSchema {
    static let text = PostgresSchema.text
    /// The advisory lock's key (the migration's own lock is 7517001).
    static let lockKey = 7_517_002

    static var sql: String {
        var sql = """
            CREATE SEQUENCE changes_seq;
            CREATE TABLE changes (
              seq BIGINT PRIMARY KEY DEFAULT nextval('changes_seq'), kind \(text) NOT NULL, recordId \(text) NOT NULL,
              deleted INTEGER NOT NULL, UNIQUE (kind, recordId));
            ALTER SEQUENCE changes_seq OWNED BY changes.seq;

            """
        for (kind, table) in SQLiteChangeLogSchema.tables {
            sql += "INSERT INTO changes (kind, recordId, deleted) SELECT '\(kind)', id, 0 FROM \(table) ORDER BY createdAt, rowid;\n"
        }
        sql += """
            CREATE FUNCTION changes_touch(touched TEXT, touchedId TEXT, gone INTEGER) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_advisory_xact_lock(\(lockKey));
              INSERT INTO changes (seq, kind, recordId, deleted) VALUES (nextval('changes_seq'), touched, touchedId, gone)
                ON CONFLICT (kind, recordId) DO UPDATE SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted;
            END $$;
            CREATE FUNCTION changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                PERFORM changes_touch(TG_ARGV[0], OLD.id, 1);
                RETURN NULL;
              END IF;
              IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
                PERFORM changes_touch(TG_ARGV[0], OLD.id, 1);
              END IF;
              PERFORM changes_touch(TG_ARGV[0], NEW.id, 0);
              RETURN NULL;
            END $$;
            CREATE FUNCTION changes_intervention(interventionKey TEXT) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              IF interventionKey IS NOT NULL AND EXISTS (SELECT 1 FROM interventions WHERE id = interventionKey) THEN
                PERFORM changes_touch('intervention', interventionKey, 0);
              END IF;
            END $$;
            CREATE FUNCTION changes_intervention_part() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'INSERT' THEN
                PERFORM changes_intervention(OLD.interventionId);
              END IF;
              IF TG_OP <> 'DELETE' THEN
                PERFORM changes_intervention(NEW.interventionId);
              END IF;
              RETURN NULL;
            END $$;
            CREATE FUNCTION changes_notification_log() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.reminderId IS NOT NULL THEN
                PERFORM changes_intervention((SELECT interventionId FROM reminders WHERE id = NEW.reminderId));
              END IF;
              RETURN NULL;
            END $$;
            CREATE FUNCTION changes_person_link() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM people WHERE id = OLD.personId) THEN
                PERFORM changes_touch('person', OLD.personId, 0);
              END IF;
              IF TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM people WHERE id = NEW.personId) THEN
                PERFORM changes_touch('person', NEW.personId, 0);
              END IF;
              RETURN NULL;
            END $$;

            """
        // Deferred to the commit: see above. An event whose record is gone by then is still written (as SQLite's
        // trigger would have); the feed answers a live row whose record is gone with a tombstone.
        let deferred = "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
        for (kind, table) in SQLiteChangeLogSchema.tables {
            sql += """
                CREATE CONSTRAINT TRIGGER changes_\(table) AFTER INSERT OR UPDATE OR DELETE ON \(table) \(deferred)
                  EXECUTE FUNCTION changes_record('\(kind)');

                """
        }
        for table in ["reminder_rules", "reminders"] {
            sql += """
                CREATE CONSTRAINT TRIGGER changes_\(table) AFTER INSERT OR UPDATE OR DELETE ON \(table) \(deferred)
                  EXECUTE FUNCTION changes_intervention_part();

                """
        }
        sql += """
            CREATE CONSTRAINT TRIGGER changes_notification_logs AFTER INSERT OR UPDATE ON notification_logs \(deferred)
              EXECUTE FUNCTION changes_notification_log();
            CREATE CONSTRAINT TRIGGER changes_person_organizations AFTER INSERT OR UPDATE OR DELETE ON person_organizations \(deferred)
              EXECUTE FUNCTION changes_person_link();
            """
        return sql
    }
}
