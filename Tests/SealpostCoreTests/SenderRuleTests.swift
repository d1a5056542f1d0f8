import Foundation
import SealpostCore
import SealpostSodium
import Testing

/// spec/envelope.md §"Opening" step 7: the one sender rule (signing key, agency id and box key, all
/// three) and the order of its reasons, through SenderRule and the card directory that uses it.
struct SenderRuleTests {
    let sender = makeIdentity("sender-agency")
    let other = makeIdentity("other-agency")

    func manifest(agency: String? = nil, boxKey: X25519.PublicKey? = nil) -> Manifest {
        Manifest(senderSigningKey: sender.signingKey.publicKey, senderBoxKey: boxKey ?? sender.boxKey.publicKey,
                 senderAgency: agency ?? sender.agencyID, messageID: Array(repeating: 1, count: 16), createdAt: 1,
                 contentType: "text/plain", recipients: [KeyID(other.boxKey.publicKey)])
    }

    func known(_ who: Identity, agency: String? = nil, boxKey: X25519.PublicKey? = nil) -> KnownSender {
        KnownSender(agencyID: agency ?? who.agencyID, signingKey: who.signingKey.publicKey.rawRepresentation,
                    boxKey: (boxKey ?? who.boxKey.publicKey).rawRepresentation)
    }

    func reason(_ m: Manifest, _ senders: [KnownSender]) -> SenderRule.Reason? {
        if case .failure(let f) = SenderRule.match(m, among: senders) { return f.reason }
        return nil
    }

    @Test func allThreeFactsMustMatchAndTheFirstFailingReasonIsGiven() {
        #expect(reason(manifest(), [known(sender)]) == nil)
        #expect(reason(manifest(), []) == .unknownSigningKey)
        #expect(reason(manifest(), [known(other)]) == .unknownSigningKey)
        #expect(reason(manifest(agency: "elsewhere"), [known(sender)]) == .agencyMismatch)
        #expect(reason(manifest(boxKey: other.boxKey.publicKey), [known(sender)]) == .boxKeyMismatch)
        // Agency and box key both wrong: the agency is reported (it comes first).
        #expect(reason(manifest(agency: "elsewhere", boxKey: other.boxKey.publicKey), [known(sender)]) == .agencyMismatch)
    }

    /// The directory looks at every card with the signing key, not only the first: the rule is
    /// "some known sender has all three". (It used to stop at the first card with the key.)
    @Test func everyCardWithTheKeyIsConsidered() {
        let first = known(sender, agency: "sender-old-name")
        #expect(reason(manifest(), [first, known(sender)]) == nil)
        #expect(reason(manifest(), [known(sender, boxKey: other.boxKey.publicKey), known(sender)]) == nil)
        #expect(reason(manifest(), [first, known(sender, boxKey: other.boxKey.publicKey)]) == .boxKeyMismatch)
    }

    @Test func theCardDirectoryAppliesTheRuleAndNamesTheReason() {
        let cards = CardDirectory(cards: [sender.card])
        #expect(cards.trust(for: manifest()) == .trusted)
        for (m, code) in [(manifest(agency: "elsewhere"), "agency_mismatch"),
                          (manifest(boxKey: other.boxKey.publicKey), "box_key_mismatch")] {
            guard case .untrusted(let text) = cards.trust(for: m) else { Issue.record("trusted \(code)"); continue }
            #expect(text.hasPrefix(code + ": "), "\(text)")
        }
        guard case .untrusted(let text) = CardDirectory(cards: [other.card]).trust(for: manifest()) else {
            Issue.record("trusted an unknown key"); return
        }
        #expect(text.hasPrefix("unknown_signing_key: "))
    }
}
