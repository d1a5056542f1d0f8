/// An address found in a text: a house number and street, a street alone, "number 14", or a
/// named block ("Flat 4, Beech House").
struct StreetHit {
    enum Kind { case numbered, streetOnly, numberOnly, block, flatOnly }
    var kind: Kind
    var first: Int
    var last: Int
    var houseNumber: String?
    var flat: String?
    /// Hash of the street (or block) name words with the street word in its full form.
    var streetKey: UInt64
    /// "lives at", "address" or similar comes shortly before.
    var addressContext: Bool
    /// Lowercase with a common-word street ending ("70 jubilee cl"): an address only if someone owns it.
    var tentative = false

    var keys: [OwnerKey] {
        var out: [OwnerKey] = []
        let street = String(streetKey, radix: 16)
        switch kind {
        case .numbered:
            if let flat, let houseNumber { out.append(OwnerKey(kind: .flatStreet, value: "\(flat)|\(houseNumber)|\(street)")) }
            if let houseNumber { out.append(OwnerKey(kind: .fullStreet, value: "\(houseNumber)|\(street)")) }
            out.append(OwnerKey(kind: .street, value: street))
        case .streetOnly:
            out.append(OwnerKey(kind: .street, value: street))
        case .numberOnly:
            if let houseNumber { out.append(OwnerKey(kind: .houseNumber, value: houseNumber)) }
        case .block:
            if let flat { out.append(OwnerKey(kind: .flatStreet, value: "\(flat)||\(street)")) }
            out.append(OwnerKey(kind: .block, value: street))
        case .flatOnly:
            if let flat { out.append(OwnerKey(kind: .flat, value: flat)) }
        }
        return out
    }
}

/// Finds street addresses by their street word (Road, Lane, Close ...), walking back over the
/// capitalised street name and a house number. Common-word street endings (Green, Hill, Close)
/// count only with a house number or an address cue.
enum Streets {
    /// Abbreviation hash to the full word's hash.
    static let canonical: [UInt64: UInt64] = {
        let pairs = ["rd road", "st street", "str street", "ave avenue", "av avenue", "ln lane", "cres crescent",
                     "tce terrace", "terr terrace", "dr drive", "blvd boulevard", "pde parade", "gdns gardens",
                     "cl close", "wy way", "gr grove", "pl place", "sq square", "ct court", "hts heights"]
        var m: [UInt64: UInt64] = [:]
        for p in pairs {
            let w = p.split(separator: " ")
            m[Tokenizer.hash(String(w[0]))] = Tokenizer.hash(String(w[1]))
        }
        return m
    }()

    static let stopWords: UInt64 = Lex.title | Lex.function | Lex.determiner | Lex.relation | Lex.flatWord
        | Lex.numberWord | Lex.month | Lex.weekday | Lex.personVerb

    /// "12", "12a", "12A".
    static func houseNumber(_ w: TextWork, _ k: Int) -> String? {
        // Most tokens are words: decide those from the token alone, before copying any bytes.
        let t = w.tokens[k]
        guard t.shape & Shape.digit != 0, t.end - t.start <= 5 else { return nil }
        let b = Array(w.tokenBytes(k))
        guard !b.isEmpty, b.count <= 5, Patterns.isDigit(b[0]) else { return nil }
        var digits = 0
        for (i, x) in b.enumerated() {
            if Patterns.isDigit(x) { digits += 1; continue }
            guard i == b.count - 1, Patterns.isLetter(x) else { return nil }
        }
        guard digits <= 4 else { return nil }
        return Patterns.lower(b)
    }

    static let placePrepositions: WordSet = WordSet(["on", "in", "at", "off"].map { Tokenizer.hash($0) })

    /// "his flat on", "lives on the", "flat's on": a residence word (`Lex.residence`: where someone
    /// lives makes the place after "on", "in", "at" or "off" their address) shortly before a preposition
    /// right before token `k` (an article between them allowed).
    static func residenceBefore(_ w: TextWork, _ k: Int) -> Bool {
        var j = k - 1
        if j >= 0 && w.tokens[j].lex & Lex.determiner != 0 && w.tokens[j].isWord { j -= 1 }
        guard j >= 1, placePrepositions.contains(w.tokens[j].hash), w.tokens[j + 1].gap & (Gap.newline | Gap.stop) == 0 else {
            return false
        }
        var i = j - 1
        while i >= 0 && j - i <= 3 {
            if w.tokens[i].lex & Lex.residence != 0 { return true }
            if w.tokens[i + 1].gap & (Gap.newline | Gap.stop) != 0 { return false }
            i -= 1
        }
        return false
    }

    /// The token right before `k` is "on" or "off" (with an article between allowed): a street.
    static func onBefore(_ w: TextWork, _ k: Int, _ lexicon: Lexicon) -> Bool {
        var j = k - 1
        if j >= 0 && w.tokens[j].hash == lexicon.words.the { j -= 1 }
        guard j >= 0, w.tokens[j + 1].gap & (Gap.newline | Gap.stop) == 0 else { return false }
        let h = w.tokens[j].hash
        return h == onHash || h == offHash
    }

    /// "on", "off" or "from" (an article between allowed) right before token `k`.
    static func tiedBefore(_ w: TextWork, _ k: Int, _ lexicon: Lexicon) -> Bool {
        if onBefore(w, k, lexicon) { return true }
        var j = k - 1
        if j >= 0 && w.tokens[j].hash == lexicon.words.the { j -= 1 }
        return j >= 0 && w.tokens[j].hash == fromHash && w.tokens[j + 1].gap & (Gap.newline | Gap.stop) == 0
    }

    static let fromHash = Tokenizer.hash("from")
    static let onHash = Tokenizer.hash("on")
    static let offHash = Tokenizer.hash("off")

    static func find(in w: TextWork, lexicon: Lexicon, includeBlocks: Bool = true) -> [StreetHit] {
        var hits: [StreetHit] = []
        let words = lexicon.words
        var k = 0
        while k < w.count {
            let t = w.tokens[k]
            let isStreet = t.lex & (Lex.street | Lex.streetWeak) != 0
            let isBlock = includeBlocks && t.lex & Lex.houseWord != 0
            // Lowercase addresses ("14 mill lane") count only with a house number and a strong street word.
            let lowercase = t.shape & Shape.cap == 0
            guard (isStreet || isBlock), !lowercase || isStreet, w.isFree(k), t.isWord else { k += 1; continue }
            // "Gledhow Wood Grove": the last street word ends the street.
            if k + 1 < w.count, w.spaceGap(k + 1), w.tokens[k + 1].lex & (Lex.street | Lex.streetWeak) != 0,
                w.tokens[k + 1].shape & Shape.cap != 0 || lowercase, w.tokens[k + 1].isWord
            {
                k += 1
                continue
            }
            // "St Anne's", "Dr Patel": a saint or a doctor, not a street, unless a house number comes first.
            let saintOrDoctor = (t.hash == words.st || t.hash == words.dr) && k + 1 < w.count
                && (w.spaceGap(k + 1) || w.gapIs(k + 1, UInt8(ascii: "."))) && w.tokens[k + 1].shape & Shape.cap != 0
            var s = k
            while s - 1 >= 0 && k - (s - 1) <= 4 {
                let p = w.tokens[s - 1]
                // "Seven Sisters Road": a capitalised relation word in the plural, inside the name.
                let pluralRelation = p.shape & (Shape.cap | Shape.plural) == Shape.cap | Shape.plural
                    && p.lex & stopWords == Lex.relation && s - 2 >= 0 && w.tokens[s - 2].shape & Shape.cap != 0
                    && w.spaceGap(s - 1)
                guard w.isFree(s - 1), p.isWord, lowercase || p.shape & Shape.cap != 0, w.spaceGap(s),
                    p.lex & stopWords == 0 || p.lex & Lex.saint != 0 || pluralRelation
                else { break }
                s -= 1
                if p.shape & Shape.boundary != 0 { break }
            }
            // "magdalen rd", "langsett road": in lowercase, a street alone is one word that is not
            // an ordinary one before a strong street word.
            var lowerStreetOnly = false
            if lowercase && t.lex & Lex.street != 0 && s < k && !(s > 0 && houseNumber(w, s - 1) != nil) {
                let p = w.tokens[k - 1]
                // "dizzy lives on doncaster rd": a town's name too, where someone is said to live.
                let named = p.lex & (Lex.known | Lex.english) == 0 || (p.lex & Lex.place != 0 && residenceBefore(w, k - 1))
                if named && p.nlen >= 3 && (k - 1 == 0 || houseNumber(w, k - 2) == nil) {
                    s = k - 1
                    lowerStreetOnly = true
                }
            }
            guard s < k else { k += 1; continue }
            if saintOrDoctor && !(s > 0 && houseNumber(w, s - 1) != nil) { k += 1; continue }
            var first = s
            var number: String?
            var flat: String?
            // 12 Mill Lane; 12-14 Mill Lane; number 12 Mill Lane; Flat 3, 12 Mill Lane; Flat 3, Laurel House
            if s - 1 >= 0, w.isFree(s - 1), let n = houseNumber(w, s - 1), w.spaceGap(s) || w.tokens[s].gap == Gap.comma | Gap.space {
                first = s - 1
                if first - 1 >= 0, w.tokens[first - 1].lex & Lex.flatWord != 0, w.tokens[first - 1].isWord, w.isFree(first - 1) {
                    flat = n
                    first -= 1
                } else {
                    number = n
                    if first - 1 >= 0, w.gapIs(first, UInt8(ascii: "-")), houseNumber(w, first - 1) != nil { first -= 1 }
                    if first - 1 >= 0, w.tokens[first - 1].lex & Lex.numberWord != 0, w.tokens[first - 1].isWord { first -= 1 }
                }
            }
            if flat == nil, first - 2 >= 0, w.tokens[first - 2].lex & Lex.flatWord != 0, let f = houseNumber(w, first - 1),
                w.isFree(first - 2, first - 1), w.tokens[first].gap & (Gap.newline | Gap.stop) == 0
            {
                flat = f
                first -= 2
            }
            let context = w.cueBefore(first, window: 5, flags: Lex.addressCue) || residenceBefore(w, first)
            if lowercase && number == nil && !lowerStreetOnly { k += 1; continue }
            let tentative = lowercase && t.lex & Lex.street == 0 && !context
            if isBlock && (!isStreet || flat != nil) {
                if flat != nil || context || number != nil {
                    hits.append(StreetHit(kind: .block, first: first, last: k, houseNumber: number, flat: flat,
                                          streetKey: key(w, s, k), addressContext: context))
                    w.reserve(first, k)
                }
                k += 1
                continue
            }
            // A common-word street ending needs a house number, an address cue, or "on" before it ("on Plover Close").
            if t.lex & Lex.street == 0 && number == nil && !context && t.lex & Lex.houseWord == 0 && !onBefore(w, first, lexicon) {
                k += 1
                continue
            }
            // "his brother Dale Green", "Kevin Hill": a person, not a street, without a house number.
            if number == nil && flat == nil && t.lex & Lex.street == 0 && !onBefore(w, first, lexicon)
                && (w.tokens[s].lex & Lex.given != 0
                    || (first > 0 && w.tokens[first - 1].lex & (Lex.relation | Lex.naming | Lex.title) != 0))
            {
                k += 1
                continue
            }
            hits.append(StreetHit(kind: number == nil ? .streetOnly : .numbered, first: first, last: k,
                                  houseNumber: number, flat: flat, streetKey: key(w, s, k), addressContext: context,
                                  tentative: tentative))
            w.reserve(first, k)
            k += 1
        }
        // "Flat 5" on its own
        for k in 0..<w.count where w.tokens[k].lex & Lex.flatWord != 0 && w.tokens[k].isWord && w.isFree(k) {
            guard k + 1 < w.count, w.isFree(k + 1), let n = houseNumber(w, k + 1), w.spaceGap(k + 1) else { continue }
            let context = w.cueBefore(k, window: 4, flags: Lex.addressCue)
            hits.append(StreetHit(kind: .flatOnly, first: k, last: k + 1, houseNumber: nil, flat: n, streetKey: 0, addressContext: context))
        }
        // "at his home on Greengate", "his flat's on Kingsway": one capitalised word that is not a
        // known word, after a residence word and "on", is a street.
        for k in 1..<max(1, w.count) where w.isFree(k) && w.tokens[k].isWord && w.tokens[k].shape & Shape.cap != 0 {
            let t = w.tokens[k]
            guard t.shape & (Shape.boundary | Shape.allCaps) == 0, t.lex & (Lex.known | Lex.given | Lex.surname) == 0, t.nlen >= 4,
                w.tokens[k - 1].hash == onHash, residenceBefore(w, k),
                k + 1 >= w.count || !(w.spaceGap(k + 1) && w.tokens[k + 1].shape & Shape.cap != 0)
            else { continue }
            hits.append(StreetHit(kind: .streetOnly, first: k, last: k, houseNumber: nil, flat: nil, streetKey: key(w, k, k),
                                  addressContext: true))
            w.reserve(k, k)
        }
        // "gave his address as a room at 88 Ropewalk": a house number and one or two capitalised
        // words that are not known words, where an address is being given.
        for k in 1..<max(1, w.count) where w.isFree(k) && w.isFree(k - 1) && w.tokens[k].isWord && w.tokens[k].shape & Shape.cap != 0 {
            guard let n = houseNumber(w, k - 1), w.spaceGap(k), w.tokens[k].lex & (Lex.known | Lex.given) == 0,
                w.tokens[k].shape & Shape.allCaps == 0,
                w.cueBefore(k - 1, window: 6, flags: Lex.addressCue) || residenceBefore(w, k - 1)
            else { continue }
            var last = k
            if k + 1 < w.count, w.isFree(k + 1), w.spaceGap(k + 1), w.tokens[k + 1].shape & Shape.cap != 0,
                w.tokens[k + 1].lex & (Lex.known | Lex.given) == 0, w.tokens[k + 1].isWord
            {
                last = k + 1
            }
            hits.append(StreetHit(kind: .numbered, first: k - 1, last: last, houseNumber: n, flat: nil, streetKey: key(w, k, last),
                                  addressContext: true))
            w.reserve(k - 1, last)
        }
        // "number 14", "No. 14", "at no 40", "number sixteen"
        for k in 0..<w.count where w.tokens[k].lex & Lex.numberWord != 0 && w.tokens[k].isWord && w.isFree(k) {
            guard k + 1 < w.count, w.isFree(k + 1), let n = houseNumber(w, k + 1) ?? spelledNumber(w, k + 1),
                w.spaceGap(k + 1) || w.tokens[k + 1].gap == Gap.period | Gap.space
            else { continue }
            let atOrIn = k > 0 && (w.tokens[k - 1].hash == words.at || w.tokens[k - 1].hash == words.in)
            // "number 14" in running text; "No 14" or "no. 14" in an address, "at no 40", or "no 212"
            // as a clause of its own ("the one w the green door, no 212)").
            if w.tokens[k].hash == words.number || w.tokens[k].shape & Shape.cap != 0 || w.tokens[k + 1].gap & Gap.period != 0 || atOrIn
                || numberStandsAlone(w, k)
            {
                // "No. 29, Kevin WHALLEY": the abbreviation with its full stop is only ever a house number.
                let context = w.cueBefore(k, window: 4, flags: Lex.addressCue) || atOrIn
                    || (w.tokens[k].hash != words.number && w.tokens[k + 1].gap & Gap.period != 0)
                hits.append(StreetHit(kind: .numberOnly, first: k, last: k + 1, houseNumber: n, flat: nil, streetKey: 0,
                                      addressContext: context))
            }
        }
        bareHouseNumbers(w, lexicon, into: &hits)
        return hits
    }

    /// "no 212" between a comma or bracket and the end of its clause: a house number given on its own.
    static func numberStandsAlone(_ w: TextWork, _ k: Int) -> Bool {
        guard k > 0, w.tokens[k].gap & (Gap.comma | Gap.open) != 0 else { return false }
        guard k + 2 < w.count else { return true }
        let g = w.tokens[k + 2].gap
        return g & (Gap.comma | Gap.close | Gap.stop | Gap.newline | Gap.semicolon) != 0 || g == Gap.period | Gap.space
    }

    static func key(_ w: TextWork, _ s: Int, _ k: Int) -> UInt64 {
        var h: UInt64 = 0x5EED
        // "Weaver's Row", "Weavers Row" and "Weaver Row" are one street.
        for j in s..<k { h = FNV.combine(h, w.tokens[j].shape & Shape.plural != 0 ? w.pluralHash(j) : w.tokens[j].hash) }
        let suffix = w.tokens[k].hash
        return FNV.combine(h, canonical[suffix] ?? suffix)
    }
}
