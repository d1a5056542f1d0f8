/// Receipts about a record's delivery: opened, acknowledged, or expired at the relay.

/// Which envelope a delivery receipt is about, between which agencies and under what: the members
/// `received`, `acknowledged`, `expired` and `outcome` begin with.
///
///     "sender", "recipient", "purpose", "urgency", "agreement" (id@version), "record_id"?,
///     and the envelope's "message_id", "envelope_id", "content_hash", "content_length"?
public struct DeliveryBasis: FactsGroup {
    /// The agency that sent the envelope, and the one it was for.
    public var sender: String
    public var recipient: String
    public var purpose: String
    public var urgency: String
    public var agreement: String
    public var recordID: String?
    public var envelope: EnvelopeFacts

    public init(sender: String, recipient: String, purpose: String, urgency: String, agreement: String, recordID: String?,
                envelope: EnvelopeFacts) {
        (self.sender, self.recipient, self.purpose, self.urgency) = (sender, recipient, purpose, urgency)
        (self.agreement, self.recordID, self.envelope) = (agreement, recordID, envelope)
    }

    public init(_ f: FactsReader) {
        self.init(sender: f.string("sender") ?? "", recipient: f.string("recipient") ?? "", purpose: f.string("purpose") ?? "",
                  urgency: f.string("urgency") ?? "", agreement: f.string("agreement") ?? "", recordID: f.string("record_id"),
                  envelope: EnvelopeFacts(f))
    }

    public func write(to f: inout FactsWriter) {
        for (key, value) in [("sender", sender), ("recipient", recipient), ("purpose", purpose), ("urgency", urgency),
                             ("agreement", agreement), ("record_id", recordID)] {
            f.put(key, value)
        }
        f.put(envelope)
    }

    /// The same, naming the envelope without its content length (which a reply does not restate).
    public var withoutContentLength: DeliveryBasis {
        var basis = self
        basis.envelope.contentLength = nil
        return basis
    }
}

/// `received`: the recipient verified and opened a record, before storing it.
public struct ReceivedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.received
    public var delivery: DeliveryBasis
    /// Unix seconds: the envelope's creation time, and when it was opened here.
    public var sentAt: Int64
    public var receivedAt: Int64
    public var inAnswerTo: String?

    public init(_ delivery: DeliveryBasis, sentAt: Int64, receivedAt: Int64, inAnswerTo: String?) {
        (self.delivery, self.sentAt, self.receivedAt, self.inAnswerTo) = (delivery, sentAt, receivedAt, inAnswerTo)
    }

    public init(_ f: FactsReader) {
        self.init(DeliveryBasis(f), sentAt: f.int("sent_at") ?? 0, receivedAt: f.int("received_at") ?? 0,
                  inAnswerTo: f.string("in_answer_to"))
    }

    public func write(to f: inout FactsWriter) {
        f.put(delivery)
        f.put("sent_at", sentAt)
        f.put("received_at", receivedAt)
        f.put("in_answer_to", inAnswerTo)
    }
}

/// `acknowledged`: the recipient's signed acknowledgement, logged by both sides.
public struct AcknowledgedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.acknowledged
    /// The envelope acknowledged (its content length is not restated).
    public var delivery: DeliveryBasis
    /// Unix seconds.
    public var receivedAt: Int64
    public var acknowledgedAt: Int64

    public init(_ delivery: DeliveryBasis, receivedAt: Int64, acknowledgedAt: Int64) {
        (self.delivery, self.receivedAt, self.acknowledgedAt) = (delivery.withoutContentLength, receivedAt, acknowledgedAt)
    }

    public init(_ f: FactsReader) {
        self.init(DeliveryBasis(f), receivedAt: f.int("received_at") ?? 0, acknowledgedAt: f.int("acknowledged_at") ?? 0)
    }

    public func write(to f: inout FactsWriter) {
        f.put(delivery)
        f.put("received_at", receivedAt)
        f.put("acknowledged_at", acknowledgedAt)
    }
}

/// `expired`: the relay's retention ran out before the recipient collected the envelope.
public struct ExpiredFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.expired
    public var delivery: DeliveryBasis
    public var inAnswerTo: String?
    /// True for a request for information (`"envelope_kind": "request"`).
    public var isRequest: Bool
    /// Unix seconds.
    public var expiredAt: Int64

    public init(_ delivery: DeliveryBasis, inAnswerTo: String?, isRequest: Bool, expiredAt: Int64) {
        (self.delivery, self.inAnswerTo, self.isRequest, self.expiredAt) = (delivery, inAnswerTo, isRequest, expiredAt)
    }

    public init(_ f: FactsReader) {
        self.init(DeliveryBasis(f), inAnswerTo: f.string("in_answer_to"), isRequest: f.string("envelope_kind") == "request",
                  expiredAt: f.int("expired_at") ?? 0)
    }

    public func write(to f: inout FactsWriter) {
        f.put(delivery)
        f.put("in_answer_to", inAnswerTo)
        f.put("envelope_kind", isRequest ? String("request") : nil)
        f.put("expired_at", expiredAt)
    }
}
