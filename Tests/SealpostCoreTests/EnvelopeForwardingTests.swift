import Testing
import SealpostCore
import SealpostSodium

/// THREATS.md row 4: a legitimate recipient who recovered the file key re-addresses the signed
/// content to an outsider (surreptitious forwarding).
@Suite("Surreptitious forwarding")
struct EnvelopeForwardingTests {
    let sender = makeIdentity("sender-agency")
    let insider = makeIdentity("malicious-recipient")
    let bystander = makeIdentity("other-recipient")
    let outsider = makeIdentity("outsider")

    /// The outsider trusts the original sender: only the addressing or the signature can stop it.
    var outsiderOpener: EnvelopeOpener { opener(for: outsider, trusting: [sender, insider]) }

    func original(_ content: [UInt8]) throws -> [UInt8] {
        try EnvelopeSealer(sender: sender).seal(content, recipients: [insider.boxKey.publicKey, bystander.boxKey.publicKey],
                                                attributes: ["purpose": "referral"], createdAt: 1_700_000_000).envelope
    }

    @Test("the insider can recover everything from the envelope (the attack's premise)", arguments: [100, 65536 + 100])
    func recovery(length: Int) throws {
        let content = patternBytes(length, seed: 2)
        let envelope = try original(content)
        let recovered = try recover(envelope, as: insider)
        #expect(recovered.content == content)
        let manifest = try Manifest(decoding: recovered.manifestBytes)
        #expect(manifest.senderAgency == "sender-agency")
        #expect(manifest.recipients == [insider.boxKeyID, bystander.boxKeyID].sorted())
        // Re-framing the same bytes for the same recipients with the original signature is only
        // refused because the header (and so the header hash) is new.
        let same = reframe(recovered, recipients: [insider.boxKey.publicKey, bystander.boxKey.publicKey],
                           manifestBytes: recovered.manifestBytes, signature: recovered.signature)
        #expect(openFailure(same, with: opener(for: insider, trusting: [sender]))?.category == .signatureInvalid)
        // With a genuine signature for the new header it would open: the re-framing itself is sound.
        let fixed = reframeSigned(recovered, recipients: [insider.boxKey.publicKey, bystander.boxKey.publicKey],
                                  manifestBytes: recovered.manifestBytes)
        #expect(try opener(for: bystander, trusting: [sender]).open(fixed).content == content)
    }

    /// Re-frames with the sender's genuine signature (computed from the new header, which
    /// EnvelopeEncoder fixes before any frame is written).
    func reframeSigned(_ recovered: Recovered, recipients: [X25519.PublicKey], manifestBytes: [UInt8]) -> [UInt8] {
        let encoder = try! EnvelopeEncoder(fileKey: recovered.fileKey, recipients: recipients)
        let message = EnvelopeEncoder.signedMessage(
            headerHash: encoder.headerHash, manifestHash: labelledHash("sealpost/v1/manifest", manifestBytes),
            contentHash: BLAKE2b.hash(recovered.content), contentLength: UInt64(recovered.content.count))
        let signature = sender.signingKey.signature(for: message).rawRepresentation
        var out = encoder.headerBytes + encoder.frame(manifestBytes, tag: .message)
        for chunk in recovered.fullChunks { out += encoder.frame(chunk, tag: .message) }
        out += encoder.frame(recovered.tail + signature, tag: .final)
        return out
    }

    @Test("the outsider added beside the original recipients, or replacing them, is not addressed")
    func addedOrReplaced() throws {
        let content = Array(secretText.utf8)
        let recovered = try recover(try original(content), as: insider)
        let layouts: [(String, [X25519.PublicKey])] = [
            ("replaced", [outsider.boxKey.publicKey]),
            ("added", [insider.boxKey.publicKey, bystander.boxKey.publicKey, outsider.boxKey.publicKey]),
            ("swapped for the bystander", [insider.boxKey.publicKey, outsider.boxKey.publicKey]),
        ]
        for (name, recipients) in layouts {
            let forged = reframe(recovered, recipients: recipients, manifestBytes: recovered.manifestBytes, signature: recovered.signature)
            let error = openFailure(forged, with: outsiderOpener)
            #expect(error?.category == .notAddressedToThisIdentity, "\(name)")
            // Even a genuine signature would not help: the signed list does not name the outsider.
            let resigned = reframeSigned(recovered, recipients: recipients, manifestBytes: recovered.manifestBytes)
            #expect(openFailure(resigned, with: outsiderOpener)?.category == .notAddressedToThisIdentity, "\(name), re-signed")
        }
    }

    @Test("editing the signed recipient list to name the outsider breaks the signature")
    func editedManifest() throws {
        let content = patternBytes(65536 + 10, seed: 6)
        let recovered = try recover(try original(content), as: insider)
        var manifest = try Manifest(decoding: recovered.manifestBytes)

        // Added to the list (the header has as many slots as the list has names).
        manifest.recipients = (manifest.recipients + [outsider.boxKeyID]).sorted()
        let addedBytes = try manifest.encoded()
        let addedSlots = [insider.boxKey.publicKey, bystander.boxKey.publicKey, outsider.boxKey.publicKey]
        let added = reframe(recovered, recipients: addedSlots, manifestBytes: addedBytes, signature: recovered.signature)
        #expect(openFailure(added, with: outsiderOpener)?.category == .signatureInvalid)
        #expect(openFailure(added, with: opener(for: insider, trusting: [sender]))?.category == .signatureInvalid)

        // Replacing the list with the outsider alone.
        manifest.recipients = [outsider.boxKeyID]
        let aloneBytes = try manifest.encoded()
        let alone = reframe(recovered, recipients: [outsider.boxKey.publicKey], manifestBytes: aloneBytes, signature: recovered.signature)
        #expect(openFailure(alone, with: outsiderOpener)?.category == .signatureInvalid)

        // The control: had the sender really signed that list, the outsider would open it, so the
        // signature is the only thing that stopped the forgeries above.
        let genuine = reframeSigned(recovered, recipients: addedSlots, manifestBytes: addedBytes)
        let (opened, result) = try outsiderOpener.open(genuine)
        #expect(opened == content)
        #expect(result.manifest.recipients.contains(outsider.boxKeyID))
    }

    @Test("the insider signing as itself, with its own key in the manifest, is a different sender")
    func insiderResignsAsItself() throws {
        let content = Array(secretText.utf8)
        let recovered = try recover(try original(content), as: insider)
        var manifest = try Manifest(decoding: recovered.manifestBytes)
        manifest.recipients = [outsider.boxKeyID]
        manifest.senderSigningKey = insider.signingKey.publicKey
        manifest.senderBoxKey = insider.boxKey.publicKey
        // Still claiming to be the original agency: the outsider's cards say otherwise.
        let bytes = try manifest.encoded()
        let encoder = try! EnvelopeEncoder(fileKey: recovered.fileKey, recipients: [outsider.boxKey.publicKey])
        let message = EnvelopeEncoder.signedMessage(
            headerHash: encoder.headerHash, manifestHash: labelledHash("sealpost/v1/manifest", bytes),
            contentHash: BLAKE2b.hash(content), contentLength: UInt64(content.count))
        let envelope = encoder.headerBytes + encoder.frame(bytes, tag: .message)
            + encoder.frame(content + insider.signingKey.signature(for: message).rawRepresentation, tag: .final)
        let error = try #require(openFailure(envelope, with: outsiderOpener))
        #expect(error.category == .senderUnknown)
        #expect(error.detail?.contains("malicious-recipient") == true, "\(error)")
        // Trusting only the original sender, the insider's key is unknown.
        #expect(openFailure(envelope, with: opener(for: outsider, trusting: [sender]))?.category == .senderUnknown)
    }
}
