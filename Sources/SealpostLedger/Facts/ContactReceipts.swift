/// Receipts about this agency's contacts: the cards it trusts to seal to and to open from.

/// `card_replaced`: an imported contact's card was replaced by one with different keys
/// (`sealpost import-card --replace`), logged before the new card is written. The old and new
/// fingerprints are what the practitioner compared by phone; the statement holds no personal data.
public struct CardReplacedFacts: ReceiptFacts {
    public static let kind = Receipt.Kind.cardReplaced
    /// The contact's agency id.
    public var agency = ""
    /// The fingerprints (`sealpost whoami`, `import-card`) of the card replaced and of its replacement.
    public var oldFingerprint = ""
    public var newFingerprint = ""
    /// Unix seconds.
    public var replacedAt: Int64 = 0

    public static var members: [FactsMember<Self>] {
        [.member("agency", \.agency), .member("old_fingerprint", \.oldFingerprint), .member("new_fingerprint", \.newFingerprint),
         .member("replaced_at", \.replacedAt)]
    }

    public init() {}

    public init(agency: String, oldFingerprint: String, newFingerprint: String, replacedAt: Int64) {
        (self.agency, self.oldFingerprint, self.newFingerprint, self.replacedAt) = (agency, oldFingerprint, newFingerprint, replacedAt)
    }
}
