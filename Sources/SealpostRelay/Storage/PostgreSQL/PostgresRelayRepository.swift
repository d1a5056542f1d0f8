import Foundation
import Logging
import PostgresNIO
import SealpostCore
import SealpostProtocol
import SealpostSodium

/// The store for several relay instances: one PostgreSQL database through postgres-nio's
/// `PostgresClient` (a pool of connections), every write one transaction committed with
/// `synchronous_commit=on` (asked for on every connection, and checked with `fsync` at start).
///
/// Everything that matters across instances lives in the database: envelopes and mailboxes, the
/// envelope ids that make a retried deposit a duplicate whichever instance it reaches, and the
/// nonce ledger, so a request replayed against another instance is refused. Concurrency is the
/// database's: a deposit inserts its envelope id first (a concurrent deposit of the same id waits
/// for it, then finds it), then locks its mailboxes' usage rows in sorted order to check the quota;
/// a delete locks the copy it ends; the expiry sweep takes copies `FOR UPDATE SKIP LOCKED`, so
/// instances sweeping at once share the work. A transaction the database ends for a deadlock or a
/// serialization failure is run again, up to five times. Concurrent deposits, deletes and nonce
/// claims are written, and concurrent mailbox pages and fetches read, in batches of one statement
/// each (`PostgresBatcher`), each answered alone.
public final class PostgresRelayRepository: RelayRepository {
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger
    private let observe: @Sendable (_ batchSize: Int, _ duration: Duration) -> Void
    /// Gather concurrent deposits, and concurrent nonce claims, into one statement a batch (`PostgresBatcher`).
    let deposits: PostgresBatcher<NewDeposit, DepositOutcome>
    let claims: PostgresBatcher<NonceClaimRequest, (NonceClaim, [MailboxUsage])>
    /// Gathers concurrent deletes into one statement a batch (`PostgresDeleteManyFunction`).
    let deletes: PostgresBatcher<DeleteRequest, Bool>
    /// Gather concurrent mailbox pages, and concurrent fetches, into one statement a batch (`PostgresReadBatches`).
    let lists: PostgresBatcher<ListRequest, [ListedRow]>
    let fetches: PostgresBatcher<FetchRequest, StoredBody?>
    let tickets = ReadTickets()
    /// The database's URL with any password hidden.
    public let location: String

    /// Connects to the database at `url`, checks that commits are durable, and migrates the
    /// schema. Gives up after `timeout` when the server cannot be reached.
    public init(url: PostgresURL, logger: Logger = Logger(label: "sealpost-relay", factory: { _ in SwiftLogNoOpLogHandler() }),
                timeout: Duration = .seconds(30),
                observeCommit: @escaping @Sendable (_ batchSize: Int, _ duration: Duration) -> Void = { _, _ in }) async throws {
        let client = PostgresClient(configuration: url.clientConfiguration(), backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        self.logger = logger
        observe = observeCommit
        location = url.redacted
        // Whole bodies up to 16 MiB a statement (a body of up to one chunk, 1 MiB, is whole).
        deposits = PostgresBatcher(maximumWeight: 16 << 20, key: { $0.receipt.receipt.envelopeID.bytes }, weight: { deposit in
            if case .whole(let bytes) = deposit.body { bytes.count } else { 0 }
        }, write: { [client, logger] deposits in
            try await Self.retrying(logger: logger, batchSize: deposits.count, observe: observeCommit) {
                try await Self.depositBatch(deposits, client: client, logger: logger)
            }
        })
        deletes = PostgresBatcher(key: { $0.id.bytes + Array($0.mailbox.utf8) }, write: { [client, logger] deletes in
            try await Self.retrying(logger: logger, batchSize: deletes.count, observe: observeCommit) {
                try await Self.deleteBatch(deletes, client: client, logger: logger)
            }
        })
        lists = PostgresBatcher(key: { ReadTickets.key($0.ticket) }, write: { [client, logger] requests in
            try await Self.retrying(logger: logger, batchSize: requests.count, observe: { _, _ in }) {
                try await Self.listBatch(requests, client: client, logger: logger)
            }
        })
        fetches = PostgresBatcher(key: { ReadTickets.key($0.ticket) }, write: { [client, logger] requests in
            try await Self.retrying(logger: logger, batchSize: requests.count, observe: { _, _ in }) {
                try await Self.fetchBatch(requests, client: client, logger: logger)
            }
        })
        claims = PostgresBatcher(key: { Array($0.agency.utf8) + [0] + $0.nonce }, write: { [client, logger] claims in
            try await Self.retrying(logger: logger, batchSize: claims.count, observe: { _, _ in }) {
                try await Self.claimBatch(claims, client: client, logger: logger)
            }
        })
        do {
            // One connection of its own first, so that a server that cannot be reached says why at once.
            try await Self.withTimeout(timeout) {
                let connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: 0, logger: logger)
                do {
                    try await Self.checkDurability(connection, logger: logger)
                    try await PostgresSchema.migrate(connection, logger: logger)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            }
        } catch {
            runner.cancel()
            throw RelayStorageError("cannot open the relay database \(url.redacted): \(Self.describe(error))")
        }
    }

    deinit { runner.cancel() }

    /// A commit must be on disk before it is reported: `fsync` on, and `synchronous_commit` not off.
    private static func checkDurability(_ connection: PostgresConnection, logger: Logger) async throws {
        do {
            let synchronous = try await connection.query("SHOW synchronous_commit", logger: logger).collect().first?.decode(String.self)
            guard let synchronous, ["on", "local", "remote_write", "remote_apply"].contains(synchronous) else {
                throw RelayStorageError("the database commits with synchronous_commit = \(synchronous ?? "?"), so an acknowledged deposit could be lost; it must be on")
            }
            let fsync = try await connection.query("SHOW fsync", logger: logger).collect().first?.decode(String.self)
            guard fsync == "on" else {
                throw RelayStorageError("the database runs with fsync = \(fsync ?? "?"), so an acknowledged deposit could be lost; it must be on")
            }
        }
    }

    public func close() async throws {
        runner.cancel()
        _ = await runner.value
    }

    // MARK: Transactions

    /// How a transaction ends: committed, or rolled back with an answer all the same.
    enum End<T: Sendable>: Sendable {
        case commit(T)
        case rollback(T)
    }

    /// Runs `body` in one transaction on one pooled connection, again (up to five times in all)
    /// when the database ends it for a deadlock or a serialization failure, which happen before any
    /// commit. A connection whose rollback fails is closed rather than lent to anyone else.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> End<T>) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let started = ContinuousClock.now
            do {
                let value: T = try await client.withConnection { connection in
                    try await connection.query("BEGIN", logger: logger)
                    let end: End<T>
                    do {
                        end = try await body(connection)
                    } catch {
                        do { try await connection.query("ROLLBACK", logger: logger) } catch { try? await connection.close() }
                        throw error
                    }
                    switch end {
                    case .commit(let value):
                        try await connection.query("COMMIT", logger: logger)
                        return value
                    case .rollback(let value):
                        try await connection.query("ROLLBACK", logger: logger)
                        return value
                    }
                }
                observe(1, ContinuousClock.now - started)
                return value
            } catch let error as PSQLError where attempt < 5 && Self.isTransient(error) {
                logger.debug("transaction retried", metadata: ["sqlstate": "\(error.serverInfo?[.sqlState] ?? "")"])
                continue
            }
        }
    }

    /// Runs one statement (its own implicit transaction, committed before its answer comes back),
    /// again (up to five times in all) when the database ends it for a deadlock or a serialization
    /// failure. One round trip, and no connection left idle in a transaction.
    func statement<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await Self.retrying(logger: logger, batchSize: 1, observe: observe, body)
    }

    /// `statement`'s retries, for a statement that stores `batchSize` writes at once.
    static func retrying<T: Sendable>(logger: Logger, batchSize: Int, observe: (_ batchSize: Int, _ duration: Duration) -> Void,
                                      _ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let started = ContinuousClock.now
            do {
                let value = try await body()
                observe(batchSize, ContinuousClock.now - started)
                return value
            } catch let error as PSQLError where attempt < 5 && Self.isTransient(error) {
                logger.debug("statement retried", metadata: ["sqlstate": "\(error.serverInfo?[.sqlState] ?? "")"])
                continue
            }
        }
    }

    /// 40001 serialization_failure and 40P01 deadlock_detected: nothing was committed; run it again.
    static func isTransient(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    /// What went wrong, without the query's bound values (nonces, envelope bytes) that a PSQLError's
    /// debug description could carry.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                return "\(info[.message] ?? "the server refused") (SQLSTATE \(info[.sqlState] ?? "?"))"
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? RelayStorageError { return error.message }
        return "\(error)"
    }

    static func withTimeout<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw RelayStorageError("no answer from the server within \(limit.components.seconds) s")
            }
            return value
        }
    }
}
