import SealpostSodium
import Testing

@Suite("SealedBox")
struct SealedBoxTests {
    @Test("the overhead is an ephemeral public key and a MAC")
    func overhead() {
        #expect(SealedBox.overhead == 32 + 16)
    }

    @Test("sealing then opening gives back the message", arguments: [0, 1, 47, 48, 1000])
    func roundTrip(length: Int) throws {
        let recipient = X25519.PrivateKey.generate()
        let message = RandomBytes.make(count: length)
        let box = try SealedBox.seal(SecureBytes(copying: message), to: recipient.publicKey)
        #expect(box.count == length + SealedBox.overhead)
        #expect(try SealedBox.open(box, with: recipient).unprotectedCopy() == message)
        #expect(try box.withUnsafeBytes { try SealedBox.open($0, with: recipient) }.unprotectedCopy() == message)
    }

    @Test("each box uses a fresh ephemeral key, so sealing twice differs")
    func fresh() throws {
        let recipient = X25519.PrivateKey.generate()
        let message = SecureBytes(copying: Array("same message".utf8))
        let first = try SealedBox.seal(message, to: recipient.publicKey)
        let second = try SealedBox.seal(message, to: recipient.publicKey)
        #expect(first != second)
        #expect(first[0..<32] != second[0..<32])
    }

    @Test("another private key cannot open the box")
    func wrongKey() throws {
        let recipient = X25519.PrivateKey.generate()
        let box = try SealedBox.seal(SecureBytes(copying: Array("for your eyes only".utf8)), to: recipient.publicKey)
        #expect(throws: SodiumError.authenticationFailed) {
            try SealedBox.open(box, with: X25519.PrivateKey.generate())
        }
    }

    @Test("flipping any bit of any byte is detected")
    func flippedBytes() throws {
        let recipient = X25519.PrivateKey.generate()
        let box = try SealedBox.seal(SecureBytes(copying: Array("hello".utf8)), to: recipient.publicKey)
        for index in box.indices {
            for bit in [0, 7] {
                var tampered = box
                tampered[index] ^= UInt8(1 << bit)
                #expect(throws: SodiumError.authenticationFailed, "byte \(index) bit \(bit)") {
                    try SealedBox.open(tampered, with: recipient)
                }
            }
        }
    }

    @Test("truncated, extended and too-short boxes are refused")
    func wrongSizes() throws {
        let recipient = X25519.PrivateKey.generate()
        let box = try SealedBox.seal(SecureBytes(copying: Array("hello".utf8)), to: recipient.publicKey)
        for candidate in [Array(box.dropLast()), box + [0], Array(box.prefix(SealedBox.overhead - 1)), []] {
            #expect(throws: SodiumError.authenticationFailed, "length \(candidate.count)") {
                try SealedBox.open(candidate, with: recipient)
            }
        }
    }

    @Test("nothing can be sealed to a low-order recipient key", arguments: X25519Tests.lowOrderPoints)
    func lowOrderRecipient(publicHex: String) throws {
        let recipient = try X25519.PublicKey(rawRepresentation: Hex.decode(publicHex))
        #expect(throws: SodiumError.weakPublicKey) {
            try SealedBox.seal(SecureBytes(copying: Array("hello".utf8)), to: recipient)
        }
    }

    @Test("a box whose ephemeral key is a low-order point is refused")
    func lowOrderEphemeral() throws {
        let recipient = X25519.PrivateKey.generate()
        var box = try SealedBox.seal(SecureBytes(copying: Array("hello".utf8)), to: recipient.publicKey)
        box.replaceSubrange(0..<32, with: [UInt8](repeating: 0, count: 32))
        #expect(throws: SodiumError.authenticationFailed) { try SealedBox.open(box, with: recipient) }
    }
}
