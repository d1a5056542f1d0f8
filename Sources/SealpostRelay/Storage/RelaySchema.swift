import GRDB

/// The SQLite schema, as GRDB migrations. A migration that has shipped is never edited: a change
/// is a new migration appended here.
///
///     envelope       one row per envelope id ever accepted and not yet forgotten (the tombstone
///                    that keeps a re-deposit a duplicate); `waiting` counts the copies still waiting
///     body           the envelope's bytes, while any copy still waits (v1; replaced by v3)
///     delivery       one row per (envelope, mailbox): 0 waiting, 1 deleted by the recipient, 2 expired
///     mailbox_usage  what waits per mailbox, for the quota
///     agreement_edition  the newest agreement edition the relay accepted, per agreement id (v2)
///     deposit_body   one row per body, being received (`seq` NULL) or an envelope's, while any
///                    copy still waits (v3)
///     deposit_chunk  a body's bytes in chunks of at most 1 MiB, `part` 0, 1, ... in order (v3)
enum RelaySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: envelopes, bodies, deliveries, usage") { db in
            try db.execute(sql: """
                CREATE TABLE envelope (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id BLOB NOT NULL UNIQUE CHECK (length(id) = 32),
                    sender TEXT NOT NULL,
                    relay TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    deposited_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    forget_at INTEGER NOT NULL,
                    signature BLOB NOT NULL,
                    waiting INTEGER NOT NULL
                );
                CREATE INDEX envelope_expiring ON envelope(expires_at) WHERE waiting > 0;
                CREATE INDEX envelope_forgetting ON envelope(forget_at);
                CREATE TABLE body (
                    seq INTEGER PRIMARY KEY REFERENCES envelope(seq) ON DELETE CASCADE,
                    bytes BLOB NOT NULL
                );
                CREATE TABLE delivery (
                    seq INTEGER NOT NULL REFERENCES envelope(seq) ON DELETE CASCADE,
                    mailbox TEXT NOT NULL,
                    state INTEGER NOT NULL,
                    at INTEGER,
                    PRIMARY KEY (seq, mailbox)
                ) WITHOUT ROWID;
                CREATE INDEX delivery_waiting ON delivery(mailbox, seq) WHERE state = 0;
                CREATE TABLE mailbox_usage (
                    mailbox TEXT PRIMARY KEY,
                    count INTEGER NOT NULL,
                    bytes INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: agreement editions") { db in
            try db.execute(sql: """
                CREATE TABLE agreement_edition (
                    id TEXT PRIMARY KEY,
                    version INTEGER NOT NULL,
                    bytes BLOB NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3: bodies in chunks") { db in
            // A body is kept in chunks so that no deposit or fetch holds a whole envelope in
            // memory. Existing bodies are cut into 1 MiB chunks here (substr on a blob counts bytes).
            try db.execute(sql: """
                CREATE TABLE deposit_body (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    seq INTEGER UNIQUE REFERENCES envelope(seq) ON DELETE CASCADE,
                    started_at INTEGER NOT NULL
                );
                CREATE INDEX deposit_body_receiving ON deposit_body(started_at) WHERE seq IS NULL;
                CREATE TABLE deposit_chunk (
                    body INTEGER NOT NULL REFERENCES deposit_body(id) ON DELETE CASCADE,
                    part INTEGER NOT NULL,
                    bytes BLOB NOT NULL,
                    PRIMARY KEY (body, part)
                );
                INSERT INTO deposit_body (seq, started_at) SELECT b.seq, e.deposited_at FROM body b JOIN envelope e ON e.seq = b.seq;
                INSERT INTO deposit_chunk (body, part, bytes)
                    WITH RECURSIVE cut(body, seq, part, size) AS (
                        SELECT d.id, d.seq, 0, length(b.bytes) FROM deposit_body d JOIN body b ON b.seq = d.seq
                        UNION ALL
                        SELECT body, seq, part + 1, size FROM cut WHERE (part + 1) * 1048576 < size
                    )
                    SELECT cut.body, cut.part, substr(b.bytes, cut.part * 1048576 + 1, 1048576) FROM cut JOIN body b ON b.seq = cut.seq;
                DROP TABLE body;
                """)
        }
        return migrator
    }

    /// Creates (or brings up) the database at `path` only as far as migration `last`: a store as
    /// an earlier version of the relay left it, for the tests of the migrations after it.
    static func migrate(path: String, upTo last: String) throws {
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue, upTo: last)
        try queue.close()
    }

    /// Delivery states as stored.
    enum State {
        static let waiting = 0
        static let deleted = 1
        static let expired = 2
    }
}
