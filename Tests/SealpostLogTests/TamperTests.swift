import Foundation
import SealpostCore
import SealpostLog
import SealpostJSON
import SealpostSodium
import Testing

/// THREATS row 23: an entry edited, inserted, removed or reordered is found, at the right entry.
@Suite struct TamperTests {
    func problem(_ f: LogFixture, every: Bool = false) throws -> LogVerifier.Problem? {
        var v = f.verifier()
        v.everySignature = every
        return try v.verify().problem
    }

    @Test(arguments: 1...8) func anEditedByteIsFoundAtItsEntry(entry: Int) throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(8)
        var lines = try f.lines(f.chainPath)
        // Change the message id inside the body, keeping the line well formed.
        lines[entry - 1] = lines[entry - 1].replacingOccurrences(of: "\"m\(entry)\"", with: "\"x\(entry)\"")
        try f.write(lines, to: f.chainPath)
        for every in [false, true] {
            let found = try #require(try problem(f, every: every))
            #expect(found.entry == Int64(entry), "every=\(every): \(found)")
        }
    }

    @Test func anEditReChainedByHandIsFoundByItsSignature() throws {
        // Someone without the key edits entry 3 and recomputes every later prev so the links
        // hold: only the signatures can tell, and the binary search names entry 3.
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(10)
        let lines = try f.lines(f.chainPath)
        var rebuilt: [String] = []
        var prev = LogEntry.genesis(owner: f.identity.signingKey.publicKey)
        for (i, line) in lines.enumerated() {
            let sig = String(line.prefix(128))
            // Body fields: seq, at, kind, prev, commitment, facts.
            var fields = line.dropFirst(129).split(separator: " ", maxSplits: 5).map(String.init)
            fields[3] = Hex.encode(prev)
            if i == 2 { fields[5] = fields[5].replacingOccurrences(of: "\"m3\"", with: "\"m9\"") }
            let body = fields.joined(separator: " ")
            rebuilt.append(sig + " " + body)
            let signature = try Ed25519.Signature(rawRepresentation: Hex.decode(sig)!)
            prev = BLAKE2b.hash(Array("sealpost/v1/log-entry-hash".utf8) + [0] + Array(body.utf8) + signature.rawRepresentation)
        }
        try f.write(rebuilt, to: f.chainPath)
        var v = f.verifier()
        let report = try v.verify()
        #expect(report.problem?.entry == 3)
        #expect(report.signaturesChecked < 10, "found by binary search, not by checking all")
        v.everySignature = true
        #expect(try v.verify().problem?.entry == 3)
    }

    @Test func aRemovedEntryIsNamed() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(6)
        var lines = try f.lines(f.chainPath)
        lines.remove(at: 3)
        try f.write(lines, to: f.chainPath)
        let found = try #require(try problem(f))
        #expect(found.entry == 4 && found.what.contains("missing"))
    }

    @Test func anInsertedEntryIsNamed() throws {
        // An entry from another, validly signed log of the same owner, slipped in.
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(6)
        let other = LogFixture(sameOwnerAs: f)
        defer { other.remove() }
        try other.fill(6)
        var lines = try f.lines(f.chainPath)
        lines.insert(try other.lines(other.chainPath)[2], at: 2)
        try f.write(lines, to: f.chainPath)
        #expect(try problem(f)?.entry == 3)
    }

    @Test func reorderedEntriesAreNamed() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(6)
        var lines = try f.lines(f.chainPath)
        lines.swapAt(1, 4)
        try f.write(lines, to: f.chainPath)
        #expect(try problem(f)?.entry == 2)
    }

    @Test func alteredDetailsAreFoundAndErasedDetailsAreNot() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(4)
        var details = try f.lines(f.detailsPath)
        details.remove(at: 1)  // erased (entry 2)
        try f.write(details, to: f.detailsPath)
        var report = try f.verifier().verify()
        #expect(report.isValid && report.detailsErased == 1 && report.detailsPresent == 3)
        // A sealed line does not open once a byte of it changes: altered, named by its entry.
        var bytes = Array(details[2].utf8)
        let last = bytes.count - 5
        bytes[last] = bytes[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        details[2] = String(decoding: bytes, as: UTF8.self)
        try f.write(details, to: f.detailsPath)
        report = try f.verifier().verify()
        #expect(report.problem?.entry == 4)
    }

    @Test func aGarbledLineIsNamed() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(3)
        var lines = try f.lines(f.chainPath)
        lines[1] = "not an entry"
        try f.write(lines, to: f.chainPath)
        let found = try #require(try problem(f))
        #expect(found.entry == 2 && found.what.contains("well-formed"))
    }
}

/// THREATS row 24: a log truncated or restored from an old copy contradicts a checkpoint a
/// counterpart holds.
@Suite struct CheckpointTests {
    @Test func anOldCopyContradictsALaterCheckpoint() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(3)
        let backup = try Data(contentsOf: URL(fileURLWithPath: f.chainPath))
        let backupDetails = try Data(contentsOf: URL(fileURLWithPath: f.detailsPath))
        try f.fill(3, startingAt: 4)
        let held = try f.open().checkpoint()   // what a counterpart received at size 6
        #expect(held.checkpoint.size == 6)
        #expect(try f.verifier().verify(checkpoints: [held]).isValid)
        try backup.write(to: URL(fileURLWithPath: f.chainPath))
        try backupDetails.write(to: URL(fileURLWithPath: f.detailsPath))
        let report = try f.verifier().verify(checkpoints: [held])
        #expect(report.problem == nil, "the old copy is itself a valid log")
        #expect(report.checkpointProblems.count == 1 && report.checkpointProblems[0].contains("restored from an old copy"))
    }

    @Test func aRewrittenLogContradictsACheckpointAtTheSameSize() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(3)
        let held = try f.open().checkpoint()
        // The owner (with the key) rewrites history from scratch.
        try FileManager.default.removeItem(atPath: f.directory)
        try f.fill(3, startingAt: 10)
        let report = try f.verifier().verify(checkpoints: [held])
        #expect(report.checkpointProblems.count == 1 && report.checkpointProblems[0].contains("rewritten"))
    }

    @Test func aCheckpointRoundTripsAsText() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(2)
        let signed = try f.open().checkpoint()
        let parsed = try #require(Checkpoint(text: signed.checkpoint.text))
        #expect(parsed == signed.checkpoint)
        #expect(signed.isValid(for: f.identity.signingKey.publicKey))
        #expect(!SignedCheckpoint(checkpoint: Checkpoint(agency: parsed.agency, size: 3, head: parsed.head),
                                  signature: signed.signature).isValid(for: f.identity.signingKey.publicKey))
        #expect(Checkpoint(text: "x sealpost receipt log\n-1\nAAAA\n") == nil)
    }
}

extension LogFixture {
    init(sameOwnerAs other: LogFixture) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-log-\(UUID().uuidString)").path
        identity = other.identity
    }
}
