import Foundation
import Logging
import PostgresNIO
import SealpostCore
import SealpostProtocol
import SealpostSodium

// Deposits, deletes and the expiry sweep: one transaction each (see PostgresRelayRepository).
extension PostgresRelayRepository {
    public func beginBody(now: Int64) async throws -> Int64 {
        let row = try await client.query("INSERT INTO deposit_body (seq, started_at) VALUES (NULL, \(now)) RETURNING id",
                                         logger: logger).collect().first
        guard let id = try row?.decode(Int64.self) else { throw RelayStorageError("the database returned no id for a new body") }
        return id
    }

    /// Each chunk commits on its own (durably: the deposit that later names the body relies on it).
    public func appendBodyChunk(body: Int64, part: Int, bytes: [UInt8]) async throws {
        try await client.query("INSERT INTO deposit_chunk (body, part, bytes) VALUES (\(body), \(Int32(part)), \(Data(bytes)))",
                               logger: logger)
    }

    public func discardBody(_ body: Int64) async throws {
        try await client.query("DELETE FROM deposit_body WHERE id = \(body) AND seq IS NULL", logger: logger)
    }

    public func deposit(_ deposit: NewDeposit) async throws -> DepositOutcome {
        let receipt = deposit.receipt.receipt
        let id = Data(receipt.envelopeID.bytes)
        let signature = Data(deposit.receipt.signature.rawRepresentation)
        let (body, size) = (deposit.body, deposit.size)
        let quota = deposit.quota
        let forgetAt = deposit.forgetAt
        let mailboxes = receipt.mailboxes
        let logger = self.logger
        return try await transaction { connection in
            // The id first: a concurrent deposit of the same id, through any instance, waits here
            // until this one commits or rolls back, then finds it or takes its place. The body goes
            // in the same statement (one round trip fewer; the relay's deposit rate is bound by its
            // round trips to the database): a whole one written, a staged one claimed only if it
            // is whole (every chunk there, adding up to the size checked). It is rolled back with
            // everything else if the quota refuses.
            let query: PostgresQuery
            switch body {
            case .whole(let bytes):
                query = try """
                    WITH e AS (
                        INSERT INTO envelope (id, sender, relay, size, deposited_at, expires_at, forget_at, signature, waiting)
                        VALUES (\(id), \(receipt.sender), \(receipt.relay), \(size), \(receipt.depositedAt), \(receipt.expiresAt),
                                \(forgetAt), \(signature), \(Int32(mailboxes.count)))
                        ON CONFLICT (id) DO NOTHING RETURNING seq
                    ), b AS (
                        INSERT INTO deposit_body (seq, started_at) SELECT seq, \(receipt.depositedAt) FROM e RETURNING id
                    ), c AS (
                        INSERT INTO deposit_chunk (body, part, bytes) SELECT id, 0, \(Data(bytes)) FROM b
                    )
                    SELECT (SELECT seq FROM e), (SELECT count(*) FROM b)
                    """
            case .staged(let staged):
                query = try """
                    WITH e AS (
                        INSERT INTO envelope (id, sender, relay, size, deposited_at, expires_at, forget_at, signature, waiting)
                        VALUES (\(id), \(receipt.sender), \(receipt.relay), \(size), \(receipt.depositedAt), \(receipt.expiresAt),
                                \(forgetAt), \(signature), \(Int32(mailboxes.count)))
                        ON CONFLICT (id) DO NOTHING RETURNING seq
                    ), b AS (
                        UPDATE deposit_body SET seq = (SELECT seq FROM e)
                        WHERE id = \(staged) AND seq IS NULL AND EXISTS (SELECT 1 FROM e)
                          AND (SELECT count(*) = \(Int64(DepositBody.parts(size))) AND coalesce(sum(length(bytes)), 0) = \(size)
                               FROM deposit_chunk WHERE body = \(staged))
                        RETURNING id
                    )
                    SELECT (SELECT seq FROM e), (SELECT count(*) FROM b)
                    """
            }
            let inserted = try await connection.query(query, logger: logger).collect()
            let (insertedSeq, claimed) = try inserted.first?.decode((Int64?, Int64).self) ?? (nil, Int64(0))
            guard let seq = insertedSeq else {
                guard let existing = try await Self.storedReceipt(id: id, connection) else {
                    throw RelayStorageError("envelope \(receipt.envelopeID.shortForm) was known and is no longer")
                }
                guard existing.receipt.sender == receipt.sender, existing.receipt.mailboxes == mailboxes else { return .rollback(.conflict) }
                return .rollback(.duplicate(existing))
            }
            guard claimed == 1 else { throw RelayStorageError("the staged body of envelope \(receipt.envelopeID.shortForm) is not whole") }
            // The usage rows are the quota's locks, taken in one order (the mailboxes are sorted)
            // so two deposits never wait for each other in a circle.
            try await connection.query("""
                INSERT INTO mailbox_usage (mailbox, count, bytes) SELECT m, 0, 0 FROM unnest(\(mailboxes)::text[]) AS m
                ON CONFLICT (mailbox) DO NOTHING
                """, logger: logger)
            let usage = try await connection.query("""
                SELECT mailbox, count, bytes FROM mailbox_usage WHERE mailbox = ANY(\(mailboxes)) ORDER BY mailbox COLLATE "C" FOR UPDATE
                """, logger: logger).collect()
            for row in usage {
                let (mailbox, count, bytes) = try row.decode((String, Int64, Int64).self)
                if count + 1 > Int64(quota.maximumCount) || bytes + size > quota.maximumBytes { return .rollback(.mailboxFull(mailbox: mailbox)) }
            }
            try await connection.query("""
                WITH d AS (
                    INSERT INTO delivery (seq, mailbox, state) SELECT \(seq), m, \(PostgresSchema.waiting) FROM unnest(\(mailboxes)::text[]) AS m
                )
                UPDATE mailbox_usage SET count = count + 1, bytes = bytes + \(size) WHERE mailbox = ANY(\(mailboxes))
                """, logger: logger)
            return .commit(.stored(deposit.receipt))
        }
    }

    public func delete(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> Bool {
        let idData = Data(id.bytes)
        let logger = self.logger
        return try await transaction { connection in
            // Locks the copy: of two deletes through two instances, the second finds it no longer waiting.
            let rows = try await connection.query("""
                SELECT e.seq, e.size, e.expires_at FROM delivery d JOIN envelope e ON e.seq = d.seq
                WHERE e.id = \(idData) AND d.mailbox = \(mailbox) AND d.state = \(PostgresSchema.waiting) FOR UPDATE OF d
                """, logger: logger).collect()
            guard let row = rows.first else { return .rollback(false) }
            let (seq, size, expiresAt) = try row.decode((Int64, Int64, Int64).self)
            // Past its expiry the copy is expired, whether or not a sweep has marked it yet.
            let expired = expiresAt <= now
            try await Self.finish(seq: seq, mailbox: mailbox, size: size, state: expired ? PostgresSchema.expired : PostgresSchema.deleted,
                                  at: expired ? expiresAt : now, connection, logger: logger)
            return .commit(!expired)
        }
    }

    public func expire(now: Int64, batchLimit: Int) async throws -> ExpiryReport {
        let logger = self.logger
        return try await transaction { connection in
            var report = ExpiryReport()
            // SKIP LOCKED: instances sweeping at once take different copies instead of queueing.
            let rows = try await connection.query("""
                SELECT d.seq, d.mailbox, e.size, e.expires_at FROM delivery d JOIN envelope e ON e.seq = d.seq
                WHERE d.state = \(PostgresSchema.waiting) AND e.waiting > 0 AND e.expires_at <= \(now)
                ORDER BY d.mailbox COLLATE "C", d.seq LIMIT \(Int64(batchLimit)) FOR UPDATE OF d SKIP LOCKED
                """, logger: logger).collect()
            for row in rows {
                let (seq, mailbox, size, expiresAt) = try row.decode((Int64, String, Int64, Int64).self)
                let dropped = try await Self.finish(seq: seq, mailbox: mailbox, size: size, state: PostgresSchema.expired, at: expiresAt,
                                                    connection, logger: logger)
                report.expired += 1
                if dropped { report.bodiesDropped += 1 }
            }
            let forgotten = try await connection.query("""
                DELETE FROM envelope WHERE seq IN
                    (SELECT seq FROM envelope WHERE forget_at <= \(now) AND waiting = 0 LIMIT \(Int64(batchLimit)) FOR UPDATE SKIP LOCKED)
                RETURNING seq
                """, logger: logger).collect()
            report.forgotten = forgotten.count
            let abandoned = try await connection.query("""
                DELETE FROM deposit_body WHERE id IN
                    (SELECT id FROM deposit_body WHERE seq IS NULL AND started_at < \(now - DepositBody.abandonedAfter)
                     LIMIT \(Int64(batchLimit)) FOR UPDATE SKIP LOCKED)
                RETURNING id
                """, logger: logger).collect()
            report.abandoned = abandoned.count
            // Nonces are kept a window longer than their requests could pass the clock check, so
            // instances whose clocks differ by up to that much never forget one too early.
            try await connection.query("""
                DELETE FROM request_nonce WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM request_nonce WHERE forget_at < \(now - SignedRequest.maximumSkewSeconds) LIMIT \(Int64(batchLimit) * 10)))
                """, logger: logger)
            return .commit(report)
        }
    }

    /// Ends one waiting copy; drops the body when no copy waits any more. True when it did.
    @discardableResult
    static func finish(seq: Int64, mailbox: String, size: Int64, state: Int16, at: Int64, _ connection: PostgresConnection,
                       logger: Logger) async throws -> Bool {
        try await connection.query("""
            UPDATE delivery SET state = \(state), at = \(at) WHERE seq = \(seq) AND mailbox = \(mailbox) AND state = \(PostgresSchema.waiting)
            """, logger: logger)
        try await connection.query("UPDATE mailbox_usage SET count = count - 1, bytes = bytes - \(size) WHERE mailbox = \(mailbox)",
                                   logger: logger)
        let waiting = try await connection.query("UPDATE envelope SET waiting = waiting - 1 WHERE seq = \(seq) RETURNING waiting",
                                                 logger: logger).collect().first?.decode(Int32.self) ?? 0
        guard waiting == 0 else { return false }
        try await connection.query("DELETE FROM deposit_body WHERE seq = \(seq)", logger: logger)
        return true
    }

    /// The receipt stored with envelope `id`, its mailboxes in byte order.
    static func storedReceipt(id: Data, _ connection: PostgresConnection) async throws -> SignedDepositReceipt? {
        let logger = Logger(label: "sealpost-relay", factory: { _ in SwiftLogNoOpLogHandler() })
        guard let row = try await connection.query("""
            SELECT seq, sender, relay, deposited_at, expires_at, signature FROM envelope WHERE id = \(id)
            """, logger: logger).collect().first else { return nil }
        let (seq, sender, relay, depositedAt, expiresAt, signatureBytes) = try row.decode((Int64, String, String, Int64, Int64, Data).self)
        var mailboxes: [String] = []
        for try await mailbox in try await connection.query("SELECT mailbox FROM delivery WHERE seq = \(seq)", logger: logger).decode(String.self) {
            mailboxes.append(mailbox)
        }
        guard let signature = try? Ed25519.Signature(rawRepresentation: Array(signatureBytes)) else {
            throw RelayStorageError("the stored receipt signature of envelope \(Hex.encode(Array(id.prefix(8)))) is malformed")
        }
        let receipt = DepositReceipt(envelopeID: EnvelopeID(storedBytes: Array(id)), relay: relay, sender: sender,
                                     mailboxes: mailboxes.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }),
                                     depositedAt: depositedAt, expiresAt: expiresAt)
        return SignedDepositReceipt(receipt: receipt, signature: signature)
    }
}
