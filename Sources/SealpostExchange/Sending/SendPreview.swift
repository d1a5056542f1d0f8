import SealpostAgreement
import SealpostRecord
import SealpostRedaction
import SealpostSharing

/// What a practitioner checks before a send leaves (`sealpost send`'s preview, the app's "check
/// what leaves"): per recipient what is shared, withheld as not allowed, and redacted; then what
/// redaction replaced. Field paths, tokens, counts and roles only: never a value from the record.
public struct SendPreview: Sendable {
    public struct Recipient: Sendable {
        public let agency: String
        public let role: String
        public let shared: [String]
        /// Withheld because the agreement does not allow them to this role for this purpose.
        public let withheld: [String]
        /// Withheld or replaced to protect third parties' identities.
        public let redacted: [String]
    }

    public let recordID: String?
    public let purpose: String
    public let purposeName: String
    public let urgency: String
    public let recipients: [Recipient]
    /// Identifiers replaced, in all and by category (categories with none left out).
    public let replaced: Int
    public let replacedByCategory: [(category: String, count: Int)]
    public let tokens: [(token: String, occurrences: Int)]
    /// The practitioner's decisions on uncertain findings: how many were redacted, how many kept.
    public let redactDecisions: Int
    public let keepDecisions: Int

    public init(_ p: Send.Preparation) {
        recordID = p.record.id
        purpose = p.purpose.id
        purposeName = p.purpose.name
        urgency = p.urgency.rawValue
        recipients = p.outgoing.map { outgoing in
            Recipient(agency: outgoing.recipient.agencyID, role: outgoing.recipient.role.rawValue,
                      shared: outgoing.shared.map(\.rawValue),
                      withheld: outgoing.withheld.filter { $0.reason == .notAllowedForPurposeOrRole }.map(\.path.rawValue),
                      redacted: outgoing.withheld.filter { $0.reason == .thirdPartyProtection }.map(\.path.rawValue))
        }
        let summary = p.summary
        replaced = summary.total
        replacedByCategory = IdentifierCategory.allCases.compactMap { c in
            summary.counts[c].flatMap { $0 > 0 ? (c.rawValue, $0) : nil }
        }
        tokens = summary.tokens.map { ($0.token, $0.occurrences) }
        redactDecisions = p.decisions.filter { $0.action == .redact }.count
        keepDecisions = p.decisions.count - redactDecisions
    }
}
