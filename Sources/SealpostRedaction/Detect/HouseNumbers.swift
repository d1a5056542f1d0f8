/// House numbers without a street and places on a street, found beside the street finder
/// (`Streets.find`): a bare number after "at" where a person or a home comes before it, a house
/// number in words after "number", and the description of a place that comes before a street
/// ("the packhouse on West Marsh Road"). Each is decided by ownership like any address, and
/// reported when nobody kept owns it, because whose home or workplace it is the text does not say.
extension Streets {
    /// "Mrs Mayhew at 23", "I'm at 16", "lives at 7": a bare number after "at" that follows a
    /// name, a pronoun or a word of residence, and is not a time, an age or a measure.
    static func bareHouseNumbers(_ w: TextWork, _ lexicon: Lexicon, into hits: inout [StreetHit]) {
        for k in 2..<max(2, w.count) where w.tokens[k].isNumber && w.isFree(k) && w.tokens[k - 1].hash == lexicon.words.at {
            guard w.spaceGap(k), w.spaceGap(k - 1), let n = houseNumber(w, k), n.count <= 4 else { continue }
            if n.hasPrefix("0") { continue }
            // "at 16:00", "at 10.30", "at 3pm", "at 14 years".
            let end = Int(w.tokens[k].end)
            if end < w.bytes.count, w.bytes[end] == UInt8(ascii: ":") || w.bytes[end] == UInt8(ascii: ".")
                || w.bytes[end] == UInt8(ascii: "%"), end + 1 < w.bytes.count, Patterns.isDigit(w.bytes[end + 1]) || w.bytes[end] == UInt8(ascii: "%")
            {
                continue
            }
            if k + 1 < w.count, w.tokens[k + 1].gap & (Gap.newline | Gap.stop) == 0, notHouseAfter.contains(w.tokens[k + 1].hash) { continue }
            let p = w.tokens[k - 2]
            let person = p.lex & (Lex.residence | Lex.pronoun) != 0
                || (p.shape & Shape.cap != 0 && p.shape & Shape.boundary == 0 && p.lex & Lex.known == 0)
                || p.shape & Shape.innerApostrophe != 0
            guard person, w.tokens[k - 1].gap & (Gap.newline | Gap.stop) == 0 else { continue }
            hits.append(StreetHit(kind: .numberOnly, first: k, last: k, houseNumber: n, flat: nil, streetKey: 0,
                                  addressContext: true))
        }
    }

    /// Words after a number that make it a time, an age or a measure rather than a house.
    static let notHouseAfter: WordSet = WordSet("""
        am pm hrs hr hours hour oclock o'clock years year yrs yr months month weeks week days day mins minutes min
        mph miles mile km metres meters percent times secs seconds weeks pounds kg st lbs
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })

    /// "sixteen" after "number": the house number in digits.
    static func spelledNumber(_ w: TextWork, _ k: Int) -> String? {
        guard w.tokens[k].isWord, let v = spelled[w.tokens[k].hash] else { return nil }
        return String(v)
    }

    static let spelled: [UInt64: Int] = {
        let words = """
            one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
            eighteen nineteen twenty
            """.split(whereSeparator: \.isWhitespace)
        var m: [UInt64: Int] = [:]
        for (i, s) in words.enumerated() { m[Tokenizer.hash(String(s))] = i + 1 }
        for (s, v) in [("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90)] {
            m[Tokenizer.hash(s)] = v
        }
        return m
    }()

    /// "the church hall on Seven Sisters Road", "a unit behind Progress Road": an article and up to
    /// three lowercase words naming a place, then a preposition of place, right before the street
    /// at `first`; the first token of that description, or `first` when there is none. With
    /// `named`, also one to three capitalised words mid-sentence naming the place ("a boxing gym,
    /// Iron Lions on Cavendish Street"): for a finding, where a wider span costs nothing.
    static func placeOnStreetStart(_ w: TextWork, _ first: Int, _ lexicon: Lexicon, named: Bool = false, nested: Bool = false) -> Int {
        var j = first - 1
        if j >= 0 && w.tokens[j].hash == lexicon.words.the { j -= 1 }
        guard j >= 1, streetPrepositions.contains(w.tokens[j].hash), w.tokens[j + 1].gap & (Gap.newline | Gap.stop) == 0 else {
            return first
        }
        if named && w.tokens[j - 1].shape & Shape.cap != 0 {
            var i = j - 1
            while i >= 0 && j - i <= 3 {
                let t = w.tokens[i]
                guard w.isFree(i) || w.claimOf[i] == TextWork.reserved, t.isWord, t.shape & Shape.cap != 0,
                    t.lex & (Lex.function | Lex.pronoun | Lex.personVerb | Lex.title | Lex.determiner) == 0,
                    w.tokens[i + 1].gap & ~Gap.space == 0
                else { break }
                if t.shape & Shape.boundary != 0 { return first }
                i -= 1
            }
            return i == j - 1 ? first : i + 1
        }
        var i = j - 1
        while i >= 0 && j - i <= 4 {
            let t = w.tokens[i]
            guard w.isFree(i) || w.claimOf[i] == TextWork.reserved, t.isWord, w.tokens[i + 1].gap & ~(Gap.space | Gap.hyphen) == 0
            else { return first }
            if t.hash == lexicon.words.the || t.hash == lexicon.words.a {
                guard i < j - 1 else { return first }
                // "the bungalow by the garage on Tyne Green Rd": one description before another.
                return nested ? i : placeOnStreetStart(w, i, lexicon, nested: true)
            }
            guard t.shape & Shape.lower != 0, t.lex & (Lex.personVerb | Lex.pronoun | Lex.function) == 0 else { return first }
            i -= 1
        }
        return first
    }

    static let streetPrepositions: WordSet = WordSet(["on", "in", "off", "behind", "opposite", "near", "by"].map { Tokenizer.hash($0) })
}
