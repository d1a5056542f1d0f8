import SealpostSodium
import Testing

/// Wycheproof `aead_test_schema_v1`. Sizes in the group are in bits.
private struct AeadGroup: Decodable {
    let ivSize: Int
    let keySize: Int
    let tagSize: Int
    let tests: [AeadVector]
}

private struct AeadVector: Decodable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let key: String
    let iv: String
    let aad: String
    let msg: String
    let ct: String
    let tag: String
    let result: Wycheproof.Result
}

@Suite("XChaCha20-Poly1305 Wycheproof")
struct XChaCha20Poly1305WycheproofTests {
    @Test("every xchacha20_poly1305_test.json vector, through XChaCha20Poly1305.seal and open")
    func allVectors() throws {
        let file = try Wycheproof.load("xchacha20_poly1305_test", as: AeadGroup.self)
        #expect(file.algorithm == "XCHACHA20-POLY1305")

        var ran = 0
        var byResult: [Wycheproof.Result: Int] = [:]
        var rejectedForLength = 0
        var rejectedForAuthentication = 0

        for group in file.testGroups {
            #expect(group.tagSize == XChaCha20Poly1305.tagLength * 8)
            for vector in group.tests {
                ran += 1
                byResult[vector.result, default: 0] += 1
                let label: Comment = "tcId \(vector.tcId) (\(vector.result), \(vector.flags)): \(vector.comment)"
                let keyBytes = try Hex.decode(vector.key)
                let key = SecureBytes(copying: keyBytes)
                let nonce = try Hex.decode(vector.iv)
                let aad = try Hex.decode(vector.aad)
                let message = try Hex.decode(vector.msg)
                let sealed = try Hex.decode(vector.ct) + Hex.decode(vector.tag)
                #expect(group.ivSize == nonce.count * 8 && group.keySize == keyBytes.count * 8, label)
                let lengthsSupported = keyBytes.count == XChaCha20Poly1305.keyLength
                    && nonce.count == XChaCha20Poly1305.nonceLength

                let opened = Result { () throws(SodiumError) in
                    try XChaCha20Poly1305.open(sealed, key: try AEADKey(key), nonce: try AEADNonce(nonce),
                                               additionalData: aad).unprotectedCopy()
                }
                let resealed = Result { () throws(SodiumError) in
                    XChaCha20Poly1305.seal(SecureBytes(copying: message), key: try AEADKey(key), nonce: try AEADNonce(nonce),
                                           additionalData: aad)
                }

                if !lengthsSupported {
                    // Refused up front (the key and nonce types cannot be made), never as an authentication result.
                    #expect(Self.isLengthError(opened), "open accepted a key or nonce of the wrong length: \(label)")
                    #expect(Self.isLengthError(resealed), "seal accepted a key or nonce of the wrong length: \(label)")
                    #expect(vector.result != .valid, "a valid vector has an unsupported length: \(label)")
                    rejectedForLength += 1
                    continue
                }

                switch vector.result {
                case .valid:
                    #expect(vector.tag.count / 2 == XChaCha20Poly1305.tagLength, label)
                    #expect(resealed == .success(sealed), "seal did not give ct || tag: \(label)")
                    #expect(opened == .success(message), "open did not give msg: \(label)")
                case .invalid:
                    #expect(opened == .failure(.authenticationFailed), "an invalid ciphertext was opened: \(label)")
                    rejectedForAuthentication += 1
                case .acceptable:
                    if case let .success(plaintext) = opened { #expect(plaintext == message, label) }
                }
            }
        }

        #expect(ran == file.numberOfTests, "ran \(ran) of \(file.numberOfTests) vectors")
        print("XChaCha20-Poly1305 Wycheproof: ran \(ran) of \(file.numberOfTests); valid \(byResult[.valid] ?? 0), "
            + "invalid \(byResult[.invalid] ?? 0), acceptable \(byResult[.acceptable] ?? 0); "
            + "invalid rejected by length \(rejectedForLength), by authentication \(rejectedForAuthentication)")
    }

    private static func isLengthError<Value>(_ outcome: Result<Value, SodiumError>) -> Bool {
        if case .failure(.invalidLength) = outcome { true } else { false }
    }
}
