/// Receipts about this agency's contacts: the cards it trusts to seal to and to open from.

/// `card_replaced`: an imported contact's card was replaced by one with different keys
/// (`sealpost import-card --replace`), logged before the new card is written. The old and new
/// fingerprints are what the practitioner compared by phone; the statement holds no personal data.
public struct CardReplacedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.cardReplaced
    /// The contact's agency id.
    public var agency: String
    /// The fingerprints (`sealpost whoami`, `import-card`) of the card replaced and of its replacement.
    public var oldFingerprint: String
    public var newFingerprint: String
    /// Unix seconds.
    public var replacedAt: Int64

    public init(agency: String, oldFingerprint: String, newFingerprint: String, replacedAt: Int64) {
        self.agency = agency
        self.oldFingerprint = oldFingerprint
        self.newFingerprint = newFingerprint
        self.replacedAt = replacedAt
    }

    public init(_ f: FactsReader) {
        agency = f.string("agency") ?? ""
        oldFingerprint = f.string("old_fingerprint") ?? ""
        newFingerprint = f.string("new_fingerprint") ?? ""
        replacedAt = f.int("replaced_at") ?? 0
    }

    public func write(to f: inout FactsWriter) {
        f.put("agency", agency)
        f.put("old_fingerprint", oldFingerprint)
        f.put("new_fingerprint", newFingerprint)
        f.put("replaced_at", replacedAt)
    }
}
