/// What the recipient of a record decided to do about it (spec/receipts.md §Kinds, `outcome`).

/// The decisions of a children's social care front door, as the codes an outcome's facts carry.
/// The practitioner's reason and next steps are free text and never in the facts.
public enum OutcomeDecision: String, Sendable, CaseIterable {
    case noFurtherAction = "no_further_action"
    case informationAndAdvice = "information_and_advice"
    case earlyHelp = "early_help"
    case section17Assessment = "section_17_assessment"
    case section47Enquiry = "section_47_enquiry"
    case strategyDiscussion = "strategy_discussion"
    case alreadyOpen = "already_open"
    case passedToPolice = "passed_to_police"
    case passedToOtherAgency = "passed_to_other_agency"
    case moreInformationNeeded = "more_information_needed"

    public static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The decision in words, for a report or a listing.
    public var words: String {
        switch self {
        case .noFurtherAction: "no further action"
        case .informationAndAdvice: "information and advice"
        case .earlyHelp: "early help"
        case .section17Assessment: "child in need assessment (section 17)"
        case .section47Enquiry: "child protection enquiry (section 47)"
        case .strategyDiscussion: "strategy discussion"
        case .alreadyOpen: "already open to children's social care"
        case .passedToPolice: "passed to the police"
        case .passedToOtherAgency: "passed to another agency"
        case .moreInformationNeeded: "more information needed"
        }
    }

    /// The words for `code`, or the code itself when this version does not know it.
    public static func words(_ code: String) -> String { OutcomeDecision(rawValue: code)?.words ?? code }
}

/// `outcome`: the recipient of a record records what it decided, signed by the recipient and
/// logged by both sides. A record may have several (early help, then a section 47 enquiry).
public struct OutcomeFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.outcome
    /// The record's envelope (its content length is not restated); `sender` sent the record, and
    /// `recipient` received it and decided.
    public var delivery = DeliveryBasis()
    /// The decision's code (`OutcomeDecision`).
    public var decision = ""
    /// Unix seconds: when the record was stored by the recipient, and when it decided.
    public var receivedAt: Int64 = 0
    public var decidedAt: Int64 = 0

    public static var members: [FactsMember<Self>] {
        [.inline(\.delivery), .member("decision", \.decision), .member("received_at", \.receivedAt), .member("decided_at", \.decidedAt)]
    }

    public init() {}

    public init(_ delivery: DeliveryBasis, decision: String, receivedAt: Int64, decidedAt: Int64) {
        (self.delivery, self.decision) = (delivery.withoutContentLength, decision)
        (self.receivedAt, self.decidedAt) = (receivedAt, decidedAt)
    }
}

/// `family_told`: the sender told the child's family that information was shared, as its record
/// said it would (`consent.family.status` `will_be_told`). Logged by the sender alone; nothing is sent.
public struct FamilyToldFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.familyTold
    public var sender = ""
    public var recordID = ""
    public var agreement = ""
    /// The agencies the record went to whose sends this closes.
    public var recipients: [String] = []
    /// Unix seconds.
    public var toldAt: Int64 = 0

    public static var members: [FactsMember<Self>] {
        [.member("sender", \.sender), .member("record_id", \.recordID), .member("agreement", \.agreement),
         .member("recipients", \.recipients), .member("told_at", \.toldAt)]
    }

    public init() {}

    public init(sender: String, recordID: String, agreement: String, recipients: [String], toldAt: Int64) {
        (self.sender, self.recordID, self.agreement, self.recipients, self.toldAt) = (sender, recordID, agreement, recipients, toldAt)
    }
}
