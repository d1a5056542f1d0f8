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

    /// Minimises then redacts `record`. Refuses before anything could be sealed when the agreement
    /// does not allow the share, or while the redactor's uncertain findings are not all decided.
    public static func prepare(_ record: SafeguardingRecord, purpose: String, recipient: String, under agreement: Agreement,
                               decisions: [PractitionerDecision] = []) throws(Refusal) -> OutgoingRecord {
        let issues = record.issues(for: .full)
        guard issues.isEmpty else { throw .invalidRecord(issues) }
        let minimised: Minimisation
        do { minimised = try Minimisation.minimise(record, purpose: purpose, recipient: recipient, under: agreement) } catch {
            throw .notAllowed(error)
        }
        let redaction: Redaction
        do { redaction = try Redactor().redact(RecordRedaction.input(for: record, decisions: decisions)) } catch {
            throw .redaction("cannot redact the record: \(error)")
        }
        guard redaction.record.uncertain.isEmpty else { throw .needsDecisions(redaction.record.uncertain) }
        let applied = RecordRedaction.apply(redaction.record, to: minimised.record)
        let final = minimised.adding(protected: applied.protected, record: applied.record)
        return OutgoingRecord(record: final.record, shared: final.shared, withheld: final.withheld,
                              summary: redaction.record.summary, decisions: decisions, pseudonyms: redaction.pseudonyms,
                              purpose: final.purpose, recipient: final.recipient)
    }
}
