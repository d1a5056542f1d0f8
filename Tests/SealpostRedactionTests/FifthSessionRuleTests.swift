import Testing
@testable import SealpostRedaction

/// The fifth session's rules for issue 13's categories (names in weak forms, places tied to a
/// third party, workplaces said with a place): each with a sentence where the rule must act and,
/// where a needless flag or a damaged word is likely, one where it must not. `covered` means
/// replaced or reported; `removed` means gone from the redacted text.
@Suite struct FifthSessionRuleTests {
    static let people = WeakFormTests.people
    static let neighbour = Fixture.person("n", .party, .neighbour, PersonIdentifiers(
        name: "Gary Robson", address: "Tyne Green Rd, Morpeth NE46 3RY"))

    func check(_ text: String, covered: [String], notCovered: [String] = [],
               people: [RedactionPerson] = Self.people) throws {
        let r = try Fixture.redact(text, people: people)
        for word in covered {
            #expect(SafetyNetTests.covered(r, text, word), "\(word) in \(r.record.texts[0].text) \(r.record.uncertain)")
        }
        for word in notCovered {
            #expect(!SafetyNetTests.covered(r, text, word), "\(word) in \(r.record.texts[0].text) \(r.record.uncertain)")
        }
    }

    /// Names: a child's or a text message's words quoted as typed, in a capitalised report.
    @Test func anUnknownWordBesideAPersonInAQuotedLowercasePassageIsReported() throws {
        try check("Amir wrote: \"why i was late becos i was with shero and baba gul in there car\". He is safe.",
                  covered: ["shero", "baba gul"])
        // In a capitalised sentence, a lowercase word no list knows is an ordinary word the lists lack.
        try check("Leah was seen with sponsor present. She was treated with scabies cream.",
                  covered: [], notCovered: ["sponsor", "scabies"])
    }

    /// Names: a family word placed after a replaced name ("Shafiq mama") is part of the name.
    @Test func aFamilyWordAfterAReplacedNameIsReported() throws {
        try check("I heard Abba on the phone with Shafiq Rana mama. They said after my GCSEs.", covered: ["mama"])
        // An English family word after a name is the relation, not part of the name.
        try check("I heard Abba on the phone with Shafiq Rana uncle. They said after my GCSEs.",
                  covered: [], notCovered: ["uncle"])
    }

    /// Names: a word no list knows before "at" and a withheld house number is whoever lives there.
    @Test func anUnknownWordBeforeAtAHouseNumberIsReported() throws {
        try check("\"lewis — take the bag round to shug at no 22 after school\"", covered: ["shug", "22"])
        // Before a whole address, the word is what someone does there.
        try check("Bartek is thought to be staying at 117 King Street.", covered: ["117 King Street"],
                  notCovered: ["staying"])
    }

    /// Names: an initial and a surname no list knows after a title, as in a sign-off.
    @Test func aTitleAnInitialAndAnUnknownSurnameAreReported() throws {
        try check("Yours sincerely,\nDr A Okonjo\nAdditional information: none.", covered: ["A Okonjo"])
    }

    /// Names: initials before a bracket that opens with a role ("JR (pe)"), in any text.
    @Test func initialsBeforeARoleInBracketsAreReported() throws {
        try check("Leah showed no marks. JR (pe) says she would not get changed again.", covered: ["JR"])
        try check("Leah was seen by the GP (locum) today.", covered: [], notCovered: ["GP"])
    }

    /// Names: a quoted nickname whose words are joined by a hyphen.
    @Test func aQuotedHyphenatedNicknameIsReported() throws {
        try check("He said \"K-Dot\" is about nineteen and has a tattoo.", covered: ["K-Dot"])
        try check("She said \"Anti-Social\" was the word he used.", covered: [], notCovered: ["Anti-Social"])
    }

    /// Places: a house number given as a clause of its own ("no 212") is withheld.
    @Test func aHouseNumberStandingAloneIsWithheld() throws {
        let r = try Fixture.redact("a house on deane rd (the one w the green door, no 212) where theres older lads",
                                   people: Self.people)
        #expect(!r.record.texts[0].text.contains("212"), "\(r.record.texts[0].text)")
        let kept = try Fixture.redacted("She said no, 2 of them left. Then no 3 came.", people: Self.people)
        #expect(kept == "She said no, 2 of them left. Then no 3 came.")
    }

    /// Places: the place described on a street typed in lowercase goes into the finding.
    @Test func thePlaceOnALowercaseStreetIsReportedWithIt() throws {
        try check("kirky also turned up at our gemma's work (the co-op on bank st) asking where she lives.",
                  covered: ["the co-op on bank st"])
    }

    /// Places: a street whose name holds a relation word in the plural ("Seven Sisters Road").
    @Test func aStreetWithAPluralRelationWordInItsNameIsFound() throws {
        try check("He kept her for three days in the church hall on Seven Sisters Road.",
                  covered: ["the church hall on Seven Sisters Road"])
        try check("Her two Sisters came to the meeting.", covered: [], notCovered: ["Sisters"])
    }

    /// Places: a home described by a landmark on a protected person's street goes with the street.
    @Test func aHomeDescribedOnAProtectedPersonsStreetIsReplacedWithIt() throws {
        let text = try Fixture.redacted("Mr Robson lives in the bungalow by the garage on Tyne Green Rd. Leah is safe.",
                                        people: Self.people + [Self.neighbour])
        #expect(!text.contains("bungalow") && !text.contains("garage") && !text.contains("Tyne"), "\(text)")
        #expect(text.hasSuffix("Leah is safe."), "\(text)")
    }

    /// Places: a lowercase house number and street with a common street word that nobody in the
    /// record owns is reported; the child's own is kept without a finding.
    @Test func aLowercaseAddressNobodyOwnsIsReported() throws {
        try check("Texts from Leah: \"at a party at 43 millbrook st its gazs house theres loads\"",
                  covered: ["43 millbrook st"])
        let r = try Fixture.redact("leah said she was at 16 manor rd all night", people: Self.people)
        #expect(r.record.uncertain.isEmpty && r.record.texts[0].text.contains("16 manor rd"), "\(r.record.uncertain)")
    }

    /// Places: a capitalised word no list knows and a common-word street ending after "at", "on",
    /// "near" or "from" is reported (a street or a village green: the practitioner decides).
    @Test func anUnknownWordAndACommonStreetWordAfterAtAreReported() throws {
        try check("Update: Kettle arrested at Orford Green at 21:30.", covered: ["Orford Green"])
        try check("Leah played football at Village Green on Saturday.", covered: [], notCovered: ["Village Green"])
    }

    /// Names: a size word before a replaced name is part of the street nickname.
    @Test func aSizeWordBeforeAReplacedNameIsReported() throws {
        let text = "Kai forwarded these at 22:40:\n\"Big Sparks 💰\" (+44 7700 900733): \"u owe me 2 bags\"\n"
            + "\"Kai pls just do it\"\n\"Big Sparks 💰\": \"or il come to urs\""
        let r = try Fixture.redact(text, people: Self.people)
        let second = text.utf8.count - "Big Sparks 💰\": \"or il come to urs\"".utf8.count
        let ranges = r.record.texts[0].replacements.map(\.originalRange) + r.record.uncertain.map(\.originalRange)
        #expect((second..<(second + 3)).allSatisfy { i in ranges.contains { $0.contains(i) } },
                "\(r.record.texts[0].text) \(r.record.uncertain)")
    }

    /// Names: after a naming word, a letter and a word as heard in a call, and another spelling offered.
    @Test func aNicknameSpeltOutAfterANamingWordIsReported() throws {
        try check("he said one of them is called k dot or kaydot i don't know", covered: ["k dot", "kaydot"])
        try check("she is called a liar by them at school", covered: [], notCovered: ["liar"])
    }
}
