import GRDB

/// The schema's history. A shipped migration is never edited: a change is a new migration,
/// so an older file is upgraded in place when a newer `tapp` opens it.
enum ClinicMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 record") { db in try createRecord(db) }
        migrator.registerMigration("v2 patient search") { db in try createPatientSearch(db) }
        migrator.registerMigration("v3 reminder sending") { db in
            // When a failed reminder may be tried again, and the claim taken before a provider is called, so that
            // a crash between sending and marking never sends twice.
            try db.execute(sql: """
                ALTER TABLE reminder ADD COLUMN nextAttemptAt DATETIME;
                CREATE TABLE reminderDelivery (
                  reminderId TEXT NOT NULL REFERENCES reminder(id) ON DELETE CASCADE,
                  attempt INTEGER NOT NULL, startedAt DATETIME NOT NULL, finishedAt DATETIME,
                  PRIMARY KEY (reminderId, attempt));
                """)
        }
        migrator.registerMigration("v4 sync account") { db in
            // The TappPlus server this clinic syncs with, and the sign-in that lasts (never the password).
            try db.execute(sql: """
                CREATE TABLE syncAccount (
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  serverURL TEXT NOT NULL, email TEXT NOT NULL, insecure BOOLEAN NOT NULL DEFAULT 0,
                  userServerId TEXT, doctorServerId TEXT, role TEXT,
                  reminderOwner TEXT NOT NULL DEFAULT 'server' CHECK (reminderOwner IN ('server', 'clinic')),
                  refreshToken TEXT NOT NULL, refreshExpiresAt DATETIME NOT NULL,
                  signedInAt DATETIME NOT NULL, lastSuccessAt DATETIME);
                """)
        }
        migrator.registerMigration("v5 sync pull") { db in
            // The server's `updatedAt` last seen for each synced record (pulled, or answered to a push), so that a pull
            // tells a change made on the server from one made here; and the records changed on both sides, kept both
            // until a person picks.
            try db.execute(sql: """
                CREATE TABLE syncSeen (
                  entityKind TEXT NOT NULL, serverId TEXT NOT NULL, localId TEXT NOT NULL, serverUpdatedAt TEXT NOT NULL,
                  PRIMARY KEY (entityKind, serverId));
                CREATE TABLE syncConflict (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, entityKind TEXT NOT NULL, localId TEXT NOT NULL,
                  serverId TEXT NOT NULL, serverUpdatedAt TEXT NOT NULL, serverPayload TEXT NOT NULL,
                  detectedAt DATETIME NOT NULL, resolvedAt DATETIME, resolution TEXT CHECK (resolution IN ('local', 'server')));
                CREATE UNIQUE INDEX syncConflict_open ON syncConflict(entityKind, localId) WHERE resolvedAt IS NULL;
                """)
        }
        migrator.registerMigration("v6 audit indexes") { db in
            // The audit log's indexes as its two questions ask them: one record's entries (`tapp audit --patient`
            // names entity ids only), and an account's recent failed sign-ins (the lock-out). The second index holds
            // failed sign-ins only, so the entries every change writes add one index entry, not two.
            try db.execute(sql: """
                DROP INDEX auditLog_entity;
                DROP INDEX auditLog_login;
                CREATE INDEX auditLog_entityId ON auditLog(entityId);
                CREATE INDEX auditLog_failedLogin ON auditLog(userId, at) WHERE action = 'LOGIN' AND success = 0;
                """)
        }
        migrator.registerMigration("v7 phone runs of three") { db in
            // Phone numbers indexed as their runs of three digits, and kept whole in an unindexed column to check a
            // longer run against: every suffix of every number made FTS5 keep hundreds of thousands of words.
            try db.execute(sql: """
                DROP TABLE patientSearch;
                CREATE VIRTUAL TABLE patientSearch USING fts5(
                  names, phone, email, phoneDigits UNINDEXED,
                  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = 'column');
                """)
            try PatientSearchIndex.rebuildAll(db)
        }
        migrator.registerMigration("v8 sign-in locks by email") { db in
            // Failed sign-ins are counted, and accounts locked, by the email typed, whether or not a user has it:
            // an unknown email must answer as a known one does, "locked" included. The lock-out's question is now
            // asked by email, so v6's index by user id goes.
            try db.execute(sql: """
                DROP INDEX auditLog_failedLogin;
                CREATE INDEX auditLog_failedLoginEmail ON auditLog(lower(userEmail), at) WHERE action = 'LOGIN' AND success = 0;
                CREATE TABLE signInLock (email TEXT PRIMARY KEY, lockedUntil DATETIME NOT NULL);
                """)
        }
        migrator.registerMigration("v9 phones as numbers") { db in try PhonesAsNumbersMigration.run(db) }
        migrator.registerMigration("v10 one patient one record") { db in
            // A merged patient stays, pointing at the one kept (its id still opens that record); each merge keeps a
            // snapshot of both records and what was moved, so that it can be undone; pairs a person said are two
            // people are not offered again. The desk check looks patients up by birth date and email.
            try db.execute(sql: """
                ALTER TABLE patient ADD COLUMN mergedInto TEXT REFERENCES patient(id);
                CREATE INDEX patient_mergedInto ON patient(mergedInto) WHERE mergedInto IS NOT NULL;
                CREATE INDEX patient_dateOfBirth ON patient(dateOfBirth) WHERE dateOfBirth IS NOT NULL;
                CREATE INDEX patient_email ON patient(email) WHERE email IS NOT NULL;
                CREATE TABLE patientMerge (
                  id TEXT PRIMARY KEY NOT NULL,
                  keptId TEXT NOT NULL REFERENCES patient(id), mergedId TEXT NOT NULL REFERENCES patient(id),
                  keptBefore TEXT NOT NULL, mergedBefore TEXT NOT NULL, moved TEXT NOT NULL,
                  mergedAt DATETIME NOT NULL, mergedBy TEXT NOT NULL, undoneAt DATETIME, undoneBy TEXT);
                CREATE INDEX patientMerge_pair ON patientMerge(keptId, mergedId);
                CREATE TABLE duplicateDismissal (
                  firstId TEXT NOT NULL, secondId TEXT NOT NULL, dismissedAt DATETIME NOT NULL, dismissedBy TEXT NOT NULL,
                  PRIMARY KEY (firstId, secondId), CHECK (firstId < secondId));
                """)
        }
        migrator.registerMigration("v11 sound-alike search") { db in
            // How names sound (French sound-alike keys), for the forgiving type-ahead, in a full-text table of its own
            // under the same row ids as `patientSearch` (which the exact search reads, unchanged); and the words of
            // `patientSearch`, to find those one typing slip away and to suggest "did you mean".
            try db.execute(sql: """
                CREATE VIRTUAL TABLE patientSounds USING fts5(
                  sounds, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = 'none');
                CREATE VIRTUAL TABLE patientSearchWords USING fts5vocab(patientSearch, 'col');
                """)
            try PatientSearchIndex.rebuildSounds(db)
        }
        migrator.registerMigration("v12 sync progress") { db in
            // Per server: where its changes feed was read up to, the pace it allows (given or learned), and how fast
            // the last push went, so that a run starts where the last stopped and `sync status` can say how long is left.
            try db.execute(sql: """
                CREATE TABLE syncProgress (
                  serverURL TEXT PRIMARY KEY NOT NULL, changesCursor TEXT, paceLimit INTEGER, paceWindow REAL,
                  batchLimit INTEGER, pushRate REAL, measuredAt DATETIME);
                """)
        }
        return migrator
    }

    /// Every entity, the audit log (append-only) and the change queue.
    static func createRecord(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE organization (
              id TEXT PRIMARY KEY NOT NULL, serverId TEXT,
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              address TEXT, phone TEXT, email TEXT,
              timezone TEXT NOT NULL DEFAULT 'Africa/Douala',
              version INTEGER NOT NULL DEFAULT 1, createdAt DATETIME NOT NULL, updatedAt DATETIME NOT NULL);

            CREATE TABLE user (
              id TEXT PRIMARY KEY NOT NULL, serverId TEXT,
              email TEXT NOT NULL UNIQUE COLLATE NOCASE,
              firstName TEXT NOT NULL CHECK (length(trim(firstName)) > 0),
              lastName TEXT NOT NULL CHECK (length(trim(lastName)) > 0),
              phone TEXT,
              role TEXT NOT NULL CHECK (role IN ('ADMIN','DOCTOR','NURSE','RECEPTIONIST')),
              timezone TEXT NOT NULL DEFAULT 'Africa/Douala',
              passwordHash TEXT NOT NULL,
              isActive BOOLEAN NOT NULL DEFAULT 1,
              organizationId TEXT NOT NULL REFERENCES organization(id),
              osUser TEXT UNIQUE,
              lockedUntil DATETIME,
              version INTEGER NOT NULL DEFAULT 1, createdAt DATETIME NOT NULL, updatedAt DATETIME NOT NULL);

            CREATE TABLE doctor (
              id TEXT PRIMARY KEY NOT NULL, serverId TEXT,
              userId TEXT NOT NULL UNIQUE REFERENCES user(id) ON DELETE CASCADE,
              speciality TEXT, license TEXT,
              version INTEGER NOT NULL DEFAULT 1, createdAt DATETIME NOT NULL, updatedAt DATETIME NOT NULL);

            CREATE TABLE patient (
              id TEXT PRIMARY KEY NOT NULL, serverId TEXT,
              firstName TEXT NOT NULL CHECK (length(trim(firstName)) > 0),
              lastName TEXT NOT NULL CHECK (length(trim(lastName)) > 0),
              dateOfBirth TEXT CHECK (dateOfBirth IS NULL OR date(dateOfBirth) = dateOfBirth),
              phone TEXT, email TEXT, address TEXT,
              bloodType TEXT CHECK (bloodType IS NULL OR bloodType IN ('A+','A-','B+','B-','AB+','AB-','O+','O-')),
              medicalNotes TEXT,
              notificationChannels TEXT NOT NULL DEFAULT '["SMS"]',
              emergencyContactName TEXT, emergencyContactPhone TEXT,
              sortKey TEXT NOT NULL DEFAULT '',
              version INTEGER NOT NULL DEFAULT 1, createdAt DATETIME NOT NULL, updatedAt DATETIME NOT NULL, updatedBy TEXT);
            CREATE INDEX patient_sortKey ON patient(sortKey);

            CREATE TABLE patientOrganization (
              id TEXT PRIMARY KEY NOT NULL,
              patientId TEXT NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
              organizationId TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
              role TEXT, isActive BOOLEAN NOT NULL DEFAULT 1, startAt DATETIME NOT NULL, endAt DATETIME,
              UNIQUE (patientId, organizationId));

            CREATE TABLE consultation (
              id TEXT PRIMARY KEY NOT NULL, serverId TEXT,
              patientId TEXT NOT NULL REFERENCES patient(id),
              doctorId TEXT NOT NULL REFERENCES doctor(id),
              dateTime DATETIME NOT NULL,
              reason TEXT, diagnosis TEXT, treatment TEXT, notes TEXT,
              attachments TEXT NOT NULL DEFAULT '[]',
              status TEXT NOT NULL CHECK (status IN ('SCHEDULED','COMPLETED','CANCELLED')),
              version INTEGER NOT NULL DEFAULT 1, createdAt DATETIME NOT NULL, updatedAt DATETIME NOT NULL, updatedBy TEXT);
            CREATE INDEX consultation_patient ON consultation(patientId, dateTime);
            CREATE INDEX consultation_dateTime ON consultation(dateTime);

            CREATE TABLE intervention (
              id TEXT PRIMARY KEY NOT NULL, serverId TEXT,
              patientId TEXT NOT NULL REFERENCES patient(id),
              doctorId TEXT NOT NULL REFERENCES doctor(id),
              organizationId TEXT NOT NULL REFERENCES organization(id),
              title TEXT NOT NULL CHECK (length(trim(title)) > 0),
              description TEXT,
              scheduledAt DATETIME NOT NULL,
              priority TEXT NOT NULL CHECK (priority IN ('NORMAL','URGENT')),
              status TEXT NOT NULL CHECK (status IN ('PLANNED','IN_PROGRESS','DONE','CANCELED')),
              location TEXT,
              version INTEGER NOT NULL DEFAULT 1, createdAt DATETIME NOT NULL, updatedAt DATETIME NOT NULL, updatedBy TEXT);
            CREATE INDEX intervention_patient ON intervention(patientId, scheduledAt);
            CREATE INDEX intervention_scheduledAt ON intervention(scheduledAt);

            CREATE TABLE reminderRule (
              id TEXT PRIMARY KEY NOT NULL, serverId TEXT,
              interventionId TEXT NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
              offsetMinutes INTEGER NOT NULL,
              channel TEXT NOT NULL CHECK (channel IN ('SMS','EMAIL','PUSH')),
              enabled BOOLEAN NOT NULL DEFAULT 1,
              UNIQUE (interventionId, offsetMinutes, channel));

            CREATE TABLE reminder (
              id TEXT PRIMARY KEY NOT NULL, serverId TEXT,
              interventionId TEXT NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
              channel TEXT NOT NULL CHECK (channel IN ('SMS','EMAIL','PUSH')),
              plannedSendAt DATETIME NOT NULL,
              message TEXT, recipient TEXT,
              status TEXT NOT NULL CHECK (status IN ('PENDING','SENT','FAILED','CANCELLED','CONFIRMED')),
              lastError TEXT,
              idempotencyKey TEXT NOT NULL UNIQUE,
              sentAt DATETIME,
              attempts INTEGER NOT NULL DEFAULT 0,
              version INTEGER NOT NULL DEFAULT 1, createdAt DATETIME NOT NULL, updatedAt DATETIME NOT NULL);
            CREATE INDEX reminder_due ON reminder(status, plannedSendAt);
            CREATE INDEX reminder_intervention ON reminder(interventionId);

            CREATE TABLE notificationLog (
              id TEXT PRIMARY KEY NOT NULL,
              reminderId TEXT REFERENCES reminder(id) ON DELETE SET NULL,
              channel TEXT NOT NULL CHECK (channel IN ('SMS','EMAIL','PUSH')),
              "to" TEXT NOT NULL, payload TEXT,
              status TEXT NOT NULL CHECK (status IN ('SENT','FAILED','DELIVERED','READ')),
              providerMsgId TEXT, error TEXT, deliveredAt DATETIME, readAt DATETIME, createdAt DATETIME NOT NULL);

            CREATE TABLE auditLog (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              at DATETIME NOT NULL,
              userId TEXT, userEmail TEXT,
              action TEXT NOT NULL CHECK (action IN ('CREATE','UPDATE','DELETE','VIEW','LOGIN')),
              entityType TEXT NOT NULL, entityId TEXT,
              diff TEXT,
              success BOOLEAN NOT NULL DEFAULT 1,
              terminal TEXT, sshClient TEXT);
            CREATE INDEX auditLog_entity ON auditLog(entityType, entityId);
            CREATE INDEX auditLog_login ON auditLog(action, userEmail, at);
            CREATE TRIGGER auditLog_no_update BEFORE UPDATE ON auditLog
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be changed'); END;
            CREATE TRIGGER auditLog_no_delete BEFORE DELETE ON auditLog
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be deleted'); END;

            CREATE TABLE changeQueue (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              entityKind TEXT NOT NULL,
              entityId TEXT NOT NULL,
              operation TEXT NOT NULL CHECK (operation IN ('CREATE','UPDATE','DELETE')),
              payload TEXT NOT NULL,
              createdAt DATETIME NOT NULL,
              userEmail TEXT,
              state TEXT NOT NULL DEFAULT \(QueueState.pending.sql) CHECK (state IN \(QueueState.sql(.pending, .sent, .refused, .conflict, .discarded))),
              attempts INTEGER NOT NULL DEFAULT 0,
              lastError TEXT);
            CREATE INDEX changeQueue_state ON changeQueue(state, seq);
            CREATE INDEX changeQueue_entity ON changeQueue(entityKind, entityId);
            -- The server's ids, once synced: unique, and no index entry for the rows never synced.
            CREATE UNIQUE INDEX organization_serverId ON organization(serverId) WHERE serverId IS NOT NULL;
            CREATE UNIQUE INDEX user_serverId ON user(serverId) WHERE serverId IS NOT NULL;
            CREATE UNIQUE INDEX doctor_serverId ON doctor(serverId) WHERE serverId IS NOT NULL;
            CREATE UNIQUE INDEX patient_serverId ON patient(serverId) WHERE serverId IS NOT NULL;
            CREATE UNIQUE INDEX consultation_serverId ON consultation(serverId) WHERE serverId IS NOT NULL;
            CREATE UNIQUE INDEX intervention_serverId ON intervention(serverId) WHERE serverId IS NOT NULL;
            CREATE UNIQUE INDEX reminderRule_serverId ON reminderRule(serverId) WHERE serverId IS NOT NULL;
            CREATE UNIQUE INDEX reminder_serverId ON reminder(serverId) WHERE serverId IS NOT NULL;
            """)
    }

    /// The full-text index behind type-ahead search; filled from the patients already in an older file.
    static func createPatientSearch(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE patientSearch USING fts5(
              names, phone, email,
              tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = 'column');
            ALTER TABLE patient ADD COLUMN searchKey INTEGER;
            CREATE UNIQUE INDEX patient_searchKey ON patient(searchKey);
            """)
        // Patients already in an older file: search keys in alphabetical order. The index itself is filled by
        // "v7 phone runs of three", which makes it again in its present shape.
        let rows = try Row.fetchAll(db, sql: "SELECT id, sortKey FROM patient ORDER BY sortKey, id")
        for row in rows {
            let key = try PatientSearchIndex.allocateKey(db, sortKey: row[1])
            try db.execute(sql: "UPDATE patient SET searchKey = ? WHERE id = ?", arguments: [key, row[0] as String])
        }
    }
}
