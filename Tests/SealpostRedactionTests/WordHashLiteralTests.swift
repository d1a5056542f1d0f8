import Testing
@testable import SealpostRedaction

/// Word hashes written as literals (so that reading them per token costs no lazy-initialisation
/// check) must be the hashes the tokenizer gives those words.
@Suite struct WordHashLiteralTests {
    @Test func selfIntroductionWords() {
        #expect(Engine.namesHash == Tokenizer.hash("names"))
        #expect(Engine.myHash == Tokenizer.hash("my"))
        #expect(Engine.thisHash == Tokenizer.hash("this"))
        #expect(Engine.imHash == Tokenizer.hash("im"))
        #expect(Engine.itsHash == Tokenizer.hash("its"))
    }
}
