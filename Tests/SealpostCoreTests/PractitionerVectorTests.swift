import Foundation
import SealpostCore
import SealpostSodium
import Testing

/// Runs every practitioner slot vector in spec/vectors/practitioners/ (spec/practitioners.md
/// §"Test vectors") through the slot reader and checks its outcome.
struct PractitionerVectorTests {
    struct Vector: CustomStringConvertible {
        let name: String
        let fields: [String: String]
        let slot: [UInt8]
        var description: String { name }
    }

    static let directory = VectorTests.directory.appendingPathComponent("practitioners")

    static func load() throws -> [Vector] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasSuffix(".md") }.sorted()
        return try names.map { name in
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            let split = try #require(bytes.indices.dropLast().first { bytes[$0] == 0x0a && bytes[$0 + 1] == 0x0a },
                                     "\(name): no blank line after the fields")
            var fields: [String: String] = [:]
            for line in String(decoding: bytes[0..<split], as: UTF8.self).split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                fields[String(parts[0])] = parts.count > 1 ? String(parts[1].dropFirst()) : ""
            }
            return Vector(name: name, fields: fields, slot: Array(bytes[(split + 2)...]))
        }
    }

    @Test func thereAreVectorsForEveryOutcome() throws {
        let outcomes = try Self.load().compactMap { $0.fields["expect"] }
        #expect(outcomes.count >= 30)
        for outcome in ["success", "malformed", "limits", "unlock failure"] {
            #expect(outcomes.contains(outcome), "no vector expects \(outcome)")
        }
    }

    /// The outcome of opening a slot, in the vectors' words, and the slot's contents on success.
    static func outcome(_ vector: Vector, passphrase: SecureBytes) -> (String, UnlockedPractitioner?, String) {
        do throws(PractitionerError) {
            return ("success", try PractitionerSlot.open(vector.slot, passphrase: passphrase, source: vector.name), "")
        } catch {
            let words: String
            switch error.code {
            case .malformed: words = "malformed"
            case .limits: words = "limits"
            case .unlockFailed: words = "unlock failure"
            default: words = "unexpected \(error.code)"
            }
            return (words, nil, error.reason)
        }
    }

    @Test(arguments: try load())
    func vector(_ vector: Vector) throws {
        let expect = try #require(vector.fields["expect"])
        let given = try #require(vector.fields["passphrase"])
        let (outcome, unlocked, reason) = Self.outcome(vector, passphrase: SecureBytes(copying: given.utf8))
        #expect(outcome == expect, "\(vector.name): \(reason)")
        // A refusal names only the source, never the passphrase.
        #expect(!reason.contains(given))
        guard let unlocked else { return }
        let p = unlocked.practitioner, identity = unlocked.identity
        #expect(vector.fields["id"] == p.id)
        #expect(vector.fields["name"] == p.name)
        #expect(vector.fields["role"] == p.role)
        #expect(vector.fields["created"] == String(p.createdAt))
        #expect(vector.fields["agency"] == identity.agencyID)
        #expect(vector.fields["agency name"] == identity.name)
        #expect(vector.fields["signing key"] == Hex.encode(identity.signingKey.publicKey.rawRepresentation))
        #expect(vector.fields["box key"] == Hex.encode(identity.boxKey.publicKey.rawRepresentation))
    }

    /// The header alone (what `sealpost user list` reads) agrees with what the slot opens to.
    @Test func theHeaderReadsWithoutThePassphrase() throws {
        for vector in try Self.load() where vector.fields["expect"] == "success" {
            let header = try PractitionerSlot.readHeader(vector.slot, source: vector.name)
            #expect(header.practitioner.name == vector.fields["name"])
            #expect(header.agencyID == vector.fields["agency"])
        }
    }
}
