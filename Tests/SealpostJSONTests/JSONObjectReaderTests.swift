import Testing
import SealpostJSON

/// The strict object reader: typed members, unknown members refused, errors that name the path.
@Suite("JSON object reader")
struct JSONObjectReaderTests {
    let document: JSONValue = [
        "format": "x-1", "count": 7, "flag": true, "note": nil, "names": ["a", "b"], "inner": ["id": "k"],
    ]

    func error(_ read: (JSONObjectReader) throws -> Void) -> JSONShapeError? {
        do {
            try read(try JSONObjectReader(document))
            return nil
        } catch let error as JSONShapeError {
            return error
        } catch {
            Issue.record("not a JSONShapeError: \(error)")
            return nil
        }
    }

    @Test func readsEachTypedMember() throws {
        let r = try JSONObjectReader(document)
        try r.only(["format", "count", "flag", "note", "names", "inner"])
        #expect(try r.string("format") == "x-1")
        #expect(try r.integer("count") == 7)
        #expect(try r.integer("count", in: 0...10, "a count") == 7)
        #expect(try r.bool("flag"))
        #expect(try r.optionalString("note") == nil && r.optionalValue("absent") == nil)
        #expect(try r.strings("names") == ["a", "b"])
        #expect(try r.object("inner").string("id") == "k")
        #expect(try r.object("inner").path.description == "$.inner")
    }

    @Test func errorsNameThePathAndTheProblem() {
        let cases: [(JSONShapeError?, String)] = [
            (error { try $0.only(["format"]) }, "$: has an unknown member (5 bytes long); allowed members are format"),
            (error { _ = try $0.string("missing") }, #"$: is missing "missing""#),
            (error { _ = try $0.string("count") }, "$.count: must be a string, not a number"),
            (error { _ = try $0.integer("format") }, "$.format: must be a whole number"),
            (error { _ = try $0.integer("count", in: 0...5, "a count") }, "$.count: must be a count from 0 to 5"),
            (error { _ = try $0.bool("names") }, "$.names: must be true or false, not an array"),
            (error { _ = try $0.object("inner").string("other") }, #"$.inner: is missing "other""#),
            (error { _ = try $0.object("names") }, "$.names: must be an object, not an array"),
            (error { _ = try $0.strings("inner") }, "$.inner: must be an array, not an object"),
        ]
        for (error, text) in cases {
            #expect(error?.description == text)
        }
    }

    @Test func integersHaveOneSpelling() throws {
        for literal in ["1.0", "1e0", "10e-1"] {
            let r = try JSONObjectReader(parsing: Array("{\"n\":\(literal)}".utf8))
            #expect(throws: JSONShapeError.self, "\(literal)") { try r.integer("n") }
        }
        #expect(try JSONObjectReader(parsing: Array("{\"n\":1}".utf8)).integer("n") == 1)
    }

    @Test func parsingIsStrict() {
        for (text, problem) in [("{\"a\":1,\"a\":2}", "appears more than once"), ("\u{FEFF}{}", "byte order mark"),
                                ("[]", "must be an object, not an array")] {
            do {
                _ = try JSONObjectReader(parsing: Array(text.utf8))
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.description.contains(problem), "\(error)")
            }
        }
    }

    @Test func unknownKeysAreNotShown() {
        let value: JSONValue = ["Jane Smith": 1]
        #expect(throws: JSONShapeError.self) { try JSONObjectReader(value).only([]) }
        do { try JSONObjectReader(value).only([]) } catch { #expect(!error.description.contains("Jane")) }
    }
}
