import Testing
@testable import SealpostRedaction

@Suite("Policy, tokens and structured values")
struct PolicyTests {
    @Test func whoIsProtected() {
        #expect(!Fixture.child.isProtected)
        #expect(!Fixture.mother.isProtected)
        #expect(!Fixture.teacher.isProtected)
        #expect(Fixture.neighbour.isProtected)  // protect absent
        #expect(Fixture.person("x", .party, .friend, protect: true, PersonIdentifiers(name: "A B")).isProtected)
        #expect(!Fixture.person("x", .party, .friend, protect: false, PersonIdentifiers(name: "A B")).isProtected)
    }

    @Test func protectedPeopleGetRoleTokensInRecordOrderAndKeptPeopleNone() throws {
        let r = try Fixture.redact("Kevin and Tariq were there with Amira and Mrs Patel.")
        #expect(r.record.texts[0].text == "[Third party 1 (neighbour)] and [Third party 2 (relative)] were there with Amira and Mrs Patel.")
        #expect(r.record.person(id: "n")?.token == "[Third party 1 (neighbour)]")
        #expect(r.record.person(id: "u")?.token == "[Third party 2 (relative)]")
        #expect(r.record.person(id: "s")?.token == nil)
        #expect(r.record.person(id: "t")?.token == nil)
    }

    @Test func samePersonSameTokenEverywhere() throws {
        let input = RedactionInput(people: Fixture.people, texts: [
            TextField(path: "narrative", text: "Mr O'Neill shouted. Later Kev came back."),
            TextField(path: "statements[0].text", text: "\"Kevin O’Neill hit me,\" Amira said."),
        ])
        let r = try Redactor().redact(input)
        let tokens = Set(r.record.texts.flatMap { $0.replacements.map(\.token) })
        #expect(tokens == ["[Third party 1 (neighbour)]"])
        #expect(r.record.texts.map { $0.replacements.count } == [2, 1])
        #expect(r.record.person(id: "n")?.identifiers.name == "[Third party 1 (neighbour)]")
    }

    @Test func structuredValuesOfProtectedPeopleAreAllReplaced() throws {
        let r = try Fixture.redact("Nothing to see.")
        let n = try #require(r.record.person(id: "n"))
        #expect(n.isProtected)
        for (_, v) in n.identifiers.values { #expect(v == "[Third party 1 (neighbour)]") }
        #expect(n.identifiers.aka == ["[Third party 1 (neighbour)]"])
        // Kept people come through as they are.
        #expect(r.record.person(id: "m")?.identifiers == Fixture.mother.identifiers)
        #expect(r.record.person(id: "s")?.identifiers == Fixture.child.identifiers)
    }

    @Test func peopleTheRecordDoesNotListAreProtectedToo() throws {
        let r = try Fixture.redact("Amira said her friend Jodie and a man called Dwayne Pike were there. Jodie lives nearby.")
        let text = r.record.texts[0].text
        #expect(text == "Amira said her friend [Third party 3 (unlisted)] and a man called [Third party 4 (unlisted)] were there. [Third party 3 (unlisted)] lives nearby.")
        #expect(r.record.summary.tokens.contains { $0.token == "[Third party 4 (unlisted)]" && $0.label == "unlisted" })
    }

    @Test func valuesThatBelongToNobodyKeptAreWithheld() throws {
        let text = try Fixture.redacted("Calls came from 07700 900999 and 07700 900 999 again, and from 01632 960555.")
        #expect(text == "Calls came from [Withheld phone number 1] and [Withheld phone number 1] again, and from [Withheld phone number 2].")
    }

    @Test func replacementsReproduceTheRedactedText() throws {
        let original = "Kevin O'Neill (07700 900222, kev.oneill@example.org) lives at 14 Mill Lane."
        let r = try Fixture.redact(original)
        var out = Array(original.utf8)
        for rep in r.record.texts[0].replacements.reversed() {
            out.replaceSubrange(rep.originalRange, with: Array(rep.token.utf8))
        }
        #expect(String(decoding: out, as: UTF8.self) == r.record.texts[0].text)
        let redacted = Array(r.record.texts[0].text.utf8)
        for rep in r.record.texts[0].replacements {
            #expect(String(decoding: redacted[rep.range], as: UTF8.self) == rep.token)
        }
    }

    @Test func summaryCountsCategoriesOverTextsAndStructuredValues() throws {
        let r = try Fixture.redact("Kev (07700 900222) drives AB12CDE.")
        let s = r.record.summary
        // Text: name, phone, vehicle. Structured (neighbour): name, aka, address, phone, email, workplace,
        // vehicle, handle; (uncle): name, dob, ni.
        #expect(s.counts[.name] == 1 + 2 + 1)
        #expect(s.counts[.phone] == 2)
        #expect(s.counts[.vehicle] == 2)
        #expect(s.counts[.niNumber] == 1)
        #expect(s.total == s.counts.values.reduce(0, +))
        #expect(s.tokens.first { $0.token == "[Third party 1 (neighbour)]" }?.occurrences == 3 + 8)
    }

    @Test func deterministic() throws {
        let text = "Kevin, Jodie, 07700 900999 and Tariq's friend Dwayne; Mr O'Neill again."
        let a = try Fixture.redact(text), b = try Fixture.redact(text)
        #expect(a.record == b.record)
        #expect(a.pseudonyms == b.pseudonyms)
    }

    @Test func invalidInputIsRefusedNamingPositionsOnly() throws {
        let dup = [Fixture.child, Fixture.person("s", .party, .other, PersonIdentifiers(name: "Kevin Secret"))]
        #expect(throws: RedactionError(code: .duplicatePersonID, message: "")) {
            try Redactor().redact(RedactionInput(people: dup, texts: []))
        }
        let texts = [TextField(path: "narrative", text: "a"), TextField(path: "narrative", text: "b")]
        #expect(throws: RedactionError(code: .duplicateTextPath, message: "")) {
            try Redactor().redact(RedactionInput(people: [], texts: texts))
        }
        let decision = PractitionerDecision(path: "elsewhere", originalRange: 0..<1, action: .keep)
        #expect(throws: RedactionError(code: .unknownDecisionPath, message: "")) {
            try Redactor().redact(RedactionInput(people: [], texts: [TextField(path: "n", text: "x")], decisions: [decision]))
        }
        let outside = PractitionerDecision(path: "n", originalRange: 0..<99, action: .keep)
        #expect(throws: RedactionError(code: .decisionOutOfRange, message: "")) {
            try Redactor().redact(RedactionInput(people: [], texts: [TextField(path: "n", text: "x")], decisions: [outside]))
        }
    }
}

@Test func rangesConvertToStringIndices() throws {
    let original = "Zoë’s coat came from Zyxwell today."
    let r = try Fixture.redact(original)
    let f = try #require(r.record.uncertain.first)
    let range = try #require(f.originalRange.indices(in: original))
    #expect(original[range] == "Zyxwell")
    let redacted = r.record.texts[0].text
    #expect(redacted[try #require(f.range.indices(in: redacted))] == "Zyxwell")
    #expect((3..<4).indices(in: original) == nil)  // inside "ë"
}
