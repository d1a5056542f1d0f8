import SealpostCommandLine
import SealpostSodium
import Testing

/// The new-passphrase rule and the suggestion the prompt offers.
@Suite struct NewPassphraseTests {
    @Test func theWordListHoldsTheEFFShortListsWords() {
        #expect(NewPassphrase.wordListCount == 1296)
        #expect(NewPassphrase.distinctWordCount == 1296)
    }

    @Test func aSuggestionIsSixWordsAndPassesTheRule() throws {
        var seen = Set<String>()
        for _ in 0..<50 {
            let suggestion = NewPassphrase.suggestion()
            #expect(suggestion.split(separator: " ").count == NewPassphrase.suggestionWords)
            try NewPassphrase.check(SecureBytes(copying: suggestion.utf8))
            seen.insert(suggestion)
        }
        #expect(seen.count == 50, "suggestions are drawn at random")
    }

    @Test("characters, not bytes, are counted", arguments: [("eleven char", false), ("twelve chars", true), ("ééééééééééé", false),
                                                          ("éééééééééééé", true), ("", false)])
    func rule(passphrase: String, accepted: Bool) {
        let result = Result { () throws(CommandLineError) in try NewPassphrase.check(SecureBytes(copying: passphrase.utf8)) }
        if accepted { #expect(throws: Never.self) { try result.get() } } else {
            #expect(throws: CommandLineError.self) { try result.get() }
        }
    }
}
