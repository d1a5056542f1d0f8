import Foundation
import Logging
import PostgresNIO
import SealpostCore
import SealpostProtocol

// Reads (mailbox pages and fetches in batches, `PostgresReadBatches`; the rest one statement each on
// a pooled connection), and the shared nonce ledger.
extension PostgresRelayRepository {
    public func listMailbox(_ mailbox: String, after: EnvelopeID?, limit: Int, now: Int64) async throws -> MailboxPage {
        var afterSeq: Int64 = 0
        if let after {
            let idData = Data(after.bytes)
            guard let seq = try await client.query("""
                SELECT e.seq FROM envelope e JOIN delivery d ON d.seq = e.seq WHERE e.id = \(idData) AND d.mailbox = \(mailbox)
                """, logger: logger).collect().first?.decode(Int64.self) else { throw UnknownCursor() }
            afterSeq = seq
        }
        // Through the batcher, with the pages asked for meanwhile (`PostgresReadBatches`).
        let rows = try await lists.submit(ListRequest(ticket: tickets.take(), mailbox: mailbox, after: afterSeq, now: now,
                                                      limit: Int64(limit + 1)))
        var entries: [MailboxEntry] = []
        var lastID: EnvelopeID?
        for row in rows.prefix(limit) {
            let (idBytes, sender, size, depositedAt, expiresAt) = row
            let id = EnvelopeID(storedBytes: Array(idBytes))
            entries.append(MailboxEntry(envelopeID: id.description, sender: sender, size: size, depositedAt: depositedAt, expiresAt: expiresAt))
            lastID = id
        }
        return MailboxPage(entries: entries, next: rows.count > limit ? lastID : nil)
    }

    public func fetch(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> StoredBody? {
        // Through the batcher, with the fetches asked for meanwhile (`PostgresReadBatches`).
        try await fetches.submit(FetchRequest(ticket: tickets.take(), id: id.bytes, mailbox: mailbox, now: now))
    }

    public func bodyChunk(body: Int64, part: Int) async throws -> [UInt8]? {
        try await client.rows(PostgresStatements.Chunk(body: body, part: Int32(part)), logger: logger).first.map { Array($0) }
    }

    public func depositStatus(_ id: EnvelopeID, sender: String, now: Int64) async throws -> DepositStatus? {
        let idData = Data(id.bytes)
        let rows = try await client.query("""
            SELECT e.expires_at, d.mailbox, d.state, d.at FROM envelope e JOIN delivery d ON d.seq = e.seq
            WHERE e.id = \(idData) AND e.sender = \(sender)
            """, logger: logger).collect()
        guard !rows.isEmpty else { return nil }
        var expiresAt: Int64 = 0
        var deliveries: [DepositStatus.Delivery] = []
        for row in rows {
            let (expiry, mailbox, state, at) = try row.decode((Int64, String, Int16, Int64?).self)
            expiresAt = expiry
            switch state {
            case PostgresSchema.deleted: deliveries.append(.init(mailbox: mailbox, state: .deleted, at: at))
            case PostgresSchema.expired: deliveries.append(.init(mailbox: mailbox, state: .expired, at: at))
            default:
                // Expired by the clock even if no sweep has been round yet.
                deliveries.append(expiry <= now ? .init(mailbox: mailbox, state: .expired, at: expiry) : .init(mailbox: mailbox, state: .waiting, at: nil))
            }
        }
        deliveries.sort { Array($0.mailbox.utf8).lexicographicallyPrecedes(Array($1.mailbox.utf8)) }
        return DepositStatus(envelopeID: id.description, expiresAt: expiresAt, deliveries: deliveries)
    }

    public func usage(mailbox: String) async throws -> MailboxUsage {
        guard let row = try await client.query("SELECT count, bytes FROM mailbox_usage WHERE mailbox = \(mailbox)", logger: logger)
            .collect().first else { return MailboxUsage(count: 0, bytes: 0) }
        let (count, bytes) = try row.decode((Int64, Int64).self)
        return MailboxUsage(count: Int(count), bytes: bytes)
    }

    /// The ledger is a table every instance shares: a nonce claimed through one instance is refused
    /// by all, and it survives restarts, so this store never refuses a request for predating it.
    ///
    /// The claim commits without waiting for its WAL flush (`synchronous_commit` off for this one
    /// statement, through `set_config(..., true)` in its own implicit transaction): WAL is flushed in
    /// order, so the commit of the request's own write (a deposit, a delete), which does wait, makes
    /// the claim durable before any state-changing request is answered. Only a read's claim can be
    /// lost, and only if the database server itself crashes within a fraction of a second of it
    /// (spec/relay.md §Replay). This spares every request one WAL flush of its own.
    public func claimNonce(agency: String, nonce: [UInt8], timestamp: Int64, window: Int64, now: Int64) async throws -> NonceClaim {
        try await claimNonce(agency: agency, nonce: nonce, timestamp: timestamp, window: window, now: now, usageOf: []).claim
    }

    /// The claim above and the usage of each mailbox, in one round trip for a deposit's step 9 and
    /// its first look at the quota: through the claim batcher, with the claims of the requests
    /// that arrive meanwhile, in one prepared statement (`PostgresStatements.ClaimMany`). The
    /// claims commit as above, unflushed.
    public func claimNonce(agency: String, nonce: [UInt8], timestamp: Int64, window: Int64, now: Int64,
                           usageOf mailboxes: [String]) async throws -> (claim: NonceClaim, usage: [MailboxUsage]) {
        let (claim, usage) = try await claims.submit(NonceClaimRequest(agency: agency, nonce: nonce, forgetAt: timestamp + window,
                                                                      mailboxes: mailboxes))
        return (claim, usage)
    }

    /// Claims `requests` (no (agency, nonce) twice) in one statement; their answers, in order.
    static func claimBatch(_ requests: [NonceClaimRequest], client: PostgresClient,
                           logger: Logger) async throws -> [Result<(NonceClaim, [MailboxUsage]), any Error>] {
        let rows = try await client.rows(PostgresStatements.ClaimMany(requests), logger: logger)
        guard rows.count == requests.count else {
            throw RelayStorageError("the database answered \(rows.count) of a batch of \(requests.count) nonce claims")
        }
        return zip(requests, rows).enumerated().map { index, pair in
            let (request, (item, claimed, counts, bytes)) = pair
            guard Int(item) == index + 1 else { return .failure(RelayStorageError("the database answered a batch's nonce claims out of order")) }
            guard claimed else { return .success((.replayed, [])) }
            guard counts.count == request.mailboxes.count, bytes.count == request.mailboxes.count else {
                return .failure(RelayStorageError("the database returned the usage of \(counts.count) mailboxes for \(request.mailboxes.count)"))
            }
            return .success((.fresh, zip(counts, bytes).map { MailboxUsage(count: Int($0), bytes: $1) }))
        }
    }
}

/// One request's nonce claim, and the mailboxes whose usage it wants (a deposit's), as batched.
struct NonceClaimRequest: Sendable {
    let agency: String
    let nonce: [UInt8]
    let forgetAt: Int64
    let mailboxes: [String]
}
