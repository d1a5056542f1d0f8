import Testing
@testable import SealpostRedaction

/// The fourth session's rules for issue 13's categories (places tied to a third party, names in
/// weak forms, handles): each with a sentence where the rule must act and, where a needless flag
/// or a damaged word is likely, one where it must not.
@Suite struct CategoryRuleTests {
    static let people = WeakFormTests.people

    func check(_ text: String, covered: [String], notCovered: [String] = []) throws {
        let r = try Fixture.redact(text, people: Self.people)
        for word in covered {
            #expect(SafetyNetTests.covered(r, text, word), "\(word) in \(r.record.texts[0].text) \(r.record.uncertain)")
        }
        for word in notCovered {
            #expect(!SafetyNetTests.covered(r, text, word), "\(word) in \(r.record.texts[0].text) \(r.record.uncertain)")
        }
    }

    /// Places: a district or town typed in lowercase after a word of going or a residence word.
    @Test func aLowercaseUnknownPlaceAfterGoingOrLivingIsReported() throws {
        try check("they say me go to the house in glodwick and give the bag", covered: ["glodwick"])
        try check("he said he's been going to ellesmoor for them", covered: ["ellesmoor"])
        // A word that runs on into a noun, or with no word of going or living before it, is not a place.
        try check("Mei say she not want go to maths teacher any more", covered: [], notCovered: ["maths"])
        try check("home educated due to immune issues", covered: [], notCovered: ["immune"])
        // No word of going before it: this rule leaves it, but the safety net's last rule reports it
        // as a word no vocabulary accounts for (UnaccountedWordTests).
        try check("she put it in glodwick", covered: ["glodwick"])
    }

    /// Places: the named place on a street nobody in the record lives on goes into the finding.
    @Test func aNamedPlaceOnAReportedStreetIsReportedWithIt() throws {
        try check("Leah joins a boxing gym, Iron Lions on Cavendish Street, run by a man she met.",
                  covered: ["Iron Lions on Cavendish Street"])
        // Sentence-initial capitals are not taken as the place's name.
        try check("Leah walked home. Yesterday on Cavendish Street she saw nobody.", covered: ["Cavendish Street"],
                  notCovered: ["Yesterday"])
    }

    /// Places: a street given as where someone lives is withheld with the home described on it.
    @Test func aWithheldStreetTakesTheHomeDescribedOnIt() throws {
        let text = try Fixture.redacted("Dom said Leah should come and live with him in the flats on Jardine Crescent.",
                                        people: Self.people)
        #expect(!text.contains("flats") && !text.contains("Jardine"), "\(text)")
        #expect(text.contains("live with him in [Withheld address 1]."), "\(text)")
    }

    /// Names in weak forms: a family word of address before an unknown capitalised name.
    @Test func aFamilyWordBeforeAnUnknownNameIsReportedWithIt() throws {
        try check("He says the man who brought him, Abu Khalil, is still calling him.", covered: ["Abu Khalil"])
        try check("She calls her grandmother Nana at weekends.", covered: [], notCovered: ["Nana"])
    }

    /// Names in weak forms: a lowercase surname after a protected person's replaced name joins it.
    @Test func aLowercaseSurnameAfterAReplacedNameJoinsIt() throws {
        let text = try Fixture.redacted("hello my names linda haworth i live next door", people: Self.people)
        #expect(!text.contains("linda") && !text.contains("haworth"), "\(text)")
        #expect(text.contains("] i live next door"), "\(text)")
        // An ordinary word after the name is not a surname.
        let plain = try Fixture.redacted("my cousin jordan price said dom slater was there", people: Self.people)
        #expect(plain.contains("] said ") && plain.contains("] was there"), "\(plain)")
    }

    /// Handles: lowercase words joined by full stops, alone in brackets, are a profile name.
    @Test func aDottedNameInBracketsIsAHandle() throws {
        let text = try Fixture.redacted("Leah was messaged by a girl on insta called \"Lily\" (lily.ed.x) last week.",
                                        people: Self.people)
        #expect(!text.contains("lily.ed.x") && text.contains("[Withheld social media handle 1]"), "\(text)")
        // Abbreviations, domains and decimals in brackets are not handles.
        for kept in ["Leah was tired (i.e. not sleeping).", "See the leaflet (nhs.uk) for advice.", "Her score (4.5) was low."] {
            #expect(try Fixture.redacted(kept, people: Self.people) == kept)
        }
    }

    /// Over-redaction: a name with a regnal number is a monarch's, or a school's named after one.
    @Test func aNameWithARegnalNumberIsKept() throws {
        let people = Self.people + [Fixture.person("e", .party, .other, PersonIdentifiers(name: "Edward Blake"))]
        for kept in ["The DSL at King Edward VI rang.", "Leah goes to Henry VIII Academy."] {
            #expect(try Fixture.redacted(kept, people: people) == kept)
        }
        // A single capital after a name, with no royal word, is still a surname initial.
        let text = try Fixture.redacted("Leah was with Edward B at the park.", people: people)
        #expect(!text.contains("Edward"), "\(text)")
        // A person's name before II, III or IV (intravenous) is a person's: a listed name, an
        // unlisted full name and a listed given name are each still redacted or reported.
        let hollins = Fixture.person("h", .party, .neighbour, protect: true, PersonIdentifiers(name: "Patricia Hollins"))
        let withHollins = Self.people + [hollins, Fixture.person("e", .party, .other, PersonIdentifiers(name: "Edward Blake"))]
        for (sentence, name) in [("Mrs Patricia Hollins IV drug user was seen at the flat.", "Hollins"),
                                 ("Neighbour Patricia Hollins II said she heard shouting.", "Hollins"),
                                 ("A man, Kyle Brennan IV drug user, visits often.", "Brennan"),
                                 ("Edward VIII was at the door again.", "Edward")] {
            let r = try Fixture.redact(sentence, people: withHollins)
            #expect(SafetyNetTests.covered(r, sentence, name), "\(name) in \(r.record.texts[0].text) \(r.record.uncertain)")
        }
    }

    /// Places: the district named after a town where someone lives, or after a residence word.
    @Test func aPlaceNamedAfterACommaIsReported() throws {
        try check("He has a brother who lives in Birmingham, in Small Heath, and works nights.", covered: ["Small Heath"])
        try check("Dom lives on the estate, Kestrel Fold, near the shops.", covered: ["Kestrel Fold"])
        // A town alone stays (too wide); a relation or a weekday after the comma is not a place.
        try check("He lives in Birmingham, Mum said.", covered: [], notCovered: ["Birmingham", "Mum"])
        try check("Leah stayed at home, Sunday and Monday.", covered: [], notCovered: ["Sunday"])
    }
}
