import Testing
@testable import SealpostRedaction

@Suite("Identifiers with a shape, decided by ownership")
struct IdentifierTests {
    static let n = "[Third party 1 (neighbour)]"

    @Test(arguments: [
        "07700 900222", "07700900222", "07700-900-222", "+44 7700 900222", "+44 (0)7700 900222", "(07700) 900 222",
        "0044 7700 900222", "07700 900 222", "+447700900222",
    ])
    func phoneFormatsOfAProtectedPerson(_ phone: String) throws {
        #expect(try Fixture.redacted("Call \(phone) today.") == "Call \(Self.n) today.")
    }

    @Test func keptPhoneStaysAndUnattributedGoes() throws {
        #expect(try Fixture.redacted("Mum is on +44 7700 900111.") == "Mum is on +44 7700 900111.")
        #expect(try Fixture.redacted("School: (01632) 960 100.") == "School: (01632) 960 100.")
        #expect(try Fixture.redacted("Unknown caller on 020 7946 0321.") == "Unknown caller on [Withheld phone number 1].")
    }

    @Test func numbersThatAreNotPhoneNumbers() throws {
        for text in ["Seen at 09:30 on 05.04.2025.", "Crime reference 4410 2025 0003.", "She scored 19 out of 30.", "£12.50 owed."] {
            #expect(try Fixture.redacted(text) == text)
        }
    }

    @Test func emails() throws {
        #expect(try Fixture.redacted("Email KEV.ONEILL@example.org please.") == "Email \(Self.n) please.")
        #expect(try Fixture.redacted("Mum: farah.k@example.com.") == "Mum: farah.k@example.com.")
        #expect(try Fixture.redacted("From anon99@example.net.") == "From [Withheld email address 1].")
    }

    @Test func postcodes() throws {
        // The child's postcode is kept even though the neighbour shares it.
        #expect(try Fixture.redacted("They live in KB1 4XY.") == "They live in KB1 4XY.")
        #expect(try Fixture.redacted("Moved to KB7 2QT, or kb72qt.") == "Moved to [Withheld postcode 1], or [Withheld postcode 1].")
    }

    @Test func nhsNumbers() throws {
        // The child's number is kept; a valid number nobody kept owns is withheld; an invalid one is left and flagged.
        #expect(try Fixture.redacted("NHS No 943 476 5919.") == "NHS No 943 476 5919.")
        #expect(try Fixture.redacted("Partner's NHS number 401 023 2137.") == "Partner's NHS number [Withheld NHS number 1].")
        let r = try Fixture.redact("NHS 123 456 7890 was given.")
        #expect(r.record.texts[0].text == "NHS 123 456 7890 was given.")
        #expect(r.record.uncertain.map(\.reason) == [.possibleNHSNumber])
        #expect(!r.record.isClearToSend)
    }

    @Test func nationalInsuranceNumbers() throws {
        let u = "[Third party 2 (relative)]"
        #expect(try Fixture.redacted("NI QQ123456C.") == "NI \(u).")
        #expect(try Fixture.redacted("NI number: QQ 12 34 56 C") == "NI number: \(u)")
        #expect(try Fixture.redacted("His NI is NT 65 43 21 A.") == "His NI is [Withheld NI number 1].")
    }

    @Test func datesOfBirthButNotOtherDates() throws {
        let u = "[Third party 2 (relative)]"
        #expect(try Fixture.redacted("Tariq (born 3rd April 1985) came.") == "\(u) (born \(u)) came.")
        #expect(try Fixture.redacted("Amira, DOB 02/03/2014, was seen on 12/03/2024.") == "Amira, DOB 02/03/2014, was seen on 12/03/2024.")
        #expect(try Fixture.redacted("A visitor, d.o.b. 01/01/1990, arrived.") == "A visitor, d.o.b. [Withheld date of birth 1], arrived.")
        #expect(try Fixture.redacted("The meeting is on 03/04/1986.") == "The meeting is on 03/04/1986.")
    }

    @Test func vehicles() throws {
        #expect(try Fixture.redacted("A car, AB12 CDE, was outside.") == "A car, \(Self.n), was outside.")
        #expect(try Fixture.redacted("Van reg YX68PLM seen.") == "Van reg [Withheld vehicle registration 1] seen.")
    }

    @Test func handles() throws {
        #expect(try Fixture.redacted("He is @bigkev_99 online.") == "He is \(Self.n) online.")
        #expect(try Fixture.redacted("He is bigkev_99 on TikTok.") == "He is \(Self.n) on TikTok.")
        #expect(try Fixture.redacted("Her Snapchat is darkangel07.") == "Her Snapchat is [Withheld social media handle 1].")
        #expect(try Fixture.redacted("See facebook.com/someone.else.123 for photos.") == "See facebook.com/[Withheld social media handle 1] for photos.")
    }

    @Test func addressesByOwnership() throws {
        #expect(try Fixture.redacted("He lives at 14 Mill Lane.") == "He lives at \(Self.n).")
        #expect(try Fixture.redacted("She lives at 12 Mill Lane.") == "She lives at 12 Mill Lane.")
        // The street alone is the child's too: kept.
        #expect(try Fixture.redacted("Shouting on Mill Lane again.") == "Shouting on Mill Lane again.")
        #expect(try Fixture.redacted("Seen at 3 Acacia Avenue.") == "Seen at [Withheld address 1].")
        #expect(try Fixture.redacted("The man at number 14 shouts.") == "The man at \(Self.n) shouts.")
    }

    @Test func workplaces() throws {
        #expect(try Fixture.redacted("He works at Kingsbridge Fire Station.") == "He works at \(Self.n).")
        let r = try Fixture.redact("Her sister works at Greggs.")
        #expect(r.record.texts[0].text == "Her sister works at Greggs.")
        #expect(r.record.uncertain.map(\.reason) == [.possibleWorkplace])
    }
}
