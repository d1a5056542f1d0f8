import SealpostCore
import SealpostSodium
import Testing

struct EnvelopeIDTests {
    @Test func isTheUnkeyedHashOfTheWholeEnvelope() throws {
        let sender = Identity(agencyID: "a", name: "A", signingKey: .generate(), boxKey: .generate())
        let recipient = Identity(agencyID: "b", name: "B", signingKey: .generate(), boxKey: .generate())
        let (envelope, _) = try EnvelopeSealer(sender: sender).seal(Array("record".utf8), recipients: [recipient.boxKey.publicKey], createdAt: 1)
        let id = EnvelopeID(of: envelope)
        #expect(id.bytes == BLAKE2b.hash(envelope))
        var reader = MemoryReader(envelope)
        #expect(try EnvelopeID(reading: &reader) == id)
        #expect(EnvelopeID(hex: id.description) == id)
        #expect(EnvelopeID(hex: "zz") == nil)
        // Two seals of the same content are different envelopes.
        let (again, _) = try EnvelopeSealer(sender: sender).seal(Array("record".utf8), recipients: [recipient.boxKey.publicKey], createdAt: 1)
        #expect(EnvelopeID(of: again) != id)
    }
}
