import SealpostSodium
import Testing

/// Wycheproof `eddsa_verify_schema_v1`. Current files give only the public key; older ones had
/// a `key` object that also carried the private seed `sk`. Both shapes are read.
private struct EddsaGroup: Decodable {
    let publicKey: EddsaKey?
    let key: EddsaKey?
    let tests: [EddsaVector]

    var keyInfo: EddsaKey? { publicKey ?? key }
    var seed: String? { key?.sk ?? publicKey?.sk }
}

private struct EddsaKey: Decodable {
    let curve: String
    let pk: String
    let sk: String?
}

private struct EddsaVector: Decodable {
    let tcId: Int
    let comment: String
    let flags: [String]
    let msg: String
    let sig: String
    let result: Wycheproof.Result
}

@Suite("Ed25519 Wycheproof")
struct Ed25519WycheproofTests {
    @Test("every ed25519_test.json vector, through Ed25519.PublicKey.isValidSignature")
    func allVectors() throws {
        let file = try Wycheproof.load("ed25519_test", as: EddsaGroup.self)
        #expect(file.algorithm == "EDDSA")

        // Seeds the file does not carry, but whose public keys appear in its known-answer groups.
        var seedsByPublicKey: [[UInt8]: [UInt8]] = [:]
        for known in RFC8032.vectors {
            seedsByPublicKey[try Hex.decode(known.publicKey)] = try Hex.decode(known.seed)
        }

        var ran = 0
        var byResult: [Wycheproof.Result: Int] = [:]
        var rejectedAtSignatureInit = 0
        var signaturesReproduced = 0

        for group in file.testGroups {
            let keyInfo = try #require(group.keyInfo, "a test group without a public key")
            #expect(keyInfo.curve == "edwards25519")
            let publicBytes = try Hex.decode(keyInfo.pk)
            let publicKey = try? Ed25519.PublicKey(rawRepresentation: publicBytes)
            var seed = try group.seed.map(Hex.decode)
            if seed == nil { seed = seedsByPublicKey[publicBytes] }

            for vector in group.tests {
                ran += 1
                byResult[vector.result, default: 0] += 1
                let label: Comment = "tcId \(vector.tcId) (\(vector.result), \(vector.flags)): \(vector.comment)"
                let message = try Hex.decode(vector.msg)
                let signatureBytes = try Hex.decode(vector.sig)

                // Rejection at either init counts as rejecting the signature.
                var accepted = false
                if let publicKey {
                    do {
                        let signature = try Ed25519.Signature(rawRepresentation: signatureBytes)
                        #expect(signatureBytes.count == Ed25519.signatureLength, label)
                        accepted = publicKey.isValidSignature(signature, for: message)
                    } catch {
                        #expect(signatureBytes.count != Ed25519.signatureLength, label)
                        #expect(error == .invalidLength(what: "Ed25519 signature", expected: Ed25519.signatureLength,
                                                        actual: signatureBytes.count), label)
                        rejectedAtSignatureInit += 1
                    }
                } else {
                    #expect(publicBytes.count != Ed25519.publicKeyLength, "a 32-byte public key was refused: \(label)")
                }

                switch vector.result {
                case .valid: #expect(accepted, "a valid signature was rejected: \(label)")
                case .invalid: #expect(!accepted, "an invalid signature was accepted: \(label)")
                case .acceptable: break
                }

                // Ed25519 is deterministic: the same seed and message give the very same signature.
                if vector.result == .valid, let seed {
                    let signingKey = try Ed25519.SigningKey(seed: SecureBytes(copying: seed))
                    #expect(signingKey.publicKey.rawRepresentation == publicBytes, label)
                    #expect(signingKey.signature(for: message).rawRepresentation == signatureBytes, label)
                    signaturesReproduced += 1
                }
            }
        }

        #expect(ran == file.numberOfTests, "ran \(ran) of \(file.numberOfTests) vectors")
        #expect(signaturesReproduced > 0, "no valid vector's signature was reproduced by signing")
        print("Ed25519 Wycheproof: ran \(ran) of \(file.numberOfTests); valid \(byResult[.valid] ?? 0), "
            + "invalid \(byResult[.invalid] ?? 0), acceptable \(byResult[.acceptable] ?? 0); "
            + "rejected at Signature init \(rejectedAtSignatureInit), signatures reproduced by signing \(signaturesReproduced)")
    }
}
