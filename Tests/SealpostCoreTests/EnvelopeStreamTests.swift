import Foundation
import Testing
import SealpostCore
import SealpostSodium

/// THREATS.md rows 9, 11 and 12: streams composed by a test-only encoder (EnvelopeEncoder's
/// parts in invalid orders), low-order X25519 points in slots, and non-canonical signatures.
@Suite("Envelope streams built by hand")
struct EnvelopeStreamTests {
    let sender = makeIdentity("sender-agency")
    let recipient = makeIdentity("recipient-agency")
    var recipientOpener: EnvelopeOpener { opener(for: recipient, trusting: [sender]) }

    func hand(named: [X25519.PublicKey]? = nil) -> HandEncoder {
        HandEncoder(sender: sender, recipients: [recipient.boxKey.publicKey], named: named)
    }

    // MARK: The control

    @Test("the hand encoder's well-formed envelope opens, so the failures below are about what was changed")
    func control() throws {
        for length in [0, 10, 65536, 2 * 65536 + 5] {
            let content = patternBytes(length, seed: 4)
            let h = hand()
            let envelope = h.wellFormed(content)
            let (opened, result) = try recipientOpener.open(envelope)
            #expect(opened == content)
            #expect(result.manifest == h.manifest)
            #expect(result.contentHash == BLAKE2b.hash(content))
        }
    }

    // MARK: Row 9

    @Test("row 9: content chunks reordered, duplicated or dropped fail payload authentication")
    func reorderedChunks() throws {
        let content = patternBytes(3 * 65536 + 100, seed: 8)
        let envelope = try EnvelopeSealer(sender: sender).seal(content, recipients: [recipient.boxKey.publicKey], createdAt: 1).envelope
        let (headerLength, frames) = layout(of: envelope)
        #expect(frames.count == 5)
        let header = Array(envelope[0..<headerLength])
        let f = frames.map { Array(envelope[$0.start..<$0.end]) }   // manifest, c1, c2, c3, final
        #expect(openFailure(header + f.joined(), with: recipientOpener) == nil, "reassembled in order, it opens")

        let variants: [(String, [[UInt8]])] = [
            ("c1 and c2 swapped", [f[0], f[2], f[1], f[3], f[4]]),
            ("c3 before c2", [f[0], f[1], f[3], f[2], f[4]]),
            ("c1 duplicated", [f[0], f[1], f[1], f[2], f[3], f[4]]),
            ("c2 dropped", [f[0], f[1], f[3], f[4]]),
            ("final before c3", [f[0], f[1], f[2], f[4], f[3]]),
            ("manifest duplicated", [f[0], f[0], f[1], f[2], f[3], f[4]]),
            ("manifest dropped", [f[1], f[2], f[3], f[4]]),
            ("c1 first", [f[1], f[0], f[2], f[3], f[4]]),
        ]
        for (name, order) in variants {
            #expect(openFailure(header + order.joined(), with: recipientOpener)?.category == .payloadAuthenticationFailed, "\(name)")
        }
        // A chunk spliced in from another envelope to the same recipient (another file key).
        let other = try EnvelopeSealer(sender: sender).seal(content, recipients: [recipient.boxKey.publicKey], createdAt: 1).envelope
        let otherFrames = layout(of: other).frames
        let foreign = Array(other[otherFrames[2].start..<otherFrames[2].end])
        #expect(openFailure(header + [f[0], f[1], foreign, f[3], f[4]].joined(), with: recipientOpener)?.category == .payloadAuthenticationFailed)
        // The other envelope's header with this one's frames.
        let otherHeader = Array(other[0..<headerLength])
        #expect(openFailure(otherHeader + f.joined(), with: recipientOpener)?.category == .payloadAuthenticationFailed)
    }

    @Test("row 9: two final chunks, or anything after a final chunk, is trailing data")
    func twoFinalChunks() throws {
        let content = patternBytes(100)
        do {
            let h = hand()
            let signature = h.signature(for: content)
            let envelope = h.header + h.manifestFrame() + h.frame(content + signature, tag: .final) + h.frame(content + signature, tag: .final)
            #expect(openFailure(envelope, with: recipientOpener)?.category == .trailingData)
        }
        do {
            let h = hand()
            let envelope = h.header + h.manifestFrame() + h.frame(content + h.signature(for: content), tag: .final)
                + h.frame(patternBytes(65536), tag: .message)
            #expect(openFailure(envelope, with: recipientOpener)?.category == .trailingData)
        }
        do {
            // A final chunk with no content, then the real one.
            let h = hand()
            let envelope = h.header + h.manifestFrame() + h.frame(h.signature(for: []), tag: .final)
                + h.frame(content + h.signature(for: content), tag: .final)
            #expect(openFailure(envelope, with: recipientOpener)?.category == .trailingData)
        }
    }

    @Test("row 9: wrong tags and wrong chunk sizes are not a valid v1 stream")
    func wrongTagsAndSizes() throws {
        let content = patternBytes(100)
        func build(_ body: (HandEncoder) -> [UInt8]) -> EnvelopeError.Category? {
            let h = hand()
            return openFailure(h.header + body(h), with: recipientOpener)?.category
        }
        // The manifest marked final.
        #expect(build { $0.manifestFrame(tag: .final) + $0.frame(content + $0.signature(for: content), tag: .final) } == .payloadAuthenticationFailed)
        // Push and rekey tags where content belongs.
        for tag: SecretStream.Tag in [.push, .rekey] {
            #expect(build { $0.manifestFrame() + $0.frame(patternBytes(65536), tag: tag) + $0.frame(content + $0.signature(for: content), tag: .final) }
                    == .payloadAuthenticationFailed, "\(tag)")
            #expect(build { $0.manifestFrame(tag: tag) + $0.frame(content + $0.signature(for: content), tag: .final) }
                    == .payloadAuthenticationFailed, "manifest \(tag)")
        }
        // A short, non-final content chunk, and a long one.
        #expect(build { $0.manifestFrame() + $0.frame(content, tag: .message) + $0.frame(content + $0.signature(for: content + content), tag: .final) }
                == .payloadAuthenticationFailed)
        #expect(build { $0.manifestFrame() + $0.frame(patternBytes(65537), tag: .message) + $0.frame($0.signature(for: patternBytes(65537)), tag: .final) }
                == .payloadAuthenticationFailed)
        // A final chunk too short to hold a signature.
        #expect(build { $0.manifestFrame() + $0.frame(patternBytes(63), tag: .final) } == .payloadAuthenticationFailed)
        #expect(build { $0.manifestFrame() + $0.frame([], tag: .final) } == .payloadAuthenticationFailed)
        // A final chunk whose tail is a whole chunk (the sealer never writes one).
        let whole = patternBytes(65536)
        #expect(build { $0.manifestFrame() + $0.frame(whole + $0.signature(for: whole), tag: .final) } == .payloadAuthenticationFailed)
        // The streams end early: no final chunk at all.
        #expect(build { $0.manifestFrame() + $0.frame(whole, tag: .message) } == .truncated)
        #expect(build { $0.manifestFrame() } == .truncated)
        #expect(build { _ in [] } == .truncated)
        // The control with the same encoder: a whole chunk then an empty tail opens.
        #expect(build { $0.manifestFrame() + $0.frame(whole, tag: .message) + $0.frame($0.signature(for: whole), tag: .final) } == nil)
    }

    @Test("an authenticated but malformed manifest, or one whose recipient count differs from the slots, is refused")
    func manifestProblems() throws {
        let content = patternBytes(10)
        do {
            let h = hand()
            let envelope = h.header + h.frame(patternBytes(150), tag: .message) + h.frame(content + h.signature(for: content), tag: .final)
            let error = try #require(openFailure(envelope, with: recipientOpener))
            #expect(error.category == .malformedHeader)
            #expect(error.description.contains("invalid manifest"))
        }
        do {
            // The manifest names the recipient and one more, but there is only one slot.
            let extra = makeIdentity("extra")
            let h = hand(named: [recipient.boxKey.publicKey, extra.boxKey.publicKey])
            #expect(openFailure(h.wellFormed(content), with: recipientOpener)?.category == .notAddressedToThisIdentity)
        }
        do {
            // The manifest names only someone else.
            let extra = makeIdentity("extra")
            let h = hand(named: [extra.boxKey.publicKey])
            #expect(openFailure(h.wellFormed(content), with: recipientOpener)?.category == .notAddressedToThisIdentity)
        }
    }

    // MARK: Row 11

    /// Low-order points of Curve25519 (and non-canonical encodings of them).
    static let lowOrderPoints: [String] = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ]

    @Test("row 11: a slot whose ephemeral key is a low-order point is no match, never success",
          arguments: lowOrderPoints)
    func lowOrderSlot(pointHex: String) throws {
        let point = try #require(Hex.decode(pointHex))
        let other = makeIdentity("other")
        let fileKey = SecureBytes.random(count: EnvelopeFormat.fileKeyLength)
        let good = try SealedBox.seal(fileKey, to: other.boxKey.publicKey)
        // The low-order ephemeral key, followed by a box made for the recipient under a real ephemeral key.
        let real = try SealedBox.seal(fileKey, to: recipient.boxKey.publicKey)
        let bad = point + real[32...]
        let h = HandEncoder(sender: sender, recipients: [], named: [recipient.boxKey.publicKey, other.boxKey.publicKey],
                            fileKey: fileKey, slots: [bad, good])
        let envelope = h.wellFormed(Array(secretText.utf8))
        #expect(openFailure(envelope, with: recipientOpener)?.category == .noMatchingIdentity)
        // The other recipient's slot is sound, and the envelope otherwise valid.
        #expect(try opener(for: other, trusting: [sender]).open(envelope).content == Array(secretText.utf8))
        // The control: with the real slot in place the recipient opens it.
        let control = HandEncoder(sender: sender, recipients: [], named: [recipient.boxKey.publicKey, other.boxKey.publicKey],
                                  fileKey: fileKey, slots: [real, good])
        #expect(openFailure(control.wellFormed([1]), with: recipientOpener) == nil)

        // In a sealed envelope, replacing the ephemeral key of the only slot.
        var sealed = try EnvelopeSealer(sender: sender).seal([1, 2, 3], recipients: [recipient.boxKey.publicKey], createdAt: 1).envelope
        sealed.replaceSubrange(38..<70, with: point)
        #expect(openFailure(sealed, with: recipientOpener)?.category == .noMatchingIdentity)
    }

    // MARK: Row 12

    /// The order of the Ed25519 group, little-endian.
    static let groupOrder: [UInt8] = Hex.decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")!

    static func addGroupOrder(toScalarOf signature: [UInt8]) -> [UInt8] {
        var out = signature
        var carry = 0
        for i in 0..<32 {
            let sum = Int(signature[32 + i]) + Int(groupOrder[i]) + carry
            out[32 + i] = UInt8(sum & 0xff)
            carry = sum >> 8
        }
        precondition(carry == 0)
        return out
    }

    @Test("row 12: a signature made non-canonical (S + L), or otherwise wrong, is refused")
    func nonCanonicalSignature() throws {
        let content = Array(secretText.utf8)
        let forger = makeIdentity("forger")
        // Each case turns the genuine signature for its own envelope into a candidate.
        let cases: [(name: String, forge: (HandEncoder, [UInt8]) -> [UInt8])] = [
            ("S + L", { _, genuine in Self.addGroupOrder(toScalarOf: genuine) }),
            ("S + 2L", { _, genuine in Self.addGroupOrder(toScalarOf: Self.addGroupOrder(toScalarOf: genuine)) }),
            ("high bits of S set", { _, genuine in var s = genuine; s[63] |= 0xe0; return s }),
            ("R changed", { _, genuine in var s = genuine; s[0] ^= 1; return s }),
            ("S changed", { _, genuine in var s = genuine; s[40] ^= 1; return s }),
            ("all zero", { _, _ in [UInt8](repeating: 0, count: 64) }),
            ("another key", { h, _ in h.signature(for: content, by: forger.signingKey) }),
            ("other content", { h, _ in h.signature(for: content + [0]) }),
            ("shorter content", { h, _ in h.signature(for: Array(content.dropLast())) }),
        ]
        for (name, forge) in cases {
            let h = hand()
            let genuine = h.signature(for: content)
            #expect(genuine[63] & 0xe0 == 0, "a canonical S is below 2^253")
            let forged = forge(h, genuine)
            #expect(forged != genuine, "\(name)")
            #expect(openFailure(h.wellFormed(content, signature: forged), with: recipientOpener)?.category == .signatureInvalid, "\(name)")
        }
        // The control: the genuine signature opens.
        let h = hand()
        let genuine = h.signature(for: content)
        #expect(openFailure(h.wellFormed(content, signature: genuine), with: recipientOpener) == nil)
        // A valid signature from another header (same sender, same content) does not transfer.
        #expect(openFailure(hand().wellFormed(content, signature: genuine), with: recipientOpener)?.category == .signatureInvalid)
    }

    @Test("row 12: a small-order signing key with an identity-point signature is refused")
    func smallOrderSigningKey() throws {
        // With A = identity and R = identity, S = 0 satisfies the verification equation for any
        // message; a verifier must refuse small-order A and R.
        let identityPoint = try #require(Hex.decode("0100000000000000000000000000000000000000000000000000000000000000"))
        let key = try Ed25519.PublicKey(rawRepresentation: identityPoint)
        let h = HandEncoder(sender: sender, recipients: [recipient.boxKey.publicKey], claimedSigningKey: key)
        let signature = identityPoint + [UInt8](repeating: 0, count: 32)
        let trustingAll = EnvelopeOpener(identity: recipient, senders: TrustEveryone())
        #expect(openFailure(h.wellFormed([1, 2, 3], signature: signature), with: trustingAll)?.category == .signatureInvalid)
        // And the card-based directory would not even get that far.
        let h2 = HandEncoder(sender: sender, recipients: [recipient.boxKey.publicKey], claimedSigningKey: key)
        #expect(openFailure(h2.wellFormed([1, 2, 3], signature: signature), with: recipientOpener)?.category == .senderUnknown)
    }
}
