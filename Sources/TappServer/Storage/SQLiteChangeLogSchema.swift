import Foundation

/// The changes feed's log (`GET /sync/changes`) in the SQLite file: one row per record that ever changed, with the sequence number of
/// its latest change, so that reading after a cursor walks the primary key and meets each record once. SQL triggers
/// keep it, so that every write path is covered, future ones included: a person, a consultation or an intervention
/// written; an intervention's rules, reminders or their notification logs written (a change of the intervention); a
/// person's organization links written (a change of the person). A deleted record keeps its row as a tombstone.
/// SQLite has one writer at a time, so the log's order is the order of commits. `PostgresChangeLogSchema` is the
/// same log for PostgreSQL.
enum SQLiteChangeLogSchema {
    /// The kinds of the feed, as `Change.Kind` spells them, with their tables.
    static let tables = [("person", "people"), ("consultation", "consultations"), ("intervention", "interventions")]

    /// Moves a record's row to the end of the log: the old one deleted first, so that the insert cannot conflict
    /// whatever conflict policy the statement that fired the trigger has.
    static func touch(_ kind: String, _ id: String, deleted: Bool, when: String? = nil) -> String {
        let guardClause = when.map { " WHERE \($0)" } ?? ""
        return """
            DELETE FROM changes WHERE kind = '\(kind)' AND recordId = \(id)\(when.map { " AND \($0)" } ?? "");
              INSERT INTO changes (kind, recordId, deleted) SELECT '\(kind)', \(id), \(deleted ? 1 : 0)\(guardClause);
            """
    }

    static var sql: String {
        var sql = """
            CREATE TABLE changes (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, recordId TEXT NOT NULL, deleted INTEGER NOT NULL,
              UNIQUE (kind, recordId));

            """
        for (kind, table) in tables {
            sql += """
                INSERT INTO changes (kind, recordId, deleted) SELECT '\(kind)', id, 0 FROM \(table) ORDER BY createdAt, rowid;
                CREATE TRIGGER changes_\(table)_insert AFTER INSERT ON \(table) BEGIN \(touch(kind, "NEW.id", deleted: false)) END;
                CREATE TRIGGER changes_\(table)_update AFTER UPDATE ON \(table) BEGIN
                  \(touch(kind, "OLD.id", deleted: true, when: "OLD.id <> NEW.id"))
                  \(touch(kind, "NEW.id", deleted: false)) END;
                CREATE TRIGGER changes_\(table)_delete AFTER DELETE ON \(table) BEGIN \(touch(kind, "OLD.id", deleted: true)) END;

                """
        }
        // An intervention's parts: a change of the intervention while it exists (when it is deleted with them, its
        // tombstone stays the last word).
        let intervention = { (id: String) in
            touch("intervention", id, deleted: false, when: "EXISTS (SELECT 1 FROM interventions WHERE id = \(id))")
        }
        for table in ["reminder_rules", "reminders"] {
            sql += """
                CREATE TRIGGER changes_\(table)_insert AFTER INSERT ON \(table) BEGIN \(intervention("NEW.interventionId")) END;
                CREATE TRIGGER changes_\(table)_update AFTER UPDATE ON \(table) BEGIN
                  \(intervention("OLD.interventionId")) \(intervention("NEW.interventionId")) END;
                CREATE TRIGGER changes_\(table)_delete AFTER DELETE ON \(table) BEGIN \(intervention("OLD.interventionId")) END;

                """
        }
        let logged = { (reminder: String) in intervention("(SELECT interventionId FROM reminders WHERE id = \(reminder))") }
        sql += """
            CREATE TRIGGER changes_notification_logs_insert AFTER INSERT ON notification_logs WHEN NEW.reminderId IS NOT NULL
              BEGIN \(logged("NEW.reminderId")) END;
            CREATE TRIGGER changes_notification_logs_update AFTER UPDATE ON notification_logs WHEN NEW.reminderId IS NOT NULL
              BEGIN \(logged("NEW.reminderId")) END;

            """
        // A person's organization links are part of the person.
        let person = { (id: String) in touch("person", id, deleted: false, when: "EXISTS (SELECT 1 FROM people WHERE id = \(id))") }
        sql += """
            CREATE TRIGGER changes_person_organizations_insert AFTER INSERT ON person_organizations BEGIN \(person("NEW.personId")) END;
            CREATE TRIGGER changes_person_organizations_update AFTER UPDATE ON person_organizations BEGIN
              \(person("OLD.personId")) \(person("NEW.personId")) END;
            CREATE TRIGGER changes_person_organizations_delete AFTER DELETE ON person_organizations BEGIN \(person("OLD.personId")) END;
            """
        return sql
    }
}
