import SealpostVectorFiles
import Foundation
import SealpostCore
import SealpostLog
import SealpostSodium
import Testing

/// Runs spec/vectors/receipts: whole logs through LogVerifier (every signature, details checked)
/// and checkpoints through their reader and signature check.
struct ReceiptVectorTests {
    static let all = (try? FieldVectorFile.load("receipts")) ?? []

    @Test func thereAreLogAndCheckpointVectors() {
        #expect(Self.all.filter { $0.name.hasPrefix("log_") }.count >= 12)
        #expect(Self.all.filter { $0.name.hasPrefix("log_sealed_") }.count >= 4)
        #expect(Self.all.filter { $0.name.hasPrefix("checkpoint_") }.count >= 6)
    }

    @Test(arguments: all.filter { $0.name.hasPrefix("log_") })
    func log(_ vector: FieldVectorFile) throws {
        let owner = try Ed25519.PublicKey(rawRepresentation: try #require(Hex.decode(try vector.require("owner"))))
        #expect(Hex.encode(LogEntry.genesis(owner: owner)) == (try vector.require("genesis")))
        let folder = NSTemporaryDirectory() + "sealpost-log-vector-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(vector.body).write(to: URL(fileURLWithPath: folder + "/chain.log"))
        try Data(vector.values("details line").map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: folder + "/details.jsonl"))
        var verifier = LogVerifier(directory: folder, owner: owner)
        verifier.everySignature = true
        // Sealed details (log_sealed_*) are opened with the owner's box key the vector gives.
        if let secret = vector.values("box secret key").first {
            let key = try X25519.PrivateKey(rawRepresentation: SecureBytes(copying: try #require(Hex.decode(secret))))
            verifier.atRest = AtRest(boxKey: key)
            let locked = try LogVerifier(directory: folder, owner: owner).verify()
            #expect(locked.problem == nil || locked.problem?.description.contains("details") == false,
                    "without the key sealed details are not checked: \(vector)")
            // Each sealed line opens to what the vector says.
            let opened = vector.values("opened details")
            for (line, expected) in zip(vector.values("details line"), opened) {
                let details = try #require(StoredDetails.parse(line: ArraySlice(line.utf8))?.open(with: AtRest(boxKey: key)))
                #expect("\(details.seq) \(Hex.encode(details.salt)) \(String(decoding: details.json, as: UTF8.self))" == expected)
            }
        }
        let report = try verifier.verify()
        if try vector.require("expect") == "valid" {
            #expect(report.isValid, "\(vector): \(report.problem?.description ?? "")")
            #expect(String(report.entries) == (try vector.require("size")))
            #expect(Hex.encode(report.head) == (try vector.require("head")))
            // Each listed entry hash is the label's hash of the line's body and raw signature.
            let lines = vector.body.split(separator: 0x0a, omittingEmptySubsequences: false)
            for (index, listed) in vector.values("entry hash").enumerated() {
                let line = Array(lines[index])
                let signature = try #require(Hex.decode(String(decoding: line[0..<128], as: UTF8.self)))
                let hash = BLAKE2b.hash(Array("sealpost/v1/log-entry-hash".utf8) + [0] + Array(line[129...]) + signature)
                #expect(listed == "\(index + 1) \(Hex.encode(hash))")
            }
        } else {
            #expect(report.problem.map { String($0.entry) } == (try vector.require("problem entry")), "\(vector): \(report.problem?.description ?? "none")")
        }
    }

    @Test(arguments: all.filter { $0.name.hasPrefix("checkpoint_") })
    func checkpoint(_ vector: FieldVectorFile) throws {
        let owner = try Ed25519.PublicKey(rawRepresentation: try #require(Hex.decode(try vector.require("owner"))))
        let signature = try Ed25519.Signature(rawRepresentation: try #require(Hex.decode(try vector.require("signature"))))
        let parsed = Checkpoint(text: String(decoding: vector.body, as: UTF8.self))
        let valid = parsed.map { SignedCheckpoint(checkpoint: $0, signature: signature).isValid(for: owner) } ?? false
        #expect(valid == (try vector.require("expect") == "valid"), "\(vector)")
        if valid, let parsed {
            let size = try vector.require("size"), head = try vector.require("head")
            #expect(String(parsed.size) == size && Hex.encode(parsed.head) == head)
        }
    }
}
