import Foundation
import Testing
@testable import SealpostRecord

/// THREATS.md row 14: malformed or hostile records get an error naming the path, and never a crash.
///
/// The corpus lives in code (the test target has no resources): each entry is the bytes of a
/// record someone might send, and the path and kind of the first issue it must produce.
@Suite("Hostile records: a fixture corpus")
struct HostileRecordTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        let label: String
        let input: [UInt8]
        let path: String
        let code: RecordIssue.Code
        var testDescription: String { label }
    }

    /// A valid record's text with `replacement` in place of `target`.
    static func example(replacing target: String, with replacement: [UInt8]) -> [UInt8] {
        let base = exampleRecords.first { $0.name == "disclosure.json" }!.bytes
        let needle = Array(target.utf8)
        guard let start = (0...(base.count - needle.count)).first(where: { Array(base[$0..<$0 + needle.count]) == needle }) else {
            fatalError("fixture target not found: \(target)")
        }
        return Array(base[..<start]) + replacement + Array(base[(start + needle.count)...])
    }

    static func example(replacing target: String, with replacement: String) -> [UInt8] {
        example(replacing: target, with: Array(replacement.utf8))
    }

    static let corpus: [Fixture] = [
        // Wrong types
        Fixture(label: "dob as a number", input: example(replacing: #""dob": "2017-03-14""#, with: #""dob": 20170314"#),
                path: "$.subject.dob", code: .wrongType),
        Fixture(label: "alleged_perpetrator as a string", input: example(replacing: #""alleged_perpetrator": true"#, with: #""alleged_perpetrator": "yes""#),
                path: "$.household[1].alleged_perpetrator", code: .wrongType),
        Fixture(label: "household as an object", input: example(replacing: #""household": ["#, with: #""household": {"x": ["#),
                path: "$", code: .malformedJSON),
        Fixture(label: "protect as a string", input: example(replacing: #""protect": true"#, with: #""protect": "true""#),
                path: "$.parties[1].protect", code: .wrongType),
        Fixture(label: "aka as a string", input: example(replacing: #""aka": ["JJ"]"#, with: #""aka": "JJ""#),
                path: "$.subject.aka", code: .wrongType),
        Fixture(label: "statement as a string", input: example(replacing: #"{"text": "Attendance"#, with: #""Attendance", {"text": "x"#),
                path: "$.statements[4]", code: .wrongType),
        Fixture(label: "categories as an object", input: example(replacing: #""categories": ["physical", "emotional", "domestic_abuse"]"#, with: #""categories": {"physical": true}"#),
                path: "$.concern.categories", code: .wrongType),
        Fixture(label: "record as an array", input: Array("[{\"id\": \"x\"}]".utf8), path: "$", code: .wrongType),
        // Duplicate keys
        Fixture(label: "duplicate top-level key", input: example(replacing: #""purpose": "#, with: #""purpose": "early_help", "purpose": "#),
                path: "$.purpose", code: .malformedJSON),
        Fixture(label: "duplicate key in a party", input: example(replacing: #""protect": true"#, with: #""protect": true, "protect": false"#),
                path: "$.parties[1].protect", code: .malformedJSON),
        Fixture(label: "duplicate key in the subject", input: example(replacing: #""gender": "male","#, with: #""gender": "male", "gender": "male","#),
                path: "$.subject.gender", code: .malformedJSON),
        // Deep nesting
        Fixture(label: "deep nesting in the narrative",
                input: example(replacing: #""narrative": "#, with: #""narrative": "# + String(repeating: "[", count: 100) + "\"x\"" + String(repeating: "]", count: 100) + ", \"x\": "),
                path: "$.narrative" + String(repeating: "[0]", count: 63), code: .malformedJSON),
        Fixture(label: "deep nesting in an unknown field",
                input: example(replacing: #""consent": {"#, with: #""consent": {"x": "# + String(repeating: "{\"a\": ", count: 80)),
                path: "$.consent.x" + String(repeating: ".a", count: 62), code: .malformedJSON),
        // Huge strings
        Fixture(label: "narrative over 1 MiB",
                input: example(replacing: #""narrative": "During"#, with: #""narrative": ""# + String(repeating: "x", count: 1 << 20) + "During"),
                path: "$.narrative", code: .malformedJSON),
        Fixture(label: "name over the line limit",
                input: example(replacing: #""name": "Jayden Emeka Okafor""#, with: #""name": "Jayden "# + String(repeating: "a", count: 300) + "\""),
                path: "$.subject.name", code: .tooLong),
        Fixture(label: "id over the identifier limit",
                input: example(replacing: #""id": "SA-2026-0142""#, with: #""id": ""# + String(repeating: "1", count: 65) + "\""),
                path: "$.id", code: .tooLong),
        // Invalid UTF-8
        Fixture(label: "Latin-1 byte in a name", input: example(replacing: "Grace Okafor", with: Array("Gr".utf8) + [0xE2] + Array("ce Okafor".utf8)),
                path: "$.household[0].name", code: .malformedJSON),
        Fixture(label: "overlong slash in the narrative", input: example(replacing: "3 cm", with: [0x33, 0xC0, 0xAF, 0x63, 0x6D]),
                path: "$.narrative", code: .malformedJSON),
        Fixture(label: "CESU-8 surrogate in a statement", input: example(replacing: "Bruise", with: [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]),
                path: "$.statements[0].text", code: .malformedJSON),
        Fixture(label: "lone surrogate escape in an alias", input: example(replacing: #"["JJ"]"#, with: #"["J\ud800J"]"#),
                path: "$.subject.aka[0]", code: .malformedJSON),
        Fixture(label: "NUL escape in a name", input: example(replacing: "Amara Okafor", with: #"Amara\u0000Okafor"#),
                path: "$.household[2].name", code: .forbiddenCharacter),
        // Unknown fields
        Fixture(label: "unknown top-level field", input: example(replacing: #""purpose": "#, with: #""sender_notes": "x", "purpose": "#),
                path: "$.sender_notes", code: .unknownField),
        Fixture(label: "misspelt party field", input: example(replacing: #""is_referrer": false,"#, with: #""isReferrer": false,"#),
                path: "$.parties[0][<key of 10 bytes>]", code: .unknownField),
        Fixture(label: "unknown field in the concern", input: example(replacing: #""urgency": "urgent""#, with: #""urgency": "urgent", "score": 12"#),
                path: "$.concern.score", code: .unknownField),
        // Syntax damage
        Fixture(label: "truncated file", input: Array(example(replacing: "{", with: "{").prefix(1123)),
                path: "$.household[1].alleged_perpetrator", code: .malformedJSON),
        Fixture(label: "trailing second record", input: example(replacing: "{", with: "{") + Array("\n{}".utf8),
                path: "$", code: .malformedJSON),
        Fixture(label: "comment in the record", input: example(replacing: #""purpose""#, with: "// purpose\n\"purpose\""),
                path: "$", code: .malformedJSON),
        Fixture(label: "byte order mark", input: [0xEF, 0xBB, 0xBF] + example(replacing: "{", with: "{"),
                path: "$", code: .malformedJSON),
        Fixture(label: "number that overflows", input: example(replacing: #""dob": null"#, with: #""dob": 1e999"#),
                path: "$.household[1].dob", code: .malformedJSON),
        Fixture(label: "bidi override in a party name", input: example(replacing: "Mrs Patricia Hollins", with: #"Mrs Patricia \u202eHollins"#),
                path: "$.parties[1].name", code: .forbiddenCharacter),
    ]

    @Test(arguments: corpus) func fixtureGivesAPathBearingIssue(_ fixture: Fixture) throws {
        let issues = recordIssues(fixture.input)
        let first = try #require(issues.first, "\(fixture.label) was accepted")
        #expect(first.path.description == fixture.path, "\(fixture.label): \(first)")
        #expect(first.code == fixture.code, "\(fixture.label): \(first)")
        #expect(first.description.hasPrefix(fixture.path), "\(fixture.label)")
        let sensitive = sensitiveValues(in: try JSONParser.parse(exampleRecords.first { $0.name == "disclosure.json" }!.bytes))
        for issue in issues {
            for value in sensitive {
                #expect(!issue.description.contains(value), "\(fixture.label): an issue repeats a record value")
            }
        }
    }

    @Test func redactionModeFailsTheSameWay() {
        for fixture in HostileRecordTests.corpus {
            let issues = recordIssues(fixture.input, mode: .forRedaction)
            #expect(issues.first?.path.description == fixture.path, "\(fixture.label)")
        }
    }
}
