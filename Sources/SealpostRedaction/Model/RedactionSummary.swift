/// Counts per category and the tokens in use, for the practitioner's preview. It never holds an
/// identity: only categories, counts, tokens and roles.
public struct RedactionSummary: Sendable, Hashable, Codable, CustomStringConvertible {
    public struct TokenUse: Sendable, Hashable, Codable {
        public var token: String
        /// The role ("neighbour", "unlisted") or, for a withheld value, its category.
        public var label: String
        /// Replacements in the texts plus structured values replaced.
        public var occurrences: Int
    }

    /// Identifiers replaced, per category, over the texts and the structured fields.
    public var counts: [IdentifierCategory: Int]
    public var tokens: [TokenUse]
    public var uncertainCount: Int

    public var total: Int { counts.values.reduce(0, +) }

    public var description: String {
        var lines = ["Redaction: \(total) identifier(s) replaced, \(uncertainCount) uncertain finding(s) to resolve"]
        let parts = IdentifierCategory.allCases.compactMap { c -> String? in
            guard let n = counts[c], n > 0 else { return nil }
            return "\(c.rawValue) \(n)"
        }
        if !parts.isEmpty { lines.append("  by category: " + parts.joined(separator: ", ")) }
        for t in tokens {
            lines.append("  \(t.token): \(t.label), \(t.occurrences) occurrence(s)")
        }
        return lines.joined(separator: "\n")
    }
}
