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
    /// Stores `deposit` for each of its mailboxes, or reports why not. Idempotent by envelope id:
    /// an id seen before (still waiting, or delivered, expired or deleted but remembered as a
    /// tombstone) yields the receipt made the first time, never a second delivery.
    func deposit(_ deposit: NewDeposit) async throws -> DepositOutcome

    /// Envelopes waiting in `mailbox` and not expired at `now`, oldest deposit first, after the
    /// envelope `after` (which must be one this mailbox has held), at most `limit` of them.
    func listMailbox(_ mailbox: String, after: EnvelopeID?, limit: Int, now: Int64) async throws -> MailboxPage

    /// The bytes of envelope `id` if it waits in `mailbox` and has not expired; nil otherwise,
    /// whoever else it may wait for.
    func fetch(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> [UInt8]?

    /// Marks envelope `id` in `mailbox` as deleted by its recipient. False when it was not waiting
    /// there (never deposited, someone else's, already deleted, or expired).
    func delete(_ id: EnvelopeID, mailbox: String, now: Int64) async throws -> Bool

    /// What became of each copy of envelope `id`, for the agency that deposited it; nil for anyone else.
    func depositStatus(_ id: EnvelopeID, sender: String, now: Int64) async throws -> DepositStatus?

    /// Marks copies past their expiry as expired, drops envelope bytes no mailbox waits for, and
    /// forgets tombstones whose time has come. Bounded work per call; call again while it reports progress.
    func expire(now: Int64, batchLimit: Int) async throws -> ExpiryReport

    /// How many envelopes, and how many bytes, wait in `mailbox`.
    func usage(mailbox: String) async throws -> MailboxUsage

    /// Records that `agency` used `nonce` in a request timestamped `timestamp`, or says why the
    /// request must be refused. Nonces are remembered at least until `timestamp + window`, after
    /// which the timestamp alone refuses the request.
    func claimNonce(agency: String, nonce: [UInt8], timestamp: Int64, window: Int64, now: Int64) async throws -> NonceClaim

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

/// A deposit as the relay accepted it, its receipt already signed.
public struct NewDeposit: Sendable {
    public var receipt: SignedDepositReceipt
    public var bytes: [UInt8]
    /// When the tombstone of this id may be forgotten (after which the same bytes would be new again).
    public var forgetAt: Int64
    public var quota: MailboxQuota

    public init(receipt: SignedDepositReceipt, bytes: [UInt8], forgetAt: Int64, quota: MailboxQuota) {
        (self.receipt, self.bytes, self.forgetAt, self.quota) = (receipt, bytes, forgetAt, quota)
    }
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

    public init(expired: Int = 0, bodiesDropped: Int = 0, forgotten: Int = 0) {
        (self.expired, self.bodiesDropped, self.forgotten) = (expired, bodiesDropped, forgotten)
    }

    public var isEmpty: Bool { expired == 0 && bodiesDropped == 0 && forgotten == 0 }
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
