import SealpostSodium

/// Whether an envelope's sender is someone the opener trusts.
public enum SenderTrust: Equatable, Sendable {
    case trusted
    /// Not trusted, with the reason (unknown key, revoked, expired...), naming no secrets.
    case untrusted(String)
}

/// Decides whether the sender named in a manifest is trusted. The agreement in force is one
/// such directory; a set of imported identity cards is another.
public protocol SenderDirectory {
    func trust(for manifest: Manifest) -> SenderTrust
}

/// Trusts exactly the senders whose cards it holds.
public struct CardDirectory: SenderDirectory {
    public let cards: [IdentityCard]
    public init(cards: [IdentityCard]) { self.cards = cards }

    public func trust(for manifest: Manifest) -> SenderTrust {
        let key = Hex.encode(manifest.senderSigningKey.rawRepresentation)
        guard let card = cards.first(where: { $0.signingKey == key }) else {
            return .untrusted("no identity card you hold has signing key \(KeyID(manifest.senderSigningKey)) (claimed agency \(manifest.senderAgency))")
        }
        guard card.agencyID == manifest.senderAgency else {
            return .untrusted("the envelope claims agency \(manifest.senderAgency) but the key belongs to \(card.agencyID)")
        }
        guard card.boxKey == Hex.encode(manifest.senderBoxKey.rawRepresentation) else {
            return .untrusted("the envelope names an encryption key for \(card.agencyID) that differs from its card")
        }
        return .trusted
    }
}
