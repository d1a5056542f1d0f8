/// Names in weak forms: a surname typed in lowercase after a protected person's replaced name.
extension Engine {
    /// "hello my names linda haworth": in lowercase, right after a protected person's name that was
    /// replaced as one word (lowercase, no possessive: a given name with no surname yet), a word that is a surname from the lists and no
    /// ordinary word, or a word no list knows at all, is the rest of that name and joins its
    /// replacement. Capitalised text is left to the run finder, which already joins capitals.
    func extendLowercaseSurnames(_ w: TextWork) {
        guard w.count > 1 else { return }
        for k in 1..<w.count where w.isFree(k) {
            let t = w.tokens[k]
            guard t.isWord, t.shape & Shape.lower != 0, t.nlen >= 3, w.spaceGap(k),
                t.lex & (Lex.english | Lex.given | Lex.kin | Self.neverWeakName | Lex.personVerb | Lex.handleCue) == 0,
                t.lex & Lex.surname != 0 || t.lex & Lex.known == 0
            else { continue }
            let ci = w.claimOf[k - 1]
            guard ci >= 0 else { continue }
            let c = w.claims[Int(ci)]
            guard c.category == .name, case .person = c.owner, c.last == Int32(k - 1), c.first == c.last,
                w.tokens[k - 1].possLen == 0, w.tokens[k - 1].shape & Shape.lower != 0,
                !Self.textSpeak.contains(t.hash), !index.isOrdinary(w, k)
            else { continue }
            w.claims[Int(ci)].end = t.nameEnd
            w.claims[Int(ci)].last = Int32(k)
            w.claimOf[k] = ci
        }
    }
}
