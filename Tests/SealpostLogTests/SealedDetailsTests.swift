import Foundation
import SealpostCore
import SealpostJSON
import SealpostLog
import SealpostSodium
import Testing

/// The log's details sealed at rest (spec/receipts.md §Details): without the identity the details
/// file says nothing and the chain still verifies; with it every line opens and is checked; a
/// plaintext details file (a home from before sealing) is sealed in place with the chain untouched.
@Suite struct SealedDetailsTests {
    @Test func theDetailsFileHoldsNoDetailsInTheClear() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(4)
        let raw = try String(contentsOfFile: f.detailsPath, encoding: .utf8)
        #expect(!raw.contains("child") && !raw.contains("subject"), "\(raw)")
        for (i, line) in try f.lines(f.detailsPath).enumerated() { #expect(line.hasPrefix("\(i + 1) sealed "), "\(line)") }
        // Read with the identity, every entry has its details back.
        let opened = try LogReader.read(directory: f.directory, atRest: AtRest(identity: f.identity))
        #expect(opened.records.compactMap { $0.details?.details?["subject"]?.stringValue } == ["child 1", "child 2", "child 3", "child 4"])
        // Read without it, the facts are there and each entry says its details are sealed.
        let locked = try LogReader.read(directory: f.directory)
        #expect(locked.records.count == 4 && locked.records.allSatisfy { $0.details == nil && $0.detailsSealed })
        #expect(locked.records.first?.text("message_id") == "m1")
    }

    @Test func withoutTheIdentityTheChainVerifiesAndTheDetailsAreCountedNotChecked() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(3)
        let report = try LogVerifier(directory: f.directory, owner: f.identity.signingKey.publicKey).verify()
        #expect(report.isValid && report.entries == 3)
        #expect(report.detailsSealedUnchecked == 3 && report.detailsPresent == 3 && report.detailsErased == 0)
        // Another agency's key (a public card only, or a different identity) opens nothing.
        var stranger = LogVerifier(directory: f.directory, owner: f.identity.signingKey.publicKey)
        stranger.atRest = AtRest(identity: try Identity.generate(agencyID: "other", name: "Other"))
        #expect(try stranger.verify().problem?.entry == 1, "details that do not open under the key given are altered")
    }

    @Test func aSealedLineMovedToAnotherEntryDoesNotOpen() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(3)
        var lines = try f.lines(f.detailsPath)
        // Entry 2's sealed details relabelled as entry 3's: the additional data names the entry.
        lines[2] = "3" + lines[1].dropFirst(1)
        try f.write(lines, to: f.detailsPath)
        #expect(try f.verifier().verify().problem?.entry == 3)
    }

    @Test func plaintextDetailsAreSealedInPlaceAndTheChainIsUntouched() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(3)
        let chainBefore = try Data(contentsOf: URL(fileURLWithPath: f.chainPath))
        // The plaintext form, as the log wrote it before sealing: reopen each line and write it plain.
        let atRest = AtRest(identity: f.identity)
        let plain = try f.lines(f.detailsPath).map { line -> String in
            let stored = try #require(StoredDetails.parse(line: ArraySlice(line.utf8)))
            let details = try #require(stored.open(with: atRest))
            return String(decoding: details.line.dropLast(), as: UTF8.self)
        }
        try f.write(plain, to: f.detailsPath)
        #expect(try String(contentsOfFile: f.detailsPath, encoding: .utf8).contains("child 2"))
        #expect(try f.verifier().verify().isValid, "plaintext lines still verify")
        let log = try f.open()
        #expect(try log.sealPlaintextDetails() == 3)
        #expect(try log.sealPlaintextDetails() == 0, "running it again finds nothing to do")
        #expect(!(try String(contentsOfFile: f.detailsPath, encoding: .utf8).contains("child")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.chainPath)) == chainBefore)
        let report = try f.verifier().verify()
        #expect(report.isValid && report.detailsPresent == 3 && report.detailsSealedUnchecked == 0)
        // Appends after sealing go on into the rewritten file.
        try log.append(ReceiptLog.Draft(kind: "sent", facts: ["n": 4], details: ["subject": "child 4"]), at: 1_795_000_000_400)
        #expect(try f.verifier().verify().detailsPresent == 4)
    }
}
