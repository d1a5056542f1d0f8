/// Receipts about requests for information and declines (spec/receipts.md §Kinds).

/// Who asks whom for what: the members every request receipt begins with.
///
///     "requester", "holder", "purpose", "urgency", "agreement"
public struct RequestBasis: FactsGroup {
    public var requester: String
    public var holder: String
    public var purpose: String
    public var urgency: String
    public var agreement: String

    public init(requester: String, holder: String, purpose: String, urgency: String, agreement: String) {
        (self.requester, self.holder, self.purpose, self.urgency) = (requester, holder, purpose, urgency)
        self.agreement = agreement
    }

    public init(_ f: FactsReader) {
        requester = f.string("requester") ?? ""
        holder = f.string("holder") ?? ""
        purpose = f.string("purpose") ?? ""
        urgency = f.string("urgency") ?? ""
        agreement = f.string("agreement") ?? ""
    }

    public func write(to f: inout FactsWriter) {
        f.put("requester", requester)
        f.put("holder", holder)
        f.put("purpose", purpose)
        f.put("urgency", urgency)
        f.put("agreement", agreement)
    }
}

/// `request_refused`: not asked, the agreement gives the requester no role in the purpose.
public struct RequestRefusedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.requestRefused
    public var request: RequestBasis

    public init(request: RequestBasis) { self.request = request }
    public init(_ f: FactsReader) { request = RequestBasis(f) }
    public func write(to f: inout FactsWriter) { f.put(request) }
}

/// `request_sent`: the relay took a request envelope.
public struct RequestSentFacts: DepositedFacts {
    public static let kind = Receipt.Kind.requestSent
    public var request: RequestBasis
    public var envelope: EnvelopeFacts
    /// Unix seconds; absent when rebuilt from the outbox entry alone.
    public var requestedAt: Int64?
    public var deposit: DepositFacts?

    public var depositor: String { request.requester }

    public init(request: RequestBasis, envelope: EnvelopeFacts, requestedAt: Int64?, deposit: DepositFacts? = nil) {
        (self.request, self.envelope, self.requestedAt, self.deposit) = (request, envelope, requestedAt, deposit)
    }

    public init(_ f: FactsReader) {
        request = RequestBasis(f)
        envelope = EnvelopeFacts(f)
        requestedAt = f.int("requested_at")
        deposit = f.group("deposit")
    }

    public func write(to f: inout FactsWriter) {
        f.put(request)
        f.put(envelope)
        f.put("requested_at", requestedAt)
        f.put("deposit", deposit)
    }
}

/// `request_received`: another agency's request verified and opened here.
public struct RequestReceivedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.requestReceived
    public var request: RequestBasis
    public var envelope: EnvelopeFacts
    /// Unix seconds.
    public var sentAt: Int64
    public var receivedAt: Int64

    public init(request: RequestBasis, envelope: EnvelopeFacts, sentAt: Int64, receivedAt: Int64) {
        (self.request, self.envelope, self.sentAt, self.receivedAt) = (request, envelope, sentAt, receivedAt)
    }

    public init(_ f: FactsReader) {
        request = RequestBasis(f)
        envelope = EnvelopeFacts(f)
        sentAt = f.int("sent_at") ?? 0
        receivedAt = f.int("received_at") ?? 0
    }

    public func write(to f: inout FactsWriter) {
        f.put(request)
        f.put(envelope)
        f.put("sent_at", sentAt)
        f.put("received_at", receivedAt)
    }
}

/// `declined`: a decision not to share, either answering a request (`requester`, `in_answer_to`
/// and `request_envelope_id` given; logged by both sides) or on the practitioner's own judgement
/// (the record's basis given; nothing sent).
public struct DeclinedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.declined
    public var holder: String
    public var basis: ShareBasis
    public var requester: String?
    public var inAnswerTo: String?
    public var requestEnvelopeID: String?
    /// Reason categories (`not_held`, `risk_to_child`, ...), never the practitioner's words.
    public var reasons: [String]
    /// Unix seconds.
    public var declinedAt: Int64

    /// A decline answering a request.
    public init(answering request: RequestBasis, inAnswerTo: String, requestEnvelopeID: String, reasons: [String], declinedAt: Int64) {
        holder = request.holder
        basis = ShareBasis(purpose: request.purpose, agreement: request.agreement, urgency: request.urgency)
        requester = request.requester
        (self.inAnswerTo, self.requestEnvelopeID, self.reasons) = (inAnswerTo, requestEnvelopeID, reasons)
        self.declinedAt = declinedAt
    }

    /// A decline on the practitioner's own judgement.
    public init(holder: String, basis: ShareBasis, reasons: [String], declinedAt: Int64) {
        (self.holder, self.basis, self.reasons, self.declinedAt) = (holder, basis, reasons, declinedAt)
    }

    public init(_ f: FactsReader) {
        holder = f.string("holder") ?? ""
        basis = ShareBasis(f)
        requester = f.string("requester")
        inAnswerTo = f.string("in_answer_to")
        requestEnvelopeID = f.string("request_envelope_id")
        reasons = f.strings("reasons") ?? []
        declinedAt = f.int("declined_at") ?? 0
    }

    public func write(to f: inout FactsWriter) {
        f.put("holder", holder)
        f.put(basis)
        f.put("requester", requester)
        f.put("in_answer_to", inAnswerTo)
        f.put("request_envelope_id", requestEnvelopeID)
        f.put("reasons", reasons)
        f.put("declined_at", declinedAt)
    }

    /// True when it answers a request.
    public var answersRequest: Bool { requester != nil }
}
