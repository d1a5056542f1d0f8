/// The first step of deciding a run: dropping the words at its edges that are no evidence of a
/// name, and refusing runs of lowercase ordinary words that do not spell a listed full name.
extension Engine {
    /// The run without its uninformative edges, or nil when nothing of it can be a name.
    func trimmedRun(_ w: TextWork, _ run: RunSlice) -> RunSlice? {
        var items = run
        dropTrailingNonNames(w, &items)
        dropSentenceStartBeforeGiven(w, &items)
        dropOrdinaryEdges(w, &items)
        guard !items.isEmpty, lowercaseWordsSpellFullName(w, items) else { return nil }
        return items
    }

    /// Trailing particles, titles and initials name nobody, except a trailing initial that is
    /// the surname initial of someone the run names ("Jake W").
    func dropTrailingNonNames(_ w: TextWork, _ items: inout RunSlice) {
        while let last = items.last, last.bearing == .particle || last.bearing == .initial || last.bearing == .title {
            // "Mr K": a title and one letter is someone, known by the initial of their surname.
            if last.bearing == .initial, items.count > 1, items.dropLast().allSatisfy({ $0.bearing == .title }) { break }
            // "Tash B": a given name and the initial of a surname.
            if last.bearing == .initial, items.count > 1,
                w.tokens[last.k].shape & Shape.cap != 0 || w.tokens[last.k - 1].shape & Shape.lower != 0,
                let prev = items.dropLast().last, prev.bearing == .strong,
                prev.cands.contains(where: { $0.kind.isGivenLike }) || (prev.cands.isEmpty && w.tokens[prev.k].lex & Lex.given != 0)
            {
                break
            }
            if last.bearing == .initial, items.count > 1 {
                let bit = letterBit(w, last.k)
                if items.dropLast().contains(where: { $0.cands.contains { index.persons[Int($0.person)].surnameInitials & bit != 0 } }) {
                    break
                }
            }
            _ = items.popLast()
        }
    }

    /// A capitalised unknown word at the start of a sentence, before a given name ("Thereafter
    /// Kevin"), is no evidence of a name; before a surname ("Bronagh Yilmaz") it is the given name.
    func dropSentenceStartBeforeGiven(_ w: TextWork, _ items: inout RunSlice) {
        while items.count > 1, let f = items.first, f.bearing == .weak, w.tokens[f.k].shape & Shape.boundary != 0 {
            let next = items[items.index(after: items.startIndex)]
            let nextGiven = next.cands.contains { $0.kind.isGivenLike }
                || (next.cands.isEmpty && w.tokens[next.k].lex & Lex.given != 0 && w.tokens[next.k].lex & Lex.surname == 0)
            if !nextGiven { break }
            _ = items.popFirst()
        }
    }

    /// Capitalised ordinary words count only beside a name: before a surname, after a given name.
    func dropOrdinaryEdges(_ w: TextWork, _ items: inout RunSlice) {
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
            // "Mrs Brook", "Miss Harrow": an ordinary word right after a personal title is a surname.
            if items.count == 2, !afterOrg, items.first!.bearing == .title, personalTitle(w, items.first!.k) { break }
            _ = items.popLast()
        }
    }

    /// Lowercase ordinary words are a name only when they spell a listed person's given name and
    /// surname ("precious black"), or one of them follows "called"/"named".
    func lowercaseWordsSpellFullName(_ w: TextWork, _ items: RunSlice) -> Bool {
        guard items.contains(where: { $0.bearing == .lowerLexical }) else { return true }
        let all = items.allSatisfy { $0.bearing == .lowerLexical }
        let named = items.first!.k > 0 && (w.tokens[items.first!.k - 1].lex & Lex.naming != 0 || cueBefore(w, items.first!.k)
            && w.tokens[items.first!.k - 1].lex & Lex.relation == 0)
        guard all && !(items.count == 1 && named) else { return true }
        guard items.count >= 2 else { return false }
        let persons = Set(items.first!.cands.map(\.person))
        return persons.contains { p in
            items.first!.cands.contains { $0.person == p && $0.kind == .given }
                && items.last!.cands.contains { $0.person == p && $0.kind == .surname }
        }
    }

    /// Titles that stand only before a person's name (Mr, Mrs, Ms, Mx, Dr, Miss, Madame ...), capitalised:
    /// the word after them is a surname even when it is also an ordinary word.
    func personalTitle(_ w: TextWork, _ k: Int) -> Bool {
        let t = w.tokens[k]
        return t.shape & Shape.cap != 0 && (t.lex & Lex.shortTitle != 0 || Self.surnameTitles.contains(t.hash))
    }

    static let surnameTitles: WordSet = WordSet(["miss", "mister", "madame", "mme", "monsieur", "mlle"].map { Tokenizer.hash($0) })

    /// The bit of token `k`'s first letter in a person's initials masks (a = bit 0), or 0.
    func letterBit(_ w: TextWork, _ k: Int) -> UInt32 {
        let c = w.bytes[Int(w.tokens[k].start)] | 0x20
        return c >= 97 && c <= 122 ? 1 << UInt32(c - 97) : 0
    }
}
