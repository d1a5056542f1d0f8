import Testing
@testable import SealpostRedaction

/// The uncertain findings as a safety net (issue 13): what the redactor cannot decide is reported,
/// never silently kept. Each test builds the category from scratch, not from a corpus record.
@Suite struct SafetyNetTests {
    static let child = Fixture.person("s", .subject, PersonIdentifiers(name: "Leah Dunn", address: "16 Brook Lane, Bury BL9 5TT"))
    static let mum = Fixture.person("m", .household, PersonIdentifiers(name: "Sara Dunn", phone: "07700 900001"))
    static let people = [child, mum]

    static func redact(_ text: String) throws -> Redaction { try Fixture.redact(text, people: people) }

    /// True when every letter and digit of `word` in the original text is inside a replacement or a finding.
    static func covered(_ r: Redaction, _ text: String, _ word: String) -> Bool {
        guard let range = text.range(of: word) else { return false }
        let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
        let span = start..<(start + word.utf8.count)
        let ranges = r.record.texts[0].replacements.map(\.originalRange) + r.record.uncertain.map(\.originalRange)
        return span.allSatisfy { i in ranges.contains { $0.contains(i) } }
    }

    @Test func anOrdinaryWordAfterATitleIsASurname() throws {
        let text = try Fixture.redacted("I told the lady in the office, Mrs Brook, and Miss Harrow said no.", people: Self.people)
        #expect(!text.contains("Brook") && !text.contains("Harrow"), "\(text)")
        let plain = try Fixture.redacted("We hope Leah is well. Brook Lane was quiet.", people: Self.people)
        #expect(plain == "We hope Leah is well. Brook Lane was quiet.")
    }

    @Test func aBareNumberAfterAPersonAndAtIsWithheld() throws {
        let text = "She names Mrs Mayhew at 23 as the problem. I'm at 12, two doors down."
        let r = try Self.redact(text)
        let out = r.record.texts[0].text
        #expect(!out.contains("23") && !out.contains("12") && r.record.uncertain.isEmpty, "\(out) \(r.record.uncertain)")
    }

    @Test func timesAgesAndTheChildsOwnNumberAreNotReported() throws {
        let r = try Self.redact("Leah arrived at 16:00. Mum left at 10.30 and Leah at 14 years was alone. Leah lives at 16.")
        #expect(r.record.uncertain.isEmpty, "\(r.record.uncertain)")
        #expect(r.record.texts[0].text.hasSuffix("Leah lives at 16."), "the child's own house number stays")
    }

    @Test func aHouseNumberInWordsIsWithheld() throws {
        let text = "hello my names pat i live at number seventeen next door to leah"
        let r = try Self.redact(text)
        #expect(!r.record.texts[0].text.contains("seventeen"), "\(r.record.texts[0].text)")
    }

    @Test func aLowercaseGivenNameWithNoCueIsReported() throws {
        let text = "Harrison named jake pearson and connor in Y10 as the ones. Actions: DSL informed."
        let r = try Self.redact(text)
        #expect(Self.covered(r, text, "connor"), "\(r.record.texts[0].text) \(r.record.uncertain)")
    }

    @Test func anUnknownLowercaseWordBesideAPersonInAHastyNoteIsReported() throws {
        let text = "becos i was with shero in there car. riz took her upstairs. i dont know and hes not sure"
        let r = try Self.redact(text)
        #expect(Self.covered(r, text, "shero") && Self.covered(r, text, "riz"), "\(r.record.uncertain)")
        #expect(!Self.covered(r, text, "dont") && !Self.covered(r, text, "hes"), "contractions without apostrophes are not names")
    }

    @Test func aStreetAloneThatNobodyKeptLivesOnIsReported() throws {
        let text = "Mr Robson was seen near Radford Road. Leah lives on Brook Lane."
        let r = try Self.redact(text)
        #expect(Self.covered(r, text, "Radford Road"), "\(r.record.uncertain)")
        #expect(r.record.texts[0].text.contains("Brook Lane"), "the child's street stays")
    }

    @Test func anOccupationAtAPlaceIsAWorkplace() throws {
        let text = try Fixture.redacted("Mr Adeyemi is a deacon at the church on Gravelly Hill. He was the bouncer at the Crown.",
                                        people: Self.people)
        #expect(!text.contains("Gravelly") && !text.contains("Crown"), "\(text)")
        let kept = try Fixture.redacted("Sara Dunn is a cleaner at the Co-op on Bank Street.", people: Self.people)
        #expect(kept == "Sara Dunn is a cleaner at the Co-op on Bank Street.")
    }

    @Test func aWorkplaceNextToALandmark() throws {
        let text = try Fixture.redacted("Mr Rahimi works at the car wash next to the mosque on the ring road.", people: Self.people)
        #expect(!text.contains("car wash") && !text.contains("mosque"), "\(text)")
    }

    @Test func aListedNameAfterADateHeadingIsAName() throws {
        let people = Self.people + [Fixture.person("n", .party, .neighbour, PersonIdentifiers(name: "Jean Hesketh", aka: ["Bill"]))]
        let text = try Fixture.redacted("11/2025  Jean reports Leah knocked asking for food.\n2025-09  Bill back.", people: people)
        #expect(!text.contains("Jean") && !text.contains("Bill"), "\(text)")
        let rated = try Fixture.redacted("The hotel was rated 4 Jean stars.", people: people)
        #expect(rated.contains("Jean"), "a number right before an ordinary word still says it is ordinary")
    }

    @Test func aTitledSurnameThatMayBeAProtectedRelativeIsReported() throws {
        let people = Self.people + [Fixture.person("a", .party, .relative, PersonIdentifiers(name: "Kerry-Ann Dunn"))]
        let r = try Fixture.redact("Leah came with her aunt. Ms Dunn told me she was scared.", people: people)
        #expect(r.record.uncertain.contains { $0.reason == .sharedName }, "\(r.record.uncertain)")
    }

    @Test func aQuotedNameAfterANamingWordIsANameWhateverItsCase() throws {
        let text = try Fixture.redacted(
            "She gave his first name as \"Ash\". One contact was saved as \"B\". The guy goes by \"tee\".", people: Self.people)
        #expect(!text.contains("Ash") && !text.contains("\"B\"") && !text.contains("tee"), "\(text)")
        let plain = try Fixture.redacted("She called it \"a joke\".", people: Self.people)
        #expect(plain == "She called it \"a joke\".")
    }

    @Test func someoneGivingTheirOwnNameInLowercase() throws {
        let people = Self.people + [Fixture.person("a", .party, .relative, PersonIdentifiers(name: "Jade Dunn")),
                                    Fixture.person("g", .party, .relative, PersonIdentifiers(name: "Meg Carter"))]
        let text = try Fixture.redacted("hi im jade, leahs big sis. dont tell mum. my name is meg", people: people)
        #expect(!text.contains("jade") && !text.contains("meg"), "\(text)")
        let call = try Fixture.redacted("hello my names linda haworth i live next door. this is shaz from the flats", people: Self.people)
        #expect(!call.contains("linda") && !call.contains("shaz"), "\(call)")
    }

    @Test func aShortFormInBracketsAfterAProtectedName() throws {
        let people = Self.people + [Fixture.person("c", .party, .other, PersonIdentifiers(name: "Charlene Boyd"))]
        let text = try Fixture.redacted("im leahs dads partner charlene (char). Char said she would help.", people: people)
        #expect(!text.lowercased().contains("char"), "\(text)")
    }

    @Test func aPlaceOnAStreetIsReportedWithTheStreet() throws {
        let text = "He worked at the packhouse on West Marsh Road and has a studio in a unit behind Progress Road."
        let r = try Self.redact(text)
        #expect(Self.covered(r, text, "the packhouse on West Marsh Road") && Self.covered(r, text, "a unit behind Progress Road"),
                "\(r.record.texts[0].text) \(r.record.uncertain)")
    }

    @Test func initialsAndListedNamesInAHastyNote() throws {
        let text = "leah called names by tyler b, harley and macauley in the dinner queue. KB from the park gave her weed. leah upset"
        let r = try Self.redact(text)
        #expect(Self.covered(r, text, "tyler b") && Self.covered(r, text, "macauley") && Self.covered(r, text, "KB"),
                "\(r.record.texts[0].text) \(r.record.uncertain)")
    }

    @Test func disclosureSchemesNamedAfterPeopleAreNotPeople() throws {
        let people = Self.people + [Fixture.person("c", .party, .relative, PersonIdentifiers(name: "Clare Dunn"))]
        let text = try Fixture.redacted("Referred for a Clare's Law disclosure. Clare said she would help.", people: people)
        #expect(text.hasPrefix("Referred for a Clare's Law disclosure."), "\(text)")
        #expect(!text.contains("Clare said"), "\(text)")
    }
}
