/// The sender's receipts about sharing a record (spec/receipts.md §Kinds).

/// `refused`: a recipient the agreement gives no role for the purpose; nothing was sealed.
public struct RefusedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.refused
    public var sender: String
    public var recipient: String
    public var basis: ShareBasis

    public init(sender: String, recipient: String, basis: ShareBasis) {
        self.sender = sender
        self.recipient = recipient
        self.basis = basis
    }

    public init(_ f: FactsReader) {
        sender = f.string("sender") ?? ""
        recipient = f.string("recipient") ?? ""
        basis = ShareBasis(f)
    }

    public func write(to f: inout FactsWriter) {
        f.put("sender", sender)
        f.put("recipient", recipient)
        f.put(basis)
    }
}

/// `redaction_cleared`: the practitioner kept something the redactor flagged as a possible identity.
public struct RedactionClearedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.redactionCleared
    public var sender: String
    public var basis: ShareBasis
    public var recipients: [String]
    /// `<path>@<start>-<end>` in the original field.
    public var finding: String
    public var field: String
    public var category: String

    public init(sender: String, basis: ShareBasis, recipients: [String], finding: String, field: String, category: String) {
        self.sender = sender
        self.basis = basis
        self.recipients = recipients
        self.finding = finding
        self.field = field
        self.category = category
    }

    public init(_ f: FactsReader) {
        sender = f.string("sender") ?? ""
        basis = ShareBasis(f)
        recipients = f.strings("recipients") ?? []
        finding = f.string("finding") ?? ""
        field = f.string("field") ?? ""
        category = f.string("category") ?? ""
    }

    public func write(to f: inout FactsWriter) {
        f.put("sender", sender)
        f.put(basis)
        f.put("recipients", recipients)
        f.put("finding", finding)
        f.put("field", field)
        f.put("category", category)
    }
}

/// `share_decided`: the decision to share one record with every recipient named, before sealing.
public struct ShareDecidedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.shareDecided
    public var sender: String
    public var basis: ShareBasis
    public var recipients: [RecipientShare]
    public var redaction: RedactionFacts
    public var decisions: [DecisionFacts]
    /// The message id of the request this send answers.
    public var inAnswerTo: String?

    public init(sender: String, basis: ShareBasis, recipients: [RecipientShare], redaction: RedactionFacts,
                decisions: [DecisionFacts], inAnswerTo: String?) {
        self.sender = sender
        self.basis = basis
        self.recipients = recipients
        self.redaction = redaction
        self.decisions = decisions
        self.inAnswerTo = inAnswerTo
    }

    public init(_ f: FactsReader) {
        sender = f.string("sender") ?? ""
        basis = ShareBasis(f)
        recipients = f.groups("recipients") ?? []
        redaction = f.group("redaction") ?? RedactionFacts(counts: [:], tokens: [])
        decisions = f.groups("decisions") ?? []
        inAnswerTo = f.string("in_answer_to")
    }

    public func write(to f: inout FactsWriter) {
        f.put("sender", sender)
        f.put(basis)
        f.put("recipients", recipients)
        f.put("redaction", redaction)
        f.put("decisions", decisions)
        f.put("in_answer_to", inAnswerTo)
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
    public var sender: String
    public var recipient: String
    public var basis: ShareBasis
    public var envelope: EnvelopeFacts
    public var fields: FieldFacts
    /// Absent when the facts were rebuilt from the outbox entry alone (its pending receipt lost).
    public var redaction: RedactionFacts?
    public var decisions: [DecisionFacts]?
    public var inAnswerTo: String?
    /// The attachments the envelope carried, by hash, length and type (absent when none).
    public var attachments: [AttachmentFacts]?
    public var deposit: DepositFacts?

    public var depositor: String { sender }

    public init(sender: String, recipient: String, basis: ShareBasis, envelope: EnvelopeFacts, fields: FieldFacts,
                redaction: RedactionFacts?, decisions: [DecisionFacts]?, inAnswerTo: String?,
                attachments: [AttachmentFacts]? = nil, deposit: DepositFacts? = nil) {
        self.sender = sender
        self.recipient = recipient
        self.basis = basis
        self.envelope = envelope
        self.fields = fields
        self.redaction = redaction
        self.decisions = decisions
        self.inAnswerTo = inAnswerTo
        self.attachments = attachments?.isEmpty == true ? nil : attachments
        self.deposit = deposit
    }

    public init(_ f: FactsReader) {
        sender = f.string("sender") ?? ""
        recipient = f.string("recipient") ?? ""
        basis = ShareBasis(f)
        envelope = EnvelopeFacts(f)
        fields = FieldFacts(f)
        redaction = f.group("redaction")
        decisions = f.groups("decisions")
        inAnswerTo = f.string("in_answer_to")
        attachments = f.groups("attachments")
        deposit = f.group("deposit")
    }

    public func write(to f: inout FactsWriter) {
        f.put("sender", sender)
        f.put("recipient", recipient)
        f.put(basis)
        f.put(envelope)
        f.put(fields)
        f.put("redaction", redaction)
        f.put("decisions", decisions)
        f.put("in_answer_to", inAnswerTo)
        f.put("attachments", attachments)
        f.put("deposit", deposit)
    }
}

/// One attachment of a sent envelope: `{"hash", "length", "type"}`, the BLAKE2b-256 (hex), length
/// and MIME type its signed manifest states. Never its name, which may identify someone (names
/// stay in the envelope and the recipient's inbox).
public struct AttachmentFacts: FactsGroup, Equatable {
    public var hash: String
    public var length: Int64
    public var type: String

    public init(hash: String, length: Int64, type: String) {
        self.hash = hash
        self.length = length
        self.type = type
    }

    public init(_ f: FactsReader) {
        hash = f.string("hash") ?? ""
        length = f.int("length") ?? 0
        type = f.string("type") ?? ""
    }

    public func write(to f: inout FactsWriter) {
        f.put("hash", hash)
        f.put("length", length)
        f.put("type", type)
    }
}
