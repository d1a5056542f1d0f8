import SealpostCore
import SealpostLog
import SealpostRecord

/// A log entry's facts as the typed receipt of its kind.
public enum LedgerFacts: Sendable, Equatable {
    case refused(RefusedFacts)
    case redactionCleared(RedactionClearedFacts)
    case shareDecided(ShareDecidedFacts)
    case sent(SentFacts)
    case received(ReceivedFacts)
    case acknowledged(AcknowledgedFacts)
    case expired(ExpiredFacts)
    case requestRefused(RequestRefusedFacts)
    case requestSent(RequestSentFacts)
    case requestReceived(RequestReceivedFacts)
    case declined(DeclinedFacts)
    case outcome(OutcomeFacts)
    case familyTold(FamilyToldFacts)
    case cardReplaced(CardReplacedFacts)
    /// A retention rule erased the details of older entries (spec/receipts.md §Commands).
    case erased(rule: String, before: Int64, entries: Int64)
    /// A kind this version does not know.
    case other

    /// Reads an entry's facts: the receipt statement inside, for a receipt entry.
    public init(kind: String, facts: JSONObject?) {
        let statement = facts?["receipt"]?.objectValue ?? facts ?? JSONObject()
        switch Receipt.Kind(rawValue: kind) {
        case .refused: self = .refused(RefusedFacts(statement: statement))
        case .redactionCleared: self = .redactionCleared(RedactionClearedFacts(statement: statement))
        case .shareDecided: self = .shareDecided(ShareDecidedFacts(statement: statement))
        case .sent: self = .sent(SentFacts(statement: statement))
        case .received: self = .received(ReceivedFacts(statement: statement))
        case .acknowledged: self = .acknowledged(AcknowledgedFacts(statement: statement))
        case .expired: self = .expired(ExpiredFacts(statement: statement))
        case .requestRefused: self = .requestRefused(RequestRefusedFacts(statement: statement))
        case .requestSent: self = .requestSent(RequestSentFacts(statement: statement))
        case .requestReceived: self = .requestReceived(RequestReceivedFacts(statement: statement))
        case .declined: self = .declined(DeclinedFacts(statement: statement))
        case .outcome: self = .outcome(OutcomeFacts(statement: statement))
        case .familyTold: self = .familyTold(FamilyToldFacts(statement: statement))
        case .cardReplaced: self = .cardReplaced(CardReplacedFacts(statement: statement))
        case nil:
            let f = FactsReader(statement)
            if kind == "erased" {
                self = .erased(rule: f.string("rule") ?? "", before: f.int("before") ?? 0, entries: f.int("entries") ?? 0)
            } else {
                self = .other
            }
        }
    }

    /// The envelope, agencies and purpose of a delivery receipt (received, acknowledged, expired, outcome).
    public var delivery: DeliveryBasis? {
        switch self {
        case .received(let f): f.delivery
        case .acknowledged(let f): f.delivery
        case .expired(let f): f.delivery
        case .outcome(let f): f.delivery
        default: nil
        }
    }

    /// The agreement, purpose and record of a decision about sharing a record.
    public var shareBasis: ShareBasis? {
        switch self {
        case .refused(let f): f.basis
        case .redactionCleared(let f): f.basis
        case .shareDecided(let f): f.basis
        case .sent(let f): f.basis
        case .declined(let f): f.basis
        default: nil
        }
    }

    /// Who asked whom, of a request receipt.
    public var request: RequestBasis? {
        switch self {
        case .requestRefused(let f): f.request
        case .requestSent(let f): f.request
        case .requestReceived(let f): f.request
        default: nil
        }
    }

    /// The purpose the decision was taken for.
    public var purpose: String? { delivery?.purpose ?? shareBasis?.purpose ?? request?.purpose }

    /// The envelope a delivery or request receipt is about.
    public var envelope: EnvelopeFacts? {
        switch self {
        case .sent(let f): f.envelope
        case .requestSent(let f): f.envelope
        case .requestReceived(let f): f.envelope
        default: delivery?.envelope
        }
    }

    /// The request (by message id) this decision answers.
    public var inAnswerTo: String? {
        switch self {
        case .shareDecided(let f): f.inAnswerTo
        case .sent(let f): f.inAnswerTo
        case .received(let f): f.inAnswerTo
        case .expired(let f): f.inAnswerTo
        case .declined(let f): f.inAnswerTo
        default: nil
        }
    }

    public var recordID: String? {
        if case .familyTold(let f) = self { return f.recordID }
        return delivery?.recordID ?? shareBasis?.recordID
    }

    /// The agencies a decision names besides the one taking it, in the facts' own terms.
    var namedAgencies: (recipient: String?, sender: String?, several: [String]) {
        if let delivery { return (delivery.recipient, delivery.sender, []) }
        switch self {
        case .refused(let f): return (f.recipient, f.sender, [])
        case .redactionCleared(let f): return (nil, f.sender, f.recipients)
        case .shareDecided(let f): return (nil, f.sender, f.recipients.map(\.agency))
        case .sent(let f): return (f.recipient, f.sender, [])
        case .familyTold(let f): return (nil, f.sender, f.recipients)
        case .cardReplaced(let f): return (nil, nil, [f.agency])
        default: return (nil, nil, [])
        }
    }
}

/// One log entry as the ledger reads it: the entry, its typed facts, and its details while they
/// are there and match their commitment.
public struct LedgerEntry: Sendable {
    public let entry: LogEntry
    public let facts: LedgerFacts
    /// Nil when erased under a retention rule (or never written).
    public let details: ReceiptDetails?
    /// The details as written, for an export of every field.
    public let detailsJSON: JSONObject?
    /// Details are held but sealed, and the log was read without the identity.
    public let detailsSealed: Bool
    /// The other agency named at the entry's top level (`counterpart`), when there is one.
    let entryCounterpart: String?
    /// The agency that signed the entry's receipt (this one, or a counterpart).
    public let by: String?

    public init(_ record: LogRecord) {
        entry = record.entry
        facts = LedgerFacts(kind: record.entry.kind, facts: record.facts)
        detailsJSON = record.details?.details
        details = detailsJSON.map(ReceiptDetails.init(json:))
        detailsSealed = record.detailsSealed
        entryCounterpart = record.facts?["counterpart"]?.stringValue
        by = record.facts?["receipt"]?["by"]?.stringValue
    }

    public var seq: Int64 { entry.seq }
    /// Unix milliseconds.
    public var at: Int64 { entry.at }
    public var kind: String { entry.kind }
    public var receiptKind: Receipt.Kind? { Receipt.Kind(rawValue: entry.kind) }

    /// The other agency the entry concerns.
    public var counterpart: String? {
        let named = facts.namedAgencies
        return entryCounterpart ?? named.recipient ?? named.sender
    }

    /// The other agencies as a log owned by `owner` shows them: for a decision naming only the
    /// owner (a share decided, a redaction kept), the recipients it names.
    public func counterparts(owner: String) -> [String] {
        if let one = counterpart, one != owner { return [one] }
        return facts.namedAgencies.several
    }
}

/// The receipt log read for display: every entry that parses, typed, with the lines that do not.
/// It does not verify (that is `LogVerifier`), so a damaged log can still be looked at.
public struct Ledger: Sendable {
    public var entries: [LedgerEntry]
    /// Line numbers of lines that are not entries.
    public var damagedLines: [Int]
    /// Bytes of a torn last line (an interrupted append, cut by the next).
    public var tornTail: Int

    /// An empty ledger (a home whose log has not started).
    public init() {
        entries = []
        damagedLines = []
        tornTail = 0
    }

    public init(_ contents: LogReader.Contents) {
        entries = contents.records.map(LedgerEntry.init)
        damagedLines = contents.damagedLines
        tornTail = contents.tornTail
    }

    /// The log in `directory`, its sealed details opened with `atRest` (spec/receipts.md §Details);
    /// without it the facts only, each entry marked `detailsSealed` where details are held.
    public static func read(directory: String, atRest: AtRest? = nil) throws(LogError) -> Ledger {
        Ledger(try LogReader.read(directory: directory, atRest: atRest))
    }

    /// Entries whose details are held but could not be read (sealed, read without the identity).
    public var sealedDetailsCount: Int { entries.count { $0.detailsSealed } }
}

extension Ledger {
    /// The entry numbered `seq`, if the log has it.
    public func entry(seq: Int64) -> LedgerEntry? { entries.first { $0.seq == seq } }

    /// Entries about a message, envelope or request whose id starts with `prefix` (lower-case hex).
    public func entries(aboutID prefix: String) -> [LedgerEntry] {
        let prefix = prefix.lowercased()
        return entries.filter { entry in
            let ids = [entry.facts.envelope?.messageID, entry.facts.envelope?.envelopeID, entry.facts.inAnswerTo]
            return ids.contains { $0?.hasPrefix(prefix) ?? false }
        }
    }
}
