import Testing
@testable import SealpostRecord

@Suite("NHS numbers, NI numbers, dates, phones and emails")
struct IdentifierTests {
    @Test(arguments: ["9434765919", "943 476 5919", "999 000 1006", "9990001073", "4010232137"])
    func validNHSNumbers(_ text: String) throws {
        let number = try #require(NHSNumber(text))
        #expect(number.digits.count == 10)
        #expect(number.description.count == 12)
    }

    @Test func nhsCheckDigitFailures() {
        #expect(NHSNumber.check("9434765918") == .failure(.checkDigit))
        #expect(NHSNumber.check("943 476 5910") == .failure(.checkDigit))
        // 123456789: the weighted sum leaves remainder 1, check digit 10: never issued.
        #expect(NHSNumber.checkDigit(for: [1, 2, 3, 4, 5, 6, 7, 8, 9]) == nil)
        #expect(NHSNumber.check("1234567890") == .failure(.checkDigit))
        #expect(NHSNumber.checkDigit(for: [9, 4, 3, 4, 7, 6, 5, 9, 1]) == 9)
    }

    @Test(arguments: ["943476591", "94347659190", "943-476-5919", "943 4765919", "9434 76 5919", " 9434765919", "943476591a", "９４３４７６５９１９", "943  476 591"])
    func malformedNHSNumbers(_ text: String) {
        #expect(NHSNumber.check(text) == .failure(.format))
    }

    @Test(arguments: ["AB123456C", "AB 12 34 56 C", "ab123456d", "JT 48 21 67 B", "CE123456A"])
    func validNINumbers(_ text: String) throws {
        let number = try #require(NationalInsuranceNumber(text))
        #expect(number.normalized.count == 9)
        #expect(number.description.count == 13)
    }

    @Test(arguments: ["QQ123456C", "AO123456C", "DA123456A", "AD123456A", "GB123456A", "BG123456A", "NK123456A",
                      "TN123456A", "ZZ123456A", "AB123456E", "AB12345C", "AB1234567C", "AB 123456 C", "A1123456C"])
    func invalidNINumbers(_ text: String) {
        #expect(NationalInsuranceNumber(text) == nil)
    }

    @Test func dates() {
        #expect(CalendarDate(iso: "2017-03-14")?.description == "2017-03-14")
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2000-02-29") != nil)
        #expect(CalendarDate(iso: "1900-02-29") == nil)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2023-04-31") == nil)
        #expect(CalendarDate(iso: "2023-13-01") == nil)
        #expect(CalendarDate(iso: "2023-00-10") == nil)
        #expect(CalendarDate(iso: "2023-01-00") == nil)
        #expect(CalendarDate(iso: "1899-12-31") == nil)
        #expect(CalendarDate(iso: "2101-01-01") == nil)
        #expect(CalendarDate(iso: "14/03/2017") == nil)
        #expect(CalendarDate(iso: "2017-3-14") == nil)
        #expect(CalendarDate(iso: "2017-03-14T00:00") == nil)
        #expect(CalendarDate(iso: "２０１７-03-14") == nil)
        #expect(CalendarDate(year: 2017, month: 3, day: 14)! < CalendarDate(year: 2017, month: 3, day: 15)!)
    }

    @Test(arguments: ["07700 900123", "07700900123", "01632 960123", "020 7946 0718", "(01632) 960123",
                      "+44 7700 900123", "+1-555-0100", "0161 496 0000"])
    func validPhones(_ text: String) {
        #expect(TextRule.phone.check(text) == nil)
    }

    @Test(arguments: ["07700 9001", "7700 900123", "07700 900123 ext 4", "+44", "phone", "0770090012345", "+", "07700.900.123"])
    func invalidPhones(_ text: String) {
        #expect(TextRule.phone.check(text)?.code == .invalidPhone)
    }

    @Test(arguments: ["a@example.org", "grace.okafor@example.org", "h.webb@stannes.example.sch.uk", "x+tag@a-b.co"])
    func validEmails(_ text: String) {
        #expect(TextRule.email.check(text) == nil)
    }

    @Test(arguments: ["example.org", "a@b", "a@@b.org", "a b@c.org", "a@-b.org", "a@b-.org", "a@b..org", "@b.org", "a@b.org,c@d.org"])
    func invalidEmails(_ text: String) {
        #expect(TextRule.email.check(text)?.code == .invalidEmail)
    }

    @Test func textRulesRefuseHiddenCharacters() {
        #expect(TextRule.line.check("Jo\u{200B}hn")?.code == .forbiddenCharacter)
        #expect(TextRule.line.check("abc\u{202E}cba")?.code == .forbiddenCharacter)
        #expect(TextRule.line.check("two\nlines")?.code == .forbiddenCharacter)
        #expect(TextRule.line.check("tab\there")?.code == .forbiddenCharacter)
        #expect(TextRule.multiline(maxLength: nil).check("two\nlines\r\nand\ttab") == nil)
        #expect(TextRule.multiline(maxLength: nil).check("nul\u{0}")?.code == .forbiddenCharacter)
        #expect(TextRule.multiline(maxLength: nil).check("bell\u{7}")?.code == .forbiddenCharacter)
        #expect(TextRule.multiline(maxLength: nil).check("c1\u{85}")?.code == .forbiddenCharacter)
        #expect(TextRule.multiline(maxLength: nil).check("isolate\u{2067}")?.code == .forbiddenCharacter)
        #expect(TextRule.line.check("")?.code == .emptyText)
        #expect(TextRule.line.check(" \u{3000} ")?.code == .emptyText)
        #expect(TextRule.line.check(String(repeating: "x", count: 257))?.code == .tooLong)
        #expect(TextRule.line.check(String(repeating: "é", count: 256)) == nil)
        #expect(TextRule.identifier.check(" SA-1")?.code == .surroundingWhitespace)
        #expect(TextRule.identifier.check("SA 1")?.code == .invalidIdentifier)
        #expect(TextRule.identifier.check("-SA1")?.code == .invalidIdentifier)
        #expect(TextRule.identifier.check(String(repeating: "a", count: 65))?.code == .tooLong)
        #expect(TextRule.name.check("Baby 2 Okafor")?.code == .invalidName)
        #expect(TextRule.name.check("Mrs")?.code == .invalidName)
        #expect(TextRule.name.check("王一博") == nil)
    }
}
