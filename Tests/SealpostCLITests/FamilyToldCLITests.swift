import Foundation
import Testing

/// Whether the family was told (issue 11 §1): the example disclosure says the MASH social worker
/// will tell them; the school's `status` lists it as work waiting until `family-told` records it,
/// and the report says what the record said.
@Suite(.serialized) struct FamilyToldCLITests {
    @Test func familyToBeToldUntilRecorded() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let sent = try ExchangeCLITests().send(p)
        #expect(sent.status == 0, "\(sent.stderr)")

        var status = try p.run("school", ["status"])
        #expect(status.out.contains("Family to be told: 1 record sent saying the family will be told"), "\(status.out)")
        #expect(status.out.contains("sealpost family-told SA-2026-0142"))
        let report = try p.run("school", ["report", "--subject", "Jayden Okafor"])
        #expect(report.out.contains("family: will be told"), "\(report.out)")

        let unknown = try p.run("school", ["family-told", "NO-SUCH-RECORD"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no record NO-SUCH-RECORD has been sent from here"))
        let told = try p.run("school", ["family-told", "SA-2026-0142"])
        #expect(told.status == 0, "\(told.stderr)")
        #expect(told.out.contains("recorded that the family was told about record SA-2026-0142 (sent to kingsbridge-mash)"))
        status = try p.run("school", ["status"])
        #expect(!status.out.contains("Family to be told"))
        let again = try p.run("school", ["family-told", "SA-2026-0142"])
        #expect(again.status != 0 && again.stderr.contains("already recorded"))
        #expect(try p.run("school", ["log", "--kind", "family_told"]).out.contains("family_told"))
        #expect(try p.run("school", ["report", "--subject", "Jayden Okafor"]).out.contains("Told the child's family that information was shared with kingsbridge-mash"))
        #expect(try p.run("school", ["log", "verify"]).status == 0)
    }
}
