import Testing
@testable import SealpostRedaction

/// The third session's safety net (issue 13, `SafetyNet.swift`, `SafetyNetPlaces.swift`): each
/// category is built from scratch here, with a sentence where the rule must report and, where a
/// needless flag is likely, one where it must not.
@Suite struct WeakFormTests {
    static let child = Fixture.person("s", .subject, PersonIdentifiers(
        name: "Leah Dunn", address: "16 Manor Road, Bury BL9 5TT", workplace: "Little Owls Nursery"))
    static let mum = Fixture.person("m", .household, PersonIdentifiers(name: "Claire Dunn", phone: "07700 900001"))
    static let bf = Fixture.person("b", .party, .other, PersonIdentifiers(name: "Dominic Slater", aka: ["Dom"]))
    static let cousin = Fixture.person("c", .party, .relative, PersonIdentifiers(name: "Jordan Price"))
    static let people = [child, mum, bf, cousin]

    func check(_ text: String, reported: [String], notReported: [String] = []) throws {
        let r = try Fixture.redact(text, people: Self.people)
        for word in reported {
            #expect(SafetyNetTests.covered(r, text, word), "\(word) in \(r.record.texts[0].text) \(r.record.uncertain)")
        }
        for word in notReported {
            #expect(!SafetyNetTests.covered(r, text, word), "\(word) in \(r.record.texts[0].text) \(r.record.uncertain)")
        }
    }

    @Test func aProtectedSurnameInLowercaseIsReportedInAnyStyle() throws {
        try check("Leah says her mum's boyfriend shouts. Later slaiterr left the house.", reported: ["slaiterr"])
        try check("Leah said we hope to visit.", reported: [], notReported: ["hope"])
    }

    @Test func aLowercaseWordAfterACueIsReported() throws {
        try check("Leah said my cousin jordan was there and another girl grace from her yr.", reported: ["jordan", "grace"])
        try check("the message said my name is meg and she was scared", reported: ["meg"])
        try check("Mum said she called back and this is normal.", reported: [], notReported: ["back", "normal"])
    }

    @Test func aSurnameWrittenFirstInCapitalsIsReported() throws {
        try check("2019 Mother met WOODS Carly at the school gate.", reported: ["WOODS", "Carly"])
    }

    @Test func quotedShortNamesAndDescriptionsAreReported() throws {
        try check("Leah said \"Hope\" was there, and \"KEZ 🐐\" sent a message. Kelly called him \"the Manc lad\".",
                  reported: ["Hope", "KEZ", "Manc"])
        try check("Leah said \"No\" and then \"Stop\".", reported: [], notReported: ["No", "Stop"])
    }

    @Test func aGivenNameInBracketsOrBeforeAnAgeIsReported() throws {
        try check("She said \"him indoors\" (Dean, not on the tenancy) controls the money.", reported: ["Dean"])
        try check("pupils named: connor whitfield (y10), lily (y9, told him). The children (4) were fine.",
                  reported: ["connor", "whitfield", "lily"], notReported: ["children"])
    }

    @Test func sizeNicknamesAndInitialsWithASurnameAreReported() throws {
        try check("Leah was with Tizzy, Little K and three older lads.", reported: ["Little K"])
        try check("Leah's nursery, Little Owls, rang.", reported: [], notReported: ["Little Owls"])
        try check("Caller 2 (I Slater, no. 19): father shouting.", reported: ["I", "Slater"])
    }

    @Test func aHandlesLettersNameItsOwnerElsewhere() throws {
        try check("my bro is workin 4 dizzy (dizzy_s70 on snap). dizzy lives near the shops", reported: ["dizzy"])
    }

    @Test func aNumberAfterAHandleCueIsAPhoneNotAHandle() throws {
        let text = "The parent said Kaz's WhatsApp is 07700 900482."
        let out = try Fixture.redacted(text, people: Self.people)
        #expect(out.contains("[Withheld phone number 1]") && !out.contains("900482"), "\(out)")
    }

    @Test func placesWhereSomeoneLivesAreReported() throws {
        try check("He lives in Small Heath. She is at her house on Almondbury Bank.", reported: ["Small", "Heath", "Almondbury", "Bank"])
        try check("Her daughter lives in Dalton.", reported: [], notReported: ["Dalton"])
        try check("He lives at The Laurels now. The form says Strada Florilor 12, Bacau.", reported: ["The Laurels", "Strada", "Florilor", "12"])
    }

    @Test func businessesAndWorkplacesWithAPlaceAreReported() throws {
        try check("He drives a taxi, a Skoda with Morley Cabs on the side.", reported: ["Morley Cabs"])
        try check("He works at the Co-op warehouse in Huddersfield. She worked previously at a nursery in Parkstone.",
                  reported: ["warehouse", "Huddersfield", "nursery", "Parkstone"])
    }

    @Test func lowercaseStreetsAfterAPrepositionAreReportedUnlessKept() throws {
        try check("he turned up at the co-op on bank st and he lives at no 7 on pitt st.", reported: ["bank", "pitt"])
        try check("leah lives w mum on manor rd.", reported: [], notReported: ["manor rd"])
    }

    @Test func aMisspeltKeptNameInANoteStaysAndTextSpeakLettersAreNotInitials() throws {
        let out = try Fixture.redacted("i think our mum clare is v tired and mum claire v upset", people: Self.people)
        #expect(out == "i think our mum clare is v tired and mum claire v upset", "\(out)")
    }
}
