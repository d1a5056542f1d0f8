import SealpostCore
import SealpostProtocol

/// Everything the relay keeps: envelopes, who they wait for, what became of them, and the nonces
/// of requests it has accepted (spec/relay.md §Storage).
///
/// The routes speak only to this protocol, so a store shared by several relay instances (such as
/// PostgreSQL) can replace the embedded SQLite one without anything above it changing. Every
/// write is durable before its method returns: a caller may acknowledge what the method reports.
/// Times are Unix seconds, passed in so that one clock (the relay's, injectable in tests) rules.
public protocol RelayRepository: Sendable {
    /// Starts keeping a deposit's body as it arrives, at `now`: its chunks are kept under the id
    /// returned, invisible to every read (no envelope names it), until `deposit` makes them an
    /// envelope's body in the transaction that stores the envelope, or `discardBody` (or, for a
    /// body abandoned by a relay that died, the expiry sweep) drops them.
    func beginBody(now: Int64) async throws -> Int64

    /// Keeps chunk number `part` (from 0, in order, each at most `DepositBody.chunkBytes`) of the
    /// body being received under `body`.
    func appendBodyChunk(body: Int64, part: Int, bytes: [UInt8]) async throws

    /// Drops a body that will not become an envelope's (refused, cut short, or a duplicate).
    func discardBody(_ body: Int64) async throws

    /// Stores `deposit` for each of its mailboxes, its body the staged body it names, or reports
    /// why not (the staged body is then left for the caller to discard). Idempotent by envelope
    /// id: an id seen before (still waiting, or delivered, expired or deleted but remembered as a
    /// tombstone) yields the receipt made the first time, never a second delivery.
    func deposit(_ deposit: NewDeposit) async throws -> DepositOutcome

    /// Envelopes waiting in `mailbox` and not expired at `now`, oldest deposit first, after the
    /// envelope `after` (which must be one this mailbox has held), at most `limit` of them.
    func listMailbox(_ mailbox: String, after: EnvelopeID?, limit: Int, now: Int64) async throws -> MailboxPage

    /// Where the bytes of envelope `id` are kept, if it waits in `mailbox` and has not expired; nil
    /// otherwise, whoever else it may wait for. The bytes are read chunk by chunk (`bodyChunk`).
    func fetch(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> StoredBody?

    /// Chunk number `part` of a stored body; nil once the body is gone (deleted or expired since).
    func bodyChunk(body: Int64, part: Int) async throws -> [UInt8]?

    /// Marks envelope `id` in `mailbox` as deleted by its recipient. False when it was not waiting
    /// there (never deposited, someone else's, already deleted, or expired).
    func delete(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> Bool

    /// What became of each copy of envelope `id`, for the agency that deposited it; nil for anyone else.
    func depositStatus(_ id: EnvelopeID, sender: String, now: Int64) async throws -> DepositStatus?

    /// Marks copies past their expiry as expired, drops envelope bytes no mailbox waits for,
    /// forgets tombstones whose time has come, and drops bodies begun more than
    /// `DepositBody.abandonedAfter` seconds before `now` that no envelope took (a relay that died
    /// mid-deposit). Bounded work per call; call again while it reports progress.
    func expire(now: Int64, batchLimit: Int) async throws -> ExpiryReport

    /// How many envelopes, and how many bytes, wait in `mailbox`.
    func usage(mailbox: String) async throws -> MailboxUsage

    /// Records that `agency` used `nonce` in a request timestamped `timestamp`, or says why the
    /// request must be refused. Nonces are remembered at least until `timestamp + window`, after
    /// which the timestamp alone refuses the request.
    func claimNonce(agency: String, nonce: [UInt8], timestamp: Int64, window: Int64, now: Int64) async throws -> NonceClaim

    /// `claimNonce`, then, once the claim is fresh, `usage` of each of `mailboxes`, in their order:
    /// a deposit's nonce claim and its first look at the quota before its body is read. A store
    /// across a network answers both in one round trip. (The default makes the calls one by one.)
    func claimNonce(agency: String, nonce: [UInt8], timestamp: Int64, window: Int64, now: Int64,
                    usageOf mailboxes: [String]) async throws -> (claim: NonceClaim, usage: [MailboxUsage])

    /// Keeps `bytes`, the signed file of agreement `id` edition `version` that this relay has just
    /// accepted, as the newest edition, unless an edition at least as new is kept already. Every
    /// instance over the same store converges on it (`newerAgreement`). The store is not trusted
    /// with the edition: whoever reads it back checks it as at start.
    func publishAgreement(id: String, version: Int64, bytes: [UInt8]) async throws

    /// The file of the newest edition of agreement `id` kept, if its version is above `version`;
    /// nil otherwise. One indexed lookup, cheap enough to ask every few seconds.
    func newerAgreement(id: String, than version: Int64) async throws -> [UInt8]?

    /// Throws, saying what is wrong, when the store cannot answer a query now (for `/v1/health`).
    func checkHealth() async throws

    /// Releases the store. Further calls fail.
    func close() async throws
}

extension RelayRepository {
    public func claimNonce(agency: String, nonce: [UInt8], timestamp: Int64, window: Int64, now: Int64,
                           usageOf mailboxes: [String]) async throws -> (claim: NonceClaim, usage: [MailboxUsage]) {
        let claim = try await claimNonce(agency: agency, nonce: nonce, timestamp: timestamp, window: window, now: now)
        guard claim == .fresh else { return (claim, []) }
        var usage: [MailboxUsage] = []
        for mailbox in mailboxes { usage.append(try await self.usage(mailbox: mailbox)) }
        return (claim, usage)
    }
}

/// A deposit as the relay accepted it, its receipt already signed and its body checked against
/// the signed content hash.
public struct NewDeposit: Sendable {
    public var receipt: SignedDepositReceipt
    /// The body, and its length in bytes.
    public var body: NewBody
    public var size: Int64
    /// When the tombstone of this id may be forgotten (after which the same bytes would be new again).
    public var forgetAt: Int64
    public var quota: MailboxQuota

    public init(receipt: SignedDepositReceipt, body: NewBody, size: Int64, forgetAt: Int64, quota: MailboxQuota) {
        (self.receipt, self.body, self.size, self.forgetAt, self.quota) = (receipt, body, size, forgetAt, quota)
    }
}

/// A new deposit's body: one chunk or less, stored with the envelope in its transaction (most
/// deposits: one write, as before bodies were chunked); or more, staged chunk by chunk as it
/// arrived (`beginBody`) and claimed by the deposit's transaction.
public enum NewBody: Sendable, Equatable {
    case whole([UInt8])
    case staged(Int64)
}

/// A stored envelope's body: its id in the store, its length, and how many chunks hold it.
public struct StoredBody: Sendable, Equatable {
    public var body: Int64
    public var size: Int64
    public var parts: Int
    /// Part 0, when the store read it with the rest (one read instead of two); nil when it did
    /// not, and `bodyChunk(body:part: 0)` gives it.
    public var firstChunk: [UInt8]?

    public init(body: Int64, size: Int64, parts: Int, firstChunk: [UInt8]? = nil) {
        (self.body, self.size, self.parts, self.firstChunk) = (body, size, parts, firstChunk)
    }
}

/// How envelope bodies are kept (spec/relay.md §Storage): in chunks of at most `chunkBytes`,
/// so that neither a deposit nor a fetch ever holds a whole envelope in memory, and no value
/// comes near a store's own limits (SQLite's 1 GB, PostgreSQL's 1 GB per field).
public enum DepositBody {
    public static let chunkBytes = 1 << 20

    /// Seconds after which a body still being received is taken as abandoned: longer than any
    /// body timeout a relay sharing the store may have (a day), and a minute more.
    public static let abandonedAfter: Int64 = 86_400 + 60

    /// Chunks a body of `size` bytes takes.
    public static func parts(_ size: Int64) -> Int { Int((size + Int64(chunkBytes) - 1) / Int64(chunkBytes)) }
}

public enum DepositOutcome: Sendable, Equatable {
    /// Newly stored; the receipt is the one passed in.
    case stored(SignedDepositReceipt)
    /// Already held or remembered with the same sender and mailboxes; the receipt is the original.
    case duplicate(SignedDepositReceipt)
    /// The id is known under another sender or another set of mailboxes.
    case conflict
    /// Storing it would take `mailbox` past its quota.
    case mailboxFull(mailbox: String)
}

/// Per mailbox: how many envelopes and how many bytes may wait at once.
public struct MailboxQuota: Sendable, Equatable {
    public var maximumCount: Int
    public var maximumBytes: Int64

    public init(maximumCount: Int, maximumBytes: Int64) {
        self.maximumCount = maximumCount
        self.maximumBytes = maximumBytes
    }
}

public struct MailboxUsage: Sendable, Equatable {
    public var count: Int
    public var bytes: Int64

    public init(count: Int, bytes: Int64) {
        self.count = count
        self.bytes = bytes
    }
}

public struct MailboxPage: Sendable, Equatable {
    public var entries: [MailboxEntry]
    /// The last entry's id when more wait after it.
    public var next: EnvelopeID?

    public init(entries: [MailboxEntry], next: EnvelopeID?) {
        self.entries = entries
        self.next = next
    }
}

public struct ExpiryReport: Sendable, Equatable {
    /// Copies that were waiting and are now marked expired.
    public var expired: Int = 0
    /// Envelope bodies dropped because no mailbox waits for them any more.
    public var bodiesDropped: Int = 0
    /// Tombstones forgotten.
    public var forgotten: Int = 0
    /// Bodies being received that no deposit finished (their relay died), dropped.
    public var abandoned: Int = 0

    public init(expired: Int = 0, bodiesDropped: Int = 0, forgotten: Int = 0, abandoned: Int = 0) {
        (self.expired, self.bodiesDropped, self.forgotten, self.abandoned) = (expired, bodiesDropped, forgotten, abandoned)
    }

    public var isEmpty: Bool { expired == 0 && bodiesDropped == 0 && forgotten == 0 && abandoned == 0 }
}

public enum NonceClaim: Sendable, Equatable {
    case fresh
    /// This agency has used this nonce before.
    case replayed
    /// The request is timestamped before `startedAt`, the earliest time this store can vouch
    /// for (a store whose ledger does not survive a restart refuses anything older).
    case beforeLedger(startedAt: Int64)
}

/// Why the store could not do what was asked (the disk, the file, the schema).
public struct RelayStorageError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
