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
    /// The recipient's signed `outcome` receipt.
    public var receipt: Receipt
    public var checkpoint: SignedCheckpoint
    public var echo: SignedCheckpoint?

    public init(envelopeID: EnvelopeID, messageID: [UInt8], contentHash: [UInt8], decision: OutcomeDecision, decidedAt: Int64,
                reason: String, nextSteps: String?, receipt: Receipt, checkpoint: SignedCheckpoint, echo: SignedCheckpoint?) {
        self.envelopeID = envelopeID
        self.messageID = messageID
        self.contentHash = contentHash
        self.decision = decision
        self.decidedAt = decidedAt
        self.reason = reason
        self.nextSteps = nextSteps
        self.receipt = receipt
        self.checkpoint = checkpoint
        self.echo = echo
    }

    public var encoded: [UInt8] {
        var object: JSONObject = [
            "format": .string(Self.format),
            "envelope_id": .string(envelopeID.description),
            "message_id": .string(Hex.encode(messageID)),
            "content_hash": .string(Hex.encode(contentHash)),
            "decision": .string(decision.rawValue),
            "decided_at": .number(JSONNumber(decidedAt)),
            "reason": .string(reason),
        ]
        if let nextSteps { object["next_steps"] = .string(nextSteps) }
        CarriedReceipt.encode(receipt, checkpoint: checkpoint, echo: echo, into: &object)
        return JSONWriter(options: [.sortedKeys]).bytes(.object(object))
    }

    public init(decoding bytes: [UInt8]) throws(ExchangeError) {
        func bad(_ problem: String) -> ExchangeError {
            ExchangeError(.acknowledgement, "an outcome is malformed: \(problem)",
                          hint: "the deciding agency's program may be another version; ask it to record the outcome again")
        }
        guard bytes.count <= Self.maximumBytes else { throw bad("it is longer than \(Self.maximumBytes) bytes") }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw bad(error.description) }
        guard let object = value.objectValue else { throw bad("it is not a JSON object") }
        let known = ["format", "envelope_id", "message_id", "content_hash", "decision", "decided_at", "reason", "next_steps"]
            + CarriedReceipt.members
        if let unknown = object.keys.first(where: { !known.contains($0) }) { throw bad("unknown member \(Printable.escape(unknown))") }
        guard object["format"]?.stringValue == Self.format else { throw bad("format is not \(Self.format)") }
        func hex(_ key: String, _ count: Int) throws(ExchangeError) -> [UInt8] {
            guard let text = object[key]?.stringValue, let bytes = Hex.decode(text), bytes.count == count, Hex.encode(bytes) == text else {
                throw bad("\(key) is not \(count * 2) lower-case hex digits")
            }
            return bytes
        }
        envelopeID = EnvelopeID(hex: Hex.encode(try hex("envelope_id", 32)))!
        messageID = try hex("message_id", Manifest.messageIDLength)
        contentHash = try hex("content_hash", 32)
        guard let code = object["decision"]?.stringValue, let decision = OutcomeDecision(rawValue: code) else {
            throw bad("decision is not one of \(OutcomeDecision.list)")
        }
        self.decision = decision
        guard let decidedAt = object["decided_at"]?.numberValue?.int64Value, decidedAt >= 0 else { throw bad("decided_at is not Unix seconds") }
        self.decidedAt = decidedAt
        guard let reason = object["reason"]?.stringValue, FreeText.isAcceptable(reason) else { throw bad("reason is not text") }
        self.reason = reason
        if let value = object["next_steps"] {
            guard let text = value.stringValue, FreeText.isAcceptable(text) else { throw bad("next_steps is not text") }
            nextSteps = text
        } else {
            nextSteps = nil
        }
        (receipt, checkpoint, echo) = try CarriedReceipt.decode(object, kind: .outcome, bad: bad)
    }
}
