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

/// One word of a run. Its candidates live in the record's `NameCandidateArena` and are valid
/// until the next run starts; a `RunItem` is plain data, copied freely while the run is decided.
struct RunItem {
    var k: Int
    var bearing: Bearing
    var cands: UnsafeBufferPointer<Candidate>

    init(k: Int, bearing: Bearing, cands: UnsafeBufferPointer<Candidate> = UnsafeBufferPointer(start: nil, count: 0)) {
        self.k = k
        self.bearing = bearing
        self.cands = cands
    }
}

/// A run of name words, or part of one, as it is trimmed and decided: plain data over the
/// scanner's run buffer, valid until the scanner starts the next run.
typealias RunSlice = Slice<UnsafeBufferPointer<RunItem>>

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

    /// Appends the record's name parts that token `k` (or `hash`, a form of it) may be to `out`'s open list.
    func candidates(_ w: TextWork, _ k: Int, _ hash: UInt64, upper: Bool, surnameOnly: Bool, into out: NameCandidateArena) {
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

    /// True when token `k` can take no part in a name, decided from its shape and flags alone:
    /// taken already, not a word, or (most tokens) a lowercase ordinary word that no listed person
    /// uses (a lone letter may be a surname initial after "mr", so not those). `view` gives such a
    /// token `.none`; the run scanner skips it without building a `RunItem`.
    @inline(__always) func plainToken(_ w: TextWork, _ k: Int) -> Bool {
        let t = w.tokens[k]
        guard w.isFree(k), t.isWord else { return true }
        let f = t.lex
        return t.shape & (Shape.cap | Shape.allCaps) == 0 && t.nlen > 1 && f & Lex.known != 0
            && f & Self.lowerNameFlags == 0 && index.names.first(t.hash) < 0
    }

    func view(_ w: TextWork, _ k: Int) -> RunItem {
        if plainToken(w, k) { return RunItem(k: k, bearing: .none) }
        let t = w.tokens[k]
        let upper = t.shape & (Shape.cap | Shape.allCaps) != 0
        let f = t.lex
        // The candidates are gathered as the arena's open list, kept (closed) only if returned.
        let arena = index.candidateArena
        arena.open()
        candidates(w, k, t.hash, upper: upper, surnameOnly: false, into: arena)
        if arena.openCount == 0 && t.shape & Shape.plural != 0 {
            if upper { candidates(w, k, w.pluralHash(k), upper: upper, surnameOnly: true, into: arena) }
            // "jaxons mum", "at mrs sehgals": a possessive typed without its apostrophe.
            if arena.openCount == 0 && f & (Lex.known | Lex.given | Lex.surname) == 0 {
                candidates(w, k, w.pluralHash(k), upper: upper, surnameOnly: false, into: arena)
            }
        }
        // "Tommy" for a listed Tom: a given name that is a listed one with a pet-form ending.
        if arena.openCount == 0 && upper && f & Lex.given != 0 && t.nlen >= 4 && !index.givenWords.isEmpty {
            arena.append(contentsOf: petFormCandidates(w, k))
        }
        // A slip of a listed name, capitalised or, in notes typed without capitals, not.
        if arena.openCount == 0 && t.nlen >= 4 && f & (Lex.known | Lex.given | Lex.surname) == 0
            && t.shape & (Shape.cap | Shape.lower) != 0
        {
            arena.append(contentsOf: fuzzyCandidates(w, k))
        }
        if arena.openCount > 0 {
            let cands = arena.openList
            // "DS Jones": initials that are also a title, before a name, are the title.
            if f & Lex.title != 0, cands.allSatisfy({ $0.kind == .initials }), k + 1 < w.count, w.spaceGap(k + 1),
                w.tokens[k + 1].shape & Shape.cap != 0, w.tokens[k + 1].isWord
            {
                return RunItem(k: k, bearing: .title)
            }
            if cands.allSatisfy(\.lowercase) { return RunItem(k: k, bearing: .lowerLexical, cands: arena.close()) }
            arena.filterOpen { !$0.lowercase }
            let lexical = arena.openList.allSatisfy(\.lexical)
            return RunItem(k: k, bearing: lexical ? .ambiguous : .strong, cands: arena.close())
        }
        if NameParser.isTitle(t) && t.shape & Shape.cap != 0 && f & (Lex.given | Lex.surname) == 0 {
            return RunItem(k: k, bearing: .title)
        }
        if lowercaseTitle(w, k) { return RunItem(k: k, bearing: .title) }
        let afterTitle = k > 0 && w.tokens[k - 1].lex & Lex.title != 0 && (w.spaceGap(k) || w.gapIs(k, UInt8(ascii: ".")))
            && NameParser.isTitle(w.tokens[k - 1])
            && (w.tokens[k - 1].shape & Shape.cap != 0 || lowercaseTitle(w, k - 1))
        // "Mr K", "mrs k": a lone letter after a title stands for a surname.
        if afterTitle && t.nlen == 1 && t.hash != lexicon.words.i && t.hash != lexicon.words.a {
            return RunItem(k: k, bearing: .initial)
        }
        // "mr fulcher": a lowercase word that is not an ordinary one, after a title.
        if afterTitle && !upper && f & (Lex.known | Lex.english) == 0 && t.nlen >= 2 {
            return RunItem(k: k, bearing: .weak)
        }
        // "Miss Harrow", "Mrs Brook": after a personal title, a capitalised place or ordinary word is a surname.
        if afterTitle && upper && t.nlen >= 2 && personalTitle(w, k - 1) && f & (Lex.known | Lex.properNoun) != 0
            && f & (Lex.function | Lex.determiner | Lex.pronoun | Lex.personVerb | Lex.month | Lex.weekday | Lex.title
                | Lex.particle | Lex.given | Lex.surname) == 0
        {
            return RunItem(k: k, bearing: .capWord)
        }
        // "tyler b", "stevie b": a lowercase letter after a lowercase given name is a surname initial.
        if t.nlen == 1 && !upper && t.hash != lexicon.words.i && t.hash != lexicon.words.a && k > 0 && w.spaceGap(k)
            && !Self.textSpeakLetters.contains(t.hash)
            && w.tokens[k - 1].shape & Shape.lower != 0 && w.tokens[k - 1].lex & Lex.given != 0
            && w.tokens[k - 1].lex & Lex.ambiguous == 0
        {
            return RunItem(k: k, bearing: .initial)
        }
        if t.nlen == 1 && t.shape & Shape.cap != 0 {
            // "I" and "A" are words, unless written as an initial: "A. Gallagher".
            let dotted = Int(t.end) < w.bytes.count && w.bytes[Int(t.end)] == UInt8(ascii: ".")
            if (t.hash != lexicon.words.i && t.hash != lexicon.words.a) || dotted {
                return RunItem(k: k, bearing: .initial)
            }
        }
        if f & Lex.particle != 0 && f & (Lex.given | Lex.surname) == 0 {
            return RunItem(k: k, bearing: .particle)
        }
        if f & Lex.properNoun != 0 { return RunItem(k: k, bearing: .none) }
        if f & Lex.given != 0 {
            // "mum clare" for the listed mother Claire: a lowercase given name one slip from a kept
            // person's (and no one's exactly) is theirs, as a hasty note misspells it.
            if !upper && t.nlen >= 4 {
                arena.open()
                for c in fuzzyCandidates(w, k) where index.persons[Int(c.person)].kept { arena.append(c) }
                if arena.openCount > 0 { return RunItem(k: k, bearing: .strong, cands: arena.close()) }
            }
            if f & Lex.ambiguous != 0 {
                // "a man called dean": a lowercase name that is also a word counts only after "called"/"named".
                if !upper && k > 0 && (w.tokens[k - 1].lex & Lex.naming != 0 && w.spaceGap(k) || selfIntroduction(w, k)) {
                    return RunItem(k: k, bearing: .lowerName)
                }
                return RunItem(k: k, bearing: upper ? .ambiguous : .none)
            }
            return RunItem(k: k, bearing: upper || w.lowercaseStyle ? .strong : .lowerName)
        }
        if f & Lex.surname != 0 {
            if f & Lex.ambiguous != 0 {
                // "stacey king": a lowercase surname that is also a word, right after a lowercase given name.
                if !upper, k > 0, w.spaceGap(k), w.tokens[k - 1].shape & Shape.lower != 0,
                    w.tokens[k - 1].lex & Lex.given != 0, w.tokens[k - 1].lex & Lex.ambiguous == 0
                {
                    return RunItem(k: k, bearing: .lowerName)
                }
                return RunItem(k: k, bearing: upper ? .weak : .none)
            }
            return RunItem(k: k, bearing: upper ? .strong : .lowerName)
        }
        // "my nephew karan", "her bf gav": a lowercase word that is not an ordinary one, right after a
        // relation word; "my names linda", "hi its shaz": after someone gives their own name.
        if !upper && f & (Lex.known | Lex.english) == 0 && t.nlen >= 3 && k > 0 && w.spaceGap(k)
            && (w.tokens[k - 1].lex & (Lex.relation | Lex.naming) != 0 && w.tokens[k - 1].shape & Shape.lower != 0
                || selfIntroduction(w, k))
        {
            return RunItem(k: k, bearing: .weak)
        }
        // "sorcha de souza": a lowercase word after a particle is the rest of a surname.
        if !upper && f & (Lex.known | Lex.english) == 0 && k > 0 && w.tokens[k - 1].lex & Lex.particle != 0 && w.spaceGap(k) {
            return RunItem(k: k, bearing: .lowerName)
        }
        if upper && f & Lex.known == 0 {
            if t.shape & Shape.allCaps != 0 && t.nlen <= 4 { return RunItem(k: k, bearing: .none) }
            if index.isOrdinary(w, k) {
                return RunItem(k: k, bearing: t.shape & Shape.cap != 0 && t.shape & Shape.allCaps == 0 ? .capWord : .none)
            }
            return RunItem(k: k, bearing: .weak)
        }
        if t.shape & Shape.cap != 0 && t.shape & Shape.allCaps == 0 && f & Self.notNameWords == 0 && t.nlen >= 3 {
            return RunItem(k: k, bearing: .capWord)
        }
        return RunItem(k: k, bearing: .none)
    }

    /// Letters that stand for words in text-speak ("v tired", "n", "w", "u", "r"), never a surname initial.
    static let textSpeakLetters: WordSet = WordSet(["v", "n", "w", "u", "r", "x", "k", "c", "y"].map { Tokenizer.hash($0) })

    /// Flags that can make a lowercase known word part of a name.
    static let lowerNameFlags: UInt64 = Lex.given | Lex.surname | Lex.particle | Lex.title | Lex.shortTitle

    /// Titles that are never ordinary words (`Lex.shortTitle`), typed in lowercase before a word:
    /// notes typed without capitals ("mrs sehgal", "mr fulcher").
    func lowercaseTitle(_ w: TextWork, _ k: Int) -> Bool {
        let t = w.tokens[k]
        guard t.lex & Lex.shortTitle != 0, t.shape & Shape.lower != 0, k + 1 < w.count,
            w.spaceGap(k + 1) || w.gapIs(k + 1, UInt8(ascii: ".")) || w.tokens[k + 1].gap == Gap.period | Gap.space
        else { return false }
        let n = w.tokens[k + 1]
        return n.isWord && (n.nlen == 1 || n.lex & (Lex.function | Lex.determiner | Lex.pronoun | Lex.personVerb) == 0)
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
        // The fuzzy index holds listed people only, fixed once compiled: remember each word's answer.
        let key = w.tokens[k].hash
        if let cached = index.fuzzyCache[key] { return cached }
        let found = fuzzySearch(w, k)
        index.fuzzyCache[key] = found
        return found
    }

    private func fuzzySearch(_ w: TextWork, _ k: Int) -> [Candidate] {
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
            var h = FNV.offset
            for (i, b) in word.enumerated() where i != d { h = FNV.mix(h, b) }
            consider(FNV.finish(h))
        }
        // Two slips in a longer word ("Cloey" for Chloe, "martie" for Marty): the listed words
        // are few, so walk them all.
        if out.isEmpty && word.count >= 5 {
            for part in index.fuzzyParts {
                let target = index.fuzzyWords[Int(part.word)]
                guard target.count >= 5, target[0] == word[0], abs(target.count - word.count) <= 2,
                    Self.editDistance(word, target, atMost: 2) <= 2
                else { continue }
                if out.contains(where: { $0.person == part.person && $0.kind == part.kind }) { continue }
                out.append(Candidate(person: part.person, kind: part.kind, fuzzy: true, lexical: false))
            }
        }
        return out
    }

    /// The optimal-string-alignment distance (insertions, deletions, substitutions, adjacent
    /// swaps) between `a` and `b`, or `limit + 1` once it is known to exceed `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], atMost limit: Int) -> Int {
        let n = a.count, m = b.count
        if abs(n - m) > limit { return limit + 1 }
        var prev2 = [Int](repeating: 0, count: m + 1)
        var prev = Array(0...m)
        var cur = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            cur[0] = i
            var rowMin = i
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[m]
    }

    /// Pet-form endings: "Tom" + "my", "Jack" + "ie", "Dan" + "ny", "Sam" + "mie" ...
    static let petEndings: [[UInt8]] = ["y", "ie", "ey", "o"].map { Array($0.utf8) }

    /// Listed people whose given name, with a pet-form ending (its last letter doubled or not),
    /// is this word: "Tommy" for Tom, "Jackie" for Jack. Only these endings, so that "Alice" is
    /// never taken for a listed "Ali".
    func petFormCandidates(_ w: TextWork, _ k: Int) -> [Candidate] {
        let key = w.tokens[k].hash ^ 0x5045_5446_4F52_4D53
        if let cached = index.fuzzyCache[key] { return cached }
        let word = w.normalized(k)
        var out: [Candidate] = []
        for (person, given) in index.givenWords where word.count > given.count && word.count <= given.count + 3
            && word.starts(with: given)
        {
            var rest = word[given.count...]
            if rest.first == given.last { rest = rest.dropFirst() }
            if Self.petEndings.contains(where: { rest.elementsEqual($0) }), !out.contains(where: { $0.person == person }) {
                out.append(Candidate(person: person, kind: .prefix, fuzzy: false, lexical: false))
            }
        }
        index.fuzzyCache[key] = out
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

}
