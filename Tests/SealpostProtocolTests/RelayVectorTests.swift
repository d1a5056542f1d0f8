import SealpostVectorFiles
import Foundation
import SealpostCore
import SealpostProtocol
import SealpostSodium
import Testing

/// Runs spec/vectors/relay: signed requests through the relay's header reading and signature check
/// (steps 2, 6 and 10 of spec/relay.md §"Verifying a request"), and deposit receipts through the
/// client's reading of the JSON answer.
struct RelayVectorTests {
    static let all = (try? FieldVectorFile.load("relay")) ?? []

    @Test func thereAreVectorsOfEachOutcome() {
        let outcomes = Set(Self.all.compactMap { $0.value("expect") })
        #expect(outcomes == ["valid", "bad_signature", "content_hash_mismatch", "malformed_header", "invalid"])
    }

    @Test(arguments: all.filter { $0.name.hasPrefix("request_") })
    func request(_ vector: FieldVectorFile) throws {
        let key = try Ed25519.PublicKey(rawRepresentation: try #require(Hex.decode(try vector.require("signing key"))))
        let outcome: String
        var signedBytes: [UInt8] = []
        do {
            let received = try ReceivedSignature(method: try vector.require("method"), target: try vector.require("target"),
                                                 host: vector.value("host"), header: { vector.value($0) })
            signedBytes = received.request.signedBytes
            if !received.isValid(for: key) {
                outcome = "bad_signature"
            } else if BLAKE2b.hash(vector.body) != received.request.contentHash {
                outcome = "content_hash_mismatch"
            } else {
                outcome = "valid"
            }
        } catch {
            outcome = "malformed_header"
        }
        #expect(outcome == (try vector.require("expect")), "\(vector)")
        if outcome == "valid" { #expect(Hex.encode(signedBytes) == (try vector.require("signed bytes"))) }
    }

    @Test(arguments: all.filter { $0.name.hasPrefix("receipt_") })
    func receipt(_ vector: FieldVectorFile) throws {
        let key = try Ed25519.PublicKey(rawRepresentation: try #require(Hex.decode(try vector.require("relay key"))))
        let signed = (try? RelayJSON.read(DepositResponse.self, from: vector.body))?.signedReceipt
        let valid = signed?.isValid(for: key) ?? false
        #expect(valid == (try vector.require("expect") == "valid"), "\(vector)")
        if valid { #expect(Hex.encode(signed!.receipt.signedBytes) == (try vector.require("receipt bytes"))) }
    }
}
