/// The context around a name: cues, evidence for ambiguous words, and the choice between
/// people a mention fits equally well.
extension Engine {
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
        return selfIntroduction(w, k)
    }

    /// "hi its rob", "im jade", "my names linda", "this is del": someone giving their own name.
    func selfIntroduction(_ w: TextWork, _ k: Int) -> Bool {
        guard k >= 1, w.spaceGap(k) else { return false }
        let p = w.tokens[k - 1].hash
        if p == Self.namesHash { return k >= 2 && w.tokens[k - 2].hash == Self.myHash }
        if p == lexicon.words.is { return k >= 2 && w.tokens[k - 2].hash == Self.thisHash }
        guard p == Self.imHash || p == Self.itsHash else { return false }
        // "its" and "im" only at the start of the text or a line, or after a greeting.
        if k == 1 || w.tokens[k - 1].shape & Shape.line != 0 { return true }
        let afterGreeting = w.spaceGap(k - 1) || w.tokens[k - 1].gap & Gap.comma != 0
        return afterGreeting && Self.greetings.contains(w.tokens[k - 2].hash)
    }

    /// "charlene (char)", "Shelley (\"Shell\")": a word in brackets or quotation marks right after
    /// a listed person's name that begins their given name (three letters or more) is their short
    /// name. Returns its token.
    func bracketedShortForm(_ w: TextWork, after b: Int, of p: Int32) -> Int? {
        let n = b + 1
        guard n + 1 <= w.count, w.tokens[n].gap & Gap.open != 0, w.tokens[n].gap & (Gap.newline | Gap.stop) == 0,
            w.tokens[n].isWord, w.tokens[n].nlen >= 3, w.isFree(n), !index.givenWords.isEmpty
        else { return nil }
        let closeAt = Int(w.tokens[n].nameEnd)
        guard closeAt < w.bytes.count, w.bytes[closeAt] == UInt8(ascii: ")") || Self.hasQuote(w.bytes, closeAt, closeAt + 1)
            || w.bytes[closeAt] == 0xE2 || w.bytes[closeAt] == UInt8(ascii: ",")
        else { return nil }
        let word = w.normalized(n)
        for (person, given) in index.givenWords where person == p && given.count > word.count && given.starts(with: word) {
            return n
        }
        return nil
    }

    // The hashes of "names", "my", "this", "im" and "its" (`Tokenizer.hash`, checked by
    // `WordHashLiteralTests`), written as literals: read per token, a constant costs
    // nothing, where a computed static would pay a lazy-initialisation check on every read.
    static let namesHash: UInt64 = 0xAFB7_28FF_F268_814F
    static let myHash: UInt64 = 0x08A9_4307_B550_2113
    static let thisHash: UInt64 = 0x2587_BCEF_3249_3841
    static let imHash: UInt64 = 0x08B7_3707_B55C_4A0B
    static let itsHash: UInt64 = 0x2BB3_EA19_2BE5_4D99
    static let greetings: WordSet = WordSet(["hi", "hello", "hiya", "hey", "morning", "afternoon", "evening", "yes", "yeah", "oh", "um", "uh"]
        .map { Tokenizer.hash($0) })

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
            // "rated 4 Star" is a number beside it; "11/2025  Jean reports" is a date heading the line.
            let datePart = p.start > 0 && Self.dateSeparators.contains(w.bytes[Int(p.start) - 1])
            if p.lex & (Lex.determiner | Lex.ordinaryPrev) != 0 || (p.isNumber && w.gapLength(k) == 1 && !datePart) { return .ordinary }
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

    static let dateSeparators: Set<UInt8> = [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")]

    func titleGender(_ w: TextWork, _ items: RunSlice) -> Gender {
        for item in items where item.bearing == .title {
            let h = w.tokens[item.k].hash
            if NameParser.maleTitles.contains(h) { return .male }
            if NameParser.femaleTitles.contains(h) { return .female }
        }
        return .unknown
    }

    static let personPrepositions: WordSet = WordSet(
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
            if !same.isEmpty {
                // "Ms Thornton" is the mother Stacey by her sex, but may be the protected aunt
                // Kerry-Ann, whose sex her name does not tell: kept, and reported.
                let unsure = c.contains { index.persons[Int($0.0)].gender == .unknown && !index.persons[Int($0.0)].kept }
                c = same
                if c.count == 1 { return (c[0].1, unsure && index.persons[Int(c[0].0)].kept) }
            } else {
                narrow { index.persons[Int($0.0)].gender == .unknown }
            }
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
        // Nothing to go on: a kept and a protected person sharing the name leave it kept (the
        // recipient knows the kept person's name) and reported, never silently decided.
        if mixed, let p = c.first(where: { index.persons[Int($0.0)].kept }) { return (p.1, true) }
        if let p = c.first(where: { !index.persons[Int($0.0)].kept }) { return (p.1, false) }
        return (c[0].1, false)
    }

    func decide(_ w: TextWork, _ a: Int, _ b: Int, _ p: Int32, final: Bool) {
        index.mention(p)
        let kept = index.persons[Int(p)].kept
        let nickname = kept ? nil : bracketedShortForm(w, after: b, of: p)
        guard final else {
            // Registered while finding people, so that its other mentions are found too.
            if let n = nickname { index.addName(ParsedName(nicknames: [NameParser.word(w, n, lexicon)]), person: p, primary: false) }
            return
        }
        defer {
            if let n = nickname, w.isFree(n) { w.claimTokens(n, n, category: .name, owner: .person(p)) }
        }
        // "Nana Pat", "uncle Waqqas", "Kaka Mohamed": a family word used as a title is part of
        // what identifies a protected person.
        var a = a
        if !kept, a > 0, w.isFree(a - 1), w.spaceGap(a), w.tokens[a - 1].lex & Lex.kin != 0 { a -= 1 }
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
