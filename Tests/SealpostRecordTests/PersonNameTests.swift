import Testing
@testable import SealpostRecord

@Suite("PersonName: the forms names arrive in")
struct PersonNameTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let titles: [String]
        let given: [String]
        let family: String?
        let order: PersonName.Order
        var nicknames: [String] = []
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        Case(text: "Jayden Okafor", titles: [], given: ["Jayden"], family: "Okafor", order: .givenFirst),
        Case(text: "Jayden Emeka Okafor", titles: [], given: ["Jayden", "Emeka"], family: "Okafor", order: .givenFirst),
        Case(text: "OKAFOR, Jayden", titles: [], given: ["Jayden"], family: "OKAFOR", order: .familyFirst),
        Case(text: "Okafor, Jayden Emeka", titles: [], given: ["Jayden", "Emeka"], family: "Okafor", order: .familyFirst),
        Case(text: "OKAFOR Jayden", titles: [], given: ["Jayden"], family: "OKAFOR", order: .familyFirst),
        Case(text: "HUSSAIN Amira Noor", titles: [], given: ["Amira", "Noor"], family: "HUSSAIN", order: .familyFirst),
        Case(text: "VAN DER BERG Anna", titles: [], given: ["Anna"], family: "VAN DER BERG", order: .familyFirst),
        Case(text: "JAYDEN OKAFOR", titles: [], given: ["JAYDEN"], family: "OKAFOR", order: .givenFirst),
        Case(text: "Jayden OKAFOR", titles: [], given: ["Jayden"], family: "OKAFOR", order: .givenFirst),
        Case(text: "Mrs Grace Okafor", titles: ["Mrs"], given: ["Grace"], family: "Okafor", order: .givenFirst),
        Case(text: "Dr. Imran Siddiqui", titles: ["Dr."], given: ["Imran"], family: "Siddiqui", order: .givenFirst),
        Case(text: "Rev Dr Jane Smith", titles: ["Rev", "Dr"], given: ["Jane"], family: "Smith", order: .givenFirst),
        Case(text: "Mr Marsh", titles: ["Mr"], given: [], family: "Marsh", order: .givenFirst),
        Case(text: "Okafor, Mrs Grace", titles: ["Mrs"], given: ["Grace"], family: "Okafor", order: .familyFirst),
        Case(text: "SMITH,", titles: [], given: [], family: "SMITH", order: .familyFirst),
        Case(text: "PC Gemma Ward", titles: ["PC"], given: ["Gemma"], family: "Ward", order: .givenFirst),
        Case(text: "DI Jones", titles: ["DI"], given: [], family: "Jones", order: .givenFirst),
        Case(text: "Di Jones", titles: [], given: ["Di"], family: "Jones", order: .givenFirst),
        Case(text: "Jayden", titles: [], given: ["Jayden"], family: nil, order: .givenFirst),
        Case(text: "Anna van der Berg", titles: [], given: ["Anna"], family: "van der Berg", order: .givenFirst),
        Case(text: "Ms Joanne de Souza", titles: ["Ms"], given: ["Joanne"], family: "de Souza", order: .givenFirst),
        Case(text: "Ali bin Hassan", titles: [], given: ["Ali"], family: "bin Hassan", order: .givenFirst),
        Case(text: "Del Trotter", titles: [], given: ["Del"], family: "Trotter", order: .givenFirst),
        Case(text: "Mary-Jane Watson-Smith", titles: [], given: ["Mary-Jane"], family: "Watson-Smith", order: .givenFirst),
        Case(text: "Siobhán O'Brien", titles: [], given: ["Siobhán"], family: "O'Brien", order: .givenFirst),
        Case(text: "O'BRIEN Siobhán", titles: [], given: ["Siobhán"], family: "O'BRIEN", order: .familyFirst),
        Case(text: "J. Okafor", titles: [], given: ["J."], family: "Okafor", order: .givenFirst),
        Case(text: "JK Rowling", titles: [], given: ["JK"], family: "Rowling", order: .givenFirst),
        Case(text: "  Jayden   Okafor  ", titles: [], given: ["Jayden"], family: "Okafor", order: .givenFirst),
        Case(text: "Jayden \"JJ\" Okafor", titles: [], given: ["Jayden"], family: "Okafor", order: .givenFirst, nicknames: ["JJ"]),
        Case(text: "Jayden (JJ) Okafor", titles: [], given: ["Jayden"], family: "Okafor", order: .givenFirst, nicknames: ["JJ"]),
        Case(text: "Patricia \u{201C}Pat\u{201D} Hollins", titles: [], given: ["Patricia"], family: "Hollins", order: .givenFirst, nicknames: ["Pat"]),
        Case(text: "Zoë Łukasiewicz", titles: [], given: ["Zoë"], family: "Łukasiewicz", order: .givenFirst),
    ]

    @Test(arguments: cases) func parses(_ c: Case) throws {
        let name = try #require(PersonName(parsing: c.text))
        #expect(name.original == c.text)
        #expect(name.titles == c.titles)
        #expect(name.givenNames == c.given)
        #expect(name.familyName == c.family)
        #expect(name.order == c.order)
        #expect(name.nicknames == c.nicknames)
    }

    @Test(arguments: ["", "   ", "Mrs", "Dr.", "123", "-", "a, b, c", ",", ", Jayden"])
    func refuses(_ text: String) {
        #expect(PersonName(parsing: text) == nil)
    }

    @Test func sameParts() throws {
        let forms = ["Jayden Okafor", "OKAFOR, Jayden", "Okafor, Jayden", "OKAFOR Jayden"]
        let parsed = try forms.map { try #require(PersonName(parsing: $0)) }
        #expect(Set(parsed.map { $0.familyName?.lowercased() }) == ["okafor"])
        #expect(Set(parsed.map(\.givenNames)) == [["Jayden"]])
    }

    @Test func derivedForms() throws {
        let name = try #require(PersonName(parsing: "VAN DER BERG, Dr Anna Maria"))
        #expect(name.title == "Dr")
        #expect(name.familyNameWords == ["VAN", "DER", "BERG"])
        #expect(name.naturalOrder == "Anna Maria VAN DER BERG")
    }

    @Test func unbalancedQuotesKeepTheText() throws {
        let name = try #require(PersonName(parsing: "Jayden (JJ Okafor"))
        #expect(name.givenNames == ["Jayden", "JJ"])
        #expect(name.familyName == "Okafor")
    }

    @Test func exampleRecordNamesAllParse() throws {
        for example in exampleRecords {
            let record = try SafeguardingRecord(json: example.bytes)
            #expect(record.subject.personName != nil)
            for member in record.household { #expect(member.name == nil || member.personName != nil) }
            for party in record.parties { #expect(party.name == nil || party.personName != nil) }
        }
    }
}
