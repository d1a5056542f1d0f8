import Foundation
import SealpostCore
import SealpostJSON
import SealpostSodium

// The relay's JSON bodies. Field names are snake_case; times are Unix seconds; ids and keys are
// lowercase hex. The relay never reads JSON: requests carry envelopes or nothing.

/// GET /v1/health (unsigned).
public struct RelayHealth: Encodable, Sendable, Equatable {
    public var status: String
    /// The relay operator's agency id and its Ed25519 key, which signs deposit receipts.
    public var relay: String
    public var relayKey: String
    public var time: Int64
    public var version: String
    /// The largest envelope this relay takes, in bytes (`max_envelope_bytes`), so a client can
    /// refuse to upload what would be refused; absent from relays older than the member.
    public var maximumEnvelopeBytes: Int64?

    public init(status: String, relay: String, relayKey: String, time: Int64, version: String, maximumEnvelopeBytes: Int64? = nil) {
        self.status = status; self.relay = relay; self.relayKey = relayKey; self.time = time; self.version = version
        self.maximumEnvelopeBytes = maximumEnvelopeBytes
    }
    enum CodingKeys: String, CodingKey {
        case status, relay, relayKey = "relay_key", time, version, maximumEnvelopeBytes = "max_envelope_bytes"
    }
}

/// The answer to a deposit: 201 when new, 200 with `duplicate` when the envelope was already held
/// (or already delivered); either way the receipt is the one made at the first deposit.
public struct DepositResponse: Encodable, Sendable, Equatable {
    public var receipt: ReceiptBody
    public var signature: String
    public var duplicate: Bool

    public init(receipt: ReceiptBody, signature: String, duplicate: Bool) {
        self.receipt = receipt; self.signature = signature; self.duplicate = duplicate
    }

    public init(_ signed: SignedDepositReceipt, duplicate: Bool) {
        receipt = ReceiptBody(signed.receipt)
        signature = Hex.encode(signed.signature.rawRepresentation)
        self.duplicate = duplicate
    }

    /// The receipt as signed bytes and signature, or nil when a field is malformed: an id or
    /// signature that is not lower-case hex of the right length, an agency id that is not one
    /// (the signed bytes give each a one-byte length), no mailbox, mailboxes unsorted or repeated,
    /// or a negative time (the signed bytes hold unsigned times). Only a receipt that passes all of
    /// these has exactly one encoding, so only such a receipt can be checked against its signature.
    public var signedReceipt: SignedDepositReceipt? {
        guard let id = Hex.decode(receipt.envelopeID, count: 32).map(EnvelopeID.init(bytes:)),
              let sig = Hex.decode(signature, count: Ed25519.signatureLength),
              let signature = try? Ed25519.Signature(rawRepresentation: sig),
              AgencyID.isValid(receipt.relay), AgencyID.isValid(receipt.sender),
              !receipt.mailboxes.isEmpty, receipt.mailboxes.count <= Int(UInt8.max), receipt.mailboxes.allSatisfy(AgencyID.isValid),
              receipt.depositedAt >= 0, receipt.expiresAt >= 0 else { return nil }
        let body = DepositReceipt(envelopeID: id, relay: receipt.relay, sender: receipt.sender, mailboxes: receipt.mailboxes,
                                  depositedAt: receipt.depositedAt, expiresAt: receipt.expiresAt)
        guard body.mailboxes == receipt.mailboxes else { return nil }
        return SignedDepositReceipt(receipt: body, signature: signature)
    }

    public struct ReceiptBody: Encodable, Sendable, Equatable {
        public var envelopeID: String
        public var relay: String
        public var sender: String
        public var mailboxes: [String]
        public var depositedAt: Int64
        public var expiresAt: Int64

        public init(envelopeID: String, relay: String, sender: String, mailboxes: [String], depositedAt: Int64, expiresAt: Int64) {
            self.envelopeID = envelopeID; self.relay = relay; self.sender = sender
            self.mailboxes = mailboxes; self.depositedAt = depositedAt; self.expiresAt = expiresAt
        }

        public init(_ r: DepositReceipt) {
            envelopeID = r.envelopeID.description; relay = r.relay; sender = r.sender
            mailboxes = r.mailboxes; depositedAt = r.depositedAt; expiresAt = r.expiresAt
        }
        enum CodingKeys: String, CodingKey {
            case envelopeID = "envelope_id", relay, sender, mailboxes, depositedAt = "deposited_at", expiresAt = "expires_at"
        }
    }
}

/// GET /v1/mailbox: what waits for the caller, oldest first, at most `limit` (default 100, at most 1000)
/// after the envelope id given as `after`.
public struct MailboxListing: Encodable, Sendable, Equatable {
    public var messages: [MailboxEntry]
    /// Pass as `after` to read on; absent on the last page.
    public var next: String?

    public init(messages: [MailboxEntry], next: String?) { self.messages = messages; self.next = next }
}

public struct MailboxEntry: Encodable, Sendable, Equatable {
    public var envelopeID: String
    /// The depositing agency, as the relay authenticated it.
    public var sender: String
    public var size: Int64
    public var depositedAt: Int64
    public var expiresAt: Int64

    public init(envelopeID: String, sender: String, size: Int64, depositedAt: Int64, expiresAt: Int64) {
        self.envelopeID = envelopeID; self.sender = sender; self.size = size; self.depositedAt = depositedAt; self.expiresAt = expiresAt
    }
    enum CodingKeys: String, CodingKey {
        case envelopeID = "envelope_id", sender, size, depositedAt = "deposited_at", expiresAt = "expires_at"
    }
}

/// GET /v1/deposits/{id}: for the depositor only, what became of each mailbox's copy.
public struct DepositStatus: Encodable, Sendable, Equatable {
    public enum State: String, Encodable, Sendable { case waiting, deleted, expired }

    public struct Delivery: Encodable, Sendable, Equatable {
        public var mailbox: String
        public var state: State
        /// When it was deleted by its recipient or expired; absent while waiting.
        public var at: Int64?
        public init(mailbox: String, state: State, at: Int64?) { self.mailbox = mailbox; self.state = state; self.at = at }
    }

    public var envelopeID: String
    public var expiresAt: Int64
    public var deliveries: [Delivery]

    public init(envelopeID: String, expiresAt: Int64, deliveries: [Delivery]) {
        self.envelopeID = envelopeID; self.expiresAt = expiresAt; self.deliveries = deliveries
    }
    enum CodingKeys: String, CodingKey { case envelopeID = "envelope_id", expiresAt = "expires_at", deliveries }
}

/// Every error response's body: a stable code, what is wrong, and how to fix it.
public struct RelayProblem: Encodable, Sendable, Equatable, Error, CustomStringConvertible {
    public var error: String
    public var message: String
    public var hint: String?
    /// With `too_large`: the relay's envelope limit in bytes (`max_envelope_bytes`).
    public var maximumEnvelopeBytes: Int64?

    public init(error: String, message: String, hint: String? = nil, maximumEnvelopeBytes: Int64? = nil) {
        self.error = error; self.message = message; self.hint = hint; self.maximumEnvelopeBytes = maximumEnvelopeBytes
    }
    enum CodingKeys: String, CodingKey { case error, message, hint, maximumEnvelopeBytes = "max_envelope_bytes" }
    public var description: String { message }
}

/// The stable error codes of `RelayProblem.error`.
public enum RelayErrorCode {
    public static let unauthenticated = "unauthenticated"
    public static let clockSkew = "clock_skew"
    public static let replayed = "replayed"
    public static let unknownAgency = "unknown_agency"
    public static let contentHashMismatch = "content_hash_mismatch"
    public static let notFound = "not_found"
    public static let tooLarge = "too_large"
    public static let badRequest = "bad_request"
    public static let unknownRecipient = "unknown_recipient"
    public static let tooManyRecipients = "too_many_recipients"
    public static let conflict = "conflict"
    public static let mailboxFull = "mailbox_full"
    public static let rateLimited = "rate_limited"
    public static let internalError = "internal"
}

public enum RelayJSON {
    public static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(value))) ?? Array("{}".utf8)
    }

    /// The body as `T`, or nil when it is not strict JSON (`JSONParser`) or not the shape of `T`.
    public static func decode<T: RelayBody>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        try? read(type, from: bytes)
    }

    /// The body as `T`, or why it is not one (a path and a problem, never body text).
    public static func read<T: RelayBody>(_ type: T.Type, from bytes: [UInt8]) throws(JSONShapeError) -> T {
        try T(json: try JSONObjectReader(parsing: bytes))
    }
}
