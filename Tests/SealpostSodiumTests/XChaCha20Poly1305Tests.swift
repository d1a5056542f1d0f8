import SealpostSodium
import Testing

@Suite("XChaCha20-Poly1305")
struct XChaCha20Poly1305Tests {
    static func freshKey() -> AEADKey { .random() }
    static func freshNonce() -> AEADNonce { .random() }

    @Test("sizes")
    func sizes() {
        #expect(XChaCha20Poly1305.keyLength == 32)
        #expect(XChaCha20Poly1305.nonceLength == 24)
        #expect(XChaCha20Poly1305.tagLength == 16)
    }

    @Test("seal then open round-trips", arguments: [0, 1, 63, 64, 65, 4096])
    func roundTrip(length: Int) throws {
        let key = Self.freshKey()
        let nonce = Self.freshNonce()
        let message = RandomBytes.make(count: length)
        let additionalData = Array("v1".utf8)
        let sealed = XChaCha20Poly1305.seal(SecureBytes(copying: message), key: key, nonce: nonce,
                                                additionalData: additionalData)
        #expect(sealed.count == length + XChaCha20Poly1305.tagLength)
        let opened = try XChaCha20Poly1305.open(sealed, key: key, nonce: nonce, additionalData: additionalData)
        #expect(opened.unprotectedCopy() == message)
    }

    @Test("a wrong key, nonce or additional data fails to open")
    func wrongInputs() throws {
        let key = Self.freshKey()
        let nonce = Self.freshNonce()
        let sealed = XChaCha20Poly1305.seal(SecureBytes(copying: Array("secret".utf8)), key: key, nonce: nonce,
                                                additionalData: [1])
        var otherBytes = nonce.bytes
        otherBytes[23] ^= 1
        let otherNonce = try AEADNonce(otherBytes)
        #expect(throws: SodiumError.authenticationFailed) {
            try XChaCha20Poly1305.open(sealed, key: Self.freshKey(), nonce: nonce, additionalData: [1])
        }
        #expect(throws: SodiumError.authenticationFailed) {
            try XChaCha20Poly1305.open(sealed, key: key, nonce: otherNonce, additionalData: [1])
        }
        #expect(throws: SodiumError.authenticationFailed) {
            try XChaCha20Poly1305.open(sealed, key: key, nonce: nonce, additionalData: [2])
        }
        #expect(throws: SodiumError.authenticationFailed) {
            try XChaCha20Poly1305.open(sealed, key: key, nonce: nonce, additionalData: [])
        }
    }

    @Test("any flipped byte, truncation or extension fails to open")
    func tampering() throws {
        let key = Self.freshKey()
        let nonce = Self.freshNonce()
        let sealed = XChaCha20Poly1305.seal(SecureBytes(copying: Array("attack at dawn".utf8)), key: key,
                                                nonce: nonce, additionalData: [])
        for index in sealed.indices {
            var tampered = sealed
            tampered[index] ^= 0x80
            #expect(throws: SodiumError.authenticationFailed, "byte \(index)") {
                try XChaCha20Poly1305.open(tampered, key: key, nonce: nonce, additionalData: [])
            }
        }
        for candidate in [Array(sealed.dropLast()), sealed + [0], Array(sealed.prefix(15)), []] {
            #expect(throws: SodiumError.authenticationFailed, "length \(candidate.count)") {
                try XChaCha20Poly1305.open(candidate, key: key, nonce: nonce, additionalData: [])
            }
        }
    }

    @Test("keys of the wrong length cannot be made", arguments: [0, 16, 31, 33, 64])
    func wrongKeyLength(count: Int) {
        #expect(throws: SodiumError.invalidLength(what: "XChaCha20-Poly1305 key", expected: 32, actual: count)) {
            try AEADKey(SecureBytes(copying: [UInt8](repeating: 3, count: count)))
        }
    }

    @Test("nonces of the wrong length cannot be made", arguments: [0, 8, 12, 23, 25, 32])
    func wrongNonceLength(count: Int) {
        #expect(throws: SodiumError.invalidLength(what: "XChaCha20-Poly1305 nonce", expected: 24, actual: count)) {
            try AEADNonce([UInt8](repeating: 3, count: count))
        }
    }
}
