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
    /// The holder's signed `declined` receipt, its log checkpoint after logging it, and the latest
    /// checkpoint of the requester's log the holder holds (from the request).
    public var carried: CarriedReceipt

    public init(requestEnvelopeID: EnvelopeID, requestMessageID: [UInt8], declinedAt: Int64, reason: String, carried: CarriedReceipt) {
        (self.requestEnvelopeID, self.requestMessageID) = (requestEnvelopeID, requestMessageID)
        (self.declinedAt, self.reason, self.carried) = (declinedAt, reason, carried)
    }

    public var encoded: [UInt8] {
        carried.encoded(format: Self.format, fields: [
            "request_envelope_id": .string(requestEnvelopeID.description),
            "request_message_id": .string(Hex.encode(requestMessageID)),
            "declined_at": .number(JSONNumber(declinedAt)),
            "reason": .string(reason),
        ])
    }

    public init(decoding bytes: [UInt8]) throws(ExchangeError) {
        let fields = ["request_envelope_id", "request_message_id", "declined_at", "reason"]
        self = try CarriedReceipt.decode(bytes, format: Self.format, kind: .declined, maximumBytes: Self.maximumBytes, fields: fields, bad: {
            ExchangeError(.acknowledgement, "a decline is malformed: \($0)",
                          hint: "the declining agency's program may be another version; ask it to decline again")
        }) { r throws(JSONShapeError) in
            let (envelopeID, messageID) = (EnvelopeID(bytes: try r.hex("request_envelope_id", count: 32)),
                                           try r.hex("request_message_id", count: Manifest.messageIDLength))
            let (declinedAt, reason) = (try r.integer("declined_at", in: 0...Int64.max, "Unix seconds"), try r.freeText("reason"))
            return { DeclineMessage(requestEnvelopeID: envelopeID, requestMessageID: messageID, declinedAt: declinedAt, reason: reason,
                                    carried: $0) }
        }
    }
}
