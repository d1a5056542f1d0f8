import Foundation
import Testing
@testable import SealpostRedaction

/// THREATS.md row 28: a protected third party's identity left in the outgoing record blocks
/// the send until it is redacted or explicitly cleared (the redactor's part: planted identifiers
/// are removed, and what it is unsure of is reported and blocks `isClearToSend` until decided).
@Suite("Threat 28: planted identities")
struct PlantedIdentityTests {
    static let planted = """
        The neighbour Kevin O'Neill (07700 900222, kev.oneill@example.org) of 14 Mill Lane drives AB12 CDE and posts \
        as @bigkev_99. He works at Kingsbridge Fire Station. Tariq Khan, born 03/04/85, NI QQ123456C, was there. \
        Amira mentioned Zyxwell.
        """

    @Test func plantedIdentifiersAreRemovedEverywhere() throws {
        let r = try Fixture.redact(Self.planted)
        let out = r.record.texts[0].text
        for identity in ["Kevin", "O'Neill", "07700 900222", "kev.oneill", "14 Mill Lane", "AB12 CDE", "bigkev_99",
                         "Fire Station", "Tariq", "03/04/85", "QQ123456C"] {
            #expect(!out.contains(identity), "\(identity) left in the text")
        }
        for p in r.record.people where p.isProtected {
            for (_, v) in p.identifiers.values { #expect(v == p.token) }
        }
    }

    @Test func uncertainFindingsBlockUntilDecidedAndDecisionsAreReproducible() throws {
        let input = RedactionInput(people: Fixture.people, texts: [TextField(path: "narrative", text: Self.planted)])
        let first = try Redactor().redact(input)
        #expect(!first.record.isClearToSend)
        let finding = try #require(first.record.uncertain.first)
        #expect(finding.reason == .possibleName)
        // Redacting it: the name is replaced, here and wherever else it appears, and the send may go.
        var decided = input
        decided.texts.append(TextField(path: "statements[0].text", text: "Zyxwell said it again."))
        decided.decisions = [PractitionerDecision(resolving: finding, action: .redact)]
        let redacted = try Redactor().redact(decided)
        #expect(redacted.record.isClearToSend)
        #expect(!redacted.record.texts.contains { $0.text.contains("Zyxwell") })
        #expect(redacted.record.text(at: "statements[0].text")?.text == "[Third party 3 (unlisted)] said it again.")
        // Keeping it: left as written, and cleared.
        decided.decisions = [PractitionerDecision(resolving: finding, action: .keep)]
        let kept = try Redactor().redact(decided)
        #expect(kept.record.isClearToSend)
        #expect(kept.record.texts[0].text.contains("Zyxwell"))
        // The same decisions give the same result every time.
        #expect(try Redactor().redact(decided).record == kept.record)
    }
}

/// THREATS.md row 30: no protected identity in summaries, findings, errors or any description.
@Suite("Threat 30: no identities in descriptions")
struct DescriptionLeakTests {
    /// Every identity the fixtures protect, and what the planted text calls them.
    static var identities: [String] {
        var out: [String] = []
        for p in Fixture.people where p.isProtected {
            for (_, v) in p.identifiers.values { out.append(v) }
        }
        return out + ["Kevin", "O'Neill", "Tariq", "Zyxwell", "Jodie", "kev.oneill", "bigkev_99", "QQ123456C", "900222", "Dwayne"]
    }

    static func assertClean(_ s: String, _ what: String, except: Set<String> = []) {
        for id in identities where !except.contains(id) {
            #expect(!s.localizedCaseInsensitiveContains(id), "\(what) contains a protected identity")
        }
    }

    @Test func summaryFindingsAndRedactionDescriptions() throws {
        let text = PlantedIdentityTests.planted + " Her friend Jodie and a man called Dwayne were there. Contact 07700 900999."
        let r = try Fixture.redact(text)
        Self.assertClean(r.record.summary.description, "summary")
        Self.assertClean(String(describing: r), "redaction description")
        Self.assertClean(String(reflecting: r.pseudonyms), "map debug description")
        Self.assertClean(String(describing: r.pseudonyms), "map description")
        for e in r.pseudonyms.entries { Self.assertClean(String(describing: e), "map entry description") }
        for f in r.record.uncertain {
            Self.assertClean(f.description, "finding")
            Self.assertClean(f.id, "finding id")
            Self.assertClean(f.reason.explanation, "finding reason")
        }
        // What may be sent, encoded, holds no identity either, except the one word left for a
        // practitioner to decide (which blocks the send until then).
        #expect(r.record.uncertain.count == 1)
        let outgoing = try JSONEncoder().encode(r.record)
        Self.assertClean(String(decoding: outgoing, as: UTF8.self), "encoded outgoing record", except: ["Zyxwell"])
        var dumped = ""
        dump(r, to: &dumped)
        Self.assertClean(dumped, "dump of the redaction", except: ["Zyxwell"])
        var dumpedMap = ""
        dump(r.pseudonyms, to: &dumpedMap)
        Self.assertClean(dumpedMap, "dump of the map")
    }

    @Test func theMapHoldsTheIdentitiesForTheSenderOnly() throws {
        let r = try Fixture.redact("Kevin and his friend Jodie; 07700 900999.")
        let entry = try #require(r.pseudonyms.entry(for: "[Third party 1 (neighbour)]"))
        #expect(entry.personID == "n")
        #expect(entry.identities.contains("Mr Kevin O'Neill"))
        #expect(r.pseudonyms.entry(for: "[Third party 3 (unlisted)]")?.identities == ["Jodie"])
        #expect(r.pseudonyms.entry(for: "[Withheld phone number 1]")?.identities == ["07700 900999"])
        let data = try r.pseudonyms.encoded()
        #expect(try PseudonymMap.decoded(from: data) == r.pseudonyms)
    }

    @Test func errorsNameNoContent() throws {
        let secret = Fixture.person("n", .party, .neighbour, PersonIdentifiers(name: "Kevin O'Neill"))
        do {
            _ = try Redactor().redact(RedactionInput(people: [Fixture.neighbour, secret], texts: []))
            Issue.record("duplicate ids were accepted")
        } catch {
            Self.assertClean(String(describing: error), "error")
        }
        let text = "Kevin O'Neill was here."
        do {
            _ = try Redactor().redact(RedactionInput(people: [], texts: [TextField(path: "n", text: text)],
                                                     decisions: [PractitionerDecision(path: "n", originalRange: 0..<999, action: .redact)]))
            Issue.record("an out-of-range decision was accepted")
        } catch {
            Self.assertClean(String(describing: error), "error")
        }
    }
}
