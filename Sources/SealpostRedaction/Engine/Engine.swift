/// Runs the detectors over a record's texts in priority order: practitioner decisions, pattern
/// identifiers, phrases (workplaces, nicknames, known organisations), addresses, organisation
/// names, then people's names in two passes (find the people the text mentions, then decide
/// every mention), then attribution and the uncertain findings.
struct Engine {
    let index: RecordIndex
    let lexicon: Lexicon

    // MARK: - Decisions

    func applyDecisions(_ decisions: [PractitionerDecision], to w: TextWork) {
        for d in decisions {
            let ks = (0..<w.count).filter {
                Int(w.tokens[$0].end) > d.originalRange.lowerBound && Int(w.tokens[$0].start) < d.originalRange.upperBound
            }
            guard let a = ks.first, let b = ks.last, w.isFree(a, b) else { continue }
            switch d.action {
            case .keep:
                w.claim(a, b, start: w.tokens[a].start, end: w.tokens[b].end, category: nil, owner: .kept)
            case .redact:
                let text = w.string(w.tokens[a].start, w.tokens[b].nameEnd)
                if d.category == .name {
                    let words = (a...b).filter { w.tokens[$0].isWord }.map { NameParser.word(w, $0, lexicon) }
                    let p = index.unlisted(given: words.count > 1 ? Array(words.dropLast()) : words,
                                           surname: words.count > 1 ? [words.last!] : [], gender: .unknown, mention: text)
                    w.claimTokens(a, b, category: .name, owner: .person(p))
                } else {
                    let v = index.withheldValue(d.category, nil, text: text)
                    w.claimTokens(a, b, category: d.category, owner: .withheld(v))
                }
            }
        }
    }

    // MARK: - Patterns

    func applyPatterns(_ w: TextWork) {
        for hit in Patterns.findAll(in: w, lexicon: lexicon) {
            if hit.category == .nhsNumber && !hit.valid {
                // A number the record holds is that person's, whatever its check digit.
                switch index.owner(of: hit.keys) {
                case .kept: w.claim(hit.first, hit.last, start: hit.start, end: hit.end, category: .nhsNumber, owner: .kept)
                case .person(let p): w.claim(hit.first, hit.last, start: hit.start, end: hit.end, category: .nhsNumber, owner: .person(p))
                case .nobody: w.findings.append(Finding(start: hit.start, end: hit.end, category: .nhsNumber, reason: .possibleNHSNumber))
                }
                continue
            }
            let ownership = index.owner(of: hit.keys)
            if hit.category == .dob {
                switch ownership {
                case .kept: w.claim(hit.first, hit.last, start: hit.start, end: hit.end, category: .dob, owner: .kept)
                case .person(let p): w.claim(hit.first, hit.last, start: hit.start, end: hit.end, category: .dob, owner: .person(p))
                case .nobody:
                    if hit.dobContext {
                        let v = index.withheldValue(.dob, hit.keys.first, text: w.string(hit.start, hit.end))
                        w.claim(hit.first, hit.last, start: hit.start, end: hit.end, category: .dob, owner: .withheld(v))
                    } else {
                        w.pendingDates.append(hit)
                    }
                }
                continue
            }
            let owner: Owner
            switch ownership {
            case .kept: owner = .kept
            case .person(let p): owner = .person(p)
            case .nobody: owner = .withheld(index.withheldValue(hit.category, hit.keys.first, text: w.string(hit.start, hit.end)))
            }
            w.claim(hit.first, hit.last, start: hit.start, end: hit.end, category: hit.category, owner: owner)
        }
    }

    // MARK: - Phrases

    /// Workplaces, multi-word nicknames, named address lines and handles (`organisations: false`),
    /// or known organisations (`organisations: true`).
    func applyPhrases(_ w: TextWork, organisations: Bool) {
        let phrases = organisations ? lexicon.organisationPhrases : index.phrases
        let phraseList = organisations ? lexicon.organisationList : index.phraseList
        guard !phrases.isEmpty else { return }
        var k = 0
        while k < w.count {
            k = nextPhraseStart(w, from: k, phrases)
            guard k < w.count else { break }
            var i = phrases.first(w.tokens[k].hash)
            var best: (end: Int, phrase: Int32)?
            var keptMatch = false
            while i >= 0 {
                let e = phrases.entry(i)
                let p = phraseList[Int(e.value)]
                if (p.kind == .organisation) == organisations, let end = match(p, in: w, at: k), end >= (best?.end ?? -1) {
                    let kept = p.person < 0 || index.persons[Int(p.person)].kept
                    if end > (best?.end ?? -1) { keptMatch = false }
                    // Several owners of the same words: a kept one wins, the value is already known.
                    if best == nil || end > best!.end || (kept && !keptMatch) { best = (end, e.value) }
                    keptMatch = keptMatch || kept
                }
                i = e.next
            }
            guard let (end, pi) = best else { k += 1; continue }
            let phrase = phraseList[Int(pi)]
            if phrase.kind == .organisation && k > 0 && (relationCue(w, k) || listedNameBefore(w, k)) { k += 1; continue }
            let owner: Owner = keptMatch ? .kept : .person(phrase.person)
            // "works at the Royal Oak": the article belongs to the name.
            var first = k
            if phrase.kind != .organisation, k > 0, w.isFree(k - 1), w.tokens[k - 1].hash == lexicon.words.the, w.spaceGap(k) {
                first = k - 1
            }
            w.claimTokens(first, end, category: phrase.category, owner: owner)
            if case .person(let p) = owner, phrase.kind == .aka { index.mention(p) }
            k = end + 1
        }
    }

    /// The first token from `k` on that is free, has letters and starts some phrase of `phrases`
    /// (the only tokens `applyPhrases` can match at), or `w.count`.
    @inline(__always) func nextPhraseStart(_ w: TextWork, from k: Int, _ phrases: WordMultiMap<Int32>) -> Int {
        w.tokens.withUnsafeBufferPointer { t in
            var k = k
            while k < t.count {
                if w.claimOf[k] == TextWork.free && t[k].shape & Shape.alpha != 0 && phrases.first(t[k].hash) >= 0 { return k }
                k += 1
            }
            return k
        }
    }

    /// The last token of a match of `p` starting at `k`, or nil.
    func match(_ p: Phrase, in w: TextWork, at k: Int) -> Int? {
        if p.lexicalSingle && w.tokens[k].shape & Shape.cap == 0 { return nil }
        var j = k
        var m = 0
        while m < p.words.count && j < w.count {
            if j > k {
                let g = w.tokens[j].gap
                if g & (Gap.newline | Gap.stop | Gap.colon | Gap.semicolon) != 0 || w.gapLength(j) > 4 || !w.isFree(j) { break }
            }
            let t = w.tokens[j]
            if t.hash == p.words[m] {
                m += 1
                if m == p.words.count { break }
                j += 1
                continue
            }
            if j > k && t.lex & Lex.connector != 0 { j += 1; continue }
            break
        }
        guard m == p.words.count else {
            // A workplace by its first words, after "works at".
            if p.kind == .workplace && m >= min(2, p.words.count) && m > 0 && workContext(w, k) { return j - 1 }
            if p.kind == .workplace && m == 1 && p.words.count > 1 && workContext(w, k) && !p.lexicalSingle
                && w.tokens[k].shape & Shape.cap != 0 && lexicon.flags(p.words[0]) & Lex.known == 0
            {
                return k
            }
            return nil
        }
        if p.needsPossessive && w.tokens[j].shape & Shape.possessive == 0 && !(j + 1 < w.count && w.tokens[j + 1].lex & Lex.orgWord != 0) {
            return nil
        }
        // "Brook Lane" is a street, not the charity.
        if p.kind == .organisation, j + 1 < w.count, w.tokens[j + 1].lex & (Lex.street | Lex.streetWeak | Lex.houseWord) != 0 {
            return nil
        }
        return j
    }

    func workContext(_ w: TextWork, _ k: Int) -> Bool {
        w.cueBefore(k, window: 4, flags: Lex.workCue)
    }

    /// "Bronagh McDonald's dog": a listed person's given name just before means a person, not the restaurant.
    func listedNameBefore(_ w: TextWork, _ k: Int) -> Bool {
        guard w.spaceGap(k), w.tokens[k - 1].shape & Shape.cap != 0 else { return false }
        var i = index.names.first(w.tokens[k - 1].hash)
        while i >= 0 {
            let e = index.names.entry(i)
            if e.value.kind.isGivenLike { return true }
            i = e.next
        }
        return false
    }

    /// "her uncle John Lewis": a relation word just before means a person, not the shop.
    func relationCue(_ w: TextWork, _ k: Int) -> Bool {
        let p = w.tokens[k - 1]
        return p.lex & (Lex.relation | Lex.naming | Lex.title) != 0 && w.tokens[k].gap & (Gap.newline | Gap.stop) == 0
    }

    // MARK: - Addresses

    func applyStreets(_ w: TextWork) {
        for hit in Streets.find(in: w, lexicon: lexicon) {
            let start = w.tokens[hit.first].start, end = w.tokens[hit.last].nameEnd
            // "live with Mahad Hill": a listed person's name, not a street.
            if hit.kind == .streetOnly, index.names.first(w.tokens[hit.first].hash) >= 0 {
                for k in hit.first...hit.last where w.claimOf[k] == TextWork.reserved { w.claimOf[k] = TextWork.free }
                continue
            }
            guard w.claimOf[hit.first] < 0 || w.claimOf[hit.first] == TextWork.reserved else { continue }
            if (hit.first...hit.last).contains(where: { w.claimOf[$0] >= 0 }) { continue }
            // Built once: `StreetHit.keys` formats its strings on every read.
            let keys = hit.keys
            let ownership: RecordIndex.Ownership
            switch hit.kind {
            case .numbered where hit.tentative:
                let o = index.owner(of: keys.filter { $0.kind == .fullStreet || $0.kind == .flatStreet })
                if case .nobody = o {
                    // "at a party at 43 millbrook st": maybe a home, maybe not; the practitioner decides.
                    w.findings.append(Finding(start: start, end: end, category: .address, reason: .possibleAddress))
                    continue
                }
                ownership = o
            case .numbered:
                // A flat or house we know decides; else a protected owner of the number and street;
                // a kept person's building with a different flat number is someone else's home.
                let flatKeys = keys.filter { $0.kind == .flatStreet }
                let flatOwner = flatKeys.isEmpty ? .nobody : index.owner(of: flatKeys)
                if case .nobody = flatOwner {
                    let full = index.owner(of: keys.filter { $0.kind == .fullStreet })
                    if case .kept = full, hit.flat != nil { ownership = .nobody } else { ownership = full }
                } else {
                    ownership = flatOwner
                }
            case .streetOnly, .block:
                let o = index.owner(of: keys)
                if case .nobody = o {
                    if hit.kind == .block && hit.flat == nil {
                        w.claim(hit.first, hit.last, start: start, end: end, category: nil, owner: .kept)
                        continue
                    }
                    // A street nobody kept lives on, given as where someone lives ("his flat on
                    // magdalen rd"), is that person's address: withheld. After "on" or "from" it
                    // may be ("with dave on colne rd"): the practitioner decides. Otherwise a place.
                    ownership = hit.kind == .block || hit.addressContext ? .nobody : .kept
                    if hit.kind == .streetOnly && !hit.addressContext {
                        // "the packhouse on West Marsh Road": the place on the street goes with it.
                        let from = Streets.placeOnStreetStart(w, hit.first, lexicon, named: true)
                        w.findings.append(Finding(start: w.tokens[from].start, end: end, category: .address, reason: .possibleAddress))
                    }
                } else {
                    ownership = o
                }
            case .numberOnly, .flatOnly:
                let o = index.owner(of: keys)
                if case .nobody = o {
                    // "at number 7", "No. 29", "a man from flat 12": a house or flat number nobody
                    // kept owns points at someone's home (the household's street is known to the
                    // recipient), so it is withheld (policy 4).
                    ownership = .nobody
                } else {
                    ownership = o
                }
            }
            switch ownership {
            case .kept:
                w.claim(hit.first, hit.last, start: start, end: end, category: .address, owner: .kept)
            case .person(let p):
                var first = withArticle(w, hit)
                // "lives in the bungalow by the garage on Tyne Green Rd": the place described on a
                // protected person's street goes with it (it may be their home).
                if hit.kind == .streetOnly {
                    let from = Streets.placeOnStreetStart(w, hit.first, lexicon)
                    if from < first && (from..<first).allSatisfy({ w.claimOf[$0] < 0 }) { first = from }
                }
                w.claim(first, hit.last, start: w.tokens[first].start, end: end, category: .address, owner: .person(p))
            case .nobody:
                let key = keys.first { $0.kind == .fullStreet || $0.kind == .block } ?? keys.first
                let v = index.withheldValue(.address, key, text: w.string(start, end))
                var first = withArticle(w, hit)
                // "live with her in the flats on Jardine Crescent": a street alone given as where
                // someone lives takes the description of the home on it ("the flats on") with it.
                if hit.kind == .streetOnly && hit.addressContext {
                    let from = Streets.placeOnStreetStart(w, hit.first, lexicon)
                    if from < first && (from..<first).allSatisfy({ w.claimOf[$0] < 0 }) { first = from }
                }
                w.claim(first, hit.last, start: w.tokens[first].start, end: end, category: .address, owner: .withheld(v))
            }
        }
    }

    /// "on the Glen Road": the article goes with a street alone that is replaced.
    func withArticle(_ w: TextWork, _ hit: StreetHit) -> Int {
        let first = hit.first
        guard hit.kind == .streetOnly, first > 0, w.isFree(first - 1), w.tokens[first - 1].hash == lexicon.words.the,
            w.spaceGap(first)
        else { return first }
        return first - 1
    }

    // MARK: - Organisations

    /// "St Anne's Primary School", "Kingsbridge Medical Centre", "St Mary's": capitalised words
    /// ending in an organisation word, or a saint's name. Kept, and never read as people.
    func applyOrganisations(_ w: TextWork) {
        var k = 0
        while k < w.count {
            let t = w.tokens[k]
            guard w.isFree(k), t.isWord, t.shape & Shape.cap != 0 else { k += 1; continue }
            if t.lex & Lex.saint != 0, k + 1 < w.count, w.isFree(k + 1), w.tokens[k + 1].shape & Shape.cap != 0,
                w.tokens[k + 1].shape & Shape.allCaps == 0 || t.shape & Shape.allCaps != 0,
                w.spaceGap(k + 1) || w.tokens[k + 1].gap == Gap.period | Gap.space || w.gapIs(k + 1, UInt8(ascii: "."))
            {
                var end = k + 1
                while end + 1 < w.count && w.isFree(end + 1) && w.spaceGap(end + 1)
                    && w.tokens[end + 1].shape & Shape.cap != 0 && w.tokens[end + 1].lex & Lex.orgWord != 0
                {
                    end += 1
                }
                w.claimTokens(k, end, category: nil, owner: .kept, keepPossessive: false)
                k = end + 1
                continue
            }
            guard t.lex & Lex.orgWord != 0, t.lex & (Lex.given | Lex.surname) == 0 || t.lex & Lex.english != 0 else { k += 1; continue }
            var s = k
            while s - 1 >= 0 && k - s < 5 {
                let p = w.tokens[s - 1]
                guard w.isFree(s - 1), p.shape & Shape.alpha != 0, p.shape & (Shape.cap | Shape.allCaps) != 0 || p.lex & Lex.connector != 0,
                    w.spaceGap(s) || w.tokens[s].gap == Gap.hyphen || w.gapIs(s, UInt8(ascii: "&")),
                    p.lex & (Lex.title | Lex.relation | Lex.personVerb) == 0 || p.lex & Lex.saint != 0,
                    !isStrongPersonWord(w, s - 1)
                else { break }
                s -= 1
                if p.shape & Shape.boundary != 0 { break }
            }
            while s < k && w.tokens[s].lex & Lex.connector != 0 { s += 1 }
            guard s < k else { k += 1; continue }
            var end = k
            while end + 1 < w.count && w.isFree(end + 1) && w.spaceGap(end + 1) && w.tokens[end + 1].shape & Shape.cap != 0
                && w.tokens[end + 1].lex & Lex.orgWord != 0
            {
                end += 1
            }
            w.claimTokens(s, end, category: nil, owner: .kept, keepPossessive: false)
            k = end + 1
        }
    }

    /// A listed protected person's exact, non-ordinary name word: never swallowed into an organisation.
    func isStrongPersonWord(_ w: TextWork, _ k: Int) -> Bool {
        var i = index.names.first(w.tokens[k].hash)
        while i >= 0 {
            let e = index.names.entry(i)
            if !e.value.lexical && !index.persons[Int(e.value.person)].kept && e.value.kind != .initials { return true }
            i = e.next
        }
        return false
    }
}
