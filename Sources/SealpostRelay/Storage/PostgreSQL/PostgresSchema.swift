import Logging
import PostgresNIO

/// The PostgreSQL schema, as named migrations applied in order, like the SQLite ones
/// (`RelaySchema`): a migration that has shipped is never edited; a change is a new one appended.
/// Each instance migrates at start, in one transaction under an advisory lock, so instances that
/// start together apply each migration once.
///
///     envelope       one row per envelope id ever accepted and not yet forgotten (its tombstone)
///     body           the envelope's bytes, while any copy still waits (v1; replaced by v3)
///     delivery       one row per (envelope, mailbox): 0 waiting, 1 deleted, 2 expired
///     mailbox_usage  what waits per mailbox, for the quota; its row is the lock a deposit takes
///     request_nonce  the nonce ledger shared by every instance (spec/relay.md §Replay)
///     agreement_edition  the newest agreement edition any instance accepted, per agreement id (v2):
///                    how instances converge on a new edition (spec/relay.md §Agreement editions)
///     deposit_body   one row per body, being received (`seq` NULL) or an envelope's, while any
///                    copy still waits (v3); a deposit's transaction sets `seq` as it stores the envelope
///     deposit_chunk  a body's bytes in chunks of at most 1 MiB, `part` 0, 1, ... in order (v3)
///     sealpost_deposit(), sealpost_delete()  a deposit, a delete, as one statement each (v4,
///                    `PostgresDepositFunction`)
///     sealpost_deposit_many()  a batch of deposits as one statement (v5, `PostgresDepositManyFunction`)
///     sealpost_delete_many()   a batch of deletes as one statement (v6, `PostgresDeleteManyFunction`)
enum PostgresSchema {
    static let migrations: [(name: String, sql: [String])] = [
        ("v1: envelopes, bodies, deliveries, usage, nonces", [
            """
            CREATE TABLE envelope (
                seq BIGSERIAL PRIMARY KEY,
                id BYTEA NOT NULL UNIQUE CHECK (length(id) = 32),
                sender TEXT NOT NULL,
                relay TEXT NOT NULL,
                size BIGINT NOT NULL,
                deposited_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                forget_at BIGINT NOT NULL,
                signature BYTEA NOT NULL,
                waiting INTEGER NOT NULL
            )
            """,
            "CREATE INDEX envelope_expiring ON envelope (expires_at) WHERE waiting > 0",
            "CREATE INDEX envelope_forgetting ON envelope (forget_at) WHERE waiting = 0",
            "CREATE TABLE body (seq BIGINT PRIMARY KEY REFERENCES envelope (seq) ON DELETE CASCADE, bytes BYTEA NOT NULL)",
            """
            CREATE TABLE delivery (
                seq BIGINT NOT NULL REFERENCES envelope (seq) ON DELETE CASCADE,
                mailbox TEXT NOT NULL,
                state SMALLINT NOT NULL,
                at BIGINT,
                PRIMARY KEY (seq, mailbox)
            )
            """,
            "CREATE INDEX delivery_waiting ON delivery (mailbox, seq) WHERE state = 0",
            "CREATE TABLE mailbox_usage (mailbox TEXT PRIMARY KEY, count BIGINT NOT NULL, bytes BIGINT NOT NULL)",
            """
            CREATE TABLE request_nonce (
                agency TEXT NOT NULL,
                nonce BYTEA NOT NULL,
                forget_at BIGINT NOT NULL,
                PRIMARY KEY (agency, nonce)
            )
            """,
            "CREATE INDEX request_nonce_forgetting ON request_nonce (forget_at)",
        ]),
        ("v2: agreement editions", [
            "CREATE TABLE agreement_edition (id TEXT PRIMARY KEY, version BIGINT NOT NULL, bytes BYTEA NOT NULL)",
        ]),
        // Bodies in chunks of at most 1 MiB, so no deposit or fetch holds a whole envelope in
        // memory; existing bodies are cut up here. Envelopes are ciphertext: stored without
        // compression (EXTERNAL), which would only cost time.
        ("v3: bodies in chunks", [
            """
            CREATE TABLE deposit_body (
                id BIGSERIAL PRIMARY KEY,
                seq BIGINT UNIQUE REFERENCES envelope (seq) ON DELETE CASCADE,
                started_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX deposit_body_receiving ON deposit_body (started_at) WHERE seq IS NULL",
            """
            CREATE TABLE deposit_chunk (
                body BIGINT NOT NULL REFERENCES deposit_body (id) ON DELETE CASCADE,
                part INTEGER NOT NULL,
                bytes BYTEA NOT NULL,
                PRIMARY KEY (body, part)
            )
            """,
            "ALTER TABLE deposit_chunk ALTER COLUMN bytes SET STORAGE EXTERNAL",
            "INSERT INTO deposit_body (seq, started_at) SELECT b.seq, e.deposited_at FROM body b JOIN envelope e ON e.seq = b.seq",
            """
            INSERT INTO deposit_chunk (body, part, bytes)
            SELECT d.id, p, substring(b.bytes FROM p * 1048576 + 1 FOR 1048576)
            FROM deposit_body d JOIN body b ON b.seq = d.seq, generate_series(0, (length(b.bytes) - 1) / 1048576) AS p
            """,
            "DROP TABLE body",
        ]),
        // A deposit, and a delete, in one statement each, so one round trip and one commit
        // (spec/relay.md §Storage, §Measured): what `deposit` did in six statements inside BEGIN
        // ... COMMIT, and `delete` in up to six, in the same order and with the same locks. A
        // refusal raises, which rolls the whole statement back.
        ("v4: deposit and delete functions", [PostgresDepositFunction.create, PostgresDepositFunction.createDelete]),
        // Group commit in the relay: a batch of deposits in one statement (spec/relay.md §Storage).
        // And a chunk of up to about 8 KiB (most envelopes) kept in its row rather than cut into
        // TOAST rows: 4 KiB took three TOAST rows and their index entries. Nothing read changes:
        // TOAST is the server's own affair, and rows already written stay as they are. (The price:
        // a 4 KiB chunk fills a page alone, about twice the space it took in TOAST.)
        ("v5: deposits in batches; small chunks in their rows", [
            PostgresDepositManyFunction.create,
            "ALTER TABLE deposit_chunk SET (toast_tuple_target = 8160)",
        ]),
        // Group commit of deletes, as of deposits (`PostgresDeleteManyFunction`). `sealpost_delete`
        // stays for relays of the version before, which may share the database during an upgrade.
        ("v6: deletes in batches", [PostgresDeleteManyFunction.create]),
    ]

    /// Any constant will do, as long as nothing else in the database uses it for another lock.
    static let migrationLock: Int64 = 0x5EA1_9057_0000_0001

    /// Applies the migrations this database lacks.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        do {
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS relay_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """, logger: logger)
                var applied = Set<String>()
                for try await name in try await connection.query("SELECT name FROM relay_migration", logger: logger).decode(String.self) {
                    applied.insert(name)
                }
                for migration in migrations where !applied.contains(migration.name) {
                    for statement in migration.sql {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("INSERT INTO relay_migration (name) VALUES (\(migration.name))", logger: logger)
                    logger.info("database migrated", metadata: ["migration": "\(migration.name)"])
                }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    static let waiting: Int16 = 0
    static let deleted: Int16 = 1
    static let expired: Int16 = 2
}
