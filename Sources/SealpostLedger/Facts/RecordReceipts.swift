/// The sender's receipts about sharing a record (spec/receipts.md §Kinds).

/// `refused`: a recipient the agreement gives no role for the purpose; nothing was sealed.
public struct RefusedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.refused
    public var sender = ""
    public var recipient = ""
    public var basis = ShareBasis()

    public static var members: [FactsMember<Self>] {
        [.member("sender", \.sender), .member("recipient", \.recipient), .inline(\.basis)]
    }

    public init() {}
    public init(sender: String, recipient: String, basis: ShareBasis) { (self.sender, self.recipient, self.basis) = (sender, recipient, basis) }
}

/// `redaction_cleared`: the practitioner kept something the redactor flagged as a possible identity.
public struct RedactionClearedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.redactionCleared
    public var sender = ""
    public var basis = ShareBasis()
    public var recipients: [String] = []
    /// `<path>@<start>-<end>` in the original field.
    public var finding = ""
    public var field = ""
    public var category = ""

    public static var members: [FactsMember<Self>] {
        [.member("sender", \.sender), .inline(\.basis), .member("recipients", \.recipients), .member("finding", \.finding),
         .member("field", \.field), .member("category", \.category)]
    }

    public init() {}

    public init(sender: String, basis: ShareBasis, recipients: [String], finding: String, field: String, category: String) {
        (self.sender, self.basis, self.recipients) = (sender, basis, recipients)
        (self.finding, self.field, self.category) = (finding, field, category)
    }
}

/// `share_decided`: the decision to share one record with every recipient named, before sealing.
public struct ShareDecidedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.shareDecided
    public var sender = ""
    public var basis = ShareBasis()
    public var recipients: [RecipientShare] = []
    public var redaction = RedactionFacts()
    public var decisions: [DecisionFacts] = []
    /// The message id of the request this send answers.
    public var inAnswerTo: String?

    public static var members: [FactsMember<Self>] {
        [.member("sender", \.sender), .inline(\.basis), .member("recipients", \.recipients), .member("redaction", \.redaction),
         .member("decisions", \.decisions), .member("in_answer_to", \.inAnswerTo)]
    }

    public init() {}

    public init(sender: String, basis: ShareBasis, recipients: [RecipientShare], redaction: RedactionFacts,
                decisions: [DecisionFacts], inAnswerTo: String?) {
        (self.sender, self.basis, self.recipients) = (sender, basis, recipients)
        (self.redaction, self.decisions, self.inAnswerTo) = (redaction, decisions, inAnswerTo)
    }
}

/// A receipt that restates the relay's deposit receipt once the envelope is deposited.
public protocol DepositedFacts: ReceiptFacts {
    /// The agency that deposited the envelope (the sender, or a request's requester).
    var depositor: String { get }
    var envelope: EnvelopeFacts { get }
    var deposit: DepositFacts? { get set }
}

/// `sent`: one envelope deposited at the relay, with the relay's signed receipt.
public struct SentFacts: DepositedFacts {
    public static let kind = Receipt.Kind.sent
    public var sender = ""
    public var recipient = ""
    public var basis = ShareBasis()
    public var envelope = EnvelopeFacts()
    public var fields = FieldFacts()
    /// Absent when the facts were rebuilt from the outbox entry alone (its pending receipt lost).
    public var redaction: RedactionFacts?
    public var decisions: [DecisionFacts]?
    public var inAnswerTo: String?
    /// The attachments the envelope carried, by hash, length and type (absent when none).
    public var attachments: [AttachmentFacts]?
    public var deposit: DepositFacts?

    public var depositor: String { sender }

    public static var members: [FactsMember<Self>] {
        [.member("sender", \.sender), .member("recipient", \.recipient), .inline(\.basis), .inline(\.envelope), .inline(\.fields),
         .member("redaction", \.redaction), .member("decisions", \.decisions), .member("in_answer_to", \.inAnswerTo),
         .member("attachments", \.attachments), .member("deposit", \.deposit)]
    }

    public init() {}

    public init(sender: String, recipient: String, basis: ShareBasis, envelope: EnvelopeFacts, fields: FieldFacts,
                redaction: RedactionFacts?, decisions: [DecisionFacts]?, inAnswerTo: String?,
                attachments: [AttachmentFacts]? = nil, deposit: DepositFacts? = nil) {
        (self.sender, self.recipient, self.basis, self.envelope, self.fields) = (sender, recipient, basis, envelope, fields)
        (self.redaction, self.decisions, self.inAnswerTo, self.deposit) = (redaction, decisions, inAnswerTo, deposit)
        self.attachments = attachments?.isEmpty == true ? nil : attachments
    }
}

/// One attachment of a sent envelope: `{"hash", "length", "type"}`, the BLAKE2b-256 (hex), length
/// and MIME type its signed manifest states. Never its name, which may identify someone (names
/// stay in the envelope and the recipient's inbox).
public struct AttachmentFacts: FactsGroup {
    public var hash = ""
    public var length: Int64 = 0
    public var type = ""

    public static var members: [FactsMember<Self>] { [.member("hash", \.hash), .member("length", \.length), .member("type", \.type)] }

    public init() {}
    public init(hash: String, length: Int64, type: String) { (self.hash, self.length, self.type) = (hash, length, type) }
}
