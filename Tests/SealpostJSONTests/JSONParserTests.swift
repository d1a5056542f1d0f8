import Foundation
import Testing
@testable import SealpostJSON

@Suite("JSON parser: what RFC 8259 accepts")
struct JSONParserTests {
    @Test func scalarsAtTheTop() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse(" true ") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse("\"x\"") == .string("x"))
        #expect(try JSONParser.parse("-0") == .number(JSONNumber(uncheckedLiteral: "-0")))
        #expect(try JSONParser.parse("\t\r\n 12 \n") == 12)
    }

    @Test func objectsKeepMemberOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": 2, "m": {"y": [], "b": {}}}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value["m"]?.objectValue?.keys == ["y", "b"])
        #expect(value["m"]?["y"] == .array([]))
        #expect(value["m"]?["b"] == .object(JSONObject()))
    }

    @Test func nestedArrays() throws {
        let value = try JSONParser.parse("[1, [2, [3, []]], {\"a\": [null]}]")
        #expect(value == [1, [2, [3, []]], ["a": [nil]]])
    }

    @Test(arguments: [
        ("0", "0"), ("-1", "-1"), ("1.5", "1.5"), ("-0.25", "-0.25"), ("1e10", "1e10"), ("1E+2", "1E+2"),
        ("2.5e-3", "2.5e-3"), ("9223372036854775807", "9223372036854775807"),
        ("-9223372036854775808", "-9223372036854775808"), ("1e-400", "1e-400"), ("1.7976931348623157e308", "1.7976931348623157e308"),
    ])
    func numbersKeepTheirLiteral(input: String, literal: String) throws {
        let value = try JSONParser.parse(input)
        #expect(value.numberValue?.literal == literal)
    }

    @Test func numberValues() throws {
        #expect(try JSONParser.parse("42").numberValue?.int64Value == 42)
        #expect(try JSONParser.parse("2.5").numberValue?.doubleValue == 2.5)
        #expect(try JSONParser.parse("2.5").numberValue?.int64Value == nil)
    }

    @Test func escapes() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u20AC""#)
        #expect(value == .string("a\"b\\c/d\u{08}e\u{0C}f\ng\rh\tiA\u{E9}\u{20AC}"))
    }

    @Test func surrogatePairEscapes() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("\u{1F600}"))
        #expect(try JSONParser.parse(#""\uD834\uDD1E x""#) == .string("\u{1D11E} x"))
    }

    @Test func escapedNulIsAValidJSONString() throws {
        // RFC 8259 allows \u0000; record validation refuses it in text fields.
        #expect(try JSONParser.parse(#""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func rawUTF8() throws {
        let text = "Zoë Ó Súilleabháin 山田 😀 \u{10FFFF}"
        let value = try JSONParser.parse(bytes("\"" + text + "\""))
        #expect(value == .string(text))
    }

    @Test func fromDataAndString() throws {
        let json = #"{"a": [1, "b"]}"#
        let expected: JSONValue = ["a": [1, "b"]]
        #expect(try JSONParser.parse(Data(json.utf8)) == expected)
        #expect(try JSONParser.parse(json) == expected)
        #expect(try JSONParser.parse(Array(json.utf8)) == expected)
    }

    @Test func nestingExactlyAtTheLimit() throws {
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONParser.parse(deep) }
        let deepObjects = String(repeating: "{\"a\":", count: 63) + "[]" + String(repeating: "}", count: 63)
        #expect(throws: Never.self) { try JSONParser.parse(deepObjects) }
    }

    @Test func stringExactlyAtTheLimit() throws {
        let limit = JSONParser.Limits.standard.maxStringBytes
        let plain = "\"" + String(repeating: "a", count: limit) + "\""
        #expect(try JSONParser.parse(plain).stringValue?.utf8.count == limit)
        // With escapes the limit applies to the unescaped length.
        let escaped = "\"\\n" + String(repeating: "b", count: limit - 1) + "\""
        #expect(try JSONParser.parse(escaped).stringValue?.utf8.count == limit)
    }

    @Test func largeObjectsUseTheSetForDuplicates() throws {
        let members = (0..<500).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
        let value = try JSONParser.parse("{" + members + "}")
        #expect(value.objectValue?.count == 500)
        #expect(value["k499"] == 499)
    }

    @Test func everyExampleRecordParses() throws {
        #expect(exampleRecords.count >= 3)
        for example in exampleRecords {
            let value = try JSONParser.parse(example.bytes)
            #expect(value.objectValue?.keys.first == "id", "\(example.name)")
        }
    }
}
