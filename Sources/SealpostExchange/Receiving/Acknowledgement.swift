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
    /// The recipient's signed `acknowledged` receipt.
    public var receipt: Receipt
    /// The recipient's log checkpoint.
    public var checkpoint: SignedCheckpoint
    /// The latest checkpoint of the sender's log the recipient holds.
    public var echo: SignedCheckpoint?

    public init(messageID: [UInt8], envelopeID: EnvelopeID, contentHash: [UInt8], recipient: String, receivedAt: Int64, acknowledgedAt: Int64,
                receipt: Receipt, checkpoint: SignedCheckpoint, echo: SignedCheckpoint?) {
        self.messageID = messageID
        self.envelopeID = envelopeID
        self.contentHash = contentHash
        self.recipient = recipient
        self.receivedAt = receivedAt
        self.acknowledgedAt = acknowledgedAt
        self.receipt = receipt
        self.checkpoint = checkpoint
        self.echo = echo
    }

    public var encoded: [UInt8] {
        var object: JSONObject = [
            "format": .string(Self.format),
            "message_id": .string(Hex.encode(messageID)),
            "envelope_id": .string(envelopeID.description),
            "content_hash": .string(Hex.encode(contentHash)),
            "recipient": .string(recipient),
            "received_at": .number(JSONNumber(receivedAt)),
            "acknowledged_at": .number(JSONNumber(acknowledgedAt)),
        ]
        CarriedReceipt.encode(receipt, checkpoint: checkpoint, echo: echo, into: &object)
        return JSONWriter(options: [.sortedKeys]).bytes(.object(object))
    }

    public init(decoding bytes: [UInt8]) throws(ExchangeError) {
        func bad(_ problem: String) -> ExchangeError {
            ExchangeError(.acknowledgement, "an acknowledgement is malformed: \(problem)", hint: "the acknowledging agency's program may be another version; ask it to acknowledge again")
        }
        guard bytes.count <= 8192 else { throw bad("it is longer than 8192 bytes") }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw bad(error.description) }
        let r: JSONObjectReader
        do throws(JSONShapeError) {
            r = try JSONObjectReader(value)
            try r.only(["format", "message_id", "envelope_id", "content_hash", "recipient", "received_at", "acknowledged_at"]
                       + CarriedReceipt.members)
            guard try r.string("format") == Self.format else { throw r.invalid("format", "is not \(Self.format)") }
            messageID = try r.hex("message_id", count: Manifest.messageIDLength)
            envelopeID = EnvelopeID(bytes: try r.hex("envelope_id", count: 32))
            contentHash = try r.hex("content_hash", count: 32)
            recipient = try r.agencyID("recipient")
            receivedAt = try r.integer("received_at", in: 0...Int64.max, "Unix seconds")
            acknowledgedAt = try r.integer("acknowledged_at", in: 0...Int64.max, "Unix seconds")
        } catch { throw bad(error.description) }
        let object = r.object
        (receipt, checkpoint, echo) = try CarriedReceipt.decode(object, kind: .acknowledged, bad: bad)
    }
}
