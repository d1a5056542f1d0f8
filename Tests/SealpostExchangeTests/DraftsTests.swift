import Foundation
import SealpostCore
import SealpostExchange
import SealpostRecord
import SealpostSharing
import SealpostSodium
import Testing

/// Drafts: records being written, sealed to the agency's own key (spec/web.md §Drafts).
@Suite("Drafts: sealed to the agency, round trip, refusals")
struct DraftsTests {
    @Test("a draft saved and loaded is the same draft; on disk it is sealed, with nothing of the record in the clear")
    func roundTrip() throws {
        let folder = try TemporaryFolder("drafts")
        defer { folder.remove() }
        let home = Home(path: folder.sub("school"))
        let drafts = Drafts(home: home)
        var draft = Draft(createdAt: 1_795_000_000, createdBy: "Ann Smith (Designated Safeguarding Lead)")
        draft.set("narrative", .string("Jayden said Mr Hollins at number 12 shouted at him."))
        draft.set("subject", .object(["name": "Jayden Okafor", "nhs_number": "943 476 5918"]))  // kept even though wrong
        draft.recipients = ["kingsbridge-mash"]
        draft.decisions = DecisionFile(actions: [("narrative@5-12", .keep)], reasons: ["narrative@5-12": "the school's own building"])
        try drafts.save(draft, identity: Fixture.school)

        #expect(drafts.ids() == [draft.id] && drafts.count == 1)
        let loaded = try #require(try drafts.load(draft.id, identity: Fixture.school))
        #expect(loaded == draft)
        #expect(loaded.record.objectValue?.keys == ["subject", "narrative"], "members kept in the record's order")
        #expect(loaded.childName == "Jayden Okafor")
        #expect(loaded.issues(at: 0).contains { $0.path.description == "$.subject.nhs_number" }, "what was typed is kept, and still reported")

        let file = try String(decoding: Data(contentsOf: URL(fileURLWithPath: home.draftsDirectory + "/" + draft.id + ".sealed")), as: UTF8.self)
        for secret in ["Jayden", "Hollins", "943 476", "kingsbridge-mash", "school's own"] {
            #expect(!file.contains(secret), "the sealed file shows nothing of the draft")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: home.draftsDirectory + "/" + draft.id + ".sealed")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        draft.set("narrative", nil)
        draft.updatedAt += 60
        try drafts.save(draft, identity: Fixture.school)
        #expect(try drafts.load(draft.id, identity: Fixture.school)?.record.objectValue?.keys == ["subject"], "saving replaces")
        try drafts.delete(draft.id)
        #expect(try drafts.load(draft.id, identity: Fixture.school) == nil && drafts.count == 0)
    }

    @Test("another agency's key cannot open a draft, a swapped or damaged file is refused, and an id is never a path")
    func refusals() throws {
        let folder = try TemporaryFolder("drafts")
        defer { folder.remove() }
        let home = Home(path: folder.sub("school"))
        let drafts = Drafts(home: home)
        let draft = Draft(createdAt: 1_795_000_000, createdBy: "Ann Smith (DSL)", record: ["narrative": "text"])
        try drafts.save(draft, identity: Fixture.school)
        #expect(throws: ExchangeError.self) { try drafts.load(draft.id, identity: Fixture.mash) }

        // A draft sealed by another agency, put in this home's folder, does not open here.
        let other = Draft(createdAt: 1_795_000_000, createdBy: "x")
        try Drafts(home: Home(path: folder.sub("mash"))).save(other, identity: Fixture.mash)
        try FileManager.default.copyItem(atPath: folder.sub("mash") + "/drafts/" + other.id + ".sealed",
                                         toPath: home.draftsDirectory + "/" + other.id + ".sealed")
        #expect(throws: ExchangeError.self) { try drafts.load(other.id, identity: Fixture.school) }
        // A file renamed to another draft's id is refused too (the content names its own id).
        let renamed = Draft.newID()
        try FileManager.default.copyItem(atPath: home.draftsDirectory + "/" + draft.id + ".sealed",
                                         toPath: home.draftsDirectory + "/" + renamed + ".sealed")
        #expect(throws: ExchangeError.self) { try drafts.load(renamed, identity: Fixture.school) }
        let listed = drafts.list(identity: Fixture.school)
        #expect(listed.drafts.map(\.id) == [draft.id] && listed.damaged == 2, "the list shows what opens and counts the rest")

        for bad in ["../identity", "ABCDEF", "", String(repeating: "g", count: 32)] {
            #expect(try drafts.load(bad, identity: Fixture.school) == nil)
            #expect(!Draft.isID(bad))
        }
    }

    @Test("the review cuts the narrative into text, tokens and undecided findings, and a decision settles a finding")
    func review() throws {
        let record = try Fixture.record("neighbour-call.json")
        let first = try RedactionReview.review(record, decisions: DecisionFile())
        #expect(first.narrative.contains { $0.kind == .replaced && $0.text.hasPrefix("[") }, "replaced identities show as tokens")
        #expect(!first.narrative.map(\.text).joined().contains("de Souza"), "the protected neighbour is not in the narrative as it leaves")
        #expect(first.narrative.map(\.text).joined().count > 100)
        #expect(!first.findings.isEmpty, "the example raises an uncertain finding (a street)")
        let file = DecisionFile(actions: first.findings.map { ($0.id, DecisionFile.Action.keep) },
                                reasons: Dictionary(uniqueKeysWithValues: first.findings.map { ($0.id, "a reason") }))
        let settled = try RedactionReview.review(record, decisions: file)
        #expect(settled.findings.isEmpty && settled.unmatched.isEmpty)
        let stale = try RedactionReview.review(record, decisions: DecisionFile(actions: [("narrative@0-1", .redact)]))
        #expect(stale.unmatched == ["narrative@0-1"])
    }
}
