/// The safety net for weak forms (issue 13, third session): after every detector has decided
/// what it is sure of, what might still be an identifier in a name-like or place-like context is
/// reported as an uncertain finding rather than kept silently. Each rule is built for a category
/// of the issue, not for a record; the cost is measured as needless flags per record
/// (spec/redaction.md §Quality).
///
/// Invariant: these rules only add findings; they never claim or replace a token, so they cannot
/// damage a must-keep span.
extension Engine {
    /// One walk over the tokens: each rule is tried only where its cheapest condition holds (the
    /// token's case, a bracket or quotation mark before it, a flag from the lexicon).
    func findWeakForms(_ w: TextWork) {
        let stems = handleStems(w)
        let n = w.count
        for k in 0..<n {
            let t = w.tokens[k]
            if t.shape & Shape.lower != 0 {
                if t.lex & Lex.kin != 0 { kinAfterNameAt(w, k) }
                lowercaseListedNameAt(w, k)
                cuedLowercaseNameAt(w, k)
                if t.lex & (Lex.street | Lex.streetWeak) != 0 { lowercaseStreetAt(w, k) }
                if t.lex & Lex.known == 0 { lowercasePlaceAt(w, k) }
            } else if t.shape & (Shape.cap | Shape.allCaps) != 0 {
                if t.shape & Shape.allCaps != 0 { surnameFirstAt(w, k) }
                undecidedGivenNameAt(w, k)
                sizeNicknameAt(w, k)
                if t.lex & Lex.streetWeak != 0 { weakStreetAt(w, k) }
                initialAndSurnameAt(w, k)
                namedPlaceAt(w, k)
            }
            if t.gap & Gap.open != 0 { quotedShortNameAt(w, k) }
            if k + 1 < n && w.tokens[k + 1].gap & Gap.open != 0 { nameBeforeAgeAt(w, k) }
            if t.lex & Lex.residence != 0 { residencePlaceAt(w, k) }
            if k + 2 < n && w.tokens[k + 1].shape & Shape.lower != 0 && w.tokens[k + 2].shape & Shape.cap != 0 { venueWithPlaceAt(w, k) }
            if !stems.isEmpty { handleStemAt(w, k, stems) }
            if k + 2 < n && w.tokens[k + 1].hash == lexicon.words.at { personAtHouseNumberAt(w, k) }
        }
        findBusinessNames(w)
        // Last: whatever no rule above decided or reported and no vocabulary accounts for.
        findUnaccountedWords(w)
    }

    /// Not decided by any detector (free, or only reserved by a pattern finder that decided nothing).
    @inline(__always) func isOpen(_ w: TextWork, _ k: Int) -> Bool { w.claimOf[k] < 0 }

    func isOpen(_ w: TextWork, _ a: Int, _ b: Int) -> Bool { (a...b).allSatisfy { w.claimOf[$0] < 0 } }

    /// Open, or kept as an ordinary word or an organisation (not as a kept person's identifier).
    func isUndecided(_ w: TextWork, _ k: Int) -> Bool {
        let ci = w.claimOf[k]
        guard ci >= 0 else { return true }
        let c = w.claims[Int(ci)]
        return c.category == nil && c.owner == .kept
    }

    /// Words that never stand for a person, a street or a place on their own.
    static let neverWeakName: UInt64 = Lex.function | Lex.determiner | Lex.pronoun | Lex.modal | Lex.title
        | Lex.month | Lex.weekday | Lex.numberWord | Lex.connector

    /// True when a protected person (listed, or found in the text) has this exact name word.
    func protectedNameWord(_ h: UInt64) -> Bool {
        var i = index.names.first(h)
        while i >= 0 {
            let e = index.names.entry(i)
            if !index.persons[Int(e.value.person)].kept && e.value.kind != .initials { return true }
            i = e.next
        }
        return false
    }

    /// True when a kept person has this exact name word: theirs, already known.
    func keptNameWord(_ h: UInt64) -> Bool {
        var i = index.names.first(h)
        while i >= 0 {
            let e = index.names.entry(i)
            if index.persons[Int(e.value.person)].kept { return true }
            i = e.next
        }
        return false
    }

    /// "i think slater", "dom slaiter": a lowercase word that is a protected person's name word,
    /// or within one or two letters of a listed one, in any style of text. Ordinary words that
    /// are names ("will", "may") are left when they are function words or modals.
    func lowercaseListedNameAt(_ w: TextWork, _ k: Int) {
        guard w.isFree(k) else { return }
        let t = w.tokens[k]
        guard t.isWord, t.shape & Shape.lower != 0, t.nlen >= 3, t.lex & Self.neverWeakName == 0 else { return }
        if protectedNameWord(t.hash) {
            // An ordinary English word ("bill", "mark", "hope") in lowercase is that word.
            if t.lex & Lex.english == 0 { w.addFinding(k, k, .name, .possibleName) }
            return
        }
        guard t.nlen >= 4, t.lex & Lex.known == 0 else { return }
        if fuzzyCandidates(w, k).contains(where: { !index.persons[Int($0.person)].kept }) {
            w.addFinding(k, k, .name, .possibleName)
        }
    }

    static let nameIsHash = Tokenizer.hash("name")
    static let personNouns: WordSet = WordSet("""
        girl boy lad lass man woman guy bloke kid fella cousin friend mate bf gf boyfriend girlfriend sister brother
        uncle aunt auntie aunty nan gran neighbour partner ex
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })

    /// "my cousin jordan", "another girl grace", "my name is meg", "a lad called tee": a lowercase
    /// word right after a relation, a word for a person, a naming word or someone giving their
    /// name is probably a name, even when it is also an ordinary word or a given name.
    func cuedLowercaseNameAt(_ w: TextWork, _ k: Int) {
        guard k >= 1, w.isFree(k) else { return }
        // The cheapest test first: the word before must be a cue word of some kind.
        let ph = w.tokens[k - 1].hash
        guard w.tokens[k - 1].lex & (Lex.naming | Lex.relation) != 0 || ph == lexicon.words.is || ph == Self.namesHash
            || ph == Self.imHash || ph == Self.itsHash
        else { return }
        let t = w.tokens[k]
        if t.nlen == 1 && w.tokens[k - 1].lex & Lex.naming != 0 { spelledNicknameAt(w, k); return }
        guard t.isWord, t.shape & Shape.lower != 0, t.nlen >= 2, w.spaceGap(k),
            t.lex & (Self.neverWeakName | Lex.personVerb | Lex.relation | Lex.kin | Lex.locative | Lex.nationality) == 0
        else { return }
        let p = w.tokens[k - 1]
        var cue = p.lex & Lex.naming != 0 || selfIntroduction(w, k)
        if !cue && k >= 2 && p.hash == lexicon.words.is { cue = w.tokens[k - 2].hash == Self.nameIsHash }
        if !cue && p.lex & Lex.relation != 0 && Self.personNouns.contains(p.hash) {
            // A given name from the lists, or a word no list knows.
            cue = t.lex & Lex.given != 0 || (t.lex & (Lex.known | Lex.english) == 0 && !index.isOrdinary(w, k))
        }
        guard cue, !keptNameWord(t.hash) else { return }
        // "called back", "this is normal": an ordinary word after a naming cue is that word.
        if t.lex & Lex.english != 0 && t.lex & Lex.given == 0 { return }
        w.addFinding(k, k, .name, .possibleName)
    }

    /// "called k dot or kaydot": after a naming word, a letter and a word typed as heard (a
    /// nickname read out in a call), and a word no list knows offered as another spelling of it.
    func spelledNicknameAt(_ w: TextWork, _ k: Int) {
        guard k + 1 < w.count, isOpen(w, k), isOpen(w, k + 1), w.spaceGap(k), w.spaceGap(k + 1) else { return }
        let t = w.tokens[k], n = w.tokens[k + 1]
        guard t.isWord, t.shape & Shape.lower != 0, t.hash != Self.iHash, t.hash != lexicon.words.a,
            n.isWord, n.shape & Shape.lower != 0, n.lex & (Self.neverWeakName | Lex.personVerb) == 0
        else { return }
        w.addFinding(k, k + 1, .name, .possibleName)
        // "or kaydot": another spelling offered for it.
        guard k + 3 < w.count, w.tokens[k + 2].hash == Self.orHash, isOpen(w, k + 3), w.spaceGap(k + 3) else { return }
        let o = w.tokens[k + 3]
        guard o.isWord, o.nlen >= 3, o.lex & (Lex.known | Lex.english) == 0, !Self.textSpeak.contains(o.hash) else { return }
        w.addFinding(k + 3, k + 3, .name, .possibleName)
    }

    /// "WOODS Carly", "DRAYCOTT Marjorie": in a text that is not all capitals, a word in capitals
    /// right before a capitalised given name is a surname written first (police and chronology
    /// style). Reported with the given name when neither is decided.
    func surnameFirstAt(_ w: TextWork, _ k: Int) {
        guard k + 1 < w.count, isUndecided(w, k), isUndecided(w, k + 1) else { return }
        let t = w.tokens[k], n = w.tokens[k + 1]
        guard t.isWord, t.shape & Shape.allCaps != 0, t.nlen >= 3, t.lex & (Lex.acronym | Self.neverWeakName) == 0,
            n.isWord, n.shape & Shape.cap != 0, n.shape & Shape.allCaps == 0, w.spaceGap(k + 1),
            n.lex & (Lex.given | Lex.known) != Lex.known
        else { return }
        w.addFinding(k, k + 1, .name, .possibleName)
    }

    /// "dizzy (dizzy_s70 on snap)", "a girl called Lily (lily.ed.x)": the letters a handle starts
    /// with, when another word of the text is exactly them, name its owner there too.
    func handleStems(_ w: TextWork) -> [UInt64] {
        // Few distinct stems in a text: a short array scans faster than a set hashes.
        var stems: [UInt64] = []
        for c in w.claims where c.category == .handle && c.owner.isRedacted {
            var h = FNV.offset
            var n = 0
            var i = Int(c.start)
            if i < w.bytes.count && w.bytes[i] == UInt8(ascii: "@") { i += 1 }
            while i < Int(c.end) {
                var b = w.bytes[i]
                if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { b += 32 }
                guard b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") else { break }
                h = FNV.mix(h, b)
                n += 1
                i += 1
            }
            if n >= 3 && !stems.contains(FNV.finish(h)) { stems.append(FNV.finish(h)) }
        }
        return stems
    }

    func handleStemAt(_ w: TextWork, _ k: Int, _ stems: [UInt64]) {
        let t = w.tokens[k]
        guard w.isFree(k), t.nlen >= 3, t.isWord, stems.contains(t.hash), t.lex & (Self.neverWeakName | Lex.socialSite) == 0 else { return }
        w.addFinding(k, k, .name, .possibleName)
    }

    /// True when the gap before token `k` ends in a quotation mark, or (`after`) the gap after it starts with one.
    func quoteAround(_ w: TextWork, _ k: Int, after: Bool) -> Bool {
        if !after {
            let gap = w.gapBytes(k)
            guard let b = gap.last else { return false }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { return true }
            // “ ‘ ” ’ are E2 80 9C / 98 / 9D / 99.
            return (b == 0x9C || b == 0x9D || b == 0x98 || b == 0x99) && gap.count >= 3
        }
        // After: spaces and symbols (an emoji in a display name, "KEZ 🐐") may come before the quote.
        let end = Int(w.tokens[k].end)
        let limit = min(end + 16, k + 1 < w.count ? Int(w.tokens[k + 1].start) : w.bytes.count)
        var i = end
        while i < limit {
            let b = w.bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { return true }
            if b == 0xE2 && i + 2 < limit && w.bytes[i + 1] == 0x80 {
                let c = w.bytes[i + 2]
                if c == 0x9C || c == 0x9D || c == 0x98 || c == 0x99 { return true }
            }
            guard b == UInt8(ascii: " ") || b >= 0x80 else { return false }
            i += 1
        }
        return false
    }

    /// "Mac", 'Hope', "KEZ", "Big Sparks": a quoted span of one to three capitalised words on its
    /// own is most often what someone is called. Left when a word is a function word or a word
    /// known not to be a name (a quoted "No" or "Stop" is speech).
    func quotedShortNameAt(_ w: TextWork, _ k: Int) {
        guard w.tokens[k].gap & Gap.open != 0, quoteAround(w, k, after: false) else { return }
        var e = k
        // Words joined by spaces or a hyphen ("K-Dot").
        while e < w.count && e - k < 3 && !quoteAround(w, e, after: true) && e + 1 < w.count
            && (w.spaceGap(e + 1) || w.tokens[e + 1].gap == Gap.hyphen) { e += 1 }
        guard e < w.count, quoteAround(w, e, after: true), isOpen(w, k, e) else { return }
        // "the Manc lad", "the flat guy": a quoted description of a person.
        if w.tokens[k].hash == lexicon.words.the && e > k && Self.describedPerson.contains(w.tokens[e].hash) {
            w.addFinding(k, e, .name, .possibleName)
            return
        }
        var nameLike = false
        for j in k...e {
            let t = w.tokens[j]
            guard t.isWord, t.shape & (Shape.cap | Shape.allCaps) != 0, t.lex & Self.neverWeakName == 0 else { return }
            if t.lex & (Lex.given | Lex.surname) != 0 || t.lex & Lex.known == 0 { nameLike = true }
        }
        guard nameLike, !(k...e).allSatisfy({ keptNameWord(w.tokens[$0].hash) }) else { return }
        if k == e && index.isOrdinary(w, k) && w.tokens[k].lex & (Lex.given | Lex.surname) == 0 { return }
        w.addFinding(k, e, .name, .possibleName)
    }

    static let describedPerson: WordSet = WordSet("lad guy man boy girl woman one fella bloke kid lads guys boys girls"
        .split(separator: " ").map { Tokenizer.hash(String($0)) })

    /// "(Dean, not on the tenancy)", "seen with Amber": a capitalised given name or surname from the
    /// lists, mid-sentence, that no detector decided, next to a sign of a person (a bracket or a
    /// comma around it, a word that takes a person before it, a verb people do after it).
    func undecidedGivenNameAt(_ w: TextWork, _ k: Int) {
        guard k >= 1, w.isFree(k) else { return }
        let t = w.tokens[k]
        guard t.isWord, t.shape & Shape.cap != 0, t.shape & Shape.allCaps == 0, t.shape & Shape.boundary == 0 || w.tokens[k].gap & Gap.open != 0,
            t.lex & (Lex.given | Lex.surname) != 0, t.lex & (Self.neverWeakName | Lex.place | Lex.properNoun) == 0,
            !keptNameWord(t.hash)
        else { return }
        let bracket = t.gap & Gap.open != 0 && k + 1 < w.count && w.tokens[k + 1].gap & (Gap.comma | Gap.close) != 0
        let verb = k + 1 < w.count && w.spaceGap(k + 1) && w.tokens[k + 1].lex & Lex.personVerb != 0
            && w.tokens[k + 1].shape & Shape.lower != 0 && w.tokens[k + 1].lex & Lex.modal == 0
        let before = w.spaceGap(k) && (Self.personPrepositions.contains(w.tokens[k - 1].hash)
            || w.tokens[k - 1].lex & (Lex.relation | Lex.naming) != 0)
        guard bracket || verb || before else { return }
        w.addFinding(k, k, .name, .possibleName)
    }

    static let ageWords: WordSet = WordSet("aged age yr yrs year years yo".split(separator: " ").map { Tokenizer.hash(String($0)) })

    /// True when token `k` is an age or a school year: "14", "y9", "yr 10", "aged 15", "30s".
    func isAgeOrYear(_ w: TextWork, _ k: Int) -> Bool {
        let t = w.tokens[k]
        if t.isNumber { return t.length <= 2 }
        if Self.ageWords.contains(t.hash) { return true }
        // y9, y10, yr9, 30s
        let b = w.tokenBytes(k)
        guard let f = b.first, b.count <= 4 else { return false }
        let digits = b.filter { $0 >= 0x30 && $0 <= 0x39 }.count
        return digits >= 1 && (f == UInt8(ascii: "y") || f == UInt8(ascii: "Y") || b.last == UInt8(ascii: "s"))
    }

    /// "lily (y9, told him)", "connor whitfield (y10)", "Adeel (30s)": a word right before a
    /// bracket that opens with an age or a school year names a person.
    func nameBeforeAgeAt(_ w: TextWork, _ k: Int) {
        guard k + 1 < w.count, isOpen(w, k) else { return }
        let t = w.tokens[k]
        guard t.isWord, t.nlen >= 2, t.lex & (Self.neverWeakName | Lex.relation | Lex.kin | Lex.personVerb) == 0,
            w.tokens[k + 1].gap & Gap.open != 0, w.tokens[k + 1].gap & (Gap.newline | Gap.stop) == 0, isAgeOrYear(w, k + 1),
            !keptNameWord(t.hash)
        else { return }
        // An ordinary English word before an age is that word ("children (4)"), unless it is a given name.
        if t.lex & Lex.english != 0 && t.lex & (Lex.given | Lex.surname) == 0 { return }
        var s = k
        if k > 0 && isOpen(w, k - 1) && w.spaceGap(k) {
            let p = w.tokens[k - 1]
            if p.isWord && p.shape & Shape.lower == t.shape & Shape.lower && p.lex & (Lex.given | Lex.surname) != 0
                && p.lex & Self.neverWeakName == 0 { s = k - 1 }
        }
        w.addFinding(s, k, .name, .possibleName)
    }

    static let sizeWords: WordSet = WordSet("little lil big baby young".split(separator: " ").map { Tokenizer.hash(String($0)) })

    /// "with Tizzy, Little K and three older lads", "Big Sparks": a size word and a capitalised
    /// word or letter, mid-sentence, is a street nickname.
    func sizeNicknameAt(_ w: TextWork, _ k: Int) {
        guard k >= 1, k + 1 < w.count, isUndecided(w, k) else { return }
        // "Big [Third party 1]": the size word before a replaced name is part of the nickname.
        let nc = w.claimOf[k + 1]
        if nc >= 0 {
            guard w.claims[Int(nc)].category == .name, w.claims[Int(nc)].owner.isRedacted,
                Self.sizeWords.contains(w.tokens[k].hash), w.tokens[k].shape & Shape.cap != 0, w.spaceGap(k + 1),
                w.tokens[k].shape & Shape.boundary == 0 || quoteAround(w, k, after: false)
            else { return }
            w.addFinding(k, k, .name, .possibleName)
            return
        }
        guard isOpen(w, k), isOpen(w, k + 1) else { return }
        let t = w.tokens[k], n = w.tokens[k + 1]
        guard t.shape & Shape.cap != 0, n.shape & Shape.cap != 0, t.nlen <= 6, Self.sizeWords.contains(t.hash),
            t.shape & Shape.allCaps == 0,
            t.shape & Shape.boundary == 0 || quoteAround(w, k, after: false),
            n.isWord, n.shape & Shape.cap != 0, w.spaceGap(k + 1),
            n.lex & (Self.neverWeakName | Lex.place | Lex.orgWord | Lex.street | Lex.streetWeak | Lex.properNoun) == 0
        else { return }
        // "the Little Owls WhatsApp group": the child's own nursery.
        if index.keptPlaceWords.contains(t.hash) && index.keptPlaceWords.contains(n.hash) { return }
        w.addFinding(k, k + 1, .name, .possibleName)
    }

    /// "(I Shah, no. 19)", "Dr A Okonjo": a capital initial and a capitalised word that is a
    /// protected person's name or a surname from the lists.
    func initialAndSurnameAt(_ w: TextWork, _ k: Int) {
        guard k + 1 < w.count, isOpen(w, k) else { return }
        let t = w.tokens[k], n = w.tokens[k + 1]
        // The surname already replaced: the initial before it goes with it ("(I [Third party 1])").
        let nc = w.claimOf[k + 1]
        let replacedName = nc >= 0 && w.claims[Int(nc)].category == .name && w.claims[Int(nc)].owner.isRedacted
        guard replacedName || isOpen(w, k + 1) else { return }
        // "Yours sincerely, Dr A Okonjo": after a title, any capitalised word no list knows.
        let titled = k > 0 && w.tokens[k - 1].lex & Lex.title != 0 && n.lex & Lex.known == 0
        guard t.isWord, t.length == 1, t.shape & Shape.cap != 0, w.spaceGap(k + 1) || w.gapIs(k + 1, UInt8(ascii: ".")),
            n.isWord, n.shape & Shape.cap != 0, n.shape & Shape.allCaps == 0,
            replacedName || titled || n.lex & (Lex.surname | Lex.known) == Lex.surname || protectedNameWord(n.hash)
        else { return }
        // "I Shah" only where "I" cannot be the pronoun: after a bracket or a title.
        if t.hash == Self.iHash && !(t.gap & Gap.open != 0 || (k > 0 && w.tokens[k - 1].lex & Lex.title != 0)) { return }
        w.addFinding(k, replacedName ? k : k + 1, .name, .possibleName)
    }

    static let iHash = Tokenizer.hash("i")

    /// "with Shafiq mama", "Bilal kaka": a family word of address typed after a replaced name (as
    /// South Asian and other languages place it) is part of how the person is called.
    func kinAfterNameAt(_ w: TextWork, _ k: Int) {
        guard k >= 1, isOpen(w, k), w.spaceGap(k), Self.kinAfterName.contains(w.tokens[k].hash) else { return }
        let ci = w.claimOf[k - 1]
        guard ci >= 0, w.claims[Int(ci)].category == .name, w.claims[Int(ci)].owner.isRedacted,
            Int(w.claims[Int(ci)].end) == Int(w.tokens[k - 1].end)
        else { return }
        w.addFinding(k, k, .name, .possibleName)
    }

    /// "arrested at Orford Green", "lives near Kestrel Fold": a capitalised word no list knows and a
    /// street word that is also a common word, after "at", "on", "near" or "from", where nobody
    /// kept lives: perhaps a street, perhaps a village green; the practitioner decides.
    func weakStreetAt(_ w: TextWork, _ k: Int) {
        guard k >= 2, isOpen(w, k), isOpen(w, k - 1), w.spaceGap(k), w.spaceGap(k - 1),
            Self.weakStreetWords.contains(w.tokens[k].hash)
        else { return }
        let p = w.tokens[k - 1]
        guard p.isWord, p.shape & Shape.cap != 0, p.shape & (Shape.allCaps | Shape.boundary) == 0,
            p.lex & (Lex.known | Lex.given | Lex.place | Lex.title | Lex.relation) == 0,
            Self.weakStreetPrepositions.contains(w.tokens[k - 2].hash),
            !(index.keptPlaceWords.contains(p.hash) && index.keptPlaceWords.contains(w.tokens[k].hash))
        else { return }
        w.addFinding(k - 1, k, .address, .possibleAddress)
    }

    static let weakStreetWords: WordSet = WordSet("green close rise grove croft fold chase walk row mews"
        .split(separator: " ").map { Tokenizer.hash(String($0)) })
    static let weakStreetPrepositions: WordSet = WordSet("at on near from".split(separator: " ").map { Tokenizer.hash(String($0)) })

    /// Family words placed after the name (not English ones: "Sunny uncle" is the uncle, named).
    static let kinAfterName: WordSet = WordSet("mama kaka baba dada abba".split(separator: " ").map { Tokenizer.hash(String($0)) })

    /// "round to shug at no 22", "the Pritchards at number 7": a word no list knows right before
    /// "at" and a house number that was withheld is whoever lives there.
    func personAtHouseNumberAt(_ w: TextWork, _ k: Int) {
        guard isOpen(w, k), w.spaceGap(k + 1), w.spaceGap(k + 2) else { return }
        let t = w.tokens[k]
        guard t.isWord, t.nlen >= 2, t.shape & Shape.digit == 0,
            t.lex & (Self.neverWeakName | Lex.known | Lex.english | Lex.personVerb | Lex.kin | Lex.relation | Lex.residence) == 0,
            !Self.textSpeak.contains(t.hash), !keptNameWord(t.hash)
        else { return }
        // The house number itself ("no 22", "number 7", "23"), not a flat or a street with its home.
        let h = w.tokens[k + 2]
        guard h.isNumber || (h.lex & Lex.numberWord != 0 && h.isWord) else { return }
        // A house number alone ("at 7", "at no 22"), not a whole address ("staying at 117 King Street").
        let ci = w.claimOf[k + 2]
        guard ci >= 0, w.claims[Int(ci)].category == .address, w.claims[Int(ci)].owner.isRedacted,
            Int(w.claims[Int(ci)].last) <= k + 3, Int(w.claims[Int(ci)].first) == k + 2
        else { return }
        w.addFinding(k, k, .name, .possibleName)
    }
}
