/// Lexicon flags: what the embedded word lists say about a word.
enum Lex {
    static let english: UInt64 = 1 << 0
    static let given: UInt64 = 1 << 1
    static let male: UInt64 = 1 << 2
    static let female: UInt64 = 1 << 3
    static let surname: UInt64 = 1 << 4
    static let title: UInt64 = 1 << 5
    /// friend, neighbour, aunt, boyfriend ...: a capitalised word right after it is a name.
    static let relation: UInt64 = 1 << 6
    /// called, named, nicknamed, aka.
    static let naming: UInt64 = 1 << 7
    /// said, told, was ...: after a capitalised word, evidence it is a person.
    static let personVerb: UInt64 = 1 << 8
    static let orgWord: UInt64 = 1 << 9
    static let street: UInt64 = 1 << 10
    /// Street words that are also common words (Green, Close, Hill): need a house number.
    static let streetWeak: UInt64 = 1 << 11
    static let houseWord: UInt64 = 1 << 12
    static let month: UInt64 = 1 << 13
    static let weekday: UInt64 = 1 << 14
    static let nationality: UInt64 = 1 << 15
    static let place: UInt64 = 1 << 16
    static let particle: UInt64 = 1 << 17
    static let function: UInt64 = 1 << 18
    static let determiner: UInt64 = 1 << 19
    static let acronym: UInt64 = 1 << 20
    /// A following full stop does not end the sentence (Mr., St., approx.).
    static let abbreviation: UInt64 = 1 << 21
    static let dobCue: UInt64 = 1 << 22
    static let nhsCue: UInt64 = 1 << 23
    static let niCue: UInt64 = 1 << 24
    static let vehicleCue: UInt64 = 1 << 25
    static let handleCue: UInt64 = 1 << 26
    static let workCue: UInt64 = 1 << 27
    static let addressCue: UInt64 = 1 << 28
    /// in, near, around ...: a capitalised unknown word after it is more likely a place.
    static let locative: UInt64 = 1 << 29
    /// Brands, services, festivals, medicines: capitalised but not people.
    static let properNoun: UInt64 = 1 << 30
    static let saint: UInt64 = 1 << 31
    static let season: UInt64 = 1 << 32
    static let flatWord: UInt64 = 1 << 33
    static let numberWord: UInt64 = 1 << 34
    static let socialSite: UInt64 = 1 << 35
    static let nameSuffix: UInt64 = 1 << 36
    static let pronoun: UInt64 = 1 << 37
    /// After an ambiguous name-word, these say it is used in its ordinary sense (Summer term, Amber rating).
    static let ordinaryNext: UInt64 = 1 << 38
    /// Before an ambiguous name-word, these say it is used in its ordinary sense (in May, rated Amber).
    static let ordinaryPrev: UInt64 = 1 << 39
    static let modal: UInt64 = 1 << 40
    /// A name that is also an ordinary word, a month or a place.
    static let ambiguous: UInt64 = 1 << 41
    static let who: UInt64 = 1 << 42
    static let connector: UInt64 = 1 << 43
    /// Nana, Auntie, Grandad ...: a family word that may stand before a name as a title.
    static let kin: UInt64 = 1 << 44
    /// works, drives, runs ...: a verb whose "at"/"for" phrase may be a workplace.
    static let workVerb: UInt64 = 1 << 45
    /// flat, house, home, lives ...: a word that makes the place after "on"/"in"/"at" someone's address.
    static let residence: UInt64 = 1 << 46
    /// mr, mrs, ms, mx, dr: titles that are never ordinary words, so count typed in lowercase.
    static let shortTitle: UInt64 = 1 << 47

    /// Words that are known not to be names on their own.
    static let known: UInt64 = english | orgWord | street | streetWeak | houseWord | month | weekday | nationality
        | place | title | relation | function | acronym | properNoun | saint | season | particle | naming
        | personVerb | nameSuffix | pronoun
    /// Flags a plural keeps ("friends" is still a relation word).
    static let pluralMask: UInt64 = english | orgWord | street | streetWeak | houseWord | relation | properNoun
        | nationality | personVerb
}

/// The embedded word lists as one hash table of flags, built once per process.
struct Lexicon: Sendable {
    let table: WordTable
    /// Known organisations whose names look like people (Marks and Spencer, John Lewis): their
    /// significant words, and whether the last must be possessive ("Sainsbury's", not "Mr Sainsbury").
    let organisations: [(words: [UInt64], needsPossessive: Bool)]
    /// The same organisations as phrases, indexed by first word, shared by every record.
    let organisationPhrases: WordMultiMap<Int32>
    let organisationList: [Phrase]
    /// Diminutive groups: for a given name's hash, the other names in its group(s).
    let diminutives: [UInt64: [String]]
    let words: CommonWords

    static let shared = Lexicon()

    init() {
        var t = WordTable(capacity: 16_000)
        func add(_ list: String, _ flags: UInt64) {
            for w in list.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
                var word = Substring(w)
                var f = flags
                if word.hasPrefix("~") { word = word.dropFirst(); f |= Lex.ambiguous | Lex.english }
                // A given name that is the plural of a word ("Miles") needs context too.
                if flags & Lex.given != 0, word.count > 3, word.hasSuffix("s"),
                    t.get(Tokenizer.hash(String(word.dropLast()))) & Lex.english != 0
                {
                    f |= Lex.ambiguous
                }
                for h in Tokenizer.wordHashes(String(word)) { t.merge(h, f) }
            }
        }
        add(EnglishWords.list, Lex.english)
        add(Vocabulary.titles, Lex.title | Lex.abbreviation)
        add(Vocabulary.relations, Lex.relation | Lex.english)
        add(Vocabulary.naming, Lex.naming | Lex.english)
        add(Vocabulary.personVerbs, Lex.personVerb | Lex.english)
        add(Vocabulary.orgWords, Lex.orgWord)
        add(Vocabulary.streets, Lex.street)
        add(Vocabulary.streetsWeak, Lex.streetWeak)
        add(Vocabulary.houseWords, Lex.houseWord)
        add(Vocabulary.months, Lex.month)
        add(Vocabulary.weekdays, Lex.weekday)
        add(Vocabulary.seasons, Lex.season | Lex.english)
        add(Vocabulary.nationalities, Lex.nationality)
        add(Vocabulary.places, Lex.place)
        add(Vocabulary.particles, Lex.particle)
        add(Vocabulary.functionWords, Lex.function | Lex.english)
        add(Vocabulary.determiners, Lex.determiner | Lex.function | Lex.english)
        add(Vocabulary.pronouns, Lex.pronoun | Lex.function | Lex.english)
        add(Vocabulary.acronyms, Lex.acronym)
        add(Vocabulary.abbreviations, Lex.abbreviation)
        add(Vocabulary.dobCues, Lex.dobCue)
        add(Vocabulary.nhsCues, Lex.nhsCue)
        add(Vocabulary.niCues, Lex.niCue)
        add(Vocabulary.vehicleCues, Lex.vehicleCue)
        add(Vocabulary.handleCues, Lex.handleCue)
        add(Vocabulary.workCues, Lex.workCue)
        add(Vocabulary.addressCues, Lex.addressCue)
        add(Vocabulary.locatives, Lex.locative)
        add(Vocabulary.properNouns, Lex.properNoun)
        add(Vocabulary.saints, Lex.saint | Lex.abbreviation)
        add(Vocabulary.flatWords, Lex.flatWord)
        add(Vocabulary.numberWords, Lex.numberWord | Lex.abbreviation)
        add(Vocabulary.socialSites, Lex.socialSite)
        add(Vocabulary.nameSuffixes, Lex.nameSuffix)
        add(Vocabulary.ordinaryNext, Lex.ordinaryNext)
        add(Vocabulary.ordinaryPrev, Lex.ordinaryPrev)
        add(Vocabulary.modals, Lex.modal)
        add(Vocabulary.who, Lex.who)
        add(Vocabulary.connectors, Lex.connector)
        add(Vocabulary.kinTitles, Lex.kin)
        add(Vocabulary.workVerbs, Lex.workVerb)
        add(Vocabulary.residenceWords, Lex.residence)
        add(Vocabulary.shortTitles, Lex.shortTitle)
        add(GivenNames.female, Lex.given | Lex.female)
        add(GivenNames.male, Lex.given | Lex.male)
        add(GivenNames.unisex, Lex.given | Lex.male | Lex.female)
        add(Surnames.list, Lex.surname)
        // A name that is also a word, month, place or nationality needs context to count as a name.
        var final = WordTable(capacity: t.count)
        for (k, v) in zip(t.keys, t.values) where k != 0 {
            var f = v
            if f & (Lex.given | Lex.surname) != 0,
                f & (Lex.english | Lex.month | Lex.place | Lex.nationality | Lex.season | Lex.weekday
                    | Lex.properNoun | Lex.particle | Lex.title | Lex.orgWord | Lex.acronym) != 0
            {
                f |= Lex.ambiguous
            }
            final.set(k, f)
        }
        table = final
        organisations = Vocabulary.organisations.split(separator: "\n").compactMap { line in
            let words = Tokenizer.wordHashes(String(line)).filter { final.get($0) & Lex.connector == 0 }
            guard !words.isEmpty else { return nil }
            return (words, line.hasSuffix("'s"))
        }
        var orgIndex = WordMultiMap<Int32>()
        var orgList: [Phrase] = []
        for org in organisations {
            orgIndex.insert(org.words[0], Int32(orgList.count))
            orgList.append(Phrase(words: org.words, person: -1, kind: .organisation, lexicalSingle: org.words.count == 1,
                                  needsPossessive: org.needsPossessive))
        }
        organisationPhrases = orgIndex
        organisationList = orgList
        var dims: [UInt64: [String]] = [:]
        for line in Diminutives.groups.split(separator: "\n") {
            let parts = line.split(separator: ":")
            guard parts.count == 2 else { continue }
            let formals = parts[0].split(separator: " ").map(String.init)
            let shorts = parts[1].split(separator: " ").map(String.init)
            // A formal name reaches all its short forms; a short form reaches its formal names.
            for f in formals { dims[Tokenizer.hash(f), default: []] += (formals + shorts).filter { $0 != f } }
            for s in shorts { dims[Tokenizer.hash(s), default: []] += formals }
        }
        diminutives = dims
        words = CommonWords()
    }

    @inline(__always) func flags(_ h: UInt64) -> UInt64 { table.get(h) }

    /// True when `word` is listed as an ordinary word, or is the plural of one. Used for name
    /// words, where stripping suffixes would turn "James" into "jam".
    func isWordOrPlural(_ word: [UInt8]) -> Bool {
        let f = table.get(FNV.hash(word))
        if f & (Lex.english | Lex.ambiguous | Lex.month | Lex.place | Lex.season | Lex.weekday | Lex.nationality
            | Lex.properNoun | Lex.function) != 0 { return true }
        if word.count > 3, word.last == UInt8(ascii: "s"), table.get(FNV.hash(word.dropLast())) & Lex.english != 0 { return true }
        return false
    }

    /// True when `word` (normalised bytes) is an ordinary word, trying common inflections.
    func isOrdinary(_ word: [UInt8]) -> Bool {
        if table.get(FNV.hash(word)) & Lex.known != 0 { return true }
        for stem in Morphology.stems(of: word) where table.get(FNV.hash(stem)) & (Lex.english | Lex.personVerb) != 0 {
            return true
        }
        return false
    }
}

/// Hashes of the handful of words the detectors test for by identity.
struct CommonWords: Sendable {
    let may = Tokenizer.hash("may")
    let known = Tokenizer.hash("known")
    let knows = Tokenizer.hash("knows")
    let know = Tokenizer.hash("know")
    let referred = Tokenizer.hash("referred")
    let goes = Tokenizer.hash("goes")
    let `as` = Tokenizer.hash("as")
    let `is` = Tokenizer.hash("is")
    let name = Tokenizer.hash("name")
    let names = Tokenizer.hash("names")
    let of = Tokenizer.hash("of")
    let the = Tokenizer.hash("the")
    let at = Tokenizer.hash("at")
    let `for` = Tokenizer.hash("for")
    let `in` = Tokenizer.hash("in")
    let d = Tokenizer.hash("d")
    let o = Tokenizer.hash("o")
    let b = Tokenizer.hash("b")
    let st = Tokenizer.hash("st")
    let dr = Tokenizer.hash("dr")
    let number = Tokenizer.hash("number")
    let i = Tokenizer.hash("i")
    let a = Tokenizer.hash("a")
}

/// Crude English suffix stripping, enough to recognise inflected ordinary words.
enum Morphology {
    static func stems(of w: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        func ends(_ s: String) -> Bool {
            let u = Array(s.utf8)
            return w.count > u.count + 2 && Array(w.suffix(u.count)) == u
        }
        func cut(_ k: Int) -> [UInt8] { Array(w.prefix(w.count - k)) }
        for (suffix, replacement) in [("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("ily", "y"), ("iness", "y")] where ends(suffix) {
            out.append(cut(suffix.utf8.count) + Array(replacement.utf8))
        }
        for suffix in ["s", "es", "ed", "d", "ing", "ly", "er", "ers", "est", "ness", "ment", "ments", "ful", "less", "ish", "able", "ably", "ity", "ally", "ism", "ist", "ists", "ion", "ions", "al"] where ends(suffix) {
            let stem = cut(suffix.utf8.count)
            out.append(stem)
            out.append(stem + [UInt8(ascii: "e")])
            if stem.count >= 3, stem[stem.count - 1] == stem[stem.count - 2] { out.append(Array(stem.dropLast())) }
        }
        for prefix in ["un", "re", "dis", "mis", "non", "pre", "over", "under", "out", "self", "inter"] {
            let u = Array(prefix.utf8)
            if w.count > u.count + 3 && Array(w.prefix(u.count)) == u { out.append(Array(w.dropFirst(u.count))) }
        }
        return out
    }
}
