import SealpostCore
import SealpostSodium
import Testing

/// The sender's signature an opened envelope hands back: a recipient keeps it as evidence, and it
/// checks again without the envelope, under the sender's key only, over exactly that content.
@Suite struct EnvelopeSignatureTests {
    @Test func theSignatureKeptFromOpeningChecksAgainLater() throws {
        let school = makeIdentity("school-st-annes"), mash = makeIdentity("kingsbridge-mash")
        let content = patternBytes(70_000)
        let sealed = try EnvelopeSealer(sender: school).seal(content, recipients: [mash.boxKey.publicKey], createdAt: 1_795_000_000)
        let opened = try opener(for: mash, trusting: [school]).open(sealed.envelope).opened
        let evidence = opened.signature
        #expect(evidence.contentHash == opened.contentHash && evidence.contentLength == UInt64(content.count))
        #expect(evidence.contentHash == BLAKE2b.hash(content))
        #expect(evidence.isValid(for: school.signingKey.publicKey))
        #expect(!evidence.isValid(for: mash.signingKey.publicKey))
        let other = EnvelopeSignature(headerHash: evidence.headerHash, manifestHash: evidence.manifestHash,
                                      contentHash: BLAKE2b.hash(content + [0]), contentLength: evidence.contentLength,
                                      signature: evidence.signature)
        #expect(!other.isValid(for: school.signingKey.publicKey))
    }
}
