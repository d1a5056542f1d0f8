/// How a token can take part in a name.
enum Bearing: UInt8 {
    case none
    /// A capitalised word the lexicon does not know: a name only next to one, or after a cue.
    case weak
    /// A lowercase given name or surname from the lists: a name only after a cue.
    case lowerName
    /// A listed person's name word that is not an ordinary word, or a capitalised given name or surname.
    case strong
    /// A name that is also an ordinary word (Grace, Will, May): decided by context.
    case ambiguous
    case title
    case initial
    case particle
    /// A capitalised ordinary word: part of a name only next to one ("Sarah Frost", "May Adeyemi").
    case capWord
    /// A listed person's name word that is an ordinary word, in lowercase: only as part of their full name.
    case lowerLexical
}

/// A listed or found person a token may name.
struct Candidate {
    var person: Int32
    var kind: PartKind
    var fuzzy: Bool
    var lexical: Bool
    /// An ordinary word written in lowercase ("precious black"): counts only as part of a full name.
    var lowercase = false
}

struct RunItem {
    var k: Int
    var bearing: Bearing
    var cands: [Candidate]
}

/// How well a run fits one person: its score and which positions are given names or surnames.
struct PersonScore {
    var person: Int32
    var score = 0
    var given: UInt8 = 0
    var surname: UInt8 = 0
    var counted: UInt8 = 0
}

/// What the words around an ambiguous name say.
enum Evidence {
    case name, ordinary
    /// Capitalised mid-sentence with no other clue.
    case mid
    /// At the start of a sentence with no other clue.
    case start
    /// At the start of a sentence, followed by a verb people do ("Grace said").
    case startVerb
}

extension Engine {
    // MARK: - Tokens

    func candidates(_ w: TextWork, _ k: Int, _ hash: UInt64, upper: Bool, surnameOnly: Bool, into out: inout [Candidate]) {
        let t = w.tokens[k]
        var i = index.names.first(hash)
        while i >= 0 {
            let e = index.names.entry(i)
            let part = e.value
            i = e.next
            if part.kind == .initials && !(t.shape & Shape.allCaps != 0 && t.nlen >= 2) { continue }
            if part.kind == .dottedInitials { continue }
            if surnameOnly && !part.kind.isSurnameLike { continue }
            if part.lexical && !upper && part.kind != .given && part.kind != .surname { continue }
            out.append(Candidate(person: part.person, kind: part.kind, fuzzy: false, lexical: part.lexical,
                                 lowercase: part.lexical && !upper))
        }
    }

    func view(_ w: TextWork, _ k: Int) -> RunItem {
        let t = w.tokens[k]
        guard w.isFree(k), t.isWord else { return RunItem(k: k, bearing: .none, cands: []) }
        let upper = t.shape & (Shape.cap | Shape.allCaps) != 0
        var cands: [Candidate] = []
        candidates(w, k, t.hash, upper: upper, surnameOnly: false, into: &cands)
        if cands.isEmpty && upper && t.shape & Shape.plural != 0 {
            candidates(w, k, w.pluralHash(k), upper: upper, surnameOnly: true, into: &cands)
        }
        let f = t.lex
        if cands.isEmpty && upper && t.nlen >= 4 && f & (Lex.known | Lex.given | Lex.surname) == 0 && t.shape & Shape.cap != 0 {
            cands = fuzzyCandidates(w, k)
        }
        if !cands.isEmpty {
            // "DS Jones": initials that are also a title, before a name, are the title.
            if f & Lex.title != 0, cands.allSatisfy({ $0.kind == .initials }), k + 1 < w.count, w.spaceGap(k + 1),
                w.tokens[k + 1].shape & Shape.cap != 0, w.tokens[k + 1].isWord
            {
                return RunItem(k: k, bearing: .title, cands: [])
            }
            if cands.allSatisfy(\.lowercase) { return RunItem(k: k, bearing: .lowerLexical, cands: cands) }
            cands.removeAll { $0.lowercase }
            let lexical = cands.allSatisfy(\.lexical)
            return RunItem(k: k, bearing: lexical ? .ambiguous : .strong, cands: cands)
        }
        if NameParser.isTitle(t) && t.shape & Shape.cap != 0 && f & (Lex.given | Lex.surname) == 0 {
            return RunItem(k: k, bearing: .title, cands: [])
        }
        if t.nlen == 1 && t.shape & Shape.cap != 0 {
            // "I" and "A" are words, unless written as an initial: "A. Gallagher".
            let dotted = Int(t.end) < w.bytes.count && w.bytes[Int(t.end)] == UInt8(ascii: ".")
            if (t.hash != lexicon.words.i && t.hash != lexicon.words.a) || dotted {
                return RunItem(k: k, bearing: .initial, cands: [])
            }
        }
        if f & Lex.particle != 0 && f & (Lex.given | Lex.surname) == 0 {
            return RunItem(k: k, bearing: .particle, cands: [])
        }
        if f & Lex.properNoun != 0 { return RunItem(k: k, bearing: .none, cands: []) }
        if f & Lex.given != 0 {
            if f & Lex.ambiguous != 0 {
                // "a man called dean": a lowercase name that is also a word counts only after "called"/"named".
                if !upper && k > 0 && w.tokens[k - 1].lex & Lex.naming != 0 && w.spaceGap(k) {
                    return RunItem(k: k, bearing: .lowerName, cands: [])
                }
                return RunItem(k: k, bearing: upper ? .ambiguous : .none, cands: [])
            }
            return RunItem(k: k, bearing: upper ? .strong : .lowerName, cands: [])
        }
        if f & Lex.surname != 0 {
            if f & Lex.ambiguous != 0 {
                // "stacey king": a lowercase surname that is also a word, right after a lowercase given name.
                if !upper, k > 0, w.spaceGap(k), w.tokens[k - 1].shape & Shape.lower != 0,
                    w.tokens[k - 1].lex & Lex.given != 0, w.tokens[k - 1].lex & Lex.ambiguous == 0
                {
                    return RunItem(k: k, bearing: .lowerName, cands: [])
                }
                return RunItem(k: k, bearing: upper ? .weak : .none, cands: [])
            }
            return RunItem(k: k, bearing: upper ? .strong : .lowerName, cands: [])
        }
        // "sorcha de souza": a lowercase word after a particle is the rest of a surname.
        if !upper && f & (Lex.known | Lex.english) == 0 && k > 0 && w.tokens[k - 1].lex & Lex.particle != 0 && w.spaceGap(k) {
            return RunItem(k: k, bearing: .lowerName, cands: [])
        }
        if upper && f & Lex.known == 0 {
            if t.shape & Shape.allCaps != 0 && t.nlen <= 4 { return RunItem(k: k, bearing: .none, cands: []) }
            if index.isOrdinary(w, k) {
                return RunItem(k: k, bearing: t.shape & Shape.cap != 0 && t.shape & Shape.allCaps == 0 ? .capWord : .none, cands: [])
            }
            return RunItem(k: k, bearing: .weak, cands: [])
        }
        if t.shape & Shape.cap != 0 && t.shape & Shape.allCaps == 0 && f & Self.notNameWords == 0 && t.nlen >= 3 {
            return RunItem(k: k, bearing: .capWord, cands: [])
        }
        return RunItem(k: k, bearing: .none, cands: [])
    }

    /// Listed name words one edit (a letter added, dropped, changed or two swapped) from an
    /// unknown capitalised word with the same first letter.
    /// Capitalised words that are never part of a person's name.
    static let notNameWords: UInt64 = Lex.orgWord | Lex.street | Lex.streetWeak | Lex.houseWord | Lex.month | Lex.weekday
        | Lex.nationality | Lex.place | Lex.title | Lex.relation | Lex.function | Lex.determiner | Lex.pronoun | Lex.properNoun
        | Lex.saint | Lex.acronym | Lex.naming | Lex.personVerb | Lex.numberWord | Lex.flatWord | Lex.season | Lex.dobCue
        | Lex.modal | Lex.who | Lex.workCue | Lex.addressCue | Lex.locative | Lex.handleCue | Lex.vehicleCue

    func fuzzyCandidates(_ w: TextWork, _ k: Int) -> [Candidate] {
        guard !index.fuzzy.isEmpty else { return [] }
        let word = w.normalized(k)
        guard word.count >= 4, word.count <= 24, !lexicon.isOrdinary(word) else { return [] }
        var out: [Candidate] = []
        func consider(_ h: UInt64) {
            var i = index.fuzzy.first(h)
            while i >= 0 {
                let e = index.fuzzy.entry(i)
                i = e.next
                let target = index.fuzzyWords[Int(e.value.word)]
                guard target[0] == word[0], Self.withinOneEdit(word, target) else { continue }
                if out.contains(where: { $0.person == e.value.person && $0.kind == e.value.kind }) { continue }
                out.append(Candidate(person: e.value.person, kind: e.value.kind, fuzzy: true, lexical: false))
            }
        }
        consider(FNV.hash(word))
        for d in 0..<word.count {
            var v = word
            v.remove(at: d)
            consider(FNV.hash(v))
        }
        return out
    }

    static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        let la = a.count, lb = b.count
        if abs(la - lb) > 1 { return false }
        var i = 0
        while i < min(la, lb) && a[i] == b[i] { i += 1 }
        if la == lb {
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        return la > lb ? a[(i + 1)...] == b[i...] : a[i...] == b[(i + 1)...]
    }

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

    /// A cue right before token `k`: "her friend Grace", "a man called Will", "known as Jay".
    func cueBefore(_ w: TextWork, _ k: Int) -> Bool {
        guard k > 0 else { return false }
        let t = w.tokens[k]
        guard t.shape & (Shape.sentence | Shape.line) == 0 else { return false }
        let g = t.gap
        guard g == Gap.space || g == Gap.comma | Gap.space || g == Gap.colon | Gap.space || g == Gap.open | Gap.space || g == Gap.open
        else { return false }
        let p = w.tokens[k - 1]
        if p.lex & (Lex.relation | Lex.naming) != 0 { return true }
        let words = lexicon.words
        if k >= 2 && p.hash == words.as {
            let pp = w.tokens[k - 2].hash
            return pp == words.known || pp == words.referred || pp == words.goes || pp == words.knows || pp == words.know
        }
        if k >= 2 && p.hash == words.is && (w.tokens[k - 2].hash == words.name || w.tokens[k - 2].hash == words.names) { return true }
        return false
    }

    /// `listed`: the word names someone the record lists (so "May" is more likely May than the month).
    func evidence(_ w: TextWork, _ k: Int, cue: Bool, listed: Bool = false) -> Evidence {
        let t = w.tokens[k]
        guard t.shape & (Shape.cap | Shape.allCaps) != 0 else { return .ordinary }
        let monthLike = t.lex & (Lex.month | Lex.season) != 0 && !listed
        if cue { return .name }
        if t.shape & Shape.possessive != 0 {
            // "May's dog" is someone's; "May's half term" is the month's.
            let after = k + 1 < w.count ? w.tokens[k + 1].lex : 0
            if !monthLike || after & (Lex.ordinaryNext | Lex.month | Lex.weekday) == 0 { return .name }
        }
        if appositive(w, k) { return .name }
        if afterPersonWord(w, k) && !monthLike { return .name }
        if k + 1 < w.count, w.tokens[k + 1].gap & Gap.open != 0, w.tokens[k + 1].gap & (Gap.newline | Gap.stop) == 0,
            w.tokens[k + 1].lex & Lex.dobCue != 0 || w.tokens[k + 1].isNumber || Patterns.dobContext(w, k + 2 < w.count ? k + 2 : k + 1, lexicon)
        {
            return .name
        }
        var next: Int?
        if k + 1 < w.count, w.tokens[k + 1].gap & ~(Gap.space | Gap.comma) == 0, w.gapLength(k + 1) <= 2 { next = k + 1 }
        if let n = next, w.tokens[n].lex & Lex.who != 0 { return .name }
        if t.shape & Shape.boundary == 0, k > 0 {
            let p = w.tokens[k - 1]
            if p.lex & (Lex.determiner | Lex.ordinaryPrev) != 0 || p.isNumber { return .ordinary }
        }
        var verbAfter = false
        if let n = next, w.tokens[n].gap == Gap.space {
            let nt = w.tokens[n]
            if nt.lex & (Lex.ordinaryNext | Lex.nationality) != 0 || nt.isNumber { return .ordinary }
            if t.lex & Lex.modal != 0 && nt.lex & (Lex.pronoun | Lex.determiner) != 0 { return .ordinary }
            if nt.shape & Shape.cap != 0 && nt.lex & (Lex.orgWord | Lex.street | Lex.streetWeak | Lex.houseWord) != 0 { return .ordinary }
            verbAfter = nt.lex & Lex.personVerb != 0 && nt.shape & Shape.lower != 0
        }
        if monthLike { return verbAfter && t.shape & Shape.boundary == 0 ? .mid : .ordinary }
        if t.shape & Shape.boundary != 0 { return verbAfter ? .startVerb : .start }
        return verbAfter ? .name : .mid
    }

    func titleGender(_ w: TextWork, _ items: ArraySlice<RunItem>) -> Gender {
        for item in items where item.bearing == .title {
            let h = w.tokens[item.k].hash
            if NameParser.maleTitles.contains(h) { return .male }
            if NameParser.femaleTitles.contains(h) { return .female }
        }
        return .unknown
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
    static let personPrepositions: Set<UInt64> = Set(
        ["with", "by", "told", "asked", "saw", "met", "visited", "phoned", "texted", "messaged", "hit", "punched", "kicked",
         "pushed", "grabbed", "slapped", "threatened", "followed", "said", "tells", "told", "says"].map { Tokenizer.hash($0) })

    /// "seen with Tafadzwa", "collected by Pat", "Mum told Rosalind": a capitalised word right after
    /// words that take a person, mid-sentence.
    func afterPersonWord(_ w: TextWork, _ k: Int) -> Bool {
        let t = w.tokens[k]
        guard t.shape & Shape.boundary == 0, t.shape & Shape.cap != 0, t.shape & Shape.allCaps == 0, k > 0, w.spaceGap(k) else { return false }
        if k + 1 < w.count, w.spaceGap(k + 1), w.tokens[k + 1].shape & Shape.cap != 0,
            w.tokens[k + 1].lex & (Lex.orgWord | Lex.street | Lex.streetWeak | Lex.houseWord) != 0
        {
            return false
        }
        return Self.personPrepositions.contains(w.tokens[k - 1].hash)
    }

    func weakWithVerb(_ w: TextWork, _ k: Int) -> Bool {
        let t = w.tokens[k]
        guard t.shape & Shape.allCaps == 0, k + 1 < w.count, w.spaceGap(k + 1) else { return false }
        if t.shape & Shape.boundary == 0 {
            guard k > 0, w.tokens[k - 1].lex & (Lex.locative | Lex.determiner) == 0 else { return false }
        }
        let n = w.tokens[k + 1]
        return n.lex & Lex.personVerb != 0 && n.shape & Shape.lower != 0
    }

    /// "Mark, Mum's new partner", "Bronagh, a friend of her partner", "Will (Mum's brother)".
    func appositive(_ w: TextWork, _ k: Int) -> Bool {
        guard k + 1 < w.count else { return false }
        let g = w.tokens[k + 1].gap
        guard g & (Gap.comma | Gap.open) != 0, g & (Gap.newline | Gap.stop | Gap.period) == 0 else { return false }
        var j = k + 1
        while j < w.count && j - k <= 3 {
            let t = w.tokens[j]
            if t.lex & Lex.relation != 0 { return true }
            guard t.lex & (Lex.determiner | Lex.function) != 0 || t.shape & Shape.possessive != 0 else { return false }
            j += 1
        }
        return false
    }

    /// What a relation word right before a name says about who it is: "AC's dad (Mr Chaudhry)".
    enum RoleHint { case household, relative, neighbour, friend }

    static let roleHints: [UInt64: RoleHint] = {
        var m: [UInt64: RoleHint] = [:]
        for w in "mum mom mother mummy dad daddy father stepdad stepmum stepfather stepmother brother sister sibling son daughter twin".split(separator: " ") {
            m[Tokenizer.hash(String(w))] = .household
        }
        for w in "uncle aunt auntie aunty cousin nan nana nanna gran granny grandma grandad granddad grandpa grandfather grandmother niece nephew godmother godfather".split(separator: " ") {
            m[Tokenizer.hash(String(w))] = .relative
        }
        for w in "neighbour neighbours neighbor".split(separator: " ") { m[Tokenizer.hash(String(w))] = .neighbour }
        for w in "friend mate pal bestie boyfriend girlfriend".split(separator: " ") { m[Tokenizer.hash(String(w))] = .friend }
        return m
    }()

    func roleHint(_ w: TextWork, before k: Int) -> RoleHint? {
        guard k > 0, w.tokens[k].gap & (Gap.newline | Gap.stop | Gap.period) == 0 else { return nil }
        return Self.roleHints[w.tokens[k - 1].hash]
    }

    /// Among people a run fits equally well: a title rules out the child and prefers its gender
    /// (and, for "Dr" or "PC", someone with that title or a professional role); then the one
    /// mentioned last; then, with nothing to go on, a protected person. The second value is true
    /// when a kept and a protected person remain equally plausible (a shared-name finding).
    func choose(_ tied: [Int32], titles: [UInt64], gender: Gender, slots: [Int], hint: RoleHint? = nil) -> (Int, Bool) {
        var c = Array(zip(tied, slots))
        func narrow(_ keep: ((Int32, Int)) -> Bool) {
            let f = c.filter(keep)
            if !f.isEmpty { c = f }
        }
        if let hint, c.count > 1 {
            narrow { p in
                let person = index.persons[Int(p.0)]
                switch hint {
                case .household: return person.category == .household || person.category == .subject
                case .relative: return person.role == .relative
                case .neighbour: return person.role == .neighbour
                case .friend: return person.role == .friend || person.role == .other
                }
            }
        }
        if !titles.isEmpty {
            narrow { !index.persons[Int($0.0)].isSubject }
            narrow { p in titles.contains { index.words[Int(p.0)].titles.contains($0) } }
            if gender == .unknown {
                narrow { p in [.professional, .referrer].contains(index.persons[Int(p.0)].role) }
            }
        }
        if gender != .unknown {
            let same = c.filter { index.persons[Int($0.0)].gender == gender }
            if !same.isEmpty { c = same } else { narrow { index.persons[Int($0.0)].gender == .unknown } }
        }
        if c.count == 1 { return (c[0].1, false) }
        // Someone the record lists before someone only the text mentions.
        narrow { !index.persons[Int($0.0)].unlisted }
        if c.count == 1 { return (c[0].1, false) }
        let mixed = c.contains { index.persons[Int($0.0)].kept } && c.contains { !index.persons[Int($0.0)].kept }
        let recent = c.max { index.persons[Int($0.0)].lastMention < index.persons[Int($1.0)].lastMention }!
        let top = index.persons[Int(recent.0)].lastMention
        if top > 0 && c.filter({ index.persons[Int($0.0)].lastMention == top }).count == 1 {
            return (recent.1, mixed && index.persons[Int(recent.0)].kept)
        }
        if let p = c.first(where: { !index.persons[Int($0.0)].kept }) { return (p.1, false) }
        return (c[0].1, false)
    }

    func decide(_ w: TextWork, _ a: Int, _ b: Int, _ p: Int32, final: Bool) {
        index.mention(p)
        guard final else { return }
        let kept = index.persons[Int(p)].kept
        w.claimTokens(a, b, category: .name, owner: kept ? .kept : .person(p))
        if index.persons[Int(p)].unlisted {
            var key: UInt64 = 0x4D45
            for k in a...b { key = FNV.combine(key, w.tokens[k].hash) }
            if index.words[Int(p)].mentionKeys.insert(key).inserted {
                let text = w.string(w.tokens[a].start, w.tokens[b].nameEnd)
                if !index.words[Int(p)].mentions.contains(text) { index.words[Int(p)].mentions.append(text) }
            }
        }
    }
}
