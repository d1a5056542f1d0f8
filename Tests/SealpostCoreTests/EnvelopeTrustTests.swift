import Foundation
import Testing
import SealpostCore
import SealpostSodium

/// THREATS.md rows 3, 5 and 6: the wrong recipient, an untrusted sender, the same envelope twice.
@Suite("Envelope recipients and senders")
struct EnvelopeTrustTests {
    let sender = makeIdentity("sender-agency")
    let a = makeIdentity("agency-a")
    let b = makeIdentity("agency-b")

    func sealToA(_ content: [UInt8] = Array(secretText.utf8)) throws -> [UInt8] {
        try EnvelopeSealer(sender: sender).seal(content, recipients: [a.boxKey.publicKey], createdAt: 5).envelope
    }

    @Test("row 3: sealed to A, opened as B, is 'not sealed to your identity'")
    func wrongRecipient() throws {
        let envelope = try sealToA()
        let error = try #require(openFailure(envelope, with: opener(for: b, trusting: [sender])))
        #expect(error.category == .noMatchingIdentity)
        #expect(error.description.contains("not sealed to your identity"))
        // B with A's name and signing key but its own box key still has no slot.
        let impostor = Identity(agencyID: a.agencyID, name: a.name, signingKey: a.signingKey, boxKey: b.boxKey)
        #expect(openFailure(envelope, with: opener(for: impostor, trusting: [sender]))?.category == .noMatchingIdentity)
        // The control.
        #expect(openFailure(envelope, with: opener(for: a, trusting: [sender])) == nil)
        // A with another signing key but its box key does open: slots are about box keys.
        let rekeyed = Identity(agencyID: "elsewhere", name: "x", signingKey: .generate(), boxKey: a.boxKey)
        #expect(openFailure(envelope, with: opener(for: rekeyed, trusting: [sender])) == nil)
    }

    @Test("row 5: a sender whose card the opener lacks is unknown, and says why")
    func unknownSender() throws {
        let envelope = try sealToA()
        for cards in [[], [b], [b, a]] {
            let error = try #require(openFailure(envelope, with: opener(for: a, trusting: cards)))
            #expect(error.category == .senderUnknown)
            #expect(error.detail?.contains(KeyID(sender.signingKey.publicKey).description) == true)
            #expect(error.detail?.contains("sender-agency") == true)
        }
    }

    @Test("row 5: a card with the sender's keys under another agency id does not vouch for it")
    func sameKeyOtherAgency() throws {
        let envelope = try sealToA()
        let relabelled = Identity(agencyID: "other-agency", name: "Other", signingKey: sender.signingKey, boxKey: sender.boxKey)
        #expect(try relabelled.card.verified().signingKey == sender.signingKey.publicKey)
        let error = try #require(openFailure(envelope, with: EnvelopeOpener(identity: a, senders: CardDirectory(cards: [relabelled.card]))))
        #expect(error.category == .senderUnknown)
        #expect(error.detail?.contains("other-agency") == true)
        // A card with the right agency id but another key does not either.
        let sameName = makeIdentity("sender-agency")
        #expect(openFailure(envelope, with: EnvelopeOpener(identity: a, senders: CardDirectory(cards: [sameName.card])))?.category == .senderUnknown)
    }

    @Test("row 5: a directory's own reason (such as revocation) is carried in the error")
    func revokedSender() throws {
        struct Revoking: SenderDirectory {
            let revoked: Ed25519.PublicKey
            func trust(for manifest: Manifest) -> SenderTrust {
                manifest.senderSigningKey == revoked ? .untrusted("key revoked on 2024-05-01") : .trusted
            }
        }
        let envelope = try sealToA()
        let error = try #require(openFailure(envelope, with: EnvelopeOpener(identity: a, senders: Revoking(revoked: sender.signingKey.publicKey))))
        #expect(error.category == .senderUnknown)
        #expect(error.detail == "key revoked on 2024-05-01")
        #expect(error.description.contains("key revoked on 2024-05-01"))
        #expect(openFailure(envelope, with: EnvelopeOpener(identity: a, senders: Revoking(revoked: b.signingKey.publicKey))) == nil)
    }

    @Test("row 5: the sender is refused before any content is decrypted or written")
    func senderCheckedBeforeContent() throws {
        let content = patternBytes(3 * 65536, seed: 1)
        let envelope = try sealToA(content)
        let frames = layout(of: envelope).frames
        try withTemporaryDirectory { dir in
            var reader = TrackingReader(envelope)
            var progress: [UInt64] = []
            #expect(throws: EnvelopeOpenFailure.envelope(EnvelopeError(.senderUnknown))) {
                try opener(for: a, trusting: []).open(from: &reader, toFile: dir + "/out", progress: { progress.append($0) })
            }
            #expect(reader.offset == frames[0].end, "read the header and manifest only")
            #expect(progress.isEmpty)
            #expect(directoryEntries(dir).isEmpty)
        }
    }

    @Test("row 6: the same bytes opened twice give the same message id, content hash and envelope id")
    func duplicates() throws {
        let content = Array(secretText.utf8)
        let envelope = try sealToA(content)
        let aOpener = opener(for: a, trusting: [sender])
        let first = try aOpener.open(envelope)
        let second = try aOpener.open(envelope)
        #expect(first.opened.manifest.messageID == second.opened.manifest.messageID)
        #expect(first.opened.contentHash == second.opened.contentHash)
        #expect(first.content == second.content)
        let envelopeID = EnvelopeID(of: envelope)
        #expect(envelopeID.bytes == BLAKE2b.hash(envelope))
        var reader = TrackingReader(envelope, maximumRead: 1000)
        #expect(try EnvelopeID(reading: &reader) == envelopeID)
        #expect(EnvelopeID(of: envelope + [0]) != envelopeID)

        // The same content sealed again is a different message: duplicates are recognisable by id, not content.
        let resealed = try sealToA(content)
        let third = try aOpener.open(resealed)
        #expect(third.opened.contentHash == first.opened.contentHash)
        #expect(third.opened.manifest.messageID != first.opened.manifest.messageID)
        #expect(EnvelopeID(of: resealed) != envelopeID)

        // A log keyed by message id takes the first and recognises the repeat.
        var log: [[UInt8]: EnvelopeID] = [:]
        var accepted = 0
        for bytes in [envelope, envelope, resealed, envelope] {
            let (_, opened) = try aOpener.open(bytes)
            if log[opened.manifest.messageID] == nil {
                log[opened.manifest.messageID] = EnvelopeID(of: bytes)
                accepted += 1
            } else {
                #expect(log[opened.manifest.messageID] == EnvelopeID(of: bytes), "a repeat has the same envelope id")
            }
        }
        #expect(accepted == 2)
    }
}
