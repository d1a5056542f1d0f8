import Foundation
import SealpostCore
import SealpostSodium
import Testing

/// Files and lines sealed at rest to the agency's own key (spec/exchange.md §The home at rest): sealed
/// with the public key alone, opened only with the identity, and anything cut, added, altered or
/// sealed to another agency refused.
@Suite struct AtRestTests {
    static let identity = try! Identity.generate(agencyID: "kingsbridge-mash", name: "Kingsbridge MASH")

    @Test(arguments: [0, 1, 1000, AtRest.chunkLength - 1, AtRest.chunkLength, AtRest.chunkLength + 1, 3 * AtRest.chunkLength + 17])
    func aFileSealedWithThePublicKeyOpensWithTheIdentity(length: Int) throws {
        let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let sealed = AtRest(publicKey: Self.identity.boxKey.publicKey).seal(plaintext)
        #expect(AtRest.isSealed(sealed))
        let chunks = max(1, (length + AtRest.chunkLength - 1) / AtRest.chunkLength)  // the last one tagged FINAL
        #expect(sealed.count == AtRest.magic.count + 32 + SealedBox.overhead + SecretStream.headerLength + length + chunks * SecretStream.overhead)
        #expect(try AtRest(identity: Self.identity).open(sealed, what: "the file") == plaintext)
        // Sealing the same bytes twice gives different files (a fresh file key each time).
        #expect(AtRest(publicKey: Self.identity.boxKey.publicKey).seal(plaintext) != sealed)
    }

    /// A file sealed from a file, a chunk at a time (a received attachment of any size), is the same
    /// format as one sealed in memory: the same length for the same plaintext, and it opens to it.
    @Test(arguments: [0, 1, AtRest.chunkLength, AtRest.chunkLength + 1, 3 * AtRest.chunkLength + 17])
    func aFileSealedFromAFileMatchesOneSealedInMemory(length: Int) throws {
        let folder = NSTemporaryDirectory() + "atrest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
        try Data(plaintext).write(to: URL(fileURLWithPath: folder + "/plain"))
        let sealer = AtRest(publicKey: Self.identity.boxKey.publicKey)
        try sealer.sealFile(from: folder + "/plain", to: folder + "/sealed")
        let sealed = try #require(FileManager.default.contents(atPath: folder + "/sealed").map(Array.init))
        #expect(sealed.count == sealer.seal(plaintext).count)
        #expect(try AtRest(identity: Self.identity).open(sealed, what: "the file") == plaintext)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/sealed")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(throws: IOError.self) { try sealer.sealFile(from: folder + "/missing", to: folder + "/other") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/other"))
    }

    @Test func whatIsSealedDoesNotShowItsPlaintext() {
        let plaintext = Array("Jayden Emeka Okafor, NHS 999 000 1006".utf8)
        let sealed = AtRest(identity: Self.identity).seal(plaintext)
        #expect(!String(decoding: sealed, as: UTF8.self).contains("Jayden"))
    }

    @Test func onlyTheIdentityOpensAndAPublicKeyAloneSaysTheHomeIsLocked() throws {
        let sealed = AtRest(identity: Self.identity).seal(Array("a record".utf8))
        let locked = #expect(throws: AtRestError.self) { try AtRest(publicKey: Self.identity.boxKey.publicKey).open(sealed, what: "the record") }
        #expect(locked?.code == .locked && locked?.reason.contains("unlocked") == true)
        let other = try Identity.generate(agencyID: "school-st-annes", name: "St Anne's")
        let wrong = #expect(throws: AtRestError.self) { try AtRest(identity: other).open(sealed, what: "the record") }
        #expect(wrong?.code == .damaged && wrong?.reason.contains("does not open with this agency's key") == true)
    }

    @Test func aFileCutShortLengthenedOrAlteredIsRefused() {
        let atRest = AtRest(identity: Self.identity)
        let plaintext = (0..<(2 * AtRest.chunkLength + 5)).map { UInt8(truncatingIfNeeded: $0) }
        let sealed = atRest.seal(plaintext)
        let header = AtRest.magic.count + 32 + SealedBox.overhead + SecretStream.headerLength
        var cases: [(String, [UInt8])] = [
            ("no magic", Array(sealed.dropFirst())),
            ("cut before the final chunk", Array(sealed[..<(header + AtRest.chunkLength + SecretStream.overhead)])),
            ("cut inside a chunk", Array(sealed.dropLast(3))),
            ("a byte after the end", sealed + [0]),
            ("header only", Array(sealed[..<header])),
        ]
        for offset in [AtRest.magic.count + 5, header - 3, header + 10, sealed.count - 1] {
            var altered = sealed
            altered[offset] ^= 0x01
            cases.append(("byte \(offset) altered", altered))
        }
        // Two files' chunks spliced: each chunk opens only in its own stream.
        let other = atRest.seal(plaintext)
        cases.append(("chunks of another file", Array(sealed[..<header]) + Array(other[header...])))
        for (name, bytes) in cases {
            #expect(throws: AtRestError.self, "\(name)") { try atRest.open(bytes, what: "the file") }
        }
    }

    @Test func writeAndReadGoThroughAnAtomicPrivateFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-at-rest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let atRest = AtRest(identity: Self.identity)
        try atRest.write(Array("record".utf8), to: folder + "/record.sealed")
        #expect(try atRest.read(folder + "/record.sealed", what: "the record") == Array("record".utf8))
        #expect(try atRest.read(folder + "/absent.sealed", what: "nothing") == nil)
        let mode = (try FileManager.default.attributesOfItem(atPath: folder + "/record.sealed")[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
    }

    @Test func aLineOpensOnlyUnderItsOwnContextAndKey() throws {
        let atRest = AtRest(identity: Self.identity)
        let line = try #require(atRest.sealLine(Array("details".utf8), context: Array("entry 1".utf8)))
        #expect(atRest.openLine(line, context: Array("entry 1".utf8)) == Array("details".utf8))
        #expect(atRest.openLine(line, context: Array("entry 2".utf8)) == nil)
        #expect(AtRest(identity: try Identity.generate(agencyID: "other", name: "Other")).openLine(line, context: Array("entry 1".utf8)) == nil)
        #expect(AtRest(publicKey: Self.identity.boxKey.publicKey).sealLine([1], context: []) == nil, "lines need the identity")
        var altered = line
        altered[altered.count - 1] ^= 1
        #expect(atRest.openLine(altered, context: Array("entry 1".utf8)) == nil)
        // The keyed digest depends on the key: the same words give another digest for another agency.
        let digest = try #require(atRest.keyedDigest(Array("reason".utf8)))
        #expect(digest == atRest.keyedDigest(Array("reason".utf8)))
        #expect(digest != AtRest(identity: try Identity.generate(agencyID: "other", name: "Other")).keyedDigest(Array("reason".utf8)))
        #expect(digest != BLAKE2b.hash(Array("reason".utf8)))
    }
}
