import SealpostAgreement
import SealpostCore
import SealpostProtocol
import SealpostSodium

/// The relay as the agreement knows it: the active party with the `relay_operator` role, whose
/// signing key the relay must show in its health answer and sign every deposit receipt with.
///
/// A relay that shows any other key is not the partnership's relay, and the client stops before
/// depositing anything there.
public struct RelayOperator: Sendable, Equatable {
    public let agencyID: String
    public let signingKey: Ed25519.PublicKey

    public init(agencyID: String, signingKey: Ed25519.PublicKey) {
        self.agencyID = agencyID
        self.signingKey = signingKey
    }

    /// The operators the agreement names (active `relay_operator` parties).
    public static func candidates(in agreement: Agreement) -> [RelayOperator] {
        agreement.parties.filter { $0.role == .relayOperator && $0.status == .active }.compactMap { party in
            (try? party.card.verified().signingKey).map { RelayOperator(agencyID: party.agencyID, signingKey: $0) }
        }
    }

    /// The operator whose key `health` shows, or why the relay is not the agreement's.
    public static func identify(_ health: RelayHealth, under agreement: Agreement, endpoint: RelayEndpoint) throws(ExchangeError) -> RelayOperator {
        let candidates = candidates(in: agreement)
        guard !candidates.isEmpty else {
            throw ExchangeError(.relayIdentity, "agreement \(agreement.id) version \(agreement.version) has no active relay_operator party, so no relay can be trusted",
                                hint: "the partnership must add its relay operator's card with role relay_operator and sign a new version")
        }
        let shown = Hex.decode(health.relayKey)
        guard let match = candidates.first(where: { $0.agencyID == health.relay && shown == $0.signingKey.rawRepresentation }) else {
            throw ExchangeError(.relayIdentity,
                                "the relay at \(endpoint) is not the relay agreement \(agreement.id) names: it presents itself as \(RelayClient.displayable(health.relay)) with a key that is not \(candidates.map(\.agencyID).joined(separator: " or "))'s",
                                hint: "check the relay URL (--relay, SEALPOST_RELAY or the agreement's relay); nothing was sent")
        }
        return match
    }

    /// Checks a deposit answer: signed by this operator, for this envelope, sender and mailboxes.
    public func verify(_ response: DepositResponse, envelopeID: EnvelopeID, sender: String, mailboxes: [String]) throws(ExchangeError) -> SignedDepositReceipt {
        guard let signed = response.signedReceipt, signed.isValid(for: signingKey) else {
            throw ExchangeError(.relayIdentity, "the relay's deposit receipt for envelope \(envelopeID) is not signed by \(agencyID)",
                                hint: "the envelope may or may not be held; run sealpost sync later to deposit it again, and tell the relay operator")
        }
        let r = signed.receipt
        guard r.envelopeID == envelopeID, r.relay == agencyID, r.sender == sender, r.mailboxes == Array(Set(mailboxes)).sorted() else {
            throw ExchangeError(.relayIdentity, "the relay's deposit receipt for envelope \(envelopeID) names another envelope, sender or mailbox",
                                hint: "do not rely on it; run sealpost sync later to deposit again, and tell the relay operator")
        }
        return signed
    }
}
