import Foundation
import SealpostAgreement
import SealpostCore
import SealpostLog
import SealpostSodium

/// A child's information-sharing history from the receipt log, fit to give to the data subject
/// or a regulator (`sealpost report --subject`, the app's subject report). It never shows a
/// protected third party: the facts hold only pseudonym tokens, and the practitioners' free-text
/// reasons (which might name someone) are left out. The agreement's own reason for a refusal is
/// shown, as the log records it.
public struct SubjectReport: Sendable {
    /// Whether the log verified when the report was made.
    public enum Verification: Sendable, Equatable {
        case verified(entries: Int64)
        case failed(String)
        case notChecked
    }

    public let query: String
    /// The child's identifiers as the first matching entry's details give them.
    public let subject: SubjectDetails?
    public let events: [HistoryEvent]
    /// Entries whose details were erased under retention: they cannot be matched to anyone.
    public let erasedEntries: Int

    /// The history of the child `query` names (name words, NHS number or record id), in log order;
    /// `time` writes the times inside statuses (UTC by default, as the command line prints times).
    public init(query: String, ledger: Ledger, owner: String, agreement: Agreement?,
                time: @Sendable (Int64) -> String = HistoryEvent.utc) {
        self.query = query
        let matcher = SubjectQuery(query)
        let matches = ledger.entries.filter(matcher.matches)
        let status = MessageStatus(ledger.entries)
        subject = matches.lazy.compactMap { $0.details?.subject }.first
        events = matches.map { HistoryEvent($0, owner: owner, agreement: agreement, messages: status, time: time) }
        erasedEntries = ledger.entries.filter { $0.details == nil }.count
    }

    /// Verifies the log in `directory` under `owner`, for the report's heading.
    public static func verify(directory: String, owner: Ed25519.PublicKey, atRest: AtRest? = nil) -> Verification {
        var verifier = LogVerifier(directory: directory, owner: owner)
        verifier.atRest = atRest
        guard let report = try? verifier.verify() else { return .notChecked }
        if report.isValid { return .verified(entries: report.entries) }
        return .failed(report.problem?.description ?? "checkpoints contradict it")
    }
}

/// One decision in a child's history, in words.
public struct HistoryEvent: Sendable {
    public struct Withheld: Sendable, Equatable {
        public let path: String
        /// The reason in words (`not allowed for purpose or role`).
        public let reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public let seq: Int64
    /// Unix milliseconds.
    public let at: Int64
    /// What was decided, in one sentence naming the other agency and its role.
    public let headline: String
    public let purpose: String?
    /// The purpose's name in the agreement.
    public let purposeName: String?
    public let lawfulBasis: String?
    public let consent: String?
    /// Whether the family was told, in words (`told`, `will be told`, `not told`).
    public let familyTold: String?
    public let urgency: String?
    public let shared: [String]
    public let withheld: [Withheld]
    /// The tokens that stand for the other people protected: never their identities.
    public let protectedTokens: [String]
    /// A decline's reason categories, in words.
    public let declineReasons: [String]
    /// For a send, whether and when it was acknowledged; for a request, whether and how it was answered.
    public let status: String?
    public let answersRequest: Bool
    /// Who acted for this agency (the details' `actor`): a practitioner, or the command line.
    /// Nil for entries logged before actors were recorded, or whose details were erased.
    public let actor: ActorDetails?
    /// Whether the entry is this agency's own decision; otherwise the actor recorded another
    /// agency's (for example, collected its acknowledgement).
    public let isOwnDecision: Bool

    /// Unix milliseconds as "2026-12-07 13:42:25 UTC": the command line's times.
    public static let utc: @Sendable (Int64) -> String = { Timestamp.display(milliseconds: $0) + " UTC" }

    /// `entry` in words, as `owner` (this agency) reads it, naming purposes by `agreement`; `time`
    /// writes the times in its status (a face passes its own, so a page does not mix time zones).
    public init(_ entry: LedgerEntry, owner: String, agreement: Agreement?, messages: MessageStatus,
                time: (Int64) -> String = HistoryEvent.utc) {
        seq = entry.seq
        at = entry.at
        actor = entry.details?.actor
        isOwnDecision = entry.by == nil || entry.by == owner
        let facts = entry.facts
        func role(_ agency: String) -> String { agreement?.party(agency).map { " (\($0.role.rawValue))" } ?? "" }
        var basis: ShareBasis?
        var fields: FieldFacts?
        var redaction: RedactionFacts?
        var reasons: [String] = []
        var state: String?
        switch facts {
        case .sent(let f):
            headline = "Shared with \(f.recipient)\(role(f.recipient))"
            (basis, fields, redaction) = (f.basis, f.fields, f.redaction)
            state = Self.describe(acknowledgedAt: messages.acknowledgedAt[f.envelope.messageID],
                                  outcomes: messages.outcomes[f.envelope.messageID] ?? [], time: time)
        case .shareDecided(let f):
            headline = "Decided to share"
            (basis, redaction) = (f.basis, f.redaction)
        case .refused(let f):
            let reason = entry.details?.reason ?? "the agreement gives it no role for this purpose"
            headline = "Not shared with \(f.recipient)\(role(f.recipient)): \(reason)"
            basis = f.basis
        case .redactionCleared(let f):
            headline = "A detail the redactor flagged was kept after review (\(f.category.isEmpty ? "identifier" : f.category))"
            basis = f.basis
        case .received(let f):
            headline = "Received from \(f.delivery.sender)"
            state = Self.describe(outcomes: messages.outcomes[f.delivery.envelope.messageID] ?? [], time: time)
        case .acknowledged(let f):
            headline = entry.by == owner ? "Acknowledged receipt to \(entry.counterpart ?? f.delivery.sender)"
                : "Receipt acknowledged by \(entry.by ?? f.delivery.recipient)"
        case .expired(let f):
            headline = f.isRequest ? "Request to \(f.delivery.recipient) not opened; it expired at the relay"
                : "Not collected by \(f.delivery.recipient); it expired at the relay"
        case .requestSent(let f):
            headline = "Asked \(f.request.holder)\(role(f.request.holder)) for information"
            state = Self.describe(messages.answers[f.envelope.messageID], time: time)
        case .requestReceived(let f):
            headline = "Asked for information by \(f.request.requester)\(role(f.request.requester))"
            state = Self.describe(messages.answers[f.envelope.messageID], time: time)
        case .requestRefused(let f):
            headline = "Did not ask \(f.request.holder)\(role(f.request.holder)) for information: "
                + (entry.details?.reason ?? "the agreement gives this agency no role for this purpose")
        case .declined(let f):
            if let requester = f.requester {
                headline = f.holder == owner
                    ? "Declined to share with \(requester)\(role(requester)) in answer to its request; nothing was shared"
                    : "\(f.holder) declined this agency's request; nothing was shared"
            } else {
                headline = "Decided not to share (the practitioner's own judgement, no request); nothing was sent"
            }
            basis = f.basis
            reasons = f.reasons.map { $0.replacingOccurrences(of: "_", with: " ") }
        case .outcome(let f):
            let decision = OutcomeDecision.words(f.decision)
            headline = entry.by == owner ? "Told \(entry.counterpart ?? f.delivery.sender) the outcome: \(decision)"
                : "Outcome from \(entry.by ?? f.delivery.recipient): \(decision)"
        case .familyTold(let f):
            headline = "Told the child's family that information was shared with \(f.recipients.joined(separator: ", "))"
        case .cardReplaced(let f):
            headline = "Replaced the card of \(f.agency) (fingerprint \(f.oldFingerprint) became \(f.newFingerprint))"
        case .erased(let rule, _, let n):
            headline = (n == 1 ? "Details of 1 older entry" : "Details of \(n) older entries") + " erased under the retention rule \"\(Printable.escape(rule))\""
        case .other:
            headline = entry.kind
        }
        purpose = facts.purpose
        purposeName = facts.purpose.flatMap { agreement?.purpose($0)?.name }
        lawfulBasis = basis?.lawfulBasis?.description
        consent = basis?.consent
        familyTold = basis?.familyTold.map { $0.replacingOccurrences(of: "_", with: " ") }
        urgency = basis?.urgency ?? facts.delivery?.urgency ?? facts.request?.urgency
        shared = fields?.shared ?? []
        withheld = (fields?.withheld ?? []).map { Withheld(path: $0.path, reason: $0.reason.replacingOccurrences(of: "_", with: " ")) }
        protectedTokens = redaction?.tokens.map(\.token) ?? []
        declineReasons = reasons
        status = state
        switch facts {
        case .sent, .shareDecided, .received: answersRequest = facts.inAnswerTo != nil
        default: answersRequest = false
        }
    }

    static func describe(acknowledgedAt at: Int64?, outcomes: [(decision: String, at: Int64)] = [],
                         time: (Int64) -> String) -> String {
        let acknowledged = at.map { "acknowledged \(time($0))" } ?? "not yet acknowledged"
        guard !outcomes.isEmpty else { return acknowledged }
        return acknowledged + "; " + describe(outcomes: outcomes, time: time)!
    }

    /// The outcomes in words and time, or nil when there are none.
    static func describe(outcomes: [(decision: String, at: Int64)], time: (Int64) -> String) -> String? {
        guard !outcomes.isEmpty else { return nil }
        let each = outcomes.map { "\(OutcomeDecision.words($0.decision)) (\(time($0.at)))" }
        return "outcome\(each.count == 1 ? "" : "s"): " + each.joined(separator: ", then ")
    }

    static func describe(_ answer: MessageStatus.Answer?, time: (Int64) -> String) -> String {
        guard let answer else { return "not yet answered" }
        return "\(answer.declined ? "declined" : "answered with a record") \(time(answer.at))"
    }
}
