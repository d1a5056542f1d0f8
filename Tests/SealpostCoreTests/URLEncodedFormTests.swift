import Testing
import SealpostCore

/// The web app's form decoding (moved out of SealpostWeb so it can be fuzzed): what browsers send
/// decodes as they meant it, and nothing malformed fails or is silently dropped.
@Suite("URL-encoded forms")
struct URLEncodedFormTests {
    func pairs(_ body: String) -> [String] { URLEncodedForm.parse(body).map { "\($0.name)=\($0.value)" } }

    @Test func decodesPlusAndPercentEscapesInBodyOrder() {
        #expect(pairs("csrf=ab12&narrative=A+child%27s+school%0D%0A&to=a&to=b")
                == ["csrf=ab12", "narrative=A child's school\r\n", "to=a", "to=b"])
        #expect(pairs("%E2%82%AC=%c3%a9") == ["€=é"])
    }

    @Test func malformedEscapesAreKeptAsTheyAre() {
        #expect(pairs("a=%&b=%4&c=%zz&d=100%") == ["a=%", "b=%4", "c=%zz", "d=100%"])
        // Not escapes, though UInt8("+1", radix: 16) and UInt8("-0", radix: 16) parse: the decoder
        // took them as 0x01 and NUL until this test (found reviewing the form fuzz target).
        // ("+" is still a space, as browsers decode it.)
        #expect(pairs("e=%+1&f=%-0") == ["e=% 1", "f=%-0"])
    }

    @Test func pairsWithoutValuesAndEmptyPairs() {
        #expect(pairs("flag&&=v&x=") == ["flag=", "=v", "x="])
        #expect(pairs("").isEmpty)
    }

    @Test func bytesThatAreNotUTF8BecomeReplacementCharacters() {
        #expect(pairs("n=%C3%28") == ["n=\u{FFFD}("])
        #expect(pairs("n=%ED%A0%80") == ["n=\u{FFFD}\u{FFFD}\u{FFFD}"])
    }
}
