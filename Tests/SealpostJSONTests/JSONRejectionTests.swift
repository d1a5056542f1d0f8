import Foundation
import Testing
@testable import SealpostJSON

/// Every rejection the parser makes, each with the path and byte offset it must report.
@Suite("JSON parser: what it rejects, and where")
struct JSONRejectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let input: [UInt8]
        let code: JSONError.Code
        let path: String
        let offset: Int
        var testDescription: String { label }

        init(_ label: String, _ input: String, _ code: JSONError.Code, _ path: String, _ offset: Int) {
            self.init(label, Array(input.utf8), code, path, offset)
        }

        init(_ label: String, _ input: [UInt8], _ code: JSONError.Code, _ path: String, _ offset: Int) {
            self.label = label
            self.input = input
            self.code = code
            self.path = path
            self.offset = offset
        }
    }

    static let syntax: [Case] = [
        Case("empty document", "", .emptyDocument, "$", 0),
        Case("only whitespace", " \n\t ", .emptyDocument, "$", 4),
        Case("byte order mark", [0xEF, 0xBB, 0xBF] + Array("{}".utf8), .byteOrderMark, "$", 0),
        Case("trailing garbage", "{} x", .trailingData, "$", 3),
        Case("two documents", "{}{}", .trailingData, "$", 2),
        Case("number then letters", "12abc", .trailingData, "$", 2),
        Case("unclosed object", #"{"a": 1"#, .unexpectedEnd, "$", 7),
        Case("unclosed array", "[1, 2", .unexpectedEnd, "$", 5),
        Case("unclosed nested", #"{"parties": [{"name": "#, .unexpectedEnd, "$.parties[0].name", 22),
        Case("unterminated string", #"{"a": "abc"#, .unexpectedEnd, "$.a", 10),
        Case("trailing comma in object", #"{"a": 1,}"#, .unexpectedCharacter, "$", 8),
        Case("trailing comma in array", "[1,]", .unexpectedCharacter, "$", 3),
        Case("missing colon", #"{"name" "x"}"#, .unexpectedCharacter, "$.name", 8),
        Case("missing comma", #"{"a": 1 "b": 2}"#, .unexpectedCharacter, "$", 8),
        Case("single quotes", "{'a': 1}", .unexpectedCharacter, "$", 1),
        Case("bare word", #"{"name": Jayden}"#, .unexpectedCharacter, "$.name", 9),
        Case("misspelt literal", "[tru]", .unexpectedCharacter, "$[0]", 4),
        Case("NaN", "[NaN]", .unexpectedCharacter, "$[0]", 1),
        Case("Infinity", "[Infinity]", .unexpectedCharacter, "$[0]", 1),
        Case("comment", "{/* x */}", .unexpectedCharacter, "$", 1),
        Case("non-string key", "{1: 2}", .unexpectedCharacter, "$", 1),
        Case("truncated literal", "[nul", .unexpectedEnd, "$[0]", 4),
        Case("path through arrays", #"{"household": [{}, {"aka": ["a", ]}]}"#, .unexpectedCharacter, "$.household[1].aka", 33),
    ]

    static let strings: [Case] = [
        Case("raw line feed", "[\"a\nb\"]", .controlCharacter, "$[0]", 3),
        Case("raw tab", "{\"n\": \"a\tb\"}", .controlCharacter, "$.n", 8),
        Case("raw NUL", [0x5B, 0x22, 0x00, 0x22, 0x5D], .controlCharacter, "$[0]", 2),
        Case("bad escape letter", #"["\q"]"#, .invalidEscape, "$[0]", 2),
        Case("short unicode escape", #"["\u12"]"#, .invalidEscape, "$[0]", 2),
        Case("non-hex unicode escape", #"["\u12G4"]"#, .invalidEscape, "$[0]", 2),
        Case("escape at end of input", #"["\"#, .unexpectedEnd, "$[0]", 3),
        Case("lone high surrogate", #"{"name": "\ud83d"}"#, .invalidSurrogate, "$.name", 10),
        Case("high surrogate then text", #"["\ud83dx"]"#, .invalidSurrogate, "$[0]", 2),
        Case("high surrogate then non-surrogate escape", #"["\ud83d\u0041"]"#, .invalidSurrogate, "$[0]", 8),
        Case("two high surrogates", #"["\ud83d\ud83d"]"#, .invalidSurrogate, "$[0]", 8),
        Case("lone low surrogate", #"["x\ude00"]"#, .invalidSurrogate, "$[0]", 3),
        Case("surrogate in a key", #"{"\udc00": 1}"#, .invalidSurrogate, "$", 2),
    ]

    static let utf8: [Case] = [
        Case("lone continuation byte", [0x22, 0x80, 0x22], .invalidUTF8, "$", 1),
        Case("overlong two-byte (C0 80)", [0x22, 0xC0, 0x80, 0x22], .invalidUTF8, "$", 1),
        Case("overlong two-byte (C1 BF)", [0x22, 0xC1, 0xBF, 0x22], .invalidUTF8, "$", 1),
        Case("overlong three-byte", [0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, "$", 1),
        Case("overlong four-byte", [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], .invalidUTF8, "$", 1),
        Case("surrogate D800 in UTF-8", [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, "$", 1),
        Case("surrogate DFFF in UTF-8", [0x22, 0xED, 0xBF, 0xBF, 0x22], .invalidUTF8, "$", 1),
        Case("above U+10FFFF (F4 90)", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, "$", 1),
        Case("F5 lead byte", [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, "$", 1),
        Case("FF byte", [0x22, 0xFF, 0x22], .invalidUTF8, "$", 1),
        Case("truncated two-byte", [0x22, 0xC3, 0x22], .invalidUTF8, "$", 1),
        Case("truncated three-byte", [0x22, 0xE2, 0x82, 0x22], .invalidUTF8, "$", 1),
        Case("truncated at end of input", [0x22, 0xF0, 0x9F], .invalidUTF8, "$", 1),
        Case("Windows-1252 e-acute in a name", Array(#"{"subject": {"name": "Zo"#.utf8) + [0xEB] + Array(#""}}"#.utf8),
             .invalidUTF8, "$.subject.name", 24),
        Case("invalid UTF-8 after an escape", [0x22, 0x5C, 0x6E, 0xC0, 0xAF, 0x22], .invalidUTF8, "$", 3),
        Case("invalid UTF-8 in a key", [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D], .invalidUTF8, "$", 2),
        Case("non-ASCII outside strings", [0x5B, 0xC3, 0xA9, 0x5D], .unexpectedCharacter, "$[0]", 1),
    ]

    static let numbers: [Case] = [
        Case("leading zero", "[01]", .leadingZero, "$[0]", 1),
        Case("negative leading zero", #"{"n": -012}"#, .leadingZero, "$.n", 6),
        Case("leading zero before fraction digits", "00.5", .leadingZero, "$", 0),
        Case("minus alone", "[-]", .invalidNumber, "$[0]", 2),
        Case("minus letter", "-a", .invalidNumber, "$", 1),
        Case("dot without digits", "[1.]", .invalidNumber, "$[0]", 3),
        Case("dot first", "[.5]", .unexpectedCharacter, "$[0]", 1),
        Case("plus sign", "[+1]", .unexpectedCharacter, "$[0]", 1),
        Case("exponent without digits", "[1e]", .invalidNumber, "$[0]", 3),
        Case("exponent sign without digits", "[1e+]", .invalidNumber, "$[0]", 4),
        Case("integer above Int64", "[9223372036854775808]", .numberOverflow, "$[0]", 1),
        Case("integer below Int64", "[-9223372036854775809]", .numberOverflow, "$[0]", 1),
        Case("NHS number as a long integer", #"{"nhs_number": 99900010069999999999}"#, .numberOverflow, "$.nhs_number", 15),
        Case("double overflow", "[1e309]", .numberOverflow, "$[0]", 1),
        Case("negative double overflow", "[-1.5e400]", .numberOverflow, "$[0]", 1),
        Case("huge exponent", "[1e99999999999999999999]", .numberOverflow, "$[0]", 1),
    ]

    static let duplicates: [Case] = [
        Case("duplicate key", #"{"name": "a", "name": "b"}"#, .duplicateKey, "$.name", 14),
        Case("duplicate nested key", #"{"parties": [{"id": "p1"}, {"id": "p2", "role": "x", "id": "p3"}]}"#,
             .duplicateKey, "$.parties[1].id", 53),
        Case("duplicate after escape", #"{"a": 1, "\u0061": 2}"#, .duplicateKey, "$.a", 9),
    ]

    @Test(arguments: syntax) func syntaxErrors(_ c: Case) { check(c) }
    @Test(arguments: strings) func stringErrors(_ c: Case) { check(c) }
    @Test(arguments: utf8) func utf8Errors(_ c: Case) { check(c) }
    @Test(arguments: numbers) func numberErrors(_ c: Case) { check(c) }
    @Test(arguments: duplicates) func duplicateKeys(_ c: Case) { check(c) }

    @Test func duplicateInALargeObjectNamesTheKey() throws {
        let input = bytes("{" + (0..<40).map { "\"k\($0)\": 0" }.joined(separator: ", ") + ", \"k7\": 1}")
        let error = try #require(parseError(input))
        #expect(error.code == .duplicateKey)
        #expect(error.path.description == "$.k7")
        #expect(input[error.offset] == UInt8(ascii: "\""))
        #expect(Array(input[error.offset..<error.offset + 4]) == bytes("\"k7\""))
    }

    @Test("after a member or an element the error says what was expected: a comma or that container's own bracket")
    func separatorErrorsNameTheContainer() throws {
        let object = try #require(parseError(#"{"a": 1 "b": 2}"#))
        #expect(object.problem.hasPrefix("expected ',' or '}' after an object member"), "\(object)")
        let array = try #require(parseError("[1 2]"))
        #expect(array.problem.hasPrefix("expected ',' or ']' after an array element"), "\(array)")
        let wrongBracket = try #require(parseError(#"{"a": [1}"#))
        #expect(wrongBracket.problem.hasPrefix("expected ',' or ']' after an array element") && wrongBracket.offset == 8, "\(wrongBracket)")
        #expect(try #require(parseError(#"{"a": 1"#)).code == .unexpectedEnd)
        #expect(try #require(parseError("[1, 2")).code == .unexpectedEnd)
    }

    func check(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = parseError(c.input) else {
            Issue.record("\(c.label): parsed, but should fail with \(c.code)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == c.code, "\(c.label): \(error)", sourceLocation: sourceLocation)
        #expect(error.path.description == c.path, "\(c.label): \(error)", sourceLocation: sourceLocation)
        #expect(error.offset == c.offset, "\(c.label): \(error)", sourceLocation: sourceLocation)
        #expect(!error.problem.isEmpty && !error.fix.isEmpty, sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix(c.path + " (byte \(c.offset)): "), sourceLocation: sourceLocation)
    }

    // MARK: Limits

    @Test func nestingDeeperThan64() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = try #require(parseError(deep))
        #expect(error.code == .tooDeep)
        #expect(error.offset == 64)
        #expect(error.path.components.count == 64)
        #expect(error.path.description.hasPrefix("$[0][0]"))
    }

    @Test func deeplyNestedObjectsNameTheirPath() throws {
        let deep = String(repeating: #"{"a":"#, count: 70) + "1" + String(repeating: "}", count: 70)
        let error = try #require(parseError(deep))
        #expect(error.code == .tooDeep)
        #expect(error.path.description == "$" + String(repeating: ".a", count: 64))
    }

    @Test func hostileNestingDoesNotExhaustTheStack() throws {
        // A million opening brackets stops at depth 65, long before the stack is at risk.
        let error = try #require(parseError([UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)))
        #expect(error.code == .tooDeep)
    }

    @Test func stringLongerThan1MiB() throws {
        let limit = JSONParser.Limits.standard.maxStringBytes
        let input = #"{"narrative": ""# + String(repeating: "a", count: limit + 1) + "\"}"
        let error = try #require(parseError(input))
        #expect(error.code == .stringTooLong)
        #expect(error.path.description == "$.narrative")
        #expect(error.offset == 14)
        #expect(error.problem.contains("\(limit)"))
    }

    @Test func escapedStringLongerThan1MiB() throws {
        let limit = JSONParser.Limits.standard.maxStringBytes
        let input = #"["\t"# + String(repeating: "é", count: limit / 2) + "\"]"
        let error = try #require(parseError(input))
        #expect(error.code == .stringTooLong)
        #expect(error.path.description == "$[0]")
    }

    @Test func hugeKeyIsTooLongAndNotEchoed() throws {
        let limit = JSONParser.Limits.standard.maxStringBytes
        let input = "{\"" + String(repeating: "k", count: limit + 1) + "\": 1}"
        let error = try #require(parseError(input))
        #expect(error.code == .stringTooLong)
        #expect(error.path.description == "$")
    }

    @Test func documentLargerThan16MiB() throws {
        let limit = JSONParser.Limits.standard.maxDocumentBytes
        var input = [UInt8](repeating: UInt8(ascii: " "), count: limit + 1)
        input[0] = UInt8(ascii: "[")
        input[limit] = UInt8(ascii: "]")
        let error = try #require(parseError(input))
        #expect(error.code == .documentTooLarge)
        #expect(error.offset == limit)
        // Exactly at the limit is fine.
        input.removeLast()
        input[limit - 1] = UInt8(ascii: "]")
        #expect(parseError(input) == nil)
    }

    @Test func customLimits() throws {
        let limits = JSONParser.Limits(maxDepth: 2, maxStringBytes: 3, maxDocumentBytes: 20)
        #expect(parseError(bytes("[[1]]"), limits: limits) == nil)
        #expect(parseError(bytes("[[[1]]]"), limits: limits)?.code == .tooDeep)
        #expect(parseError(bytes("\"abcd\""), limits: limits)?.code == .stringTooLong)
        #expect(parseError(bytes("[" + String(repeating: "1,", count: 10) + "1]"), limits: limits)?.code == .documentTooLarge)
    }

    // MARK: Paths never echo content

    @Test func keysThatAreNotFieldNamesAreNotEchoed() throws {
        // A dropped colon turns a value into a key; the path must not repeat it.
        let error = try #require(parseError(#"{"subject": {"name" "Jayden Okafor", "dob": "x"}}"#))
        #expect(error.path.description == "$.subject.name")
        let error2 = try #require(parseError(#"{"subject": {"Jayden Okafor": 1, "Jayden Okafor": 2}}"#))
        #expect(error2.code == .duplicateKey)
        #expect(error2.path.description == "$.subject[<key of 13 bytes>]")
        #expect(!error2.description.contains("Jayden"))
    }

    @Test func keysWithDigitRunsAreNotEchoed() throws {
        // A dropped quote can fuse a key with an NHS number or a phone number.
        let fused = try #require(parseError(#"{"subject": {"sch9990001073": }}"#))
        #expect(fused.path.description == "$.subject[<key of 13 bytes>]")
        let field = try #require(parseError(#"{"lawful_basis": {"article_9": x}}"#))
        #expect(field.path.description == "$.lawful_basis.article_9")
        #expect(JSONPath.isDisplayableKey("a12_b34") && !JSONPath.isDisplayableKey("a123"))
        #expect(!JSONPath.isDisplayableKey("Name") && !JSONPath.isDisplayableKey("") && !JSONPath.isDisplayableKey("9a"))
        #expect(!JSONPath.isDisplayableKey(String(repeating: "a", count: 65)))
    }

    @Test func messagesDescribeBytesWithoutQuotingText() throws {
        let error = try #require(parseError(#"{"name": Jayden Okafor}"#))
        #expect(error.problem == "expected a value but found a letter")
        #expect(!error.description.contains("J"))
        let error2 = try #require(parseError(#"{"name": "x"} Okafor"#))
        #expect(!error2.description.contains("Okafor"))
    }
}
