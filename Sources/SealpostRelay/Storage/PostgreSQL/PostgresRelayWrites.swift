import Foundation
import Logging
import PostgresNIO
import SealpostCore
import SealpostProtocol
import SealpostSodium

// Deposits and deletes, each batch one statement (`PostgresDepositManyFunction`,
// `PostgresDeleteManyFunction`), and the expiry sweep, one transaction (see PostgresRelayRepository).
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

    /// Through the batcher: with the deposits that arrive meanwhile, one statement,
    /// `sealpost_deposit_many` (`PostgresDepositManyFunction`), one round trip, one commit.
    public func deposit(_ deposit: NewDeposit) async throws -> DepositOutcome {
        try await deposits.submit(deposit)
    }

    /// Stores `deposits` (no envelope id twice) in one statement and commit; their outcomes, in order
    /// (a failure for a deposit the database could not take for a reason of its own).
    static func depositBatch(_ deposits: [NewDeposit], client: PostgresClient, logger: Logger) async throws -> [Result<DepositOutcome, any Error>] {
        let rows = try await client.rows(PostgresStatements.DepositMany(deposits), logger: logger)
        guard rows.count == deposits.count else {
            throw RelayStorageError("the database answered \(rows.count) of a batch of \(deposits.count) deposits")
        }
        var outcomes: [Result<DepositOutcome, any Error>] = []
        outcomes.reserveCapacity(deposits.count)
        for (deposit, row) in zip(deposits, rows) {
            let receipt = deposit.receipt.receipt
            let (item, outcome, fullMailbox, sender, relay, depositedAt, expiresAt, signatureBytes, storedMailboxes) = row
            guard Int(item) == outcomes.count + 1 else { throw RelayStorageError("the database answered a batch's deposits out of order") }
            switch outcome {
            case PostgresDepositManyFunction.stored:
                outcomes.append(.success(.stored(deposit.receipt)))
            case PostgresDepositManyFunction.mailboxFull:
                outcomes.append(.success(.mailboxFull(mailbox: fullMailbox ?? "?")))
            case PostgresDepositManyFunction.stagedBodyNotWhole:
                outcomes.append(.failure(RelayStorageError("the staged body of envelope \(receipt.envelopeID.shortForm) is not whole")))
            default:
                guard let sender, let relay, let depositedAt, let expiresAt, let signatureBytes, let storedMailboxes else {
                    outcomes.append(.failure(RelayStorageError("envelope \(receipt.envelopeID.shortForm) was known and is no longer")))
                    continue
                }
                guard sender == receipt.sender, storedMailboxes == receipt.mailboxes else {
                    outcomes.append(.success(.conflict))
                    continue
                }
                guard let original = try? Ed25519.Signature(rawRepresentation: Array(signatureBytes)) else {
                    outcomes.append(.failure(RelayStorageError(
                        "the stored receipt signature of envelope \(receipt.envelopeID.shortForm) is malformed")))
                    continue
                }
                outcomes.append(.success(.duplicate(SignedDepositReceipt(
                    receipt: DepositReceipt(envelopeID: receipt.envelopeID, relay: relay, sender: sender, mailboxes: storedMailboxes,
                                            depositedAt: depositedAt, expiresAt: expiresAt),
                    signature: original))))
            }
        }
        return outcomes
    }

    /// Through the batcher: with the deletes that arrive meanwhile, one statement,
    /// `sealpost_delete_many` (`PostgresDeleteManyFunction`), one round trip, one commit.
    public func delete(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> Bool {
        try await deletes.submit(DeleteRequest(id: id, mailbox: mailbox, now: now))
    }

    /// Ends the copies `deletes` name (no (id, mailbox) twice) in one statement and commit; for each,
    /// in order, whether it was deleted.
    static func deleteBatch(_ deletes: [DeleteRequest], client: PostgresClient, logger: Logger) async throws -> [Result<Bool, any Error>] {
        let rows = try await client.rows(PostgresStatements.DeleteMany(deletes), logger: logger)
        guard rows.count == deletes.count else {
            throw RelayStorageError("the database answered \(rows.count) of a batch of \(deletes.count) deletes")
        }
        return try rows.enumerated().map { index, row in
            guard Int(row.0) == index + 1 else { throw RelayStorageError("the database answered a batch's deletes out of order") }
            return .success(row.1)
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
}

/// One recipient's delete of one copy, as batched.
struct DeleteRequest: Sendable {
    let id: EnvelopeID
    let mailbox: String
    let now: Int64
}
