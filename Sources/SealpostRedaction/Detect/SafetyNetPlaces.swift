/// The safety net for places tied to a person (issue 13): districts and estates given as where
/// someone lives, businesses named with a trade word, streets typed in lowercase, and a place
/// of work said with where it is. Each only adds findings (see `SafetyNet.swift`).
extension Engine {
    static let onHash = Tokenizer.hash("on")
    static let inHash = Tokenizer.hash("in")
    static let atHash = Tokenizer.hash("at")
    static let nearHash = Tokenizer.hash("near")
    static let offHash = Tokenizer.hash("off")

    /// `wherePrepositions` without hashing the key (called for many tokens).
    @inline(__always) static func isWherePreposition(_ h: UInt64) -> Bool {
        h == onHash || h == inHash || h == atHash || h == nearHash || h == offHash
    }
    static let wherePrepositions: WordSet = WordSet(["on", "in", "at", "near", "off"].map { Tokenizer.hash($0) })

    /// "lives in Small Heath", "her house on Almondbury Bank", "a flat on Audley Range": after a
    /// residence word and "on"/"in"/"at"/"near" (and "the"), a run of capitalised words nobody
    /// decided is where someone lives. A town from the embedded list alone is too wide to
    /// identify a home and is left; a run whose words are all in kept people's addresses is theirs.
    func residencePlaceAt(_ w: TextWork, _ k: Int) {
        guard w.tokens[k].lex & Lex.residence != 0, w.tokens[k].isWord else { return }
        // "on the same estate, Birch Rise": a place named after a comma.
        placeAfterComma(w, k)
        var m = k + 1
        guard m + 1 < w.count, w.spaceGap(m), Self.wherePrepositions.contains(w.tokens[m].hash) else { return }
        m += 1
        if w.tokens[m].hash == lexicon.words.the && m + 1 < w.count && w.spaceGap(m) { m += 1 }
        guard w.spaceGap(m) else { return }
        var e = m - 1
        while e + 1 < w.count && e + 1 - m < 3 && isUndecided(w, e + 1) && (e + 1 == m || w.spaceGap(e + 1)) {
            let t = w.tokens[e + 1]
            guard t.isWord, t.shape & Shape.cap != 0, t.lex & (Self.neverWeakName | Lex.title | Lex.relation) == 0 else { break }
            e += 1
        }
        guard e >= m else { return }
        // A single word after "in"/"at"/"near" is most often a town ("lives in Dalton"): too wide;
        // but the district named after it is not ("lives in Birmingham, in Small Heath").
        let on = w.tokens[m - 1].hash == Self.onHash || w.tokens[m - 2].hash == Self.onHash
        if e == m && (!on || w.tokens[m].lex & (Lex.place | Lex.nationality) != 0) {
            placeAfterComma(w, e)
            return
        }
        if (m...e).allSatisfy({ index.keptPlaceWords.contains(w.tokens[$0].hash) }) { return }
        w.addFinding(m, e, .address, .possibleAddress)
    }

    /// After token `k` (a residence word, or a town where someone lives), a comma, "in" or not, and
    /// one to three capitalised words nobody decided that are not a person's title, relation or a
    /// function word: the district or street named more closely. Reported, never replaced.
    func placeAfterComma(_ w: TextWork, _ k: Int) {
        var m = k + 1
        guard m < w.count, w.tokens[m].gap & ~(Gap.comma | Gap.space) == 0, w.tokens[m].gap & Gap.comma != 0 else { return }
        if w.tokens[m].hash == lexicon.words.in && m + 1 < w.count && w.spaceGap(m + 1) { m += 1 }
        var e = m - 1
        while e + 1 < w.count && e + 1 - m < 3 && isUndecided(w, e + 1) && (e + 1 == m || w.spaceGap(e + 1)) {
            let t = w.tokens[e + 1]
            guard t.isWord, t.shape & Shape.cap != 0, t.shape & Shape.allCaps == 0,
                t.lex & (Self.neverWeakName | Lex.title | Lex.relation | Lex.kin | Lex.personVerb | Lex.orgWord) == 0
            else { break }
            e += 1
        }
        // Two words or more, or one that is no town, weekday or known word ("Birch Rise", "Small Heath").
        guard e > m || (e == m && w.tokens[m].lex & (Lex.known | Lex.place) == 0) else { return }
        if (m...e).allSatisfy({ index.keptPlaceWords.contains(w.tokens[$0].hash) }) { return }
        w.addFinding(m, e, .address, .possibleAddress)
    }

    /// Trade words that make a name a private business (a workplace that can identify someone),
    /// unlike a school, surgery or council.
    static let businessWords: WordSet = WordSet("""
        cars taxis cabs taxi cab logistics solutions construction builders plumbing cleaning recruitment
        hairdressers nails beauty studio studios salon barbers barber bakery takeaway launderette laundrette garage
        motors lettings estates removals scaffolding roofing tyres autos carwash haulage transport kebabs kebab
        fitness boxing wellness tattoo tattoos
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })

    /// "Morley Cabs", "Bradford Premier Cars", "Crane & Co Lettings": an organisation the text names
    /// whose last word is a trade, not one of the embedded chains, may be where a person works.
    func findBusinessNames(_ w: TextWork) {
        for c in w.claims where c.category == nil && c.owner == .kept && c.last > c.first {
            let first = Int(c.first), last = Int(c.last)
            guard Self.businessWords.contains(w.tokens[last].hash), w.tokens[first].shape & Shape.cap != 0,
                lexicon.organisationPhrases.first(w.tokens[first].hash) < 0
            else { continue }
            w.findings.append(Finding(start: c.start, end: c.end, category: .workplace, reason: .possibleWorkplace))
        }
    }

    static let lowercaseStreetWords: WordSet = WordSet("""
        road rd street st lane ln avenue ave close crescent cres drive dr way grove place terrace tce gardens row walk
        court ct rise mews
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })
    static let streetPrepositions: WordSet = WordSet(["on", "off", "at", "from", "near", "down", "up", "along", "of", "in"]
        .map { Tokenizer.hash($0) })

    /// "at no 7 on pitt st", "the co-op on bank st", "lives off church lane": in lowercase, a
    /// preposition, one or two words that are not function words, and a street word.
    func lowercaseStreetAt(_ w: TextWork, _ k: Int) {
        guard k >= 1, w.isFree(k) else { return }
        let t = w.tokens[k]
        guard t.lex & (Lex.street | Lex.streetWeak) != 0, t.shape & Shape.lower != 0, t.isWord,
            Self.lowercaseStreetWords.contains(t.hash)
        else { return }
        var s = k
        while s - 1 > 0 && k - s < 2 && w.isFree(s - 1) && w.spaceGap(s) {
            let p = w.tokens[s - 1]
            guard p.isWord, p.shape & Shape.lower != 0, p.lex & (Self.neverWeakName | Lex.relation) == 0,
                !Self.lowercaseStreetWords.contains(p.hash), !Self.streetPrepositions.contains(p.hash)
            else { break }
            s -= 1
        }
        guard s < k, s > 0, w.spaceGap(s), Self.streetPrepositions.contains(w.tokens[s - 1].hash) else { return }
        // A kept person's street ("on manor rd" where the family lives on Manor Road) is theirs.
        if (s..<k).allSatisfy({ index.keptPlaceWords.contains(w.tokens[$0].hash) }) { return }
        // "(the co-op on bank st)": the place described on the street goes into the finding.
        w.addFinding(Streets.placeOnStreetStart(w, s, lexicon), k, .address, .possibleAddress)
    }

    static let venueWords: WordSet = WordSet("""
        warehouse factory depot plant docks dock port yard scrapyard site shop salon garage gym pub club bakery
        launderette takeaway cafe church mosque temple gurdwara cathedral nursery hall barbers restaurant hotel farm
        office offices store supermarket market unit studio kitchen
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })

    /// "works at the Co-op warehouse in Huddersfield", "previously at a nursery in Parkstone", "a
    /// choir at the cathedral in York": a place of work with where it is, after a word of work in
    /// the same stretch of text, unless it is a kept person's.
    func venueWithPlaceAt(_ w: TextWork, _ k: Int) {
        guard k >= 1 else { return }
        let t = w.tokens[k]
        guard k + 2 < w.count, w.tokens[k + 2].shape & Shape.cap != 0, w.tokens[k + 1].shape & Shape.lower != 0,
            t.isWord, t.nlen >= 3, w.spaceGap(k + 1), w.spaceGap(k + 2), Self.isWherePreposition(w.tokens[k + 1].hash),
            Self.venueWords.contains(t.hash)
        else { return }
        // Where it is: capitalised words (a town, a district, a street).
        var placeEnd = k + 1
        while placeEnd + 1 < w.count && placeEnd - k < 4 && (placeEnd == k + 1 || w.spaceGap(placeEnd + 1)) {
            let n = w.tokens[placeEnd + 1]
            guard n.isWord, n.shape & Shape.cap != 0, n.lex & (Self.neverWeakName | Lex.title) == 0 else { break }
            placeEnd += 1
        }
        guard placeEnd > k + 1, w.cueBefore(k, window: 12, flags: Lex.workCue | Lex.workVerb) else { return }
        if (k + 2...placeEnd).contains(where: { w.claimOf[$0] >= 0 && w.claims[Int(w.claimOf[$0])].owner == .kept
                && w.claims[Int(w.claimOf[$0])].category != nil }) { return }
        // The venue's own words back to its article.
        var s = k
        while s > 0 && k - s < 3 && (w.spaceGap(s) || w.tokens[s].gap == Gap.hyphen) {
            let p = w.tokens[s - 1]
            if p.hash == lexicon.words.the || p.lex & Lex.determiner != 0 { s -= 1; break }
            guard p.isWord, p.lex & (Lex.function | Lex.pronoun | Lex.workCue | Lex.workVerb) == 0 else { break }
            s -= 1
        }
        // Part already replaced ("[Withheld workplace 1]-op warehouse in ..."): report what is left.
        while s <= k && !w.isFree(s) { s += 1 }
        var end = k + 1
        while end + 1 <= placeEnd && w.isFree(end + 1) { end += 1 }
        guard s <= k, w.isFree(s, k + 1) else { return }
        w.addFinding(s, end, .workplace, .possibleWorkplace)
    }

    static let foreignStreetWords: WordSet = WordSet("""
        strada ulica ul rue calle strasse utca ulice avenida rua sokak sokagi caddesi
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })
    static let namedHousePrepositions: WordSet = WordSet(["at", "to", "from", "in"].map { Tokenizer.hash($0) })

    /// "Strada Florilor 12", "ul. Długa 5": a foreign street word before capitalised words; and
    /// "at The Laurels": a named house or place, "The" capitalised mid-sentence after "at", "to",
    /// "from" or "in". Both may be where someone lives.
    func namedPlaceAt(_ w: TextWork, _ k: Int) {
        guard k >= 1, isOpen(w, k) else { return }
        let t = w.tokens[k]
        guard t.isWord, t.shape & Shape.cap != 0, t.shape & Shape.allCaps == 0, k + 1 < w.count, isOpen(w, k + 1),
            w.tokens[k + 1].shape & Shape.cap != 0, w.tokens[k + 1].isWord
        else { return }
        if t.hash == lexicon.words.the {
            guard t.shape & Shape.boundary == 0, w.spaceGap(k), w.spaceGap(k + 1),
                Self.namedHousePrepositions.contains(w.tokens[k - 1].hash),
                w.tokens[k + 1].lex & (Self.neverWeakName | Lex.place | Lex.nationality) == 0
            else { return }
            var e = k + 1
            while e + 1 < w.count && e - k < 3 && isOpen(w, e + 1) && w.spaceGap(e + 1) && w.tokens[e + 1].shape & Shape.cap != 0
                && w.tokens[e + 1].lex & Self.neverWeakName == 0 { e += 1 }
            w.addFinding(k, e, .address, .possibleAddress)
        } else if Self.foreignStreetWords.contains(t.hash) {
            var e = k + 1
            while e + 1 < w.count && e - k < 4 && isOpen(w, e + 1) && w.spaceGap(e + 1)
                && (w.tokens[e + 1].shape & Shape.cap != 0 || w.tokens[e + 1].shape & Shape.digit != 0) { e += 1 }
            w.addFinding(k, e, .address, .possibleAddress)
        }
    }

    /// Words of going somewhere or living there, which make a lowercase unknown word after
    /// "in", "to", "from" or "near" a place ("the house in glodwick", "been going to walsall").
    static let movementWords: WordSet = WordSet("""
        go goes going gone went been come comes coming came move moves moved moving sent send took taken drove driven
        drive drives stay stays stayed staying
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })
    static let placeEntryPrepositions: WordSet = WordSet(["in", "to", "from", "near"].map { Tokenizer.hash($0) })

    /// A lowercase word no list knows right after "in"/"to"/"from"/"near", with a word of going
    /// within three words before (`movementWords`) or a residence word right before, that ends its
    /// phrase: a district or town typed in lowercase ("the house in glodwick"). Reported, never
    /// replaced: it may be a typo.
    func lowercasePlaceAt(_ w: TextWork, _ k: Int) {
        let t = w.tokens[k]
        guard k >= 2, w.isFree(k), t.isWord, t.shape & Shape.lower != 0, t.nlen >= 4,
            t.lex & (Lex.known | Lex.english | Lex.given | Lex.surname | Lex.kin | Lex.handleCue | Lex.socialSite) == 0,
            w.spaceGap(k), Self.placeEntryPrepositions.contains(w.tokens[k - 1].hash), !Self.textSpeak.contains(t.hash)
        else { return }
        var j = k - 2
        var cue = false
        while j >= 0 && k - 1 - j <= 3 && w.tokens[j + 1].gap & (Gap.stop | Gap.newline | Gap.period) == 0 {
            // A residence word counts right before the preposition ("the house in"), a word of going within three.
            if Self.movementWords.contains(w.tokens[j].hash) || (j == k - 2 && w.tokens[j].lex & Lex.residence != 0) {
                cue = true
                break
            }
            j -= 1
        }
        // A place name ends its phrase ("in glodwick and", "to walsall for them"); a word that runs
        // on into a noun is more likely a modifier ("to maths teacher", "near windmill ct").
        if k + 1 < w.count && w.spaceGap(k + 1) && w.tokens[k + 1].isWord
            && w.tokens[k + 1].lex & (Lex.function | Lex.determiner | Lex.pronoun | Lex.connector | Lex.modal) == 0
        {
            return
        }
        guard cue, !index.isOrdinary(w, k) else { return }
        w.addFinding(k, k, .address, .possibleAddress)
    }
}
