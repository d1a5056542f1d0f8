import Foundation
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostSodium
import Testing

/// Every entry the exchange appends names who was acting (spec/receipts.md §Details, `actor`):
/// the command line by default, or the practitioner whose slot unlocked the identity.
struct ActorTests {
    static let reason = "The concern was resolved at the meeting with the family; sharing is not proportionate"

    @Test func theCommandLineIsTheDefaultActor() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        #expect(school.context.actor == .commandLine)
        try Decline.onOwnJudgement(try Fixture.record(), purpose: Fixture.s47, reason: Self.reason, reasons: [.notNecessary], context: school.context)
        let details = try #require(try logDetails(school)[1])
        #expect(details["actor"]?.objectValue == ["name": .string("command line")])
        let event = try #require(try report(school).events.first)
        #expect(event.actor == .commandLine && event.isOwnDecision)
    }

    @Test func aSignedInPractitionerIsRecordedWithEachDecision() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        try school.writeKeyFile()
        let ann = try Practitioners(home: school.home).add(
            name: "Ann Smith", role: "Designated Safeguarding Lead", passphrase: SecureBytes(copying: "ann's own long passphrase".utf8),
            identity: school.identity, cost: KeyFile.Cost(opsLimit: 1, memLimit: 8 << 20))
        let unlocked = try Practitioners(home: school.home).unlock("Ann Smith", passphrase: SecureBytes(copying: "ann's own long passphrase".utf8))
        var context = school.context
        context.actor = ActorDetails(unlocked.practitioner)
        try Decline.onOwnJudgement(try Fixture.record(), purpose: Fixture.s47, reason: Self.reason, reasons: [.notNecessary], context: context)
        try Decline.onOwnJudgement(try Fixture.record(), purpose: Fixture.s47, reason: Self.reason, reasons: [.other], context: school.context)

        let details = try logDetails(school)
        let actor = try #require(details[1]?["actor"]?.objectValue)
        #expect(actor["name"]?.stringValue == "Ann Smith" && actor["role"]?.stringValue == "Designated Safeguarding Lead")
        #expect(actor["id"]?.stringValue == ann.id && actor.members.count == 3)
        #expect(details[2]?["actor"]?["name"]?.stringValue == "command line")
        // The actor is in the erasable details, never in the signed chain.
        let chain = try String(contentsOfFile: school.context.logDirectory + "/chain.log", encoding: .utf8)
        #expect(!chain.contains("Ann Smith") && !chain.contains(ann.id))
        #expect(try verifyLog(school).isValid)

        let events = try report(school).events
        #expect(events.map(\.actor) == [ActorDetails(name: "Ann Smith", role: "Designated Safeguarding Lead", practitionerID: ann.id), .commandLine])
        #expect(events[0].actor?.display == "Ann Smith (Designated Safeguarding Lead)")
    }

    func report(_ home: AgencyHome) throws -> SubjectReport {
        SubjectReport(query: "Jayden Okafor", ledger: try home.context.ledger(),
                      owner: home.identity.agencyID, agreement: home.context.agreement)
    }
}
