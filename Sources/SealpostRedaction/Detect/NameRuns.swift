/// Runs of name words and how each is decided: which person it names, someone the text
/// mentions who is not listed, or nobody.
extension Engine {
    // MARK: - Runs

    func joinable(_ w: TextWork, _ j: Int, after prev: RunItem) -> Bool {
        let t = w.tokens[j], p = w.tokens[j - 1]
        if p.shape & Shape.possessive != 0 { return false }
        let g = t.gap
        let len = w.gapLength(j)
        if g & Gap.newline != 0 { return false }
        if g == Gap.space && len <= 2 { return true }
        if g == Gap.hyphen && (len == 1 || len == 3) { return true }
        if g & Gap.period != 0 && g & ~(Gap.period | Gap.space) == 0 && len <= 2 {
            return prev.bearing == .title || prev.bearing == .initial
        }
        if g & Gap.comma != 0 && g & ~(Gap.comma | Gap.space) == 0 && len <= 2 {
            // Surname first: "SMITH, Kevin", "Smith, Kevin".
            if p.shape & Shape.allCaps != 0 && p.nlen >= 2 && t.shape & Shape.cap != 0 && t.shape & Shape.allCaps == 0 {
                return true
            }
            let next = view(w, j)
            for c in prev.cands where c.kind.isSurnameLike {
                if next.cands.contains(where: { $0.person == c.person && $0.kind.isGivenLike }) { return true }
            }
        }
        return false
    }

    /// "D.K.", "K.S.": capital letters joined by full stops, matched against listed initials.
    func dottedInitials(_ w: TextWork, _ k: Int) -> [RunItem]? {
        func letter(_ j: Int) -> Bool {
            j < w.count && w.isFree(j) && w.tokens[j].nlen == 1 && w.tokens[j].shape & Shape.cap != 0 && w.tokens[j].isWord
        }
        guard letter(k), k + 1 < w.count, w.bytes[Int(w.tokens[k].end)] == UInt8(ascii: ".") else { return nil }
        var j = k
        var letters: [UInt8] = []
        while letter(j) && (j == k || w.gapIs(j, UInt8(ascii: "."))) {
            letters.append(w.bytes[Int(w.tokens[j].start)] | 0x20)
            j += 1
        }
        guard letters.count >= 2 else { return nil }
        var cands: [Candidate] = []
        var i = index.names.first(FNV.hash(letters))
        while i >= 0 {
            let e = index.names.entry(i)
            if e.value.kind == .initials || e.value.kind == .dottedInitials {
                cands.append(Candidate(person: e.value.person, kind: .initials, fuzzy: false, lexical: false))
            }
            i = e.next
        }
        guard !cands.isEmpty else { return nil }
        return (k..<j).map { RunItem(k: $0, bearing: .strong, cands: $0 == k ? cands : []) }
    }

    func scanNames(_ w: TextWork, final: Bool) {
        var k = 0
        var run: [RunItem] = []
        run.reserveCapacity(8)
        while k < w.count {
            if w.tokens[k].nlen == 1, let items = dottedInitials(w, k) {
                interpret(w, items[...], final: final)
                k = items.last!.k + 1
                continue
            }
            let first = view(w, k)
            if first.bearing == .none { k += 1; continue }
            // A capitalised ordinary word alone is nothing; skip it without building a run.
            if first.bearing == .capWord && (k + 1 >= w.count || !w.spaceGap(k + 1)
                || w.tokens[k + 1].shape & (Shape.cap | Shape.allCaps) == 0)
            {
                k += 1
                continue
            }
            run.removeAll(keepingCapacity: true)
            run.append(first)
            var j = k + 1
            while j < w.count && run.count < 7 && joinable(w, j, after: run[run.count - 1]) {
                let v = view(w, j)
                if v.bearing == .none { break }
                run.append(v)
                j += 1
            }
            interpret(w, run[...], final: final)
            k = j
        }
    }

    // MARK: - Deciding a run

    func interpret(_ w: TextWork, _ run: ArraySlice<RunItem>, final: Bool) {
        var items = run
        while let last = items.last, last.bearing == .particle || last.bearing == .initial || last.bearing == .title {
            // "Jake W": a trailing initial stays when it is the surname initial of someone the run names.
            if last.bearing == .initial, items.count > 1 {
                let c = w.bytes[Int(w.tokens[last.k].start)] | 0x20
                let bit: UInt32 = c >= 97 && c <= 122 ? 1 << UInt32(c - 97) : 0
                if items.dropLast().contains(where: { $0.cands.contains { index.persons[Int($0.person)].surnameInitials & bit != 0 } }) {
                    break
                }
            }
            _ = items.popLast()
        }
        // A capitalised unknown word at the start of a sentence, before a given name ("Thereafter
        // Kevin"), is no evidence of a name; before a surname ("Bronagh Yilmaz") it is the given name.
        while items.count > 1, let f = items.first, f.bearing == .weak, w.tokens[f.k].shape & Shape.boundary != 0 {
            let next = items[items.index(after: items.startIndex)]
            let nextGiven = next.cands.contains { $0.kind.isGivenLike }
                || (next.cands.isEmpty && w.tokens[next.k].lex & Lex.given != 0 && w.tokens[next.k].lex & Lex.surname == 0)
            if !nextGiven { break }
            _ = items.popFirst()
        }
        // Capitalised ordinary words count only beside a name: before a surname, after a given name.
        func surnameLike(_ i: RunItem) -> Bool {
            i.cands.contains { $0.kind.isSurnameLike }
                || (i.cands.isEmpty && w.tokens[i.k].lex & Lex.surname != 0 && w.tokens[i.k].lex & Lex.given == 0 && i.bearing == .strong)
        }
        func givenLike(_ i: RunItem) -> Bool {
            i.cands.contains { $0.kind.isGivenLike } || (i.cands.isEmpty && w.tokens[i.k].lex & Lex.given != 0 && i.bearing != .capWord)
        }
        while let f = items.first, f.bearing == .capWord {
            if items.count > 1, w.tokens[f.k].shape & Shape.boundary == 0, surnameLike(items[items.index(after: items.startIndex)]) { break }
            _ = items.popFirst()
        }
        while let l = items.last, l.bearing == .capWord {
            let afterOrg = l.k + 1 < w.count && w.tokens[l.k + 1].lex & Lex.orgWord != 0 && w.tokens[l.k + 1].shape & Shape.cap != 0
            if items.count > 1, !afterOrg, givenLike(items[items.index(before: items.endIndex - 1)]) { break }
            _ = items.popLast()
        }
        guard let firstItem = items.first, let lastItem = items.last else { return }
        // Lowercase ordinary words are a name only when they spell a listed person's given name and surname.
        if items.contains(where: { $0.bearing == .lowerLexical }) {
            let all = items.allSatisfy { $0.bearing == .lowerLexical }
            let named = items.first!.k > 0 && w.tokens[items.first!.k - 1].lex & Lex.naming != 0
            if all && !(items.count == 1 && named) {
                guard items.count >= 2 else { return }
                let persons = Set(items.first!.cands.map(\.person))
                let full = persons.contains { p in
                    items.first!.cands.contains { $0.person == p && $0.kind == .given }
                        && items.last!.cands.contains { $0.person == p && $0.kind == .surname }
                }
                guard full else { return }
            }
        }
        let titles = items.prefix { $0.bearing == .title }
        let names = items.dropFirst(titles.count)
        guard !names.isEmpty else { return }
        let gender = titleGender(w, titles)
        let cue = cueBefore(w, firstItem.k)

        // Score each candidate person by the words of the run they own (positions as bit masks).
        var scored: [PersonScore] = []
        for (pos, item) in names.enumerated() where !item.cands.isEmpty {
            let bit = UInt8(1) << UInt8(pos)
            for c in item.cands {
                var slot = scored.firstIndex { $0.person == c.person } ?? -1
                if slot < 0 { scored.append(PersonScore(person: c.person)); slot = scored.count - 1 }
                if scored[slot].counted & bit != 0 { continue }
                scored[slot].counted |= bit
                // Scores are doubled; a bare word is more often someone's given name than a surname.
                let bare = names.count == 1 && titles.isEmpty
                scored[slot].score += c.fuzzy || c.kind == .prefix ? 2 : (c.kind == .given || c.kind == .aka ? 6 : c.kind.isSurnameLike ? (bare ? 5 : 6) : 4)
                if c.kind.isGivenLike || c.kind == .initials { scored[slot].given |= bit }
                if c.kind.isSurnameLike || c.kind == .initials { scored[slot].surname |= bit }
            }
        }
        if !scored.isEmpty {
            for (pos, item) in names.enumerated() where item.bearing == .initial {
                let c = w.bytes[Int(w.tokens[item.k].start)] | 0x20
                guard c >= 97 && c <= 122 else { continue }
                let bit: UInt32 = 1 << UInt32(c - 97)
                for slot in scored.indices {
                    let person = index.persons[Int(scored[slot].person)]
                    if pos == names.count - 1 && pos > 0 && person.surnameInitials & bit != 0 {
                        scored[slot].score += 2
                        scored[slot].surname |= UInt8(1) << UInt8(pos)
                    } else if person.initials & bit != 0 {
                        scored[slot].score += 2
                        scored[slot].given |= UInt8(1) << UInt8(pos)
                    }
                }
            }
        }
        let best = scored.map(\.score).max() ?? 0
        let start = w.tokens[firstItem.k].start
        var mentionText: String { w.string(start, w.tokens[lastItem.k].nameEnd) }

        if best > 0 {
            // Finding people only: a run wholly of listed words registers nobody new.
            if !final, let top = scored.first(where: { $0.score == best }) {
                var all: UInt8 = 0
                for (pos, item) in names.enumerated() where item.bearing != .particle { all |= UInt8(1) << UInt8(pos) }
                if all & ~(top.given | top.surname) == 0 && titles.isEmpty { return }
            }
            let tied = scored.indices.filter { scored[$0].score == best }
            let (slot, shared): (Int, Bool)
            if tied.count == 1 {
                (slot, shared) = (tied[0], false)
            } else {
                (slot, shared) = choose(tied.map { scored[$0].person }, titles: titles.map { w.tokens[$0.k].hash }, gender: gender,
                                        slots: tied, hint: roleHint(w, before: firstItem.k))
            }
            var p = scored[slot].person
            // "Dominik's mother Mrs Zajac": a title of the other sex, and no given name, is someone else;
            // so is a titled surname that only the child has ("Mr Nowak" is not the child Kacper Nowak).
            if scored[slot].given == 0, !titles.isEmpty,
                (gender != .unknown && index.persons[Int(p)].gender != .unknown && index.persons[Int(p)].gender != gender)
                    || index.persons[Int(p)].isSubject
            {
                let words = names.filter { $0.bearing != .particle }.map { NameParser.word(w, $0.k, lexicon) }
                p = index.unlisted(given: [], surname: words, gender: gender, mention: mentionText)
                decide(w, firstItem.k, lastItem.k, p, final: final)
                return
            }
            let single = names.count == 1 && titles.isEmpty
            if single && names.first!.bearing == .ambiguous {
                let ev = evidence(w, names.first!.k, cue: cue, listed: !index.persons[Int(p)].unlisted)
                switch ev {
                case .name, .mid, .startVerb: break
                case .start:
                    if final && !index.persons[Int(p)].kept { w.addFinding(firstItem.k, lastItem.k, .name, .ambiguousName) }
                    return
                case .ordinary:
                    return
                }
            }
            let givenMask = scored[slot].given, surnameMask = scored[slot].surname
            func positions(_ m: UInt8) -> [Int] { (0..<8).filter { m & (UInt8(1) << UInt8($0)) != 0 } }
            var givenPos: [[Int]] { [positions(givenMask)] }
            var surnamePos: [[Int]] { [positions(surnameMask)] }
            let slot0 = 0
            var unmatchedMask: UInt8 = 0
            for (pos, item) in names.enumerated() where item.bearing != .particle && (givenMask | surnameMask) & (UInt8(1) << UInt8(pos)) == 0 {
                unmatchedMask |= UInt8(1) << UInt8(pos)
            }
            let unmatched = positions(unmatchedMask)
            let hasGiven = givenMask != 0, hasSurname = surnameMask != 0
            let personKept = index.persons[Int(p)].kept
            let personHasGiven = !index.words[Int(p)].given.isEmpty, personHasSurname = !index.words[Int(p)].surname.isEmpty
            if !unmatched.isEmpty && !(hasGiven && hasSurname) {
                let words = names.map { NameParser.word(w, $0.k, lexicon) }
                if hasSurname, let fs = surnamePos[slot0].min(), unmatched.contains(where: { $0 < fs }) {
                    let before = unmatched.filter { $0 < fs }.map { words[$0] }.filter { $0.word.count > 1 }
                    if personHasGiven || personKept {
                        // Someone else with the same surname.
                        let surname = surnamePos[slot0].map { words[$0] }
                        let q = index.unlisted(given: before, surname: surname, gender: gender, mention: mentionText)
                        decide(w, firstItem.k, lastItem.k, q, final: final)
                        return
                    }
                    index.addName(ParsedName(given: before), person: p, primary: false)
                } else if hasGiven && !hasSurname, let fg = givenPos[slot0].min(), unmatched.contains(where: { $0 < fg }),
                    names[names.startIndex + unmatched.first!].bearing != .initial
                {
                    // "Harpreet Hope" when Hope is someone's given name: another person, surnamed Hope.
                    let before = unmatched.filter { $0 < fg }.map { words[$0] }.filter { $0.word.count > 1 }
                    let q = index.unlisted(given: before, surname: givenPos[slot0].filter { $0 >= fg }.map { words[$0] },
                                           gender: gender, mention: mentionText)
                    decide(w, firstItem.k, lastItem.k, q, final: final)
                    return
                } else if hasGiven, let lg = givenPos[slot0].max(), unmatched.contains(where: { $0 > lg }) {
                    let after = unmatched.filter { $0 > lg }.map { words[$0] }
                    if personHasSurname || personKept {
                        let given = givenPos[slot0].map { words[$0] }.filter { $0.word.count > 1 }
                        let q = index.unlisted(given: given, surname: after, gender: gender, mention: mentionText)
                        decide(w, firstItem.k, lastItem.k, q, final: final)
                        return
                    }
                    index.addName(ParsedName(surname: after), person: p, primary: false)
                }
            }
            decide(w, firstItem.k, lastItem.k, p, final: final)
            if shared && final && givenMask == 0 {
                w.addFinding(firstItem.k, lastItem.k, .name, .sharedName)
            }
            return
        }

        // Nobody listed: a person the text mentions, if the evidence is good enough.
        let strong = names.contains { $0.bearing == .strong }
        var ok = false
        if !titles.isEmpty {
            ok = names.contains { w.tokens[$0.k].shape & (Shape.cap | Shape.allCaps) != 0 }
        } else if cue {
            ok = true
        } else if strong {
            ok = true
        } else if names.count >= 2 && names.contains(where: { $0.bearing == .ambiguous })
            && names.allSatisfy({ w.tokens[$0.k].shape & (Shape.cap | Shape.allCaps) != 0 && $0.bearing != .lowerName })
            && (w.tokens[names.first!.k].shape & Shape.boundary == 0
                // "Jack King was there": a given name and a surname, even at the start of a sentence.
                || (w.tokens[names.first!.k].lex & Lex.given != 0
                    && (w.tokens[names.last!.k].lex & Lex.surname != 0 || names.last!.bearing == .weak)))
        {
            ok = true
        } else if names.count == 1 && names.first!.bearing == .weak,
            weakWithVerb(w, names.first!.k) || appositive(w, names.first!.k) || afterPersonWord(w, names.first!.k)
        {
            ok = true
        } else if names.allSatisfy({ $0.bearing == .lowerName || $0.bearing == .particle }) {
            ok = true  // checked below
        } else if names.count == 1 && names.first!.bearing == .ambiguous {
            switch evidence(w, names.first!.k, cue: false) {
            case .name, .startVerb: ok = true
            case .mid: if final { w.addFinding(firstItem.k, lastItem.k, .name, .possibleName) }
            default: break
            }
        }
        // Lowercase names need a cue, a given name and a surname from the lists ("margaret tran"),
        // or a verb people do ("harpreet was there").
        if ok && titles.isEmpty && !cue && names.allSatisfy({ $0.bearing == .lowerName || $0.bearing == .particle }) {
            let f = w.tokens[names.first!.k].lex, l = w.tokens[names.last!.k].lex
            let afterParticle = names.last!.k > 0 && w.tokens[names.last!.k - 1].lex & Lex.particle != 0
            let verb = names.count == 1 && f & Lex.given != 0 && lastItem.k + 1 < w.count && w.spaceGap(lastItem.k + 1)
                && w.tokens[lastItem.k + 1].lex & Lex.personVerb != 0
            // "seen with stacey": after a word that takes a person.
            let preposition = f & Lex.given != 0 && firstItem.k > 0 && w.spaceGap(firstItem.k)
                && Self.personPrepositions.contains(w.tokens[firstItem.k - 1].hash)
            ok = (names.count >= 2 && f & Lex.given != 0 && (l & Lex.surname != 0 || afterParticle)) || verb || preposition
        }
        if ok && titles.isEmpty && !cue && names.allSatisfy({ $0.bearing == .weak || $0.bearing == .particle || $0.bearing == .initial })
            && !(names.count == 1 && (weakWithVerb(w, names.first!.k) || appositive(w, names.first!.k) || afterPersonWord(w, names.first!.k)))
        {
            ok = false
        }
        guard ok else { return }
        let core = names.filter { $0.bearing != .particle }
        let words = core.map { NameParser.word(w, $0.k, lexicon) }.filter { $0.word.count > 1 }
        guard !words.isEmpty else { return }
        var given: [NameWord] = []
        var surname: [NameWord] = []
        if words.count == 1 {
            let f = w.tokens[core.first!.k].lex
            let looksGiven = f & Lex.given != 0 && f & Lex.surname == 0
            if (!titles.isEmpty && !looksGiven) || (f & Lex.surname != 0 && f & Lex.given == 0) { surname = words } else { given = words }
        } else if let comma = core.dropFirst().firstIndex(where: { w.tokens[$0.k].gap & Gap.comma != 0 }) {
            let split = comma - core.startIndex
            surname = Array(words.prefix(split))
            given = Array(words.dropFirst(split))
        } else {
            given = Array(words.dropLast())
            surname = [words.last!]
        }
        var g = gender
        if g == .unknown, let first = given.first {
            let f = lexicon.flags(first.hash)
            if f & Lex.male != 0 && f & Lex.female == 0 { g = .male }
            if f & Lex.female != 0 && f & Lex.male == 0 { g = .female }
        }
        let q = index.unlisted(given: given, surname: surname, gender: g, mention: mentionText)
        decide(w, firstItem.k, lastItem.k, q, final: final)
    }

    /// An unknown capitalised word mid-sentence followed by a verb people do: "one of them Tyrell sells weed".
}
