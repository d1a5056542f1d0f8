enum Gender: UInt8 {
    case unknown, male, female
}

/// One word of a name, normalised.
struct NameWord {
    var hash: UInt64
    var word: [UInt8]
    /// Also an ordinary word (or a month, a place): must be capitalised in text to count.
    var lexical: Bool
}

/// A name split into given names, middle names and surname, whatever form it was written in.
struct ParsedName {
    var given: [NameWord] = []
    var middle: [NameWord] = []
    var surname: [NameWord] = []
    /// All surname words run together ("vanderberg", "smithjones"), when there are several.
    var surnameJoined: NameWord?
    var gender: Gender = .unknown
    /// Nicknames written inside the name in quotes or brackets: `Jayden "JJ" Okafor`.
    var nicknames: [NameWord] = []

    var isEmpty: Bool { given.isEmpty && middle.isEmpty && surname.isEmpty }
}

/// Parses "First Last", "First Middle Last", "SURNAME, First", "Surname, First", with or
/// without titles, particles (van der, de la, Al-), hyphens and apostrophes.
enum NameParser {
    static let maleTitles = WordSet(Vocabulary.maleTitles.split(separator: " ").map { Tokenizer.hash(String($0)) })
    /// Police ranks are titles only in capitals, so "Di" stays a given name.
    static let policeRanks = WordSet("pc dc ps ds di dci dsi psgt".split(separator: " ").map { Tokenizer.hash(String($0)) })

    static func isTitle(_ t: Token) -> Bool {
        guard t.lex & Lex.title != 0 else { return false }
        return !policeRanks.contains(t.hash) || t.shape & Shape.allCaps != 0
    }
    static let femaleTitles = WordSet(Vocabulary.femaleTitles.split(separator: " ").map { Tokenizer.hash(String($0)) })

    static func word(_ w: TextWork, _ k: Int, _ lexicon: Lexicon) -> NameWord {
        let norm = w.normalized(k)
        let flags = w.tokens[k].lex
        let lexical = flags & (Lex.ambiguous | Lex.english | Lex.month | Lex.place | Lex.season | Lex.weekday
            | Lex.nationality | Lex.properNoun | Lex.function) != 0 || lexicon.isWordOrPlural(norm)
        return NameWord(hash: w.tokens[k].hash, word: norm, lexical: lexical)
    }

    /// Curly double quotes open (U+201C) and close (U+201D) nicknames.
    static func quoteOpens(_ g: [UInt8]) -> Bool { g.windows3.contains([0xE2, 0x80, 0x9C]) }
    static func quoteCloses(_ g: [UInt8]) -> Bool { g.windows3.contains([0xE2, 0x80, 0x9D]) }

    static func parse(_ s: String, lexicon: Lexicon) -> ParsedName {
        let w = TextWork(path: "", text: s, lexicon: lexicon)
        var result = ParsedName()
        var toks: [Int] = []
        var commaAt = -1
        var quoted = false
        var hadTitle = false
        for k in 0..<w.count where w.tokens[k].shape & Shape.alpha != 0 {
            let t = w.tokens[k]
            // Words in quotes or brackets are a nickname: `Jayden "JJ" Okafor`, `Jayden (JJ) Okafor`.
            let g = Array(w.gapBytes(k))
            if g.contains(UInt8(ascii: ")")) || quoteCloses(g) { quoted = false }
            if g.contains(UInt8(ascii: "\"")) || g.contains(UInt8(ascii: "'")) { quoted.toggle() }
            if g.contains(UInt8(ascii: "(")) || quoteOpens(g) { quoted = true }
            if quoted {
                result.nicknames.append(word(w, k, lexicon))
                continue
            }
            let isTitle = isTitle(t) && t.lex & (Lex.given | Lex.surname) == 0
            if t.gap & Gap.comma != 0 && !toks.isEmpty && commaAt < 0 { commaAt = toks.count }
            if isTitle && (toks.isEmpty || commaAt == toks.count) {
                hadTitle = true
                if maleTitles.contains(t.hash) { result.gender = .male }
                if femaleTitles.contains(t.hash) { result.gender = .female }
                continue
            }
            if t.lex & Lex.nameSuffix != 0 && !toks.isEmpty { continue }
            toks.append(k)
        }
        guard !toks.isEmpty else { return result }
        var surnameToks: [Int] = []
        var givenToks: [Int] = []
        var middleToks: [Int] = []
        if commaAt > 0 && commaAt < toks.count {
            surnameToks = Array(toks[..<commaAt])
            givenToks = [toks[commaAt]]
            var j = commaAt + 1
            while j < toks.count && w.tokens[toks[j]].gap == Gap.hyphen { givenToks.append(toks[j]); j += 1 }
            middleToks = Array(toks[j...])
        } else if toks.count >= 2, w.tokens[toks[0]].shape & Shape.allCaps != 0, w.tokens[toks[0]].nlen >= 3,
            !toks.allSatisfy({ w.tokens[$0].shape & Shape.allCaps != 0 })
        {
            var j = 0
            while j < toks.count && w.tokens[toks[j]].shape & Shape.allCaps != 0 { surnameToks.append(toks[j]); j += 1 }
            if j < toks.count { givenToks = [toks[j]]; j += 1 }
            while j < toks.count && w.tokens[toks[j]].gap == Gap.hyphen { givenToks.append(toks[j]); j += 1 }
            middleToks = Array(toks[j...])
        } else if toks.count == 1 {
            // One word is a given name, or a family name after a title ("Mr Okafor").
            if hadTitle { surnameToks = toks } else { givenToks = toks }
        } else {
            var s = toks.count - 1
            // Hyphenated surnames and particles: Smith-Jones, van der Berg, Al-Hassan, de la Cruz.
            while s > 1 && (w.tokens[toks[s]].gap == Gap.hyphen || w.tokens[toks[s - 1]].lex & Lex.particle != 0) { s -= 1 }
            if s == 1 && w.tokens[toks[1]].gap == Gap.hyphen && toks.count > 2 { s = 2 }
            surnameToks = Array(toks[s...])
            var j = 1
            givenToks = [toks[0]]
            while j < s && w.tokens[toks[j]].gap == Gap.hyphen { givenToks.append(toks[j]); j += 1 }
            middleToks = Array(toks[j..<s])
        }
        let particles = surnameToks.filter { w.tokens[$0].lex & Lex.particle != 0 && w.tokens[$0].lex & Lex.surname == 0 }
        result.given = givenToks.map { word(w, $0, lexicon) }
        result.middle = middleToks.map { word(w, $0, lexicon) }
        result.surname = surnameToks.filter { !particles.contains($0) || surnameToks.count == 1 }.map { word(w, $0, lexicon) }
        if surnameToks.count > 1 {
            let joined = surnameToks.flatMap { w.normalized($0) }
            result.surnameJoined = NameWord(hash: FNV.hash(joined), word: joined, lexical: false)
        }
        if result.gender == .unknown, let g = result.given.first {
            let f = lexicon.flags(g.hash)
            if f & Lex.male != 0 && f & Lex.female == 0 { result.gender = .male }
            if f & Lex.female != 0 && f & Lex.male == 0 { result.gender = .female }
        }
        return result
    }
}

extension Array where Element == UInt8 {
    /// Every run of three consecutive bytes.
    var windows3: [[UInt8]] { count < 3 ? [] : (0...(count - 3)).map { Array(self[$0..<($0 + 3)]) } }
}
