/// The table of idempotency keys, in the database so that every instance on it shares them: the key per user, the
/// fingerprint of the request that claimed it, when (seconds since 1970), then its answer's status and body (the
/// body's bytes written in base64: text on both back-ends, and what SQLite gives back for the BLOBs the SQLite-only
/// server of issue 15 wrote).
enum IdempotencySchema {
    static let sqlite = """
        CREATE TABLE idempotency_keys (
          userId TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, claimedAt REAL NOT NULL,
          status INTEGER, body BLOB, PRIMARY KEY (userId, key)) WITHOUT ROWID;
        CREATE INDEX idempotency_keys_claimed ON idempotency_keys(claimedAt);
        """

    static let postgres = """
        CREATE TABLE idempotency_keys (
          userId \(PostgresSchema.text) NOT NULL, key \(PostgresSchema.text) NOT NULL, fingerprint \(PostgresSchema.text) NOT NULL,
          claimedAt DOUBLE PRECISION NOT NULL, status INTEGER, body TEXT, PRIMARY KEY (userId, key));
        CREATE INDEX idempotency_keys_claimed ON idempotency_keys(claimedAt);
        """
}
