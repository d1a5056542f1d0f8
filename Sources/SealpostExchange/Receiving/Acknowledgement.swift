import SealpostLedger
import SealpostCore
import SealpostLog
import SealpostRecord

/// The content of an acknowledgement envelope: which message the recipient received and stored,
/// the hash of the content it got, and the recipient's signed `acknowledged` receipt with its
/// receipt log checkpoint. Sealed to the original sender and signed by the recipient
/// (spec/exchange.md §Acknowledgements, spec/receipts.md §Receipts).
///
///     {"acknowledged_at": 1779000000, "checkpoint": {"signature": "…", "text": "…"},
///      "content_hash": "<64 hex>", "echo": {"signature": "…", "text": "…"},
///      "envelope_id": "<64 hex>", "format": "sealpost-ack/v2", "message_id": "<32 hex>",
///      "receipt": {<the acknowledged receipt's statement>}, "received_at": 1778999000,
///      "recipient": "kingsbridge-mash", "signature": "<128 hex: the receipt's signature>"}
///
/// `checkpoint` is the recipient's own log checkpoint after it logged the acknowledgement;
/// `echo` is the latest checkpoint of the sender's log the recipient holds (from the records it
/// received), which the sender checks against its own log. Compact JSON with members sorted;
/// times are Unix seconds; a reader refuses unknown members, duplicate keys and any other format.
public struct Acknowledgement: Sendable, Equatable {
    public static let format = "sealpost-ack/v2"

    public var messageID: [UInt8]
    public var envelopeID: EnvelopeID
    /// BLAKE2b-256 of the content as the recipient decrypted it.
    public var contentHash: [UInt8]
    /// The acknowledging agency: must be the signer of the envelope that carries this.
    public var recipient: String
    /// When the recipient stored the record.
    public var receivedAt: Int64
    public var acknowledgedAt: Int64
    /// The recipient's signed `acknowledged` receipt, its log checkpoint after logging it, and the
    /// latest checkpoint of the sender's log the recipient holds.
    public var carried: CarriedReceipt

    public init(messageID: [UInt8], envelopeID: EnvelopeID, contentHash: [UInt8], recipient: String, receivedAt: Int64,
                acknowledgedAt: Int64, carried: CarriedReceipt) {
        (self.messageID, self.envelopeID, self.contentHash) = (messageID, envelopeID, contentHash)
        (self.recipient, self.receivedAt, self.acknowledgedAt, self.carried) = (recipient, receivedAt, acknowledgedAt, carried)
    }

    public var encoded: [UInt8] {
        carried.encoded(format: Self.format, fields: [
            "message_id": .string(Hex.encode(messageID)),
            "envelope_id": .string(envelopeID.description),
            "content_hash": .string(Hex.encode(contentHash)),
            "recipient": .string(recipient),
            "received_at": .number(JSONNumber(receivedAt)),
            "acknowledged_at": .number(JSONNumber(acknowledgedAt)),
        ])
    }

    public init(decoding bytes: [UInt8]) throws(ExchangeError) {
        let fields = ["message_id", "envelope_id", "content_hash", "recipient", "received_at", "acknowledged_at"]
        self = try CarriedReceipt.decode(bytes, format: Self.format, kind: .acknowledged, maximumBytes: 8192, fields: fields, bad: {
            ExchangeError(.acknowledgement, "an acknowledgement is malformed: \($0)",
                          hint: "the acknowledging agency's program may be another version; ask it to acknowledge again")
        }) { r throws(JSONShapeError) in
            let (messageID, envelopeID, contentHash) = (try r.hex("message_id", count: Manifest.messageIDLength),
                                                        EnvelopeID(bytes: try r.hex("envelope_id", count: 32)),
                                                        try r.hex("content_hash", count: 32))
            let (recipient, receivedAt, acknowledgedAt) = (try r.agencyID("recipient"),
                                                           try r.integer("received_at", in: 0...Int64.max, "Unix seconds"),
                                                           try r.integer("acknowledged_at", in: 0...Int64.max, "Unix seconds"))
            return { Acknowledgement(messageID: messageID, envelopeID: envelopeID, contentHash: contentHash, recipient: recipient,
                                     receivedAt: receivedAt, acknowledgedAt: acknowledgedAt, carried: $0) }
        }
    }
}
