import SealpostSodium
import Testing

@Suite("X25519")
struct X25519Tests {
    // RFC 7748 section 6.1 (shared secret cross-checked with Python's `cryptography`).
    static let alicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
    static let alicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    static let bobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"
    static let bobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
    static let shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"

    @Test("RFC 7748 known answer, in both directions")
    func knownAnswer() throws {
        let alice = try X25519.PrivateKey(rawRepresentation: SecureBytes(copying: Hex.decode(Self.alicePrivate)))
        let bob = try X25519.PrivateKey(rawRepresentation: SecureBytes(copying: Hex.decode(Self.bobPrivate)))
        #expect(alice.publicKey.rawRepresentation == (try Hex.decode(Self.alicePublic)))
        #expect(bob.publicKey.rawRepresentation == (try Hex.decode(Self.bobPublic)))
        let expected = try Hex.decode(Self.shared)
        #expect(try alice.sharedSecret(with: bob.publicKey).unprotectedCopy() == expected)
        #expect(try bob.sharedSecret(with: alice.publicKey).unprotectedCopy() == expected)
        let parsedBob = try X25519.PublicKey(rawRepresentation: Hex.decode(Self.bobPublic))
        #expect(try alice.sharedSecret(with: parsedBob).unprotectedCopy() == expected)
    }

    @Test("generated keys agree and the private bytes round-trip")
    func generated() throws {
        let a = X25519.PrivateKey.generate()
        let b = X25519.PrivateKey.generate()
        #expect(a.publicKey != b.publicKey)
        #expect(try a.sharedSecret(with: b.publicKey) == b.sharedSecret(with: a.publicKey))
        let restored = try X25519.PrivateKey(rawRepresentation: a.rawRepresentation)
        #expect(restored.publicKey == a.publicKey)
        #expect(a.rawRepresentation.count == X25519.keyLength)
    }

    /// Encodings of low-order points (with which every shared secret is all zeros), canonical or not.
    static let lowOrderPoints = [
        "0000000000000000000000000000000000000000000000000000000000000000", // 0
        "0100000000000000000000000000000000000000000000000000000000000000", // 1
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p - 1 (order 2)
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", // order 8
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157", // order 8
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p (non-canonical 0)
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p + 1 (non-canonical 1)
        "0000000000000000000000000000000000000000000000000000000000000080", // 0 with the top bit set
    ]

    @Test("low-order public keys are refused with .weakPublicKey", arguments: lowOrderPoints)
    func lowOrder(publicHex: String) throws {
        let peer = try X25519.PublicKey(rawRepresentation: Hex.decode(publicHex))
        let key = X25519.PrivateKey.generate()
        #expect(throws: SodiumError.weakPublicKey) { try key.sharedSecret(with: peer) }
    }

    @Test("isLowOrder flags the low-order points", arguments: lowOrderPoints)
    func isLowOrder(publicHex: String) throws {
        #expect(try X25519.PublicKey(rawRepresentation: Hex.decode(publicHex)).isLowOrder)
    }

    @Test("isLowOrder is false for ordinary keys")
    func isNotLowOrder() throws {
        #expect(!(try X25519.PublicKey(rawRepresentation: Hex.decode(Self.alicePublic))).isLowOrder)
        #expect(!(try X25519.PublicKey(rawRepresentation: Hex.decode(Self.bobPublic))).isLowOrder)
        for _ in 0..<32 {
            #expect(!X25519.PrivateKey.generate().publicKey.isLowOrder)
        }
    }

    @Test("keys of the wrong length are refused", arguments: [0, 1, 31, 33, 64])
    func wrongLengths(count: Int) {
        let bytes = [UInt8](repeating: 9, count: count)
        #expect(throws: SodiumError.invalidLength(what: "X25519 public key", expected: 32, actual: count)) {
            try X25519.PublicKey(rawRepresentation: bytes)
        }
        #expect(throws: SodiumError.invalidLength(what: "X25519 private key", expected: 32, actual: count)) {
            try X25519.PrivateKey(rawRepresentation: SecureBytes(copying: bytes))
        }
    }
}
