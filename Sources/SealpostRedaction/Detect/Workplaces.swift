/// Where a third party works, said with a place: "works at the car wash on Bath Road", "drives
/// the 576 bus for First", "runs Celestial Wellness in East Grinstead". The phrase after a verb
/// of work and "at"/"for" (or a capitalised object of "runs"/"owns") is a workplace; it is kept
/// when the sentence's nearest person before the verb is a kept one ("Mum works at ..."), and
/// otherwise withheld. Runs after names are decided, so that the person is known.
extension Engine {
    static let withHash = Tokenizer.hash("with")
    static let anHash = Tokenizer.hash("an")
    static let ownVerbs: WordSet = WordSet(["runs", "ran", "owns", "owned", "manages", "managed"].map { Tokenizer.hash($0) })
    static let workPrepositions: WordSet = WordSet(["at", "for"].map { Tokenizer.hash($0) })
    static let placePrepositions: WordSet = WordSet(
        ["at", "on", "in", "for", "near", "by", "off", "behind", "opposite", "above", "beside", "outside"].map { Tokenizer.hash($0) })
    static let nextHash = Tokenizer.hash("next")
    static let toHash = Tokenizer.hash("to")
    /// Words that end a workplace phrase: a new clause or what someone does there.
    static let phraseEnds: WordSet = WordSet(
        """
        that who which and but because when where while since so until as with to from if or then than after before
        about every each during
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })

    /// Jobs a third party is said to do at a place ("a deacon at the church on Gravelly Hill",
    /// "the bouncer at the Crown"): after an article, in lowercase, they stand for a verb of work.
    /// Professionals who write referrals (teacher, nurse, officer) are left out: their workplace
    /// is usually the referring agency.
    static let occupations: WordSet = WordSet("""
        deacon pastor imam priest vicar elder cleaner driver cabbie bouncer barman barmaid bartender chef cook waiter
        waitress mechanic labourer builder supervisor foreman porter caretaker receptionist cashier packer picker
        forklift doorman steward groundsman janitor handyman tattooist barber hairdresser stylist trainer instructor
        lifeguard dj promoter landlady landlord owner proprietor shopkeeper butcher baker plumber electrician
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })

    func isWorkWord(_ w: TextWork, _ k: Int) -> Bool {
        let t = w.tokens[k]
        guard t.isWord else { return false }
        if t.lex & Lex.workVerb != 0 { return true }
        guard t.shape & Shape.lower != 0, k > 0, w.spaceGap(k) else { return false }
        let p = w.tokens[k - 1].hash
        return (p == lexicon.words.a || p == Self.anHash || p == lexicon.words.the) && Self.occupations.contains(t.hash)
    }

    func applyWorkplaces(_ w: TextWork) {
        var k = 0
        while k < w.count {
            guard isWorkWord(w, k) else { k += 1; continue }
            guard let start = workplaceStart(w, after: k), let end = workplaceEnd(w, from: start) else { k += 1; continue }
            // A phrase of one lowercase word ("works at home", "works for money") is not a place.
            let words = (start...end).filter { w.tokens[$0].isWord && w.tokens[$0].lex & (Lex.determiner | Lex.function) == 0 }
            let capitalised = (start...end).contains { w.tokens[$0].shape & Shape.cap != 0 }
            guard words.count >= 2 || (capitalised && !words.isEmpty) else { k += 1; continue }
            let owner: Owner
            switch workerBefore(w, k) {
            case .kept:
                owner = .kept
            case .unsure:
                // "Her sister works at ...": whether she is the household's, the words do not say.
                // (An organisation in it is reported by `findUncertain`.)
                if !(start...end).contains(where: { w.claimOf[$0] >= 0 }) {
                    w.findings.append(Finding(start: w.tokens[start].start, end: w.tokens[end].end, category: .workplace,
                                              reason: .possibleWorkplace))
                }
                k = end + 1
                continue
            case .protected:
                let text = w.string(w.tokens[start].start, w.tokens[end].end)
                owner = .withheld(index.withheldValue(.workplace, nil, text: text))
            }
            // Organisations and streets kept inside the phrase ("works for Sheaf Cars", "the
            // McDonald's at Lysander Road") become one workplace: the first claim is stretched
            // over the phrase, the others stand down.
            var inside: [Int] = []
            for j in start...end where w.claimOf[j] >= 0 && !inside.contains(Int(w.claimOf[j])) { inside.append(Int(w.claimOf[j])) }
            for o in inside.dropFirst() {
                w.claims[o].category = nil
                w.claims[o].owner = .kept
            }
            if let org = inside.first {
                w.claims[org].first = Int32(start)
                w.claims[org].last = Int32(end)
                w.claims[org].start = min(w.claims[org].start, w.tokens[start].start)
                w.claims[org].end = max(w.claims[org].end, w.tokens[end].end)
                w.claims[org].category = .workplace
                w.claims[org].owner = owner
                for j in start...end { w.claimOf[j] = Int32(org) }
            } else {
                w.claim(start, end, start: w.tokens[start].start, end: w.tokens[end].end, category: .workplace, owner: owner)
            }
            k = end + 1
        }
    }

    /// The first token of the workplace after the work verb at `v`: after "at"/"for" within five
    /// words of the same clause, or a capitalised object right after "runs"/"owns".
    func workplaceStart(_ w: TextWork, after v: Int) -> Int? {
        if Self.ownVerbs.contains(w.tokens[v].hash) {
            let n = v + 1
            guard n < w.count, w.spaceGap(n), isFreeOrOrganisation(w, n) else { return nil }
            // "runs Celestial Wellness", "runs a taxi firm in Bradford".
            if w.tokens[n].shape & Shape.cap != 0 && w.tokens[n].lex & (Lex.pronoun | Lex.determiner | Lex.function) == 0 { return n }
            let article = w.tokens[n].hash == lexicon.words.a || w.tokens[n].hash == Self.anHash || w.tokens[n].hash == lexicon.words.the
            if article && n + 1 < w.count && w.spaceGap(n + 1) && w.tokens[n + 1].isWord { return n }
            return nil
        }
        var j = v + 1
        while j < w.count && j - v <= 5 {
            if w.tokens[j].gap & ~(Gap.space | Gap.hyphen) != 0 { return nil }
            // "works at", "drives for", "works on the whelk boats".
            let onThe = w.tokens[j].hash == Streets.onHash && j + 1 < w.count && w.tokens[j + 1].hash == lexicon.words.the
            if Self.workPrepositions.contains(w.tokens[j].hash) || onThe {
                let n = j + 1
                guard n < w.count, w.spaceGap(n), isFreeOrOrganisation(w, n) else { return nil }
                return n
            }
            if Self.phraseEnds.contains(w.tokens[j].hash) && w.tokens[j].hash != Self.withHash { return nil }
            j += 1
        }
        return nil
    }

    /// The last token of the workplace phrase starting at `s`: words of the same clause up to a
    /// word that starts another clause, a comma or stop, a claimed token, or a preposition that
    /// is not followed by a place ("on nights", "at weekends"); at most ten words.
    func workplaceEnd(_ w: TextWork, from s: Int) -> Int? {
        var end: Int?
        var j = s
        while j < w.count && j - s < 10 {
            let t = w.tokens[j]
            let ci = w.claimOf[j]
            if ci >= 0 {
                // Kept organisations and streets may sit inside the phrase, taken whole.
                guard isFreeOrOrganisation(w, j), j == s || j > s && w.tokens[j].gap & ~Gap.space == 0 else { break }
                end = Int(w.claims[Int(ci)].last)
                j = Int(w.claims[Int(ci)].last) + 1
                continue
            }
            if j > s && (t.gap & ~(Gap.space) != 0 || w.gapLength(j) > 2) { break }
            if ci != TextWork.free || Self.phraseEnds.contains(t.hash) || t.lex & (Lex.personVerb | Lex.pronoun) != 0 && j > s
                && t.shape & Shape.cap == 0
            {
                break
            }
            // "the car wash next to the mosque": "next to" is one preposition.
            let nextTo = j > s && t.hash == Self.nextHash && j + 1 < w.count && w.tokens[j + 1].hash == Self.toHash
                && w.spaceGap(j + 1)
            if j > s && (Self.placePrepositions.contains(t.hash) || nextTo) {
                // Continues only into a named place or a place with an article: "on Bath Road", "at the quay".
                var n = j + (nextTo ? 2 : 1)
                guard n < w.count, w.spaceGap(n), isFreeOrOrganisation(w, n) else { break }
                if w.tokens[n].lex & Lex.determiner != 0 { n += 1 }
                guard n < w.count, w.spaceGap(n), isFreeOrOrganisation(w, n), w.tokens[n].isWord,
                    w.tokens[n].lex & (Lex.weekday | Lex.month | Lex.season) == 0,
                    w.tokens[n].shape & Shape.cap != 0 || n > j + (nextTo ? 2 : 1)
                else { break }
                if nextTo { end = j + 1; j += 2; continue }
            }
            if j == s && t.lex & (Lex.weekday | Lex.month) != 0 { return nil }
            end = j
            j += 1
        }
        // Never end on a preposition or article.
        while let e = end, e >= s, Self.placePrepositions.contains(w.tokens[e].hash) || w.tokens[e].lex & Lex.determiner != 0 {
            end = e > s ? e - 1 : nil
        }
        return end
    }

    /// Free, or the first token of an organisation or street kept as a place (not a person's).
    func isFreeOrOrganisation(_ w: TextWork, _ k: Int) -> Bool {
        let ci = w.claimOf[k]
        if ci == TextWork.free { return true }
        guard ci >= 0 else { return false }
        let c = w.claims[Int(ci)]
        return (c.category == nil || c.category == .address) && c.owner == .kept && Int(c.first) == k
    }

    enum Worker { case kept, unsure, protected }

    /// Whose work the verb at `v` is, by the nearest person mentioned before it in the same
    /// sentence: a kept person's name keeps the workplace; a word for a household member ("Her
    /// sister", "Mum") leaves it to the practitioner; a protected person, a pronoun ("he works":
    /// the text does not say who here) or nobody withholds it, so a protected person's workplace
    /// never slips through.
    func workerBefore(_ w: TextWork, _ v: Int) -> Worker {
        var j = v - 1
        while j >= 0 {
            let ci = w.claimOf[j]
            if ci >= 0 {
                let c = w.claims[Int(ci)]
                if c.category == .name { return c.owner == .kept ? .kept : .protected }
            } else if w.tokens[j].lex & Lex.relation != 0 {
                return Self.roleHints[w.tokens[j].hash] == .household ? .unsure : .protected
            } else if w.tokens[j].lex & Lex.pronoun != 0 && w.tokens[j].shape & Shape.possessive == 0 {
                return .protected
            }
            if w.tokens[j].shape & (Shape.sentence | Shape.line) != 0 { break }
            j -= 1
        }
        return .protected
    }
}
