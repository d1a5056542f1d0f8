import SealpostSodium
import Testing

/// Wycheproof `xdh_comp_schema_v1`: a private key, a peer public key and the expected shared secret.
private struct XdhGroup: Decodable {
    let curve: String
    let tests: [XdhVector]
}

private struct XdhVector: Decodable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let `public`: String
    let `private`: String
    let shared: String
    let result: Wycheproof.Result
}

@Suite("X25519 Wycheproof")
struct X25519WycheproofTests {
    @Test("every x25519_test.json vector, through X25519.PrivateKey.sharedSecret(with:)")
    func allVectors() throws {
        let file = try Wycheproof.load("x25519_test", as: XdhGroup.self)
        #expect(file.algorithm == "XDH")

        var ran = 0
        var byResult: [Wycheproof.Result: Int] = [:]
        var zeroSharedRejected = 0
        var acceptedAsWeak = 0
        var wrongLengthRejected = 0
        var lowOrderFlagged = 0

        for group in file.testGroups {
            #expect(group.curve == "curve25519")
            for vector in group.tests {
                ran += 1
                byResult[vector.result, default: 0] += 1
                let label: Comment = "tcId \(vector.tcId) (\(vector.result), \(vector.flags)): \(vector.comment)"
                let publicBytes = try Hex.decode(vector.public)
                let privateBytes = try Hex.decode(vector.private)
                let expected = try Hex.decode(vector.shared)
                let expectsZero = expected.count == X25519.keyLength && expected.allSatisfy { $0 == 0 }

                // Public keys of any length but 32 must be refused before any arithmetic.
                let peer: X25519.PublicKey
                do {
                    peer = try X25519.PublicKey(rawRepresentation: publicBytes)
                } catch {
                    #expect(publicBytes.count != X25519.keyLength, label)
                    #expect(error == .invalidLength(what: "X25519 public key", expected: X25519.keyLength,
                                                    actual: publicBytes.count), label)
                    #expect(vector.result != .valid, "a valid vector's public key was refused: \(label)")
                    wrongLengthRejected += 1
                    continue
                }
                #expect(publicBytes.count == X25519.keyLength, "a public key of the wrong length was accepted: \(label)")
                // isLowOrder, which screens recipient keys, flags exactly the peers giving all-zero secrets.
                #expect(peer.isLowOrder == expectsZero, "isLowOrder is \(peer.isLowOrder): \(label)")
                if peer.isLowOrder { lowOrderFlagged += 1 }

                let key: X25519.PrivateKey
                do {
                    key = try X25519.PrivateKey(rawRepresentation: SecureBytes(copying: privateBytes))
                } catch {
                    #expect(privateBytes.count != X25519.keyLength, label)
                    #expect(vector.result != .valid, "a valid vector's private key was refused: \(label)")
                    wrongLengthRejected += 1
                    continue
                }

                let outcome = Result { () throws(SodiumError) in try key.sharedSecret(with: peer).unprotectedCopy() }

                switch vector.result {
                case .valid:
                    #expect(outcome == .success(expected), label)
                case .invalid:
                    if case let .success(shared) = outcome {
                        #expect(shared != expected, "an invalid vector produced its shared secret: \(label)")
                    }
                case .acceptable:
                    switch outcome {
                    case let .success(shared):
                        #expect(shared == expected, label)
                    case let .failure(error):
                        // libsodium refuses exactly the all-zero shared secrets (low-order peers).
                        #expect(error == .weakPublicKey, label)
                        #expect(expectsZero, "rejected although the shared secret is not all zeros: \(label)")
                        acceptedAsWeak += 1
                    }
                }

                // Threat: a low-order peer must never yield a usable (all-zero) key.
                if expectsZero {
                    #expect(outcome == .failure(.weakPublicKey), "an all-zero shared secret was not rejected: \(label)")
                    zeroSharedRejected += 1
                }
            }
        }

        #expect(ran == file.numberOfTests, "ran \(ran) of \(file.numberOfTests) vectors")
        #expect(zeroSharedRejected > 0, "the file should contain low-order public keys")
        #expect(lowOrderFlagged == zeroSharedRejected)
        print("X25519 Wycheproof: ran \(ran) of \(file.numberOfTests); valid \(byResult[.valid] ?? 0), "
            + "invalid \(byResult[.invalid] ?? 0), acceptable \(byResult[.acceptable] ?? 0); "
            + "all-zero shared secrets rejected \(zeroSharedRejected), acceptable rejected as weak \(acceptedAsWeak), "
            + "flagged by isLowOrder \(lowOrderFlagged), wrong-length keys rejected \(wrongLengthRejected)")
    }
}
