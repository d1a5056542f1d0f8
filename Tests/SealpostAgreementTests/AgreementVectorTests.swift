import SealpostVectorFiles
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostSodium
import Testing

/// Runs spec/vectors/agreements: each file's canonical bytes, and whether every signature verifies.
struct AgreementVectorTests {
    @Test(arguments: (try? FieldVectorFile.load("agreements")) ?? [])
    func agreement(_ vector: FieldVectorFile) throws {
        let signed = try SignedAgreement(parsing: vector.body, source: vector.name)
        #expect(String(decoding: signed.agreement.canonicalBytes, as: UTF8.self) == (try vector.require("canonical bytes")), "\(vector)")
        let verification = signed.verify()
        let expect = try vector.require("expect")
        #expect(verification.isComplete == (expect == "signed"), "\(vector): \(verification)")
        for signer in vector.values("signer") {
            let parts = signer.split(separator: " ").map(String.init)
            let party = try #require(signed.agreement.parties.first { $0.agencyID == parts[0] })
            #expect(party.card.signingKey == parts[1])
            let signature = try #require(signed.signatures.first { $0.agencyID == parts[0] })
            let key = try Ed25519.PublicKey(rawRepresentation: try #require(Hex.decode(parts[1])))
            let message = Array("sealpost/v1/agreement".utf8) + [0] + signed.agreement.canonicalBytes
            #expect(key.isValidSignature(try Ed25519.Signature(rawRepresentation: signature.signature), for: message))
        }
    }

    @Test func thereAreVectors() throws {
        #expect(try FieldVectorFile.load("agreements").count >= 3)
    }
}
