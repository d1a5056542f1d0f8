import Foundation
import PostgresNIO

/// The relay's busiest statements, prepared once per pooled connection (postgres-nio prepares a
/// named statement on its first use there) and then only bound and executed: the server neither
/// parses nor plans them again. A profile of the deposit path showed PostgreSQL's parser and
/// planner among its larger costs when every statement was sent as text (spec/relay.md §Measured).
/// Parameters carry explicit types, so a NULL (a deposit with a staged body) needs no inference.
enum PostgresStatements {
    /// The nonce claims (spec/relay.md §Replay) of a batch of requests in one statement, committed
    /// without waiting for its WAL flush (`PostgresRelayRepository.claimNonce`),
    /// each with the usage of its mailboxes. A batch names each (agency, nonce) once
    /// (`PostgresBatcher`); the nonces are inserted in sorted order, so two batches through two
    /// instances never wait for each other in a circle. `mailboxes` holds each request's mailboxes
    /// one after another, `items` the request (1-based) each belongs to.
    struct ClaimMany: PostgresPreparedStatement {
        static let name = "sealpost_claim_many_v5"
        static let sql = """
            WITH unflushed AS (SELECT set_config('synchronous_commit', 'off', true)),
            claimed AS (
                INSERT INTO request_nonce (agency, nonce, forget_at)
                SELECT t.agency, t.nonce, t.forget_at FROM unnest($1::text[], $2::bytea[], $3::int8[]) AS t(agency, nonce, forget_at), unflushed
                ORDER BY t.agency COLLATE "C", t.nonce
                ON CONFLICT (agency, nonce) DO NOTHING RETURNING agency, nonce
            ), wanted AS (
                SELECT w.item, w.k, coalesce(u.count, 0) AS count, coalesce(u.bytes, 0) AS bytes
                FROM unnest($4::text[], $5::int4[]) WITH ORDINALITY AS w(m, item, k) LEFT JOIN mailbox_usage u ON u.mailbox = w.m
            )
            SELECT t.i::int4, EXISTS (SELECT 1 FROM claimed c WHERE c.agency = t.agency AND c.nonce = t.nonce),
                   ARRAY(SELECT wanted.count FROM wanted WHERE wanted.item = t.i ORDER BY wanted.k),
                   ARRAY(SELECT wanted.bytes FROM wanted WHERE wanted.item = t.i ORDER BY wanted.k)
            FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(agency, nonce, i) ORDER BY t.i
            """
        typealias Row = (Int32, Bool, [Int64], [Int64])

        var agencies: [String] = []
        var nonces: [ByteBuffer] = []
        var forgetAt: [Int64] = []
        var mailboxes: [String] = []
        var items: [Int32] = []

        init(_ requests: [NonceClaimRequest]) {
            for (index, request) in requests.enumerated() {
                agencies.append(request.agency)
                nonces.append(ByteBuffer(bytes: request.nonce))
                forgetAt.append(request.forgetAt)
                mailboxes += request.mailboxes
                items += repeatElement(Int32(index + 1), count: request.mailboxes.count)
            }
        }

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            try bindings.append(agencies)
            try bindings.append(nonces)
            try bindings.append(forgetAt)
            try bindings.append(mailboxes)
            try bindings.append(items)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// `sealpost_deposit_many` (`PostgresDepositManyFunction`): a batch of deposits, one statement.
    /// (`sealpost_deposit`, one deposit, stays in the database for relays of the version before.)
    struct DepositMany: PostgresPreparedStatement {
        static let name = "sealpost_deposit_many_v5"
        static let sql = """
            SELECT * FROM sealpost_deposit_many($1::bytea[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::int8[],
                $7::int8[], $8::bytea[], $9::int4[], $10::text[], $11::int4[], $12::bytea[], $13::int8[], $14::int8[],
                $15::int8[], $16::int8[])
            """
        typealias Row = (Int32, Int16, String?, String?, String?, Int64?, Int64?, Data?, [String]?)

        var ids: [ByteBuffer] = []
        var senders: [String] = []
        var relays: [String] = []
        var sizes: [Int64] = []
        var depositedAt: [Int64] = []
        var expiresAt: [Int64] = []
        var forgetAt: [Int64] = []
        var signatures: [ByteBuffer] = []
        var counts: [Int32] = []
        var mailboxes: [String] = []
        var items: [Int32] = []
        var bytes: [ByteBuffer] = []
        var staged: [Int64] = []
        var parts: [Int64] = []
        var maximumCounts: [Int64] = []
        var maximumBytes: [Int64] = []

        init(_ deposits: [NewDeposit]) {
            for (index, deposit) in deposits.enumerated() {
                let receipt = deposit.receipt.receipt
                ids.append(ByteBuffer(bytes: receipt.envelopeID.bytes))
                senders.append(receipt.sender)
                relays.append(receipt.relay)
                sizes.append(deposit.size)
                depositedAt.append(receipt.depositedAt)
                expiresAt.append(receipt.expiresAt)
                forgetAt.append(deposit.forgetAt)
                signatures.append(ByteBuffer(bytes: deposit.receipt.signature.rawRepresentation))
                counts.append(Int32(receipt.mailboxes.count))
                mailboxes += receipt.mailboxes
                items += repeatElement(Int32(index + 1), count: receipt.mailboxes.count)
                switch deposit.body {
                case .whole(let whole):
                    bytes.append(ByteBuffer(bytes: whole))
                    staged.append(0)
                case .staged(let body):
                    bytes.append(ByteBuffer())
                    staged.append(body)
                }
                parts.append(Int64(DepositBody.parts(deposit.size)))
                maximumCounts.append(Int64(deposit.quota.maximumCount))
                maximumBytes.append(deposit.quota.maximumBytes)
            }
        }

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 16)
            try bindings.append(ids)
            try bindings.append(senders)
            try bindings.append(relays)
            try bindings.append(sizes)
            try bindings.append(depositedAt)
            try bindings.append(expiresAt)
            try bindings.append(forgetAt)
            try bindings.append(signatures)
            try bindings.append(counts)
            try bindings.append(mailboxes)
            try bindings.append(items)
            try bindings.append(bytes)
            try bindings.append(staged)
            try bindings.append(parts)
            try bindings.append(maximumCounts)
            try bindings.append(maximumBytes)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// `sealpost_delete_many` (`PostgresDeleteManyFunction`): a batch of deletes, one statement.
    /// (`sealpost_delete`, one delete, stays in the database for relays of the version before.)
    struct DeleteMany: PostgresPreparedStatement {
        static let name = "sealpost_delete_many_v6"
        static let sql = "SELECT r_item, r_deleted FROM sealpost_delete_many($1::bytea[], $2::text[], $3::int8[])"
        typealias Row = (Int32, Bool)

        var ids: [ByteBuffer] = []
        var mailboxes: [String] = []
        var now: [Int64] = []

        init(_ deletes: [DeleteRequest]) {
            for delete in deletes {
                ids.append(ByteBuffer(bytes: delete.id.bytes))
                mailboxes.append(delete.mailbox)
                now.append(delete.now)
            }
        }

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            try bindings.append(ids)
            try bindings.append(mailboxes)
            try bindings.append(now)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

/// The reads of a full exchange cycle, prepared likewise: the planner took about half a
/// millisecond of the server's time for each as text, more than running it. (Mailbox pages and
/// fetches are read in batches: `PostgresReadBatches`.)
extension PostgresStatements {
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
