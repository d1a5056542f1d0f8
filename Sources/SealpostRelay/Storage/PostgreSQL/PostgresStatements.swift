import Foundation
import PostgresNIO

/// The relay's busiest statements, prepared once per pooled connection (postgres-nio prepares a
/// named statement on its first use there) and then only bound and executed: the server neither
/// parses nor plans them again. A profile of the deposit path showed PostgreSQL's parser and
/// planner among its larger costs when every statement was sent as text (spec/relay.md §Measured).
/// Parameters carry explicit types, so a NULL (a deposit with a staged body) needs no inference.
enum PostgresStatements {
    /// The nonce claim (spec/relay.md §Replay), committed without waiting for its WAL flush, and
    /// the usage of each mailbox in `mailboxes`, in their order (none for requests other than deposits).
    struct Claim: PostgresPreparedStatement {
        static let name = "sealpost_claim_v1"
        static let sql = """
            WITH claim AS (
                INSERT INTO request_nonce (agency, nonce, forget_at)
                SELECT $1::text, $2::bytea, $3::int8 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS unflushed
                ON CONFLICT (agency, nonce) DO NOTHING RETURNING 1
            ), wanted AS (SELECT m, i FROM unnest($4::text[]) WITH ORDINALITY AS w(m, i))
            SELECT (SELECT count(*) FROM claim),
                   ARRAY(SELECT coalesce(u.count, 0) FROM wanted LEFT JOIN mailbox_usage u ON u.mailbox = wanted.m ORDER BY wanted.i),
                   ARRAY(SELECT coalesce(u.bytes, 0) FROM wanted LEFT JOIN mailbox_usage u ON u.mailbox = wanted.m ORDER BY wanted.i)
            """
        typealias Row = (Int64, [Int64], [Int64])

        var agency: String
        var nonce: Data
        var forgetAt: Int64
        var mailboxes: [String]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            try bindings.append(agency)
            try bindings.append(nonce)
            try bindings.append(forgetAt)
            try bindings.append(mailboxes)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// `sealpost_deposit` (`PostgresDepositFunction`).
    struct Deposit: PostgresPreparedStatement {
        static let name = "sealpost_deposit_v4"
        static let sql = """
            SELECT * FROM sealpost_deposit($1::bytea, $2::text, $3::text, $4::int8, $5::int8, $6::int8, $7::int8, $8::bytea,
                                           $9::text[], $10::bytea, $11::int8, $12::int8, $13::int8, $14::int8)
            """
        typealias Row = (Bool, String?, String?, Int64?, Int64?, Data?, [String]?)

        var id: Data
        var sender: String
        var relay: String
        var size: Int64
        var depositedAt: Int64
        var expiresAt: Int64
        var forgetAt: Int64
        var signature: Data
        var mailboxes: [String]
        var bytes: Data?
        var staged: Int64?
        var parts: Int64
        var maximumCount: Int64
        var maximumBytes: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 14)
            try bindings.append(id)
            try bindings.append(sender)
            try bindings.append(relay)
            try bindings.append(size)
            try bindings.append(depositedAt)
            try bindings.append(expiresAt)
            try bindings.append(forgetAt)
            try bindings.append(signature)
            try bindings.append(mailboxes)
            if let bytes { try bindings.append(bytes) } else { bindings.appendNull() }
            if let staged { try bindings.append(staged) } else { bindings.appendNull() }
            try bindings.append(parts)
            try bindings.append(maximumCount)
            try bindings.append(maximumBytes)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// `sealpost_delete` (`PostgresDepositFunction`).
    struct Delete: PostgresPreparedStatement {
        static let name = "sealpost_delete_v4"
        static let sql = "SELECT sealpost_delete($1::bytea, $2::text, $3::int8)"
        typealias Row = Bool

        var id: Data
        var mailbox: String
        var now: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            try bindings.append(id)
            try bindings.append(mailbox)
            try bindings.append(now)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

/// The reads of a full exchange cycle, prepared likewise: the planner took about half a
/// millisecond of the server's time for each as text, more than running it.
extension PostgresStatements {
    /// A page of a mailbox: envelopes waiting and not expired, after sequence number `after`.
    struct List: PostgresPreparedStatement {
        static let name = "sealpost_list_v1"
        static let sql = """
            SELECT e.id, e.sender, e.size, e.deposited_at, e.expires_at FROM delivery d JOIN envelope e ON e.seq = d.seq
            WHERE d.mailbox = $1::text AND d.state = 0 AND d.seq > $2::int8 AND e.expires_at > $3::int8
            ORDER BY d.seq LIMIT $4::int8
            """
        typealias Row = (Data, String, Int64, Int64, Int64)

        var mailbox: String
        var after: Int64
        var now: Int64
        var limit: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            try bindings.append(mailbox)
            try bindings.append(after)
            try bindings.append(now)
            try bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Where a waiting, unexpired envelope's body is kept, and its size.
    struct Fetch: PostgresPreparedStatement {
        static let name = "sealpost_fetch_v1"
        static let sql = """
            SELECT b.id, e.size FROM envelope e JOIN delivery d ON d.seq = e.seq JOIN deposit_body b ON b.seq = e.seq
            WHERE e.id = $1::bytea AND d.mailbox = $2::text AND d.state = 0 AND e.expires_at > $3::int8
            """
        typealias Row = (Int64, Int64)

        var id: Data
        var mailbox: String
        var now: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            try bindings.append(id)
            try bindings.append(mailbox)
            try bindings.append(now)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// One chunk of a body.
    struct Chunk: PostgresPreparedStatement {
        static let name = "sealpost_chunk_v1"
        static let sql = "SELECT bytes FROM deposit_chunk WHERE body = $1::int8 AND part = $2::int4"
        typealias Row = Data

        var body: Int64
        var part: Int32

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            try bindings.append(body)
            try bindings.append(part)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

extension PostgresClient {
    /// The rows of a prepared statement, read to the end (which gives its connection back to the pool).
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws -> [Statement.Row] {
        var rows: [Statement.Row] = []
        for try await row in try await execute(statement, logger: logger) { rows.append(row) }
        return rows
    }
}
