import SealpostSodium
import Testing

/// RFC 8032 section 7.1, TEST 1 to TEST 3 (also present in Wycheproof's known-answer groups,
/// and cross-checked against an independent implementation, Python's `cryptography`).
enum RFC8032 {
    struct Vector: Sendable {
        let seed: String
        let publicKey: String
        let message: String
        let signature: String
    }

    static let vectors: [Vector] = [
        Vector(seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
               publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
               message: "",
               signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Vector(seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
               publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
               message: "72",
               signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        Vector(seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
               publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
               message: "af82",
               signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]
}

@Suite("Ed25519")
struct Ed25519Tests {
    @Test("lengths are those of RFC 8032")
    func lengths() {
        #expect(Ed25519.seedLength == 32)
        #expect(Ed25519.publicKeyLength == 32)
        #expect(Ed25519.signatureLength == 64)
    }

    @Test("RFC 8032 known answers: public key from seed, exact signature, verification",
          arguments: RFC8032.vectors.indices)
    func knownAnswers(index: Int) throws {
        let vector = RFC8032.vectors[index]
        let key = try Ed25519.SigningKey(seed: SecureBytes(copying: Hex.decode(vector.seed)))
        let message = try Hex.decode(vector.message)
        #expect(key.publicKey.rawRepresentation == (try Hex.decode(vector.publicKey)))
        let signature = key.signature(for: message)
        #expect(signature.rawRepresentation == (try Hex.decode(vector.signature)))
        #expect(key.publicKey.isValidSignature(signature, for: message))
        let parsed = try Ed25519.Signature(rawRepresentation: Hex.decode(vector.signature))
        let publicKey = try Ed25519.PublicKey(rawRepresentation: Hex.decode(vector.publicKey))
        #expect(publicKey.isValidSignature(parsed, for: message))
    }

    @Test("signing is deterministic and the seed round-trips")
    func deterministic() throws {
        let key = Ed25519.SigningKey.generate()
        let message = Array("sealpost".utf8)
        #expect(key.signature(for: message) == key.signature(for: message))
        let again = try Ed25519.SigningKey(seed: key.seed)
        #expect(again.publicKey == key.publicKey)
        #expect(again.signature(for: message) == key.signature(for: message))
        #expect(key.seed.count == Ed25519.seedLength)
    }

    @Test("a changed message, signature or key does not verify")
    func tampering() throws {
        let key = Ed25519.SigningKey.generate()
        let message = Array("the quick brown fox".utf8)
        let signature = key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))

        var otherMessage = message
        otherMessage[0] ^= 1
        #expect(!key.publicKey.isValidSignature(signature, for: otherMessage))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0]))
        #expect(!key.publicKey.isValidSignature(signature, for: []))

        for index in [0, 31, 32, 63] {
            var bytes = signature.rawRepresentation
            bytes[index] ^= 0x01
            #expect(!key.publicKey.isValidSignature(try Ed25519.Signature(rawRepresentation: bytes), for: message))
        }

        let stranger = Ed25519.SigningKey.generate()
        #expect(!stranger.publicKey.isValidSignature(signature, for: message))
    }

    @Test("the buffer and array APIs agree")
    func bufferAPI() {
        let key = Ed25519.SigningKey.generate()
        let message = Array(0..<200).map { UInt8($0) }
        let fromBuffer = message.withUnsafeBytes { key.signature(for: $0) }
        #expect(fromBuffer == key.signature(for: message))
        #expect(message.withUnsafeBytes { key.publicKey.isValidSignature(fromBuffer, for: $0) })
        #expect(key.publicKey.isValidSignature(key.signature(for: []), for: []))
    }

    @Test("the small-order public key (the identity) verifies nothing")
    func smallOrderKey() throws {
        // The encoding of the neutral element: with it, s = 0 and R = identity would "verify" anything.
        var identity = [UInt8](repeating: 0, count: 32)
        identity[0] = 1
        let publicKey = try Ed25519.PublicKey(rawRepresentation: identity)
        let signature = try Ed25519.Signature(rawRepresentation: identity + [UInt8](repeating: 0, count: 32))
        #expect(!publicKey.isValidSignature(signature, for: Array("anything".utf8)))
        #expect(!publicKey.isValidSignature(signature, for: []))
    }

    @Test("seeds, public keys and signatures of the wrong length are refused", arguments: [0, 31, 33, 64])
    func wrongLengths(count: Int) {
        let bytes = [UInt8](repeating: 7, count: count)
        #expect(throws: SodiumError.invalidLength(what: "Ed25519 seed", expected: 32, actual: count)) {
            try Ed25519.SigningKey(seed: SecureBytes(copying: bytes))
        }
        #expect(throws: SodiumError.invalidLength(what: "Ed25519 public key", expected: 32, actual: count)) {
            try Ed25519.PublicKey(rawRepresentation: bytes)
        }
        if count != 64 {
            #expect(throws: SodiumError.invalidLength(what: "Ed25519 signature", expected: 64, actual: count)) {
                try Ed25519.Signature(rawRepresentation: bytes)
            }
        }
        #expect(throws: SodiumError.invalidLength(what: "Ed25519 signature", expected: 64, actual: count + 65)) {
            try Ed25519.Signature(rawRepresentation: bytes + [UInt8](repeating: 0, count: 65))
        }
    }
}
