import SealpostLedger
import SealpostCore
import SealpostLog
import SealpostRecord

/// The content of a decline envelope: the holder's signed `declined` receipt in answer to a
/// request, with its receipt log checkpoint, the echo of the requester's, and the practitioner's
/// reason in free text (spec/exchange.md §Declines). Sealed to the requester alone and signed by
/// the holder.
///
///     {"checkpoint": {"signature": "…", "text": "…"}, "declined_at": 1795000100,
///      "echo": {"signature": "…", "text": "…"}, "format": "sealpost-decline/v1",
///      "reason": "<free text>", "receipt": {<the declined receipt's statement>},
///      "request_envelope_id": "<64 hex>", "request_message_id": "<32 hex>", "signature": "<128 hex>"}
///
/// The receipt's facts carry the reasons' categories only; the free text travels here, sealed,
/// and goes into the receipt log's details on both sides. Compact JSON with members sorted; a
/// reader refuses unknown members, duplicate keys, another format, malformed hex and anything
/// over 16 KiB.
public struct DeclineMessage: Sendable, Equatable {
    public static let format = "sealpost-decline/v1"
    public static let maximumBytes = 16 * 1024

    public var requestEnvelopeID: EnvelopeID
    public var requestMessageID: [UInt8]
    /// Unix seconds.
    public var declinedAt: Int64
    public var reason: String
    /// The holder's signed `declined` receipt.
    public var receipt: Receipt
    /// The holder's log checkpoint after logging it.
    public var checkpoint: SignedCheckpoint
    /// The latest checkpoint of the requester's log the holder holds (from the request).
    public var echo: SignedCheckpoint?

    public init(requestEnvelopeID: EnvelopeID, requestMessageID: [UInt8], declinedAt: Int64, reason: String, receipt: Receipt,
                checkpoint: SignedCheckpoint, echo: SignedCheckpoint?) {
        self.requestEnvelopeID = requestEnvelopeID
        self.requestMessageID = requestMessageID
        self.declinedAt = declinedAt
        self.reason = reason
        self.receipt = receipt
        self.checkpoint = checkpoint
        self.echo = echo
    }

    public var encoded: [UInt8] {
        var object: JSONObject = [
            "format": .string(Self.format),
            "request_envelope_id": .string(requestEnvelopeID.description),
            "request_message_id": .string(Hex.encode(requestMessageID)),
            "declined_at": .number(JSONNumber(declinedAt)),
            "reason": .string(reason),
        ]
        CarriedReceipt.encode(receipt, checkpoint: checkpoint, echo: echo, into: &object)
        return JSONWriter(options: [.sortedKeys]).bytes(.object(object))
    }

    public init(decoding bytes: [UInt8]) throws(ExchangeError) {
        func bad(_ problem: String) -> ExchangeError {
            ExchangeError(.acknowledgement, "a decline is malformed: \(problem)", hint: "the declining agency's program may be another version; ask it to decline again")
        }
        guard bytes.count <= Self.maximumBytes else { throw bad("it is longer than \(Self.maximumBytes) bytes") }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw bad(error.description) }
        let r: JSONObjectReader
        let envelopeID: EnvelopeID, messageID: [UInt8], declinedAt: Int64, reason: String
        do throws(JSONShapeError) {
            r = try JSONObjectReader(value)
            try r.only(["format", "request_envelope_id", "request_message_id", "declined_at", "reason"] + CarriedReceipt.members)
            guard try r.string("format") == Self.format else { throw r.invalid("format", "is not \(Self.format)") }
            envelopeID = EnvelopeID(bytes: try r.hex("request_envelope_id", count: 32))
            messageID = try r.hex("request_message_id", count: Manifest.messageIDLength)
            declinedAt = try r.integer("declined_at", in: 0...Int64.max, "Unix seconds")
            reason = try r.string("reason")
            guard FreeText.isAcceptable(reason) else {
                throw r.invalid("reason", "is not text", fix: "1-\(FreeText.maximumBytes) bytes, lines and tabs allowed")
            }
        } catch { throw bad(error.description) }
        let object = r.object
        let (receipt, checkpoint, echo) = try CarriedReceipt.decode(object, kind: .declined, bad: bad)
        self.init(requestEnvelopeID: envelopeID, requestMessageID: messageID, declinedAt: declinedAt, reason: reason, receipt: receipt,
                  checkpoint: checkpoint, echo: echo)
    }
}
