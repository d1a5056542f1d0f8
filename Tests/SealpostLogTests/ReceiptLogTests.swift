import Foundation
import SealpostCore
import SealpostLog
import SealpostJSON
import SealpostSodium
import Testing

/// A log in a temporary folder, and ways to damage it as an attacker or a crash would.
struct LogFixture {
    let directory: String
    let identity: Identity

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-log-\(UUID().uuidString)").path
        identity = try Identity.generate(agencyID: "school-st-annes", name: "St Anne's")
    }

    func open() throws -> ReceiptLog { try ReceiptLog(directory: directory, identity: identity) }

    /// A verifier that opens the sealed details (holding the identity) and checks them.
    func verifier() -> LogVerifier {
        var verifier = LogVerifier(directory: directory, owner: identity.signingKey.publicKey)
        verifier.atRest = AtRest(identity: identity)
        return verifier
    }

    /// Appends `count` entries, one append each, with facts that differ per entry.
    @discardableResult
    func fill(_ count: Int, startingAt first: Int = 1) throws -> [LogEntry] {
        let log = try open()
        return try (first..<(first + count)).map { i in
            try log.append(ReceiptLog.Draft(kind: i % 2 == 0 ? "received" : "sent",
                                            facts: ["message_id": .string("m\(i)"), "counterpart": "kingsbridge-mash"],
                                            details: ["subject": .string("child \(i)")]), at: Int64(1_795_000_000_000 + i))
        }
    }

    var chainPath: String { directory + "/" + ReceiptLog.chainFileName }
    var detailsPath: String { directory + "/" + ReceiptLog.detailsFileName }

    func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    func write(_ lines: [String], to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

@Suite struct ReceiptLogTests {
    @Test func appendedEntriesChainAndVerify() throws {
        let f = try LogFixture(); defer { f.remove() }
        let entries = try f.fill(5)
        #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(entries[0].prev == LogEntry.genesis(owner: f.identity.signingKey.publicKey))
        for i in 1..<5 { #expect(entries[i].prev == entries[i - 1].hash) }
        var verifier = f.verifier()
        verifier.everySignature = true
        let report = try verifier.verify()
        #expect(report.isValid, "\(String(describing: report.problem))")
        #expect(report.entries == 5 && report.detailsPresent == 5 && report.signaturesChecked == 5)
        // Reopening picks up the head from the file.
        let reopened = try f.open()
        #expect(reopened.size == 5 && reopened.head == entries[4].hash)
    }

    @Test func aBatchIsAppendedWhole() throws {
        let f = try LogFixture(); defer { f.remove() }
        let log = try f.open()
        let drafts = (0..<100).map { ReceiptLog.Draft(kind: "sent", facts: ["n": .number(JSONNumber($0))]) }
        let entries = try log.append(drafts, at: 1)
        #expect(entries.count == 100 && log.size == 100)
        #expect(try f.verifier().verify().isValid)
    }

    @Test func aBadKindIsRefusedAndNothingIsWritten() throws {
        let f = try LogFixture(); defer { f.remove() }
        let log = try f.open()
        #expect(throws: LogError.self) { try log.append(ReceiptLog.Draft(kind: "Sent Now", facts: JSONObject()), at: 1) }
        #expect(log.size == 0)
        #expect(try f.lines(f.chainPath).isEmpty)
    }

    @Test func anOpenLogHoldsTheLockAndAReopenedOneContinuesTheChain() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(1)
        func lockIsFree() -> Bool {
            let fd = open(f.chainPath, O_RDONLY)
            defer { close(fd) }
            return flock(fd, LOCK_EX | LOCK_NB) == 0
        }
        var log: ReceiptLog? = try f.open()
        #expect(!lockIsFree(), "a second appender must wait while a log is open")
        _ = try log?.append(ReceiptLog.Draft(kind: "sent", facts: ["n": 2]), at: 2)
        log = nil
        #expect(lockIsFree(), "closing the log releases the lock")
        // A later appender picks up the head from the file: one chain.
        try f.fill(2, startingAt: 3)
        #expect(try f.verifier().verify().entries == 4)
    }
}

/// Erasure under a retention rule: details go, the chain stays, the log verifies, and the
/// erasure itself is an entry.
@Suite struct ErasureTests {
    @Test func erasingOldDetailsKeepsTheLogVerifying() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(6)   // entries 1...6 at 1_795_000_000_001...006
        let log = try f.open()
        let erased = try log.eraseDetails(before: 1_795_000_000_004, rule: "retention: 7 years after the child turns 18", at: 1_795_000_000_100)
        #expect(erased == 3)
        let report = try f.verifier().verify()
        #expect(report.isValid, "\(String(describing: report.problem))")
        #expect(report.entries == 7 && report.detailsErased == 3 && report.detailsPresent == 4)
        let contents = try LogReader.read(directory: f.directory, atRest: AtRest(identity: f.identity))
        let subjects = contents.records.compactMap { $0.details?.details?["subject"]?.stringValue }
        #expect(subjects == ["child 4", "child 5", "child 6"], "\(subjects)")
        #expect(contents.records.last?.entry.kind == "erased")
        #expect(contents.records.last?.fact("entries")?.numberValue?.int64Value == 3)
        // Appends go on into the new details file.
        try log.append(ReceiptLog.Draft(kind: "sent", facts: ["n": 8], details: ["subject": "child 8"]), at: 1_795_000_000_200)
        let after = try f.verifier().verify()
        #expect(after.isValid && after.detailsPresent == 5)
        #expect(try log.eraseDetails(before: 1_795_000_000_004, rule: "again", at: 1_795_000_000_300) == 0, "nothing left to erase")
    }
}

/// The verifier spreads parsing over the cores: many lines, many rounds, same answer each time
/// (this once crashed when the result slots were an Array written from several threads).
@Suite struct ParallelVerifyTests {
    @Test func aLargeLogVerifiesTheSameEveryRound() throws {
        let f = try LogFixture(); defer { f.remove() }
        let log = try f.open()
        for batch in 0..<20 {
            try log.append((0..<500).map { ReceiptLog.Draft(kind: "sent", facts: ["n": .number(JSONNumber(batch * 500 + $0))],
                                                              details: ["subject": .string("child \($0)")]) }, at: Int64(batch))
        }
        for _ in 0..<5 {
            var v = f.verifier()
            v.evidence = { _ in nil }
            let report = try v.verify()
            #expect(report.isValid && report.entries == 10_000 && report.detailsPresent == 10_000)
        }
    }
}
