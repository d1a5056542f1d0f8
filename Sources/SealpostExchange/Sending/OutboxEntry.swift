import SealpostLedger
import SealpostCore
import SealpostProtocol

/// One envelope this agency sealed for one recipient, and what has become of it
/// (`HOME/outbox/<envelope id>.json`; spec/exchange.md §Outbox).
///
/// States, in order: `sealed` (stored, not yet taken by the relay), `deposited` (the relay's
/// signed receipt is held), then `acknowledged` (the recipient's signed acknowledgement arrived
/// and matched) or `expired` (the relay's retention ran out before the recipient collected it).
/// Nothing here is record content or a protected identity: ids, agencies, hashes, times, field
/// paths and the practitioner's decisions by position.
public struct OutboxEntry: Codable, Sendable, Equatable {
    public static let formatName = "sealpost-outbox/v1"

    public enum State: String, Codable, Sendable, Comparable {
        case sealed, deposited, acknowledged, expired
        public static func < (a: State, b: State) -> Bool { a.order < b.order }
        private var order: Int { [.sealed: 0, .deposited: 1, .acknowledged: 2, .expired: 2][self]! }
    }

    /// The relay's signed deposit receipt, kept as evidence of when the envelope was handed over.
    public struct Receipt: Codable, Sendable, Equatable {
        public var relay: String
        public var mailboxes: [String]
        public var depositedAt: Int64
        public var expiresAt: Int64
        /// The relay's Ed25519 signature over DepositReceipt.signedBytes, hex.
        public var signature: String

        enum CodingKeys: String, CodingKey { case relay, mailboxes, depositedAt = "deposited_at", expiresAt = "expires_at", signature }

        public init(_ signed: SignedDepositReceipt) {
            relay = signed.receipt.relay
            mailboxes = signed.receipt.mailboxes
            depositedAt = signed.receipt.depositedAt
            expiresAt = signed.receipt.expiresAt
            signature = Hex.encode(signed.signature.rawRepresentation)
        }
    }

    /// The recipient's acknowledgement, as collected and checked by `sync`.
    public struct AcknowledgementRecord: Codable, Sendable, Equatable {
        /// The envelope that carried it (kept as `<envelope id>.ack.sealed`).
        public var envelopeID: String
        public var receivedAt: Int64
        public var acknowledgedAt: Int64
        public var collectedAt: Int64

        enum CodingKeys: String, CodingKey {
            case envelopeID = "envelope_id", receivedAt = "received_at", acknowledgedAt = "acknowledged_at", collectedAt = "collected_at"
        }
    }

    /// One outcome the recipient recorded, as collected and checked by `sync`.
    public struct OutcomeRecord: Codable, Sendable, Equatable {
        /// The envelope that carried it (kept as `<envelope id>.outcome-<outcome id>.sealed`).
        public var envelopeID: String
        /// The decision's code.
        public var decision: String
        public var decidedAt: Int64
        public var collectedAt: Int64

        enum CodingKeys: String, CodingKey {
            case envelopeID = "envelope_id", decision, decidedAt = "decided_at", collectedAt = "collected_at"
        }
    }

    public struct WithheldField: Codable, Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    /// A practitioner's decision on an uncertain finding, by position (never the text).
    public struct Decision: Codable, Sendable, Equatable {
        public var path: String
        public var start: Int
        public var end: Int
        public var action: String
        public var category: String
    }

    public var format = OutboxEntry.formatName
    public var envelopeID: String
    public var messageID: String
    public var recipient: String
    public var purpose: String
    public var urgency: String
    public var recordID: String?
    /// `<agreement id>@<version>` under which it was sealed.
    public var agreement: String
    public var contentHash: String
    public var contentLength: UInt64
    public var envelopeLength: UInt64
    public var sealedAt: Int64
    public var state: State
    public var receipt: Receipt?
    public var acknowledgement: AcknowledgementRecord?
    public var expiredAt: Int64?
    /// What the relay said last when a deposit failed (no content), for `sealpost outbox`.
    public var lastError: String?
    public var shared: [String]
    public var withheld: [WithheldField]
    public var decisions: [Decision]
    /// A record sent in answer to a request: the request's message id.
    public var inAnswerTo: String?
    /// A request this agency sent (HOME/requests/out): how the holder answered, once known.
    public var answer: Answer?
    /// The recipient's outcomes for this record, oldest first (absent until the first arrives).
    public var outcomes: [OutcomeRecord]?
    /// The record said the family will be told (`consent.family.status` `will_be_told`): work
    /// waiting until `familyToldAt` (Unix seconds) is set by `sealpost family-told`.
    public var familyToBeTold: Bool?
    public var familyToldAt: Int64?
    /// The files sent with the record, by hash, length and type (never by name, which may
    /// identify someone); absent when none.
    public var attachments: [SentAttachment]?

    /// One attachment of the envelope, as its signed manifest states it.
    public struct SentAttachment: Codable, Sendable, Equatable {
        /// BLAKE2b-256, hex.
        public var hash: String
        public var length: UInt64
        public var type: String
    }

    /// How a request was answered: `declined` (the holder's signed decline, collected by sync) or
    /// `answered` (a record whose signed manifest names the request, opened here).
    public struct Answer: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case declined, answered }
        public var kind: Kind
        /// The envelope that carried the decline or the record.
        public var envelopeID: String
        public var at: Int64

        enum CodingKeys: String, CodingKey { case kind, envelopeID = "envelope_id", at }

        public init(kind: Kind, envelopeID: String, at: Int64) {
            (self.kind, self.envelopeID, self.at) = (kind, envelopeID, at)
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, envelopeID = "envelope_id", messageID = "message_id", recipient, purpose, urgency, recordID = "record_id"
        case agreement, contentHash = "content_hash", contentLength = "content_length", envelopeLength = "envelope_length"
        case sealedAt = "sealed_at", state, receipt, acknowledgement, expiredAt = "expired_at", lastError = "last_error"
        case shared, withheld, decisions, inAnswerTo = "in_answer_to", answer, outcomes
        case familyToBeTold = "family_to_be_told", familyToldAt = "family_told_at", attachments
    }

    public var id: EnvelopeID? { EnvelopeID(hex: envelopeID) }

    /// Whether this send still waits on the recipient: not acknowledged and not expired.
    public var isOpen: Bool { state == .sealed || state == .deposited }

    /// emergency 0, urgent 1, routine 2: how `sealpost outbox` orders what is still open.
    public var urgencyRank: Int { ["emergency": 0, "urgent": 1, "routine": 2][urgency] ?? 3 }
}
