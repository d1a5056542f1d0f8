extension Engine {
    /// Gives a value that belongs to nobody to the protected person named right before it:
    /// "Kevin Smith (07700 900123)", "SMITH, Kevin 03/04/1985". A date right after a kept
    /// person's name is theirs, and kept.
    func attribute(_ w: TextWork) {
        for ci in w.claims.indices {
            guard case .withheld = w.claims[ci].owner, w.claims[ci].category != .name else { continue }
            if w.claims[ci].category == .handle && handleOfKeptPerson(w, Int(w.claims[ci].first)) {
                w.claims[ci].owner = .kept
                continue
            }
            if case .person(let p)? = precedingName(w, Int(w.claims[ci].first), Int(w.claims[ci].start)) {
                w.claims[ci].owner = .person(p)
            }
        }
        for hit in w.pendingDates where (hit.first...hit.last).allSatisfy({ w.claimOf[$0] == TextWork.reserved }) {
            guard let owner = precedingName(w, hit.first, Int(hit.start)) else { continue }
            w.claim(hit.first, hit.last, start: hit.start, end: hit.end, category: .dob, owner: owner)
        }
    }

    /// "Ava's Instagram (@ava.t.ipswich)", "jess (13, insta jess.h.xo)", "amber's own tiktok is
    /// amberrr.f": a handle whose nearest name before it, with only site words, fillers and
    /// numbers between, is a kept person's possessive or apposition, is theirs (the record has
    /// no handle field for them).
    func handleOfKeptPerson(_ w: TextWork, _ first: Int) -> Bool {
        var j = first - 1
        var steps = 0
        while j >= 0 && steps < 5 {
            if w.tokens[j + 1].gap & (Gap.newline | Gap.stop) != 0 { return false }
            let ci = w.claimOf[j]
            if ci >= 0 {
                // The name must own what follows: a possessive ("Ava's"), or a bracket or comma
                // after it ("jess (13, insta ...)"); "messaging Ben on Instagram" is not Ben's.
                let c = w.claims[Int(ci)]
                let owns = w.tokens[j].shape & Shape.possessive != 0 || w.tokens[j + 1].gap & (Gap.open | Gap.comma) != 0
                return c.category == .name && c.owner == .kept && owns
            }
            let t = w.tokens[j]
            guard t.lex & (Lex.handleCue | Lex.socialSite) != 0 || Patterns.handleFillers.contains(t.hash) || t.isNumber
                || t.hash == Self.ownHash
            else { return false }
            j -= 1
            steps += 1
        }
        return false
    }

    static let ownHash = Tokenizer.hash("own")

    func precedingName(_ w: TextWork, _ first: Int, _ start: Int) -> Owner? {
        guard first > 0 else { return nil }
        let ci = w.claimOf[first - 1]
        guard ci >= 0 else { return nil }
        let c = w.claims[Int(ci)]
        guard c.category == .name || { if case .person = c.owner { return true } else { return false } }() else { return nil }
        let gap = w.bytes[Int(c.end)..<start]
        guard gap.count <= 4, gap.allSatisfy({ " (,:-".utf8.contains($0) || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "s") }) else {
            return nil
        }
        return c.owner
    }

    /// Possible identities left in the text: capitalised words that are not known words
    /// (mid-sentence, or at a sentence start before a verb people do), and workplaces that
    /// belong to nobody.
    func findUncertain(_ w: TextWork) {
        let words = lexicon.words
        for k in 0..<w.count where w.isFree(k) {
            let t = w.tokens[k]
            guard t.isWord, t.shape & Shape.cap != 0 else { continue }
            // In any text, initials before a bracket that opens with a lowercase word ("JR (pe) says"):
            // a member of staff known by initials, with their role.
            if t.shape & Shape.allCaps != 0 && t.nlen >= 2 && t.nlen <= 3 && t.lex & (Lex.acronym | Self.neverWeakName) == 0
                && k + 1 < w.count && w.tokens[k + 1].gap & Gap.open != 0 && w.tokens[k + 1].shape & Shape.lower != 0
                && w.tokens[k + 1].gap & (Gap.newline | Gap.stop) == 0
            {
                w.addFinding(k, k, .name, .possibleName)
                continue
            }
            guard t.lex & (Lex.known | Lex.given | Lex.surname | Lex.vehicleCue | Lex.handleCue) == 0 else { continue }
            // Short words in capitals are acronyms, except initials in a note typed without capitals ("KB from").
            if t.shape & Shape.allCaps != 0 && t.nlen <= 4 {
                if w.lowercaseStyle && t.nlen >= 2 && t.nlen <= 3 && t.lex & Lex.acronym == 0 && !index.isOrdinary(w, k) {
                    w.addFinding(k, k, .name, .possibleName)
                }
                continue
            }
            // "I'm", "I've", "I'll", "I'd": the pronoun and a contraction.
            if t.shape & Shape.innerApostrophe != 0 && w.bytes[Int(t.start)] == UInt8(ascii: "I") && t.nlen <= 4 { continue }
            if t.shape & Shape.boundary != 0 {
                guard k + 1 < w.count, w.spaceGap(k + 1), w.tokens[k + 1].lex & Lex.personVerb != 0,
                    w.tokens[k + 1].shape & Shape.lower != 0
                else { continue }
            }
            if k > 0 && w.tokens[k - 1].lex & Lex.locative != 0 && t.shape & Shape.boundary == 0 { continue }
            if index.isOrdinary(w, k) { continue }
            // "Abu Khalil", "Uncle Tariq": a family word of address before the name goes with it.
            let kin = k > 0 && w.isFree(k - 1) && w.spaceGap(k) && w.tokens[k - 1].lex & Lex.kin != 0
            w.addFinding(kin ? k - 1 : k, k, .name, .possibleName)
        }
        findLowercaseUnknownNames(w)
        findCoordinatedNames(w)
        findWeakForms(w)
        for k in 0..<w.count where w.tokens[k].lex & Lex.workCue != 0 && w.tokens[k].isWord {
            guard k + 2 < w.count, w.spaceGap(k + 1), w.spaceGap(k + 2) else { continue }
            let prep = w.tokens[k + 1].hash
            guard prep == words.at || prep == words.for || prep == words.in else { continue }
            var m = k + 2
            if w.tokens[m].hash == words.the, m + 1 < w.count, w.spaceGap(m + 1) { m += 1 }
            let ci = w.claimOf[m]
            if ci >= 0 {
                let c = w.claims[Int(ci)]
                if c.category == nil && c.owner == .kept {
                    w.findings.append(Finding(start: c.start, end: c.end, category: .workplace, reason: .possibleWorkplace))
                }
                continue
            }
            guard ci == TextWork.free, w.tokens[m].shape & Shape.cap != 0, w.tokens[m].isWord else { continue }
            var e = m
            while e + 1 < w.count && w.isFree(e + 1) && w.spaceGap(e + 1) && w.tokens[e + 1].shape & Shape.cap != 0 { e += 1 }
            w.addFinding(m, e, .workplace, .possibleWorkplace)
        }
    }

    /// A word no list knows, in lowercase, beside a verb people do or after a word that takes a
    /// person ("with shero", "riz took her"), may be a name or a nickname: the practitioner
    /// decides. In a note typed without capitals, and in a capitalised text inside a sentence or
    /// clause typed without capitals (a child's note or a text message quoted as written: "becos i
    /// was with shero"); elsewhere a lowercase word no list knows is an ordinary word the lists
    /// lack ("scabies", "sponsor"). Typos of ordinary words are the cost (measured as needless
    /// flags). A family word of address right before it goes into the finding ("baba gul").
    func findLowercaseUnknownNames(_ w: TextWork) {
        let hasty = w.lowercaseStyle
        for k in 0..<w.count where w.isFree(k) {
            let t = w.tokens[k]
            guard t.isWord, t.shape & Shape.lower != 0, t.nlen >= 3, t.shape & Shape.digit == 0,
                t.lex & (Lex.known | Lex.english | Lex.given | Lex.surname | Lex.kin | Lex.handleCue | Lex.socialSite) == 0,
                !Self.textSpeak.contains(t.hash)
            else { continue }
            let verbAfter = k + 1 < w.count && w.spaceGap(k + 1) && w.tokens[k + 1].lex & Lex.personVerb != 0
                && w.tokens[k + 1].lex & Lex.modal == 0
            let personBefore = k > 0 && w.spaceGap(k) && Self.personPrepositions.contains(w.tokens[k - 1].hash)
            let kin = k > 0 && w.spaceGap(k) && w.isFree(k - 1) && w.tokens[k - 1].lex & Lex.kin != 0
                && w.tokens[k - 1].shape & Shape.lower != 0
            guard verbAfter || personBefore || kin, hasty || typedWithoutCapitals(w, k), !index.isOrdinary(w, k) else { continue }
            w.addFinding(kin ? k - 1 : k, k, .name, .possibleName)
        }
    }

    /// True when the sentence or clause token `k` stands in starts in lowercase and has a
    /// contraction typed without its apostrophe, text-speak or the pronoun "i" in lowercase before
    /// `k`, or starts in lowercase after a quotation mark: words quoted as a child or a text
    /// message typed them.
    func typedWithoutCapitals(_ w: TextWork, _ k: Int) -> Bool {
        var i = k
        var speak = false
        while i > 0 && w.tokens[i].shape & Shape.boundary == 0 && k - i < 40 {
            let t = w.tokens[i]
            if Self.textSpeak.contains(t.hash) || (t.hash == Self.iHash && t.shape & Shape.lower != 0) { speak = true }
            i -= 1
        }
        if w.tokens[i].hash == Self.iHash { speak = true }
        let first = w.tokens[i]
        guard first.shape & Shape.boundary != 0, first.shape & Shape.lower != 0, first.lex & Lex.acronym == 0 else { return false }
        return speak || quoteAround(w, i, after: false)
    }

    /// Contractions typed without their apostrophe and text-speak: never names.
    static let textSpeak: WordSet = WordSet("""
        dont doesnt didnt isnt wasnt werent arent cant couldnt wouldnt shouldnt wont hasnt havent hadnt hes shes
        theyre theyll theyve youll youre youve ive im itll thats whats wheres theres heres whos aint gonna wanna
        gotta dunno innit pls plz idk tbh omg lol ur ya yer hun bro sis num cos coz becos bcos bc wiv wen wat
        ppl sum1 some1 any1 no1 sumthin nuthin tho thru bday msg msgs txt txts tmrw tmw rn atm asap ffs smh ngl
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })

    /// "by tyler b, harley and macauley": a word no list knows, joined by "and", "or" or a comma
    /// to a name, is probably another name.
    func findCoordinatedNames(_ w: TextWork) {
        for k in 2..<max(2, w.count) where w.isFree(k) {
            let t = w.tokens[k]
            guard t.isWord, t.nlen >= 3, t.shape & Shape.digit == 0, t.shape & Shape.boundary == 0,
                t.lex & (Lex.known | Lex.english | Lex.properNoun | Lex.place) == 0
            else { continue }
            let p = w.tokens[k - 1]
            let joined: Int
            if (p.hash == Self.andHash || p.hash == Self.orHash) && w.spaceGap(k) && w.spaceGap(k - 1) {
                joined = k - 2
            } else if t.gap & Gap.comma != 0 && t.gap & ~(Gap.comma | Gap.space) == 0 {
                joined = k - 1
            } else {
                continue
            }
            let ci = w.claimOf[joined]
            guard ci >= 0, w.claims[Int(ci)].category == .name, !index.isOrdinary(w, k) else { continue }
            w.addFinding(k, k, .name, .possibleName)
        }
    }

    static let andHash = Tokenizer.hash("and")
    static let orHash = Tokenizer.hash("or")
}
