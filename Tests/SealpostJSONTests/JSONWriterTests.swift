import Foundation
import Testing
@testable import SealpostJSON

@Suite("JSON writer: deterministic output")
struct JSONWriterTests {
    @Test func compactOutput() {
        let value: JSONValue = ["b": [1, true, nil], "a": ["x": "y"], "e": [], "o": .object(JSONObject())]
        #expect(JSONWriter().string(value) == #"{"b":[1,true,null],"a":{"x":"y"},"e":[],"o":{}}"#)
    }

    @Test func prettyOutput() {
        let value: JSONValue = ["b": [1, "two"], "a": [:], "c": []]
        let expected = """
        {
          "b": [
            1,
            "two"
          ],
          "a": {},
          "c": []
        }
        """
        #expect(JSONWriter(options: .prettyPrinted).string(value) == expected)
    }

    @Test func sortedKeysByUTF16CodeUnits() {
        let value: JSONValue = ["b": 1, "a": 2, "B": 3, "é": 4, "aa": 5]
        #expect(JSONWriter(options: .sortedKeys).string(value) == #"{"B":3,"a":2,"aa":5,"b":1,"é":4}"#)
        // RFC 8785 §3.2.3 sorts by UTF-16 code units: U+1F600 (surrogates D83D DE00) comes before
        // U+FB01 (FB01), though its UTF-8 bytes (F0 ...) come after (EF AC 81).
        let astral: JSONValue = ["\u{FB01}": 1, "\u{1F600}": 2, "z": 3]
        #expect(JSONWriter(options: .sortedKeys).string(astral) == "{\"z\":3,\"\u{1F600}\":2,\"\u{FB01}\":1}")
    }

    /// The sample of RFC 8785 §3.2.3 (keys in UTF-16 order), with the floating-point members left
    /// out: Sealpost's documents hold integers only, and the writer does not reformat numbers.
    @Test func jcsSortingSample() throws {
        let input = #"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"#
        let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\","
            + "\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        #expect(try JSONParser.parse(input).serialized(options: .sortedKeys) == Array(expected.utf8))
    }

    @Test func stringEscapes() {
        let value: JSONValue = .string("q\"b\\s/\u{08}\u{0C}\n\r\t\u{01}\u{1F}\u{7F}é😀")
        #expect(JSONWriter().string(value) == "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\u{7F}é😀\"")
    }

    @Test func numbersAreWrittenAsTheirLiteral() throws {
        let value = try JSONParser.parse("[1E+2, -0, 0.10, 12345678901234]")
        #expect(JSONWriter().string(value) == "[1E+2,-0,0.10,12345678901234]")
        #expect(JSONNumber(2.5)?.literal == "2.5")
        #expect(JSONNumber(3.0)?.literal == "3")
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(Double.nan) == nil)
    }

    @Test func sameValueSameBytes() throws {
        for example in exampleRecords {
            let value = try JSONParser.parse(example.bytes)
            let first = value.serialized(options: .prettyPrinted)
            let second = try JSONParser.parse(first).serialized(options: .prettyPrinted)
            #expect(first == second, "\(example.name)")
        }
    }

    @Test(arguments: [JSONWriter.Options(), .prettyPrinted, .sortedKeys, [.prettyPrinted, .sortedKeys]])
    func roundTripsEveryExample(options: JSONWriter.Options) throws {
        for example in exampleRecords {
            let value = try JSONParser.parse(example.bytes)
            let written = value.serialized(options: options)
            let reparsed = try JSONParser.parse(written)
            if options.contains(.sortedKeys) {
                #expect(reparsed.serialized(options: .sortedKeys) == value.serialized(options: .sortedKeys))
            } else {
                #expect(reparsed == value, "\(example.name)")
            }
        }
    }

    @Test func roundTripsAwkwardStrings() throws {
        let strings = ["", "\u{0}", "\u{1F}\u{7F}\u{80}\u{9F}", "\u{2028}\u{2029}", "\\\"", "\u{FEFF}", "\u{10FFFF}", "a\r\nb"]
        for s in strings {
            let value: JSONValue = .object(JSONObject([.init(key: "k", value: .string(s)), .init(key: s, value: 1)]))
            #expect(try JSONParser.parse(value.serialized()) == value)
        }
    }

    @Test func objectsBuiltInCodeKeepUniqueKeys() {
        let object = JSONObject([.init(key: "a", value: 1), .init(key: "b", value: 2), .init(key: "a", value: 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
        var copy = object
        copy["a"] = nil
        #expect(copy.keys == ["b"])
        #expect(JSONValue.object(object).serialized() == bytes(#"{"a":3,"b":2}"#))
    }
}
