import SealpostExchange

/// `sealpost send`'s preview in words, on standard error: per recipient what is shared, what is
/// withheld and why, then what redaction replaced. Formatting only (`SendPreview` decides).
enum PreviewText {
    static func render(_ p: SendPreview) -> String {
        var lines = ["sealpost: preview: record \(p.recordID ?? "(no id)") for \(p.purpose) (\(p.purposeName)), urgency \(p.urgency)"]
        for r in p.recipients {
            lines.append("  to \(r.agency) (\(r.role)):")
            lines.append("    shared:   " + (r.shared.isEmpty ? "(only the sharing's own facts)" : r.shared.joined(separator: ", ")))
            lines.append("    withheld: " + (r.withheld.isEmpty ? "nothing" : r.withheld.joined(separator: ", ") + " (not allowed to this role for this purpose)"))
            if !r.redacted.isEmpty {
                lines.append("    redacted: " + r.redacted.joined(separator: ", ") + " (third parties' identities replaced or removed)")
            }
        }
        let counts = p.replacedByCategory.map { "\($0.category) \($0.count)" }
        lines.append("  redaction: \(Display.count(p.replaced, "identifier")) replaced" + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"))
        for token in p.tokens { lines.append("    \(token.token): \(Display.count(token.occurrences, "occurrence"))") }
        let decided = p.redactDecisions + p.keepDecisions
        if decided > 0 {
            lines.append("  your decisions: \(decided) (\(p.redactDecisions) redact, \(p.keepDecisions) keep), recorded with the send")
        }
        return lines.joined(separator: "\n")
    }
}
