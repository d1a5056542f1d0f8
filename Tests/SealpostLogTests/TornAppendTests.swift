import Foundation
import SealpostCore
import SealpostLog
import SealpostJSON
import Testing

/// THREATS row 22 (in process): a torn last entry is found, reported, cut by the next append,
/// and the log verifies. The kill loop against the real binary is in SealpostCLITests.
@Suite struct TornAppendTests {
    @Test(arguments: [1, 50, 129, 200]) func aTornLastEntryIsReportedAndCut(keep: Int) throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(3)
        let whole = try Data(contentsOf: URL(fileURLWithPath: f.chainPath))
        try f.fill(1, startingAt: 4)
        let withFourth = try Data(contentsOf: URL(fileURLWithPath: f.chainPath))
        try withFourth.prefix(whole.count + keep).write(to: URL(fileURLWithPath: f.chainPath))
        let report = try f.verifier().verify()
        #expect(report.isValid && report.entries == 3 && report.tornTail == keep)
        let log = try f.open()
        #expect(log.tornTail == keep && log.size == 3)
        try log.append(ReceiptLog.Draft(kind: "sent", facts: ["n": 5]), at: 5)
        let after = try f.verifier().verify()
        #expect(after.isValid && after.entries == 4 && after.tornTail == 0)
    }

    @Test func aDamagedLastEntryRefusesAppends() throws {
        let f = try LogFixture(); defer { f.remove() }
        try f.fill(2)
        var lines = try f.lines(f.chainPath)
        lines[1] = String(lines[1].dropLast(3))
        try f.write(lines, to: f.chainPath)
        #expect(throws: LogError.self) { _ = try f.open() }
    }
}
