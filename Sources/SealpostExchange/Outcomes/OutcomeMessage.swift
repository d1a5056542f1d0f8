import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostRecord

/// The content of an outcome envelope: what the recipient of a record decided, with its signed
/// `outcome` receipt, its receipt log checkpoint and the echo of the sender's (spec/exchange.md
/// §Outcomes). Sealed to the record's sender alone and signed by the recipient.
///
///     {"checkpoint": {"signature": "…", "text": "…"}, "content_hash": "<64 hex>",
///      "decided_at": 1795000100, "decision": "early_help", "echo": {…}?,
///      "envelope_id": "<64 hex: the record's envelope>", "format": "sealpost-outcome/v1",
///      "message_id": "<32 hex>", "next_steps": "<free text>"?, "reason": "<free text>",
///      "receipt": {<the outcome receipt's statement>}, "signature": "<128 hex>"}
///
/// The receipt's facts carry the decision's code only; the reason and next steps travel here,
/// sealed, and go into the receipt log's details on both sides. Compact JSON with members sorted;
/// a reader refuses unknown members, duplicate keys, another format, malformed hex, a decision
/// this version does not know, and anything over 16 KiB.
public struct OutcomeMessage: Sendable, Equatable {
    public static let format = "sealpost-outcome/v1"
    public static let maximumBytes = 16 * 1024

    /// The record's envelope, message id and content hash as the recipient stored it.
    public var envelopeID: EnvelopeID
    public var messageID: [UInt8]
    public var contentHash: [UInt8]
    public var decision: OutcomeDecision
    /// Unix seconds.
    public var decidedAt: Int64
    public var reason: String
    public var nextSteps: String?
    /// The recipient's signed `outcome` receipt, its log checkpoint after logging it, and the
    /// latest checkpoint of the sender's log the recipient holds.
    public var carried: CarriedReceipt

    public init(envelopeID: EnvelopeID, messageID: [UInt8], contentHash: [UInt8], decision: OutcomeDecision, decidedAt: Int64,
                reason: String, nextSteps: String?, carried: CarriedReceipt) {
        (self.envelopeID, self.messageID, self.contentHash) = (envelopeID, messageID, contentHash)
        (self.decision, self.decidedAt, self.reason, self.nextSteps, self.carried) = (decision, decidedAt, reason, nextSteps, carried)
    }

    public var encoded: [UInt8] {
        var fields: JSONObject = [
            "envelope_id": .string(envelopeID.description),
            "message_id": .string(Hex.encode(messageID)),
            "content_hash": .string(Hex.encode(contentHash)),
            "decision": .string(decision.rawValue),
            "decided_at": .number(JSONNumber(decidedAt)),
            "reason": .string(reason),
        ]
        if let nextSteps { fields["next_steps"] = .string(nextSteps) }
        return carried.encoded(format: Self.format, fields: fields)
    }

    public init(decoding bytes: [UInt8]) throws(ExchangeError) {
        let fields = ["envelope_id", "message_id", "content_hash", "decision", "decided_at", "reason", "next_steps"]
        self = try CarriedReceipt.decode(bytes, format: Self.format, kind: .outcome, maximumBytes: Self.maximumBytes, fields: fields, bad: {
            ExchangeError(.acknowledgement, "an outcome is malformed: \($0)",
                          hint: "the deciding agency's program may be another version; ask it to record the outcome again")
        }) { r throws(JSONShapeError) in
            let (envelopeID, messageID, contentHash) = (EnvelopeID(bytes: try r.hex("envelope_id", count: 32)),
                                                        try r.hex("message_id", count: Manifest.messageIDLength),
                                                        try r.hex("content_hash", count: 32))
            guard let decision = OutcomeDecision(rawValue: try r.string("decision")) else {
                throw r.invalid("decision", "is not a decision this version knows", fix: "one of \(OutcomeDecision.list)")
            }
            let decidedAt = try r.integer("decided_at", in: 0...Int64.max, "Unix seconds")
            let (reason, nextSteps) = (try r.freeText("reason"), try r.optionalFreeText("next_steps"))
            return { OutcomeMessage(envelopeID: envelopeID, messageID: messageID, contentHash: contentHash, decision: decision,
                                    decidedAt: decidedAt, reason: reason, nextSteps: nextSteps, carried: $0) }
        }
    }
}
