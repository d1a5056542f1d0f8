import Testing
@testable import SealpostRedaction

/// The safety net's whitelist rule (`UnaccountedWords.swift`): a word no vocabulary, name list or
/// detector accounts for is reported, in any style of text; an ordinary word, a typo of one, a
/// kept person's name, a code or a word built of ordinary words is not. Each case has a sentence
/// where the rule must act and one where it must not.
@Suite struct UnaccountedWordTests {
    static let child = Fixture.person("s", .subject, PersonIdentifiers(
        name: "Leah Marsh", address: "4 Fir Walk, Hull HU5 2PL"))
    static let mum = Fixture.person("m", .household, PersonIdentifiers(name: "Donna Marsh"))
    static let ex = Fixture.person("x", .party, .other, PersonIdentifiers(name: "Dominic Slater"))
    static let people = [child, mum, ex]

    func reasons(_ r: Redaction) -> [UncertainFinding.Reason] { r.record.uncertain.map(\.reason) }

    func check(_ text: String, reported: [String], notReported: [String] = []) throws {
        let r = try Fixture.redact(text, people: Self.people)
        for word in reported {
            #expect(SafetyNetTests.covered(r, text, word), "\(word): \(r.record.uncertain)")
        }
        for word in notReported {
            #expect(!SafetyNetTests.covered(r, text, word), "\(word): \(r.record.uncertain)")
        }
    }

    /// The vocabulary is the one `Tokenizer.hash` reads: a word, its inflections and its folded
    /// forms are in it; a capitalised-only entry of the source (a proper noun) is not.
    @Test func theVocabularyHoldsOrdinaryWordsAndNoProperNouns() {
        let v = BroadVocabulary.shared
        #expect(v.count > 60_000)
        for word in ["pushed", "bruises", "safeguarding", "don't", "cafe", "café", "neighbours", "innit"] {
            #expect(v.contains(Tokenizer.hash(word)), "\(word)")
        }
        for word in ["leeds", "mohammed", "kayden", "shero", "tyrone"] {
            #expect(!v.contains(Tokenizer.hash(word)), "\(word)")
        }
    }

    /// A lowercase word no list knows, in a hasty note with no cue around it, is reported.
    @Test func aLowercaseUnknownWordIsReportedInAnyStyle() throws {
        try check("leah said shero was outside the gates again after school", reported: ["shero"],
                  notReported: ["outside", "gates"])
        try check("Leah told staff that kayden keeps messaging her late at night.", reported: ["kayden"])
        // The same sentence with ordinary words only gives no finding.
        let plain = "Leah told staff that her brother keeps messaging her late at night."
        let r = try Fixture.redact(plain, people: Self.people)
        #expect(r.record.uncertain.isEmpty, "\(r.record.uncertain)")
    }

    /// A capitalised word no list knows at the start of a sentence (where the capitalised-word
    /// rule needs a verb people do after it) is reported; an ordinary word there is not.
    @Test func anUnknownWordAtASentenceStartIsReported() throws {
        try check("Mum is worried. Kezrin is back in the area and has been seen near the school.",
                  reported: ["Kezrin"], notReported: ["Mum"])
        try check("Mum is worried. Nothing has been seen near the school.", reported: [], notReported: ["Nothing"])
    }

    /// Adjacent unknown words make one finding: one decision for the practitioner.
    @Test func adjacentUnknownWordsAreOneFinding() throws {
        let r = try Fixture.redact("leah went off with kezzo mottz after school", people: Self.people)
        let unaccounted = r.record.uncertain.filter { $0.reason == .unaccountedWord }
        #expect(unaccounted.count == 1, "\(r.record.uncertain)")
        #expect(SafetyNetTests.covered(r, "leah went off with kezzo mottz after school", "kezzo mottz"))
    }

    /// A name of the lists that only the broad vocabulary has as a word is taken for the name in
    /// lowercase ("khan"; the name rules report it too); a name that the lexicon knows is also a
    /// common word is not ("miles", which this rule alone would report without that test).
    @Test func aListedNameThatIsARareWordIsReportedInLowercase() throws {
        try check("the car outside was khan again and the lads", reported: ["khan"])
        try check("the car outside was 3 miles away", reported: [], notReported: ["miles"])
    }

    /// The other rules' findings are looked up by binary search over spans sorted by start, with
    /// the greatest end so far: a long span that starts early still covers a word after a short one.
    @Test func reportedSpansAnswerAsTheLinearScanDid() {
        let spans: [(Int32, Int32)] = [(40, 45), (0, 30), (10, 12), (50, 60)]
        let findings = spans.map { Finding(start: $0.0, end: $0.1, category: .name, reason: .possibleName) }
        let reported = ReportedSpans(findings)
        for s in 0..<70 {
            for e in (s + 1)..<72 {
                let linear = findings.contains { Int($0.start) < e && Int($0.end) > s }
                #expect(reported.covers(s, e) == linear, "[\(s), \(e))")
            }
        }
        #expect(!ReportedSpans([]).covers(0, 10))
    }

    /// Typos of common words are not names; a typo near a protected person's name stays reported.
    @Test func aTypoOfACommonWordIsNotReportedButOneNearAProtectedNameIs() throws {
        try check("leah was upset becuase her freind said somthing horrible", reported: [],
                  notReported: ["becuase", "freind", "somthing"])
        // "slatter" is one edit from "scatter", but also from the protected "Slater": a possible name.
        try check("leah says slatter shouts at her mum", reported: ["slatter"])
        // One edit from a name of the lists is a nickname, not a typo ("jacko" of "jack").
        try check("leah was at the park with jacko again", reported: ["jacko"])
    }

    /// Kept people's names, text-speak, codes, compounds and clinical words are accounted for.
    @Test func keptNamesCodesCompoundsAndClinicalWordsAreAccountedFor() throws {
        try check("donna said leah had otitis and flucloxacillin, wheres her pushchair lol 5mg x3",
                  reported: [], notReported: ["donna", "otitis", "flucloxacillin", "pushchair", "wheres", "lol", "mg"])
        // A word built of two ordinary words that the name lists know stays with the name rules.
        try check("Leah was seen with the sustainment worker about reoffending.", reported: [],
                  notReported: ["sustainment", "reoffending"])
    }

    /// A lowercase unknown word after a preposition of place is reported as a place.
    @Test func anUnknownWordAfterAPlacePrepositionIsAnAddressFinding() throws {
        let text = "leah has been going to the bookies on kirkgate with a man"
        let r = try Fixture.redact(text, people: Self.people)
        #expect(r.record.uncertain.contains { $0.category == .address }, "\(r.record.uncertain)")
        #expect(SafetyNetTests.covered(r, text, "kirkgate"))
        // A capitalised town after "in" is too wide to identify anyone and is left.
        try check("Leah's aunt lives in Stourport and visits at weekends.", reported: [], notReported: ["Stourport"])
    }

    /// The rule only reports: it never replaces a word, so it cannot damage one.
    @Test func theRuleNeverReplaces() throws {
        let text = "leah said shero was outside"
        let r = try Fixture.redact(text, people: Self.people)
        #expect(r.record.texts[0].text == text)
        #expect(reasons(r).contains(.unaccountedWord))
    }
}
