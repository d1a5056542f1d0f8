/// Deciding a run that fits nobody listed: a person the text mentions, when the evidence is
/// good enough, registered under the given names and surname the run spells.
extension Engine {
    func decideUnlisted(_ w: TextWork, _ m: NameMention, final: Bool) {
        guard unlistedEvidence(w, m, final: final) else { return }
        let core = m.names.filter { $0.bearing != .particle }
        var words = core.map { NameParser.word(w, $0.k, lexicon) }.filter { $0.word.count > 1 }
        // "Mrs K": the letter is all the text gives of the surname.
        if words.isEmpty && !m.titles.isEmpty && core.count == 1 { words = [NameParser.word(w, core[0].k, lexicon)] }
        guard !words.isEmpty else { return }
        let (given, surname) = splitUnlistedName(w, m, core: core, words: words)
        var g = m.gender
        if g == .unknown, let first = given.first {
            let f = lexicon.flags(first.hash)
            if f & Lex.male != 0 && f & Lex.female == 0 { g = .male }
            if f & Lex.female != 0 && f & Lex.male == 0 { g = .female }
        }
        let q = index.unlisted(given: given, surname: surname, gender: g, mention: m.text(w))
        decide(w, m.first, m.last, q, final: final)
    }

    /// Whether the run is good evidence of an unlisted person: a title before a capitalised word;
    /// a cue; a strong name word; two capitalised words one of which is an ambiguous name; a
    /// capitalised unknown word with a verb people do, in apposition or after a word that takes
    /// a person; lowercase names under the conditions of `lowercaseNameHolds`. A lone ambiguous
    /// word mid-sentence with no clue is reported (`possible_name`) rather than taken.
    func unlistedEvidence(_ w: TextWork, _ m: NameMention, final: Bool) -> Bool {
        let names = m.names
        var ok = false
        if !m.titles.isEmpty {
            // A capitalised title before a capitalised word; a title typed in lowercase before a
            // word that is not an ordinary one ("mrs sehgal") or a letter ("mrs k").
            ok = names.contains { w.tokens[$0.k].shape & (Shape.cap | Shape.allCaps) != 0 }
                || m.titles.contains { lowercaseTitle(w, $0.k) }
        } else if m.cue {
            ok = true
        } else if names.contains(where: { $0.bearing == .strong }) {
            ok = true
        } else if capitalisedPairWithAmbiguousName(w, names) {
            ok = true
        } else if names.count == 1 && names.first!.bearing == .weak, weakWordInPersonContext(w, names.first!.k) {
            ok = true
        } else if names.allSatisfy({ $0.bearing == .lowerName || $0.bearing == .particle }) {
            ok = true  // checked below
        } else if names.count == 1 && names.first!.bearing == .ambiguous {
            switch evidence(w, names.first!.k, cue: false) {
            case .name, .startVerb: ok = true
            case .mid: if final { w.addFinding(m.first, m.last, .name, .possibleName) }
            default: break
            }
        }
        guard ok else { return false }
        let untitled = m.titles.isEmpty && !m.cue
        if untitled && names.allSatisfy({ $0.bearing == .lowerName || $0.bearing == .particle }) {
            if lowercaseNameHolds(w, m) { return true }
            // "connor in y10", "tomasz (y9)": a given name from the lists of four letters or more that
            // is no ordinary word or place is a person whatever its case (a name typed in haste).
            if names.contains(where: {
                let t = w.tokens[$0.k]
                return $0.bearing == .lowerName && t.nlen >= 4 && t.lex & Lex.given != 0
                    && t.lex & (Lex.ambiguous | Lex.english | Lex.place | Lex.nationality) == 0 && !index.isOrdinary(w, $0.k)
            }) {
                return true
            }
            // A surname or a short given name from the lists in lowercase, with nothing around it to
            // say so, is still more likely a person than not: reported.
            if final && names.contains(where: { $0.bearing == .lowerName }) { w.addFinding(m.first, m.last, .name, .possibleName) }
            return false
        }
        if untitled && names.allSatisfy({ $0.bearing == .weak || $0.bearing == .particle || $0.bearing == .initial })
            && !(names.count == 1 && weakWordInPersonContext(w, names.first!.k))
        {
            return false
        }
        return true
    }

    /// "Jack King was there", "met Will Baxter": two or more capitalised words, one an ambiguous
    /// name, mid-sentence; or at a sentence start when a given name leads and a surname (or an
    /// unknown word) ends.
    func capitalisedPairWithAmbiguousName(_ w: TextWork, _ names: RunSlice) -> Bool {
        guard names.count >= 2, names.contains(where: { $0.bearing == .ambiguous }),
            names.allSatisfy({ w.tokens[$0.k].shape & (Shape.cap | Shape.allCaps) != 0 && $0.bearing != .lowerName })
        else { return false }
        let first = w.tokens[names.first!.k]
        return first.shape & Shape.boundary == 0
            || (first.lex & Lex.given != 0 && (w.tokens[names.last!.k].lex & Lex.surname != 0 || names.last!.bearing == .weak))
    }

    /// A capitalised unknown word followed by a verb people do, in apposition, or after a word
    /// that takes a person.
    func weakWordInPersonContext(_ w: TextWork, _ k: Int) -> Bool {
        weakWithVerb(w, k) || appositive(w, k) || afterPersonWord(w, k)
    }

    /// Lowercase names need a given name and a surname from the lists ("margaret tran"), a verb
    /// people do ("harpreet was there") or a word that takes a person ("seen with stacey").
    func lowercaseNameHolds(_ w: TextWork, _ m: NameMention) -> Bool {
        let names = m.names
        let f = w.tokens[names.first!.k].lex, l = w.tokens[names.last!.k].lex
        let afterParticle = names.last!.k > 0 && w.tokens[names.last!.k - 1].lex & Lex.particle != 0
        let verb = names.count == 1 && f & Lex.given != 0 && m.last + 1 < w.count && w.spaceGap(m.last + 1)
            && w.tokens[m.last + 1].lex & Lex.personVerb != 0
        let preposition = f & Lex.given != 0 && m.first > 0 && w.spaceGap(m.first)
            && Self.personPrepositions.contains(w.tokens[m.first - 1].hash)
        return (names.count >= 2 && f & Lex.given != 0 && (l & Lex.surname != 0 || afterParticle)) || verb || preposition
    }

    /// The given names and surname of an unlisted mention: one word is a surname after a title
    /// (unless it looks only like a given name) or when it is only a surname, else a given name;
    /// "SMITH, Kevin" puts the surname first; otherwise the last word is the surname.
    func splitUnlistedName(_ w: TextWork, _ m: NameMention, core: [RunItem], words: [NameWord]) -> ([NameWord], [NameWord]) {
        if words.count == 1 {
            let f = w.tokens[core.first!.k].lex
            let looksGiven = f & Lex.given != 0 && f & Lex.surname == 0
            if (!m.titles.isEmpty && !looksGiven) || (f & Lex.surname != 0 && f & Lex.given == 0) { return ([], words) }
            return (words, [])
        }
        if let comma = core.dropFirst().firstIndex(where: { w.tokens[$0.k].gap & Gap.comma != 0 }) {
            return (Array(words.dropFirst(comma)), Array(words.prefix(comma)))
        }
        return (Array(words.dropLast()), [words.last!])
    }
}
