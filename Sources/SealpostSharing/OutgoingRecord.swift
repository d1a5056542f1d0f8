import SealpostAgreement
import SealpostRecord
import SealpostRedaction

/// A record made fit to leave the sender for one recipient and purpose: minimised to what the
/// agreement allows, then with third parties' identities redacted. Nothing here is sealed yet.
public struct OutgoingRecord: Sendable {
    /// The record that may be sealed.
    public let record: JSONValue
    public let shared: [FieldPath]
    /// Every withheld field path with its reason (never a value).
    public let withheld: [Minimisation.Withheld]
    public let summary: RedactionSummary
    /// The practitioner's decisions on what the redactor was unsure of, to be recorded.
    public let decisions: [PractitionerDecision]
    /// The token-to-identity map: stays with the sender (see `PseudonymVault`).
    public let pseudonyms: PseudonymMap
    public let purpose: AgreementPurpose
    public let recipient: AgreementParty

    public enum Refusal: Error, Sendable, CustomStringConvertible {
        /// The agreement does not allow this share (no role, not a party, revoked, wrong basis...).
        case notAllowed(AgreementError)
        /// The record is not valid for sending.
        case invalidRecord([RecordIssue])
        /// Possible identities remain that a practitioner must redact or clear first.
        case needsDecisions([UncertainFinding])
        case redaction(String)

        public var description: String {
            switch self {
            case let .notAllowed(error): return error.message
            case let .invalidRecord(issues): return "the record is not ready to send: " + issues.map { "\($0.path): \($0.problem)" }.joined(separator: "; ")
            case let .needsDecisions(findings): return "\(findings.count) possible identit\(findings.count == 1 ? "y needs" : "ies need") a decision before sending"
            case let .redaction(message): return message
            }
        }
    }

    /// Minimises then redacts `record` for one recipient. Refuses before anything could be
    /// sealed when the record is not valid, when the agreement does not allow the share, or while
    /// the redactor's uncertain findings are not all decided.
    public static func prepare(_ record: SafeguardingRecord, purpose: String, recipient: String, under agreement: Agreement,
                               decisions: [PractitionerDecision] = []) throws(Refusal) -> OutgoingRecord {
        let issues = record.issues(for: .full)
        guard issues.isEmpty else { throw .invalidRecord(issues) }
        let redaction = try redact(record, decisions: decisions)
        return try prepare(record, purpose: purpose, recipient: recipient, under: agreement, redacted: redaction)
    }

    /// Redacts a valid `record` once for every recipient (redaction does not depend on who
    /// receives it), refusing while uncertain findings are not all decided.
    public static func redact(_ record: SafeguardingRecord, decisions: [PractitionerDecision] = []) throws(Refusal) -> SharedRedaction {
        let redaction: Redaction
        do { redaction = try Redactor().redact(RecordRedaction.input(for: record, decisions: decisions)) } catch {
            throw .redaction("cannot redact the record: \(error)")
        }
        guard redaction.record.uncertain.isEmpty else { throw .needsDecisions(redaction.record.uncertain) }
        return SharedRedaction(redaction: redaction, decisions: decisions)
    }

    /// Minimises a valid `record` for one recipient and applies `redacted` to what is left.
    public static func prepare(_ record: SafeguardingRecord, purpose: String, recipient: String, under agreement: Agreement,
                               redacted: SharedRedaction) throws(Refusal) -> OutgoingRecord {
        let minimised: Minimisation
        do { minimised = try Minimisation.minimise(record, purpose: purpose, recipient: recipient, under: agreement) } catch {
            throw .notAllowed(error)
        }
        let applied = RecordRedaction.apply(redacted.redaction.record, to: minimised.record)
        let final = minimised.adding(protected: applied.protected, record: applied.record)
        return OutgoingRecord(record: final.record, shared: final.shared, withheld: final.withheld,
                              summary: redacted.summary, decisions: redacted.decisions, pseudonyms: redacted.pseudonyms,
                              purpose: final.purpose, recipient: final.recipient)
    }
}

/// A record's redaction, done once and applied to each recipient's minimised copy.
public struct SharedRedaction: Sendable {
    let redaction: Redaction
    /// The practitioner's decisions it was made with.
    public let decisions: [PractitionerDecision]

    public var summary: RedactionSummary { redaction.record.summary }
    /// The token-to-identity map: stays with the sender (see `PseudonymVault`).
    public var pseudonyms: PseudonymMap { redaction.pseudonyms }
}

extension SharedRedaction: CustomStringConvertible, CustomReflectable {
    /// Counts only: printing or dumping it never shows an identity.
    public var description: String { redaction.description }
    public var customMirror: Mirror { Mirror(self, children: ["summary": summary], displayStyle: .struct) }
}
