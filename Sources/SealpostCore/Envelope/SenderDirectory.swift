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

/// A sender the opener knows: the three facts a manifest must match (spec/envelope.md §"Opening",
/// step 7). Cards and the agreement's parties both reduce to these.
public struct KnownSender: Equatable, Sendable {
    public let agencyID: String
    public let signingKey: [UInt8]
    public let boxKey: [UInt8]
    public init(agencyID: String, signingKey: [UInt8], boxKey: [UInt8]) {
        self.agencyID = agencyID
        self.signingKey = signingKey
        self.boxKey = boxKey
    }
}

/// The one rule for trusting a manifest's sender (spec/envelope.md §"Opening", step 7): some
/// known sender has the manifest's signing key, agency id and box key, all three. When none
/// does, the reason is the first of these that holds:
///
/// - `unknown_signing_key`: no known sender has the signing key;
/// - `agency_mismatch`: senders with the signing key are known, none under the manifest's agency;
/// - `box_key_mismatch`: a sender with the signing key and agency is known, with another box key.
public enum SenderRule {
    public enum Reason: String, Sendable, CaseIterable {
        case unknownSigningKey = "unknown_signing_key"
        case agencyMismatch = "agency_mismatch"
        case boxKeyMismatch = "box_key_mismatch"
    }

    /// The known sender the manifest names, or why there is none. With several matches (the
    /// same keys known twice) the first is returned; they are the same three facts.
    public static func match(_ manifest: Manifest, among senders: [KnownSender]) -> Result<KnownSender, ReasonError> {
        let signing = manifest.senderSigningKey.rawRepresentation
        let sameKey = senders.filter { $0.signingKey == signing }
        guard !sameKey.isEmpty else { return .failure(ReasonError(reason: .unknownSigningKey, known: nil)) }
        let sameAgency = sameKey.filter { $0.agencyID == manifest.senderAgency }
        guard let first = sameAgency.first else {
            return .failure(ReasonError(reason: .agencyMismatch, known: sameKey[0]))
        }
        let box = manifest.senderBoxKey.rawRepresentation
        guard let sender = sameAgency.first(where: { $0.boxKey == box }) else {
            return .failure(ReasonError(reason: .boxKeyMismatch, known: first))
        }
        return .success(sender)
    }

    /// Why a manifest's sender is not trusted, with the known sender that came closest.
    public struct ReasonError: Error, Equatable, Sendable {
        public let reason: Reason
        public let known: KnownSender?
    }
}

extension IdentityCard {
    /// The card's keys as a known sender (the card has been verified when it was loaded).
    public var knownSender: KnownSender {
        KnownSender(agencyID: agencyID, signingKey: Hex.decode(signingKey) ?? [], boxKey: Hex.decode(boxKey) ?? [])
    }
}

/// Trusts exactly the senders whose cards it holds, by `SenderRule`.
public struct CardDirectory: SenderDirectory {
    public let cards: [IdentityCard]
    public init(cards: [IdentityCard]) { self.cards = cards }

    public func trust(for manifest: Manifest) -> SenderTrust {
        switch SenderRule.match(manifest, among: cards.map(\.knownSender)) {
        case .success: return .trusted
        case .failure(let failure):
            let claimed = Printable.escape(manifest.senderAgency)
            let text: String
            switch failure.reason {
            case .unknownSigningKey:
                text = "no identity card you hold has signing key \(KeyID(manifest.senderSigningKey)) (claimed agency \(claimed))"
            case .agencyMismatch:
                text = "the envelope claims agency \(claimed) but the key belongs to \(failure.known?.agencyID ?? "another agency")"
            case .boxKeyMismatch:
                text = "the envelope names an encryption key for \(claimed) that differs from its card"
            }
            return .untrusted("\(failure.reason.rawValue): \(text)")
        }
    }
}
