/// Receipts about a record's delivery: opened, acknowledged, or expired at the relay.

/// Which envelope a delivery receipt is about, between which agencies and under what: the members
/// `received`, `acknowledged`, `expired` and `outcome` begin with.
///
///     "sender", "recipient", "purpose", "urgency", "agreement" (id@version), "record_id"?,
///     and the envelope's "message_id", "envelope_id", "content_hash", "content_length"?
public struct DeliveryBasis: FactsGroup {
    /// The agency that sent the envelope, and the one it was for.
    public var sender = ""
    public var recipient = ""
    public var purpose = ""
    public var urgency = ""
    public var agreement = ""
    public var recordID: String?
    public var envelope = EnvelopeFacts()

    public static var members: [FactsMember<Self>] {
        [.member("sender", \.sender), .member("recipient", \.recipient), .member("purpose", \.purpose),
         .member("urgency", \.urgency), .member("agreement", \.agreement), .member("record_id", \.recordID), .inline(\.envelope)]
    }

    public init() {}

    public init(sender: String, recipient: String, purpose: String, urgency: String, agreement: String, recordID: String?,
                envelope: EnvelopeFacts) {
        (self.sender, self.recipient, self.purpose, self.urgency) = (sender, recipient, purpose, urgency)
        (self.agreement, self.recordID, self.envelope) = (agreement, recordID, envelope)
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
    public var delivery = DeliveryBasis()
    /// Unix seconds: the envelope's creation time, and when it was opened here.
    public var sentAt: Int64 = 0
    public var receivedAt: Int64 = 0
    public var inAnswerTo: String?

    public static var members: [FactsMember<Self>] {
        [.inline(\.delivery), .member("sent_at", \.sentAt), .member("received_at", \.receivedAt), .member("in_answer_to", \.inAnswerTo)]
    }

    public init() {}

    public init(_ delivery: DeliveryBasis, sentAt: Int64, receivedAt: Int64, inAnswerTo: String?) {
        (self.delivery, self.sentAt, self.receivedAt, self.inAnswerTo) = (delivery, sentAt, receivedAt, inAnswerTo)
    }
}

/// `acknowledged`: the recipient's signed acknowledgement, logged by both sides.
public struct AcknowledgedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.acknowledged
    /// The envelope acknowledged (its content length is not restated).
    public var delivery = DeliveryBasis()
    /// Unix seconds.
    public var receivedAt: Int64 = 0
    public var acknowledgedAt: Int64 = 0

    public static var members: [FactsMember<Self>] {
        [.inline(\.delivery), .member("received_at", \.receivedAt), .member("acknowledged_at", \.acknowledgedAt)]
    }

    public init() {}

    public init(_ delivery: DeliveryBasis, receivedAt: Int64, acknowledgedAt: Int64) {
        (self.delivery, self.receivedAt, self.acknowledgedAt) = (delivery.withoutContentLength, receivedAt, acknowledgedAt)
    }
}

/// `expired`: the relay's retention ran out before the recipient collected the envelope.
public struct ExpiredFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.expired
    public var delivery = DeliveryBasis()
    public var inAnswerTo: String?
    /// True for a request for information (`"envelope_kind": "request"`).
    public var isRequest = false
    /// Unix seconds.
    public var expiredAt: Int64 = 0

    public static var members: [FactsMember<Self>] {
        let envelopeKind = FactsMember<Self>(read: { f, facts in facts.isRequest = f.string("envelope_kind") == "request" },
                                             write: { facts, f in f.put("envelope_kind", facts.isRequest ? String("request") : nil) })
        return [.inline(\.delivery), .member("in_answer_to", \.inAnswerTo), envelopeKind, .member("expired_at", \.expiredAt)]
    }

    public init() {}

    public init(_ delivery: DeliveryBasis, inAnswerTo: String?, isRequest: Bool, expiredAt: Int64) {
        (self.delivery, self.inAnswerTo, self.isRequest, self.expiredAt) = (delivery, inAnswerTo, isRequest, expiredAt)
    }
}
