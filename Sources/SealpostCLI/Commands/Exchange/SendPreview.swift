import SealpostAgreement
import SealpostExchange
import SealpostRedaction
import SealpostSharing

/// The practitioner's preview of a send: per recipient what is shared and what is withheld with
/// why, then what redaction replaced. Field paths, tokens, counts and roles only: never a value
/// from the record, never an identity.
enum SendPreview {
    static func render(_ p: Send.Preparation) -> String {
        var lines = ["sealpost: preview: record \(p.record.id ?? "(no id)") for \(p.purpose.id) (\(p.purpose.name)), urgency \(p.urgency.rawValue)"]
        for outgoing in p.outgoing {
            lines.append("  to \(outgoing.recipient.agencyID) (\(outgoing.recipient.role.rawValue)):")
            lines.append("    shared:   " + (outgoing.shared.isEmpty ? "(only the sharing's own facts)" : outgoing.shared.map(\.rawValue).joined(separator: ", ")))
            let withheld = outgoing.withheld.filter { $0.reason == .notAllowedForPurposeOrRole }.map(\.path.rawValue)
            let redacted = outgoing.withheld.filter { $0.reason == .thirdPartyProtection }.map(\.path.rawValue)
            lines.append("    withheld: " + (withheld.isEmpty ? "nothing" : withheld.joined(separator: ", ") + " (not allowed to this role for this purpose)"))
            if !redacted.isEmpty {
                lines.append("    redacted: " + redacted.joined(separator: ", ") + " (third parties' identities replaced or removed)")
            }
        }
        let s = p.summary
        let counts = IdentifierCategory.allCases.compactMap { c -> String? in s.counts[c].flatMap { $0 > 0 ? "\(c.rawValue) \($0)" : nil } }
        lines.append("  redaction: \(s.total) identifier(s) replaced" + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"))
        for token in s.tokens { lines.append("    \(token.token): \(token.occurrences) occurrence(s)") }
        if !p.decisions.isEmpty {
            let redact = p.decisions.filter { $0.action == .redact }.count
            lines.append("  your decisions: \(p.decisions.count) (\(redact) redact, \(p.decisions.count - redact) keep), recorded with the send")
        }
        return lines.joined(separator: "\n")
    }
}
