/// Receipts about a record's delivery: opened, acknowledged, or expired at the relay.

/// `received`: the recipient verified and opened a record, before storing it.
public struct ReceivedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.received
    public var sender: String
    public var recipient: String
    public var purpose: String
    public var urgency: String
    public var agreement: String
    public var recordID: String?
    public var envelope: EnvelopeFacts
    /// Unix seconds: the envelope's creation time, and when it was opened here.
    public var sentAt: Int64
    public var receivedAt: Int64
    public var inAnswerTo: String?

    public init(sender: String, recipient: String, purpose: String, urgency: String, agreement: String, recordID: String?,
                envelope: EnvelopeFacts, sentAt: Int64, receivedAt: Int64, inAnswerTo: String?) {
        self.sender = sender
        self.recipient = recipient
        self.purpose = purpose
        self.urgency = urgency
        self.agreement = agreement
        self.recordID = recordID
        self.envelope = envelope
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.inAnswerTo = inAnswerTo
    }

    public init(_ f: FactsReader) {
        sender = f.string("sender") ?? ""
        recipient = f.string("recipient") ?? ""
        purpose = f.string("purpose") ?? ""
        urgency = f.string("urgency") ?? ""
        agreement = f.string("agreement") ?? ""
        recordID = f.string("record_id")
        envelope = EnvelopeFacts(f)
        sentAt = f.int("sent_at") ?? 0
        receivedAt = f.int("received_at") ?? 0
        inAnswerTo = f.string("in_answer_to")
    }

    public func write(to f: inout FactsWriter) {
        f.put("sender", sender)
        f.put("recipient", recipient)
        f.put("purpose", purpose)
        f.put("urgency", urgency)
        f.put("agreement", agreement)
        f.put("record_id", recordID)
        f.put(envelope)
        f.put("sent_at", sentAt)
        f.put("received_at", receivedAt)
        f.put("in_answer_to", inAnswerTo)
    }
}

/// `acknowledged`: the recipient's signed acknowledgement, logged by both sides.
public struct AcknowledgedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.acknowledged
    public var sender: String
    public var recipient: String
    public var purpose: String
    public var urgency: String
    public var agreement: String
    public var recordID: String?
    /// The envelope acknowledged (its content length is not restated).
    public var envelope: EnvelopeFacts
    /// Unix seconds.
    public var receivedAt: Int64
    public var acknowledgedAt: Int64

    public init(sender: String, recipient: String, purpose: String, urgency: String, agreement: String, recordID: String?,
                envelope: EnvelopeFacts, receivedAt: Int64, acknowledgedAt: Int64) {
        self.sender = sender
        self.recipient = recipient
        self.purpose = purpose
        self.urgency = urgency
        self.agreement = agreement
        self.recordID = recordID
        self.envelope = EnvelopeFacts(messageID: envelope.messageID, envelopeID: envelope.envelopeID,
                                      contentHash: envelope.contentHash, contentLength: nil)
        self.receivedAt = receivedAt
        self.acknowledgedAt = acknowledgedAt
    }

    public init(_ f: FactsReader) {
        sender = f.string("sender") ?? ""
        recipient = f.string("recipient") ?? ""
        purpose = f.string("purpose") ?? ""
        urgency = f.string("urgency") ?? ""
        agreement = f.string("agreement") ?? ""
        recordID = f.string("record_id")
        envelope = EnvelopeFacts(f)
        receivedAt = f.int("received_at") ?? 0
        acknowledgedAt = f.int("acknowledged_at") ?? 0
    }

    public func write(to f: inout FactsWriter) {
        f.put("sender", sender)
        f.put("recipient", recipient)
        f.put("purpose", purpose)
        f.put("urgency", urgency)
        f.put("agreement", agreement)
        f.put("record_id", recordID)
        f.put(envelope)
        f.put("received_at", receivedAt)
        f.put("acknowledged_at", acknowledgedAt)
    }
}

/// `expired`: the relay's retention ran out before the recipient collected the envelope.
public struct ExpiredFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.expired
    public var sender: String
    public var recipient: String
    public var purpose: String
    public var urgency: String
    public var agreement: String
    public var recordID: String?
    public var envelope: EnvelopeFacts
    public var inAnswerTo: String?
    /// True for a request for information (`"envelope_kind": "request"`).
    public var isRequest: Bool
    /// Unix seconds.
    public var expiredAt: Int64

    public init(sender: String, recipient: String, purpose: String, urgency: String, agreement: String, recordID: String?,
                envelope: EnvelopeFacts, inAnswerTo: String?, isRequest: Bool, expiredAt: Int64) {
        self.sender = sender
        self.recipient = recipient
        self.purpose = purpose
        self.urgency = urgency
        self.agreement = agreement
        self.recordID = recordID
        self.envelope = envelope
        self.inAnswerTo = inAnswerTo
        self.isRequest = isRequest
        self.expiredAt = expiredAt
    }

    public init(_ f: FactsReader) {
        sender = f.string("sender") ?? ""
        recipient = f.string("recipient") ?? ""
        purpose = f.string("purpose") ?? ""
        urgency = f.string("urgency") ?? ""
        agreement = f.string("agreement") ?? ""
        recordID = f.string("record_id")
        envelope = EnvelopeFacts(f)
        inAnswerTo = f.string("in_answer_to")
        isRequest = f.string("envelope_kind") == "request"
        expiredAt = f.int("expired_at") ?? 0
    }

    public func write(to f: inout FactsWriter) {
        f.put("sender", sender)
        f.put("recipient", recipient)
        f.put("purpose", purpose)
        f.put("urgency", urgency)
        f.put("agreement", agreement)
        f.put("record_id", recordID)
        f.put(envelope)
        f.put("in_answer_to", inAnswerTo)
        f.put("envelope_kind", isRequest ? String("request") : nil)
        f.put("expired_at", expiredAt)
    }
}
