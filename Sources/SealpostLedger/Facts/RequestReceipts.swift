/// Receipts about requests for information and declines (spec/receipts.md §Kinds).

/// Who asks whom for what: the members every request receipt begins with.
///
///     "requester", "holder", "purpose", "urgency", "agreement"
public struct RequestBasis: FactsGroup {
    public var requester = ""
    public var holder = ""
    public var purpose = ""
    public var urgency = ""
    public var agreement = ""

    public static var members: [FactsMember<Self>] {
        [.member("requester", \.requester), .member("holder", \.holder), .member("purpose", \.purpose),
         .member("urgency", \.urgency), .member("agreement", \.agreement)]
    }

    public init() {}

    public init(requester: String, holder: String, purpose: String, urgency: String, agreement: String) {
        (self.requester, self.holder, self.purpose, self.urgency, self.agreement) = (requester, holder, purpose, urgency, agreement)
    }
}

/// `request_refused`: not asked, the agreement gives the requester no role in the purpose.
public struct RequestRefusedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.requestRefused
    public var request = RequestBasis()

    public static var members: [FactsMember<Self>] { [.inline(\.request)] }

    public init() {}
    public init(request: RequestBasis) { self.request = request }
}

/// `request_sent`: the relay took a request envelope.
public struct RequestSentFacts: DepositedFacts {
    public static let kind = Receipt.Kind.requestSent
    public var request = RequestBasis()
    public var envelope = EnvelopeFacts()
    /// Unix seconds; absent when rebuilt from the outbox entry alone.
    public var requestedAt: Int64?
    public var deposit: DepositFacts?

    public var depositor: String { request.requester }

    public static var members: [FactsMember<Self>] {
        [.inline(\.request), .inline(\.envelope), .member("requested_at", \.requestedAt), .member("deposit", \.deposit)]
    }

    public init() {}

    public init(request: RequestBasis, envelope: EnvelopeFacts, requestedAt: Int64?, deposit: DepositFacts? = nil) {
        (self.request, self.envelope, self.requestedAt, self.deposit) = (request, envelope, requestedAt, deposit)
    }
}

/// `request_received`: another agency's request verified and opened here.
public struct RequestReceivedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.requestReceived
    public var request = RequestBasis()
    public var envelope = EnvelopeFacts()
    /// Unix seconds.
    public var sentAt: Int64 = 0
    public var receivedAt: Int64 = 0

    public static var members: [FactsMember<Self>] {
        [.inline(\.request), .inline(\.envelope), .member("sent_at", \.sentAt), .member("received_at", \.receivedAt)]
    }

    public init() {}

    public init(request: RequestBasis, envelope: EnvelopeFacts, sentAt: Int64, receivedAt: Int64) {
        (self.request, self.envelope, self.sentAt, self.receivedAt) = (request, envelope, sentAt, receivedAt)
    }
}

/// `declined`: a decision not to share, either answering a request (`requester`, `in_answer_to`
/// and `request_envelope_id` given; logged by both sides) or on the practitioner's own judgement
/// (the record's basis given; nothing sent).
public struct DeclinedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.declined
    public var holder = ""
    public var basis = ShareBasis()
    public var requester: String?
    public var inAnswerTo: String?
    public var requestEnvelopeID: String?
    /// Reason categories (`not_held`, `risk_to_child`, ...), never the practitioner's words.
    public var reasons: [String] = []
    /// Unix seconds.
    public var declinedAt: Int64 = 0

    public static var members: [FactsMember<Self>] {
        [.member("holder", \.holder), .inline(\.basis), .member("requester", \.requester), .member("in_answer_to", \.inAnswerTo),
         .member("request_envelope_id", \.requestEnvelopeID), .member("reasons", \.reasons), .member("declined_at", \.declinedAt)]
    }

    public init() {}

    /// A decline answering a request.
    public init(answering request: RequestBasis, inAnswerTo: String, requestEnvelopeID: String, reasons: [String], declinedAt: Int64) {
        holder = request.holder
        basis = ShareBasis(purpose: request.purpose, agreement: request.agreement, urgency: request.urgency)
        (requester, self.inAnswerTo, self.requestEnvelopeID) = (request.requester, inAnswerTo, requestEnvelopeID)
        (self.reasons, self.declinedAt) = (reasons, declinedAt)
    }

    /// A decline on the practitioner's own judgement.
    public init(holder: String, basis: ShareBasis, reasons: [String], declinedAt: Int64) {
        (self.holder, self.basis, self.reasons, self.declinedAt) = (holder, basis, reasons, declinedAt)
    }

    /// True when it answers a request.
    public var answersRequest: Bool { requester != nil }
}
