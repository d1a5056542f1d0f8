import Foundation
import Logging
import PostgresNIO
import SealpostCore
import SealpostProtocol
import SealpostSodium

// Deposits, deletes and the expiry sweep: one transaction each (see PostgresRelayRepository).
extension PostgresRelayRepository {
    public func deposit(_ deposit: NewDeposit) async throws -> DepositOutcome {
        let receipt = deposit.receipt.receipt
        let id = Data(receipt.envelopeID.bytes)
        let body = Data(deposit.bytes)
        let signature = Data(deposit.receipt.signature.rawRepresentation)
        let size = Int64(deposit.bytes.count)
        let quota = deposit.quota
        let forgetAt = deposit.forgetAt
        let mailboxes = receipt.mailboxes
        let logger = self.logger
        return try await transaction { connection in
            // The id first: a concurrent deposit of the same id, through any instance, waits here
            // until this one commits or rolls back, then finds it or takes its place. The body goes
            // in the same statement (one round trip fewer; the relay's deposit rate is bound by its
            // round trips to the database): it is rolled back with everything else if the quota refuses.
            let inserted = try await connection.query("""
                WITH e AS (
                    INSERT INTO envelope (id, sender, relay, size, deposited_at, expires_at, forget_at, signature, waiting)
                    VALUES (\(id), \(receipt.sender), \(receipt.relay), \(size), \(receipt.depositedAt), \(receipt.expiresAt),
                            \(forgetAt), \(signature), \(Int32(mailboxes.count)))
                    ON CONFLICT (id) DO NOTHING RETURNING seq
                ), b AS (INSERT INTO body (seq, bytes) SELECT seq, \(body) FROM e)
                SELECT seq FROM e
                """, logger: logger).collect()
            guard let seq = try inserted.first?.decode(Int64.self) else {
                guard let existing = try await Self.storedReceipt(id: id, connection) else {
                    throw RelayStorageError("envelope \(receipt.envelopeID.shortForm) was known and is no longer")
                }
                guard existing.receipt.sender == receipt.sender, existing.receipt.mailboxes == mailboxes else { return .rollback(.conflict) }
                return .rollback(.duplicate(existing))
            }
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
        try await connection.query("DELETE FROM body WHERE seq = \(seq)", logger: logger)
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
