/// Names with a regnal number: monarchs and popes, and the schools, hospitals and roads named
/// after them ("King Edward VI", "Queen Elizabeth II", "Henry VIII Academy").
extension Engine {
    static let royalWords: WordSet = WordSet("king queen prince princess pope saint st".split(separator: " ").map { Tokenizer.hash(String($0)) })
    static let regnalNumbers: WordSet = WordSet("""
        i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })
    /// Given names that monarchs and popes bore: without a royal word, only these take a numeral.
    static let regnalGivenNames: WordSet = WordSet("""
        edward henry elizabeth george william charles james richard mary victoria anne john stephen
        louis pius gregory benedict leo paul clement innocent alexander peter catherine frederick
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })
    static let ivHash = Tokenizer.hash("iv")

    /// Keeps one or two capitalised name words followed by a regnal number in capitals after
    /// King, Queen, Prince, Princess, Pope or Saint ("DSL at King Edward VI"); without a royal
    /// word, only one given name that monarchs bore, not the name of anyone the record lists,
    /// before a numeral of two letters or more other than IV ("Henry VIII Academy"). Anything
    /// else is left to the name passes: "Patricia Hollins II", "Kyle Brennan IV drug user" (IV,
    /// intravenous) and a listed "Edward VI…" are people, and keeping them would let a protected
    /// name out. A single letter with no royal word before it stays a surname initial ("Tom V").
    func applyRegnalNames(_ w: TextWork) {
        // Anchored on the numeral, the rare token, so that ordinary text costs one shape test a token.
        for n in 1..<max(w.count, 1) where w.tokens[n].shape & Shape.allCaps != 0 && w.tokens[n].nlen <= 4 {
            guard w.isFree(n), w.spaceGap(n), Self.regnalNumbers.contains(w.tokens[n].hash) else { continue }
            func nameWord(_ i: Int) -> Bool {
                w.isFree(i) && w.tokens[i].isWord && w.tokens[i].shape & Shape.cap != 0 && w.tokens[i].shape & Shape.allCaps == 0
            }
            func royal(_ i: Int) -> Bool { nameWord(i) && Self.royalWords.contains(w.tokens[i].hash) }
            var i = n - 1
            var names = 0
            var isRoyal = false
            while i >= 0 && names < 2 && nameWord(i) && (i == n - 1 || w.spaceGap(i + 1)) {
                if names >= 1 && royal(i) { isRoyal = true; break }
                names += 1
                i -= 1
            }
            guard names >= 1 else { continue }
            if !isRoyal && i >= 0 && w.spaceGap(i + 1) && royal(i) { isRoyal = true }
            let first = isRoyal ? i : i + 1
            if !isRoyal {
                let given = w.tokens[n - 1]
                guard names == 1, w.tokens[n].nlen >= 2, w.tokens[n].hash != Self.ivHash,
                      Self.regnalGivenNames.contains(given.hash), index.names.first(given.hash) < 0 else { continue }
            }
            w.claimTokens(first, n, category: nil, owner: .kept, keepPossessive: false)
        }
    }
}
