/// Deciding a run that fits at least one listed (or already found) person: which of them it
/// names, or whether its other words make it someone else.
extension Engine {
    func decideListed(_ w: TextWork, _ m: NameMention, scored: UnsafeMutableBufferPointer<PersonScore>, best: Int, final: Bool) {
        // Finding people only: a run wholly of listed words registers nobody new.
        if !final, let top = scored.first(where: { $0.score == best }) {
            if nameWordMask(m) & ~(top.given | top.surname) == 0 && m.titles.isEmpty { return }
        }
        // Most runs have one best person: find it without building the list of ties.
        let firstBest = scored.firstIndex { $0.score == best }!
        let (slot, shared): (Int, Bool)
        if !scored[(firstBest + 1)...].contains(where: { $0.score == best }) {
            (slot, shared) = (firstBest, false)
        } else {
            let tied = scored.indices.filter { scored[$0].score == best }
            (slot, shared) = choose(tied.map { scored[$0].person }, titles: m.titles.map { w.tokens[$0.k].hash }, gender: m.gender,
                                    slots: tied, hint: roleHint(w, before: m.first))
        }
        let score = scored[slot]
        if let other = titledSomeoneElse(w, m, score) {
            decide(w, m.first, m.last, other, final: final)
            return
        }
        if m.isBare && m.names.first!.bearing == .ambiguous && !ambiguousWordIsName(w, m, score.person, final: final) { return }
        if let other = resolveUnmatchedWords(w, m, score) {
            decide(w, m.first, m.last, other, final: final)
            return
        }
        decide(w, m.first, m.last, score.person, final: final)
        if shared && final && score.given == 0 {
            w.addFinding(m.first, m.last, .name, .sharedName)
        }
    }

    /// The positions of the run's name words other than particles.
    func nameWordMask(_ m: NameMention) -> UInt8 {
        var all: UInt8 = 0
        for (pos, item) in m.names.enumerated() where item.bearing != .particle { all |= UInt8(1) << UInt8(pos) }
        return all
    }

    /// "Dominik's mother Mrs Zajac": a title of the other sex, and no given name, is someone else;
    /// so is a titled surname that only the child has ("Mr Nowak" is not the child Kacper Nowak).
    func titledSomeoneElse(_ w: TextWork, _ m: NameMention, _ score: PersonScore) -> Int32? {
        let person = index.persons[Int(score.person)]
        guard score.given == 0, !m.titles.isEmpty,
            (m.gender != .unknown && person.gender != .unknown && person.gender != m.gender) || person.isSubject
        else { return nil }
        let words = m.names.filter { $0.bearing != .particle }.map { NameParser.word(w, $0.k, lexicon) }
        return index.unlisted(given: [], surname: words, gender: m.gender, mention: m.text(w))
    }

    /// A lone name that is also an ordinary word (Grace, Will, May) counts when its context says
    /// it is a name; at a sentence start with no clue, a protected person's is reported instead.
    func ambiguousWordIsName(_ w: TextWork, _ m: NameMention, _ p: Int32, final: Bool) -> Bool {
        switch evidence(w, m.names.first!.k, cue: m.cue, listed: !index.persons[Int(p)].unlisted) {
        case .name, .mid, .startVerb:
            return true
        case .start:
            if final && !index.persons[Int(p)].kept { w.addFinding(m.first, m.last, .name, .ambiguousName) }
            return false
        case .ordinary:
            return false
        }
    }

    /// Words of the run the chosen person does not own. Before a matched surname they are
    /// someone else's given name when the person has a given name or is kept (else they become
    /// the person's); before a matched given name with no surname they make another person
    /// surnamed with it ("Harpreet Hope"); after a given name they are someone else's surname
    /// when the person has one or is kept (else they become the person's). Returns the other
    /// person, or nil to keep the chosen one.
    func resolveUnmatchedWords(_ w: TextWork, _ m: NameMention, _ score: PersonScore) -> Int32? {
        func positions(_ mask: UInt8) -> [Int] { (0..<8).filter { mask & (UInt8(1) << UInt8($0)) != 0 } }
        let unmatchedMask = nameWordMask(m) & ~(score.given | score.surname)
        let hasGiven = score.given != 0, hasSurname = score.surname != 0
        // Most runs: every word is the person's, or the run has both a given name and a surname.
        guard unmatchedMask != 0 && !(hasGiven && hasSurname) else { return nil }
        let unmatched = positions(unmatchedMask)
        let p = score.person
        let givenPos = positions(score.given), surnamePos = positions(score.surname)
        let personKept = index.persons[Int(p)].kept
        let words = m.names.map { NameParser.word(w, $0.k, lexicon) }
        if hasSurname, let fs = surnamePos.min(), unmatched.contains(where: { $0 < fs }) {
            let before = unmatched.filter { $0 < fs }.map { words[$0] }.filter { $0.word.count > 1 }
            if !index.words[Int(p)].given.isEmpty || personKept {
                // Someone else with the same surname.
                return index.unlisted(given: before, surname: surnamePos.map { words[$0] }, gender: m.gender, mention: m.text(w))
            }
            index.addName(ParsedName(given: before), person: p, primary: false)
        } else if hasGiven && !hasSurname, let fg = givenPos.min(), unmatched.contains(where: { $0 < fg }),
            m.names[m.names.startIndex + unmatched.first!].bearing != .initial
        {
            // "Harpreet Hope" when Hope is someone's given name: another person, surnamed Hope.
            let before = unmatched.filter { $0 < fg }.map { words[$0] }.filter { $0.word.count > 1 }
            return index.unlisted(given: before, surname: givenPos.filter { $0 >= fg }.map { words[$0] },
                                  gender: m.gender, mention: m.text(w))
        } else if hasGiven, let lg = givenPos.max(), unmatched.contains(where: { $0 > lg }) {
            let after = unmatched.filter { $0 > lg }.map { words[$0] }
            if !index.words[Int(p)].surname.isEmpty || personKept {
                let given = givenPos.map { words[$0] }.filter { $0.word.count > 1 }
                return index.unlisted(given: given, surname: after, gender: m.gender, mention: m.text(w))
            }
            index.addName(ParsedName(surname: after), person: p, primary: false)
        }
        return nil
    }
}
