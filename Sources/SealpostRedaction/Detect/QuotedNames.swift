/// Names and nicknames given in quotation marks: "Kemar", "Gaz", "Little Dee", "RW". A short
/// quoted span of capitalised words that the record does not list is someone the text names,
/// when its words are not ordinary ones, or when a naming or relation word comes shortly before
/// ("called \"Tank\"", "his friend, \"Dean\""). Runs before names are found, so that later
/// mentions of an unusual word ("Dex had taken her card") find the same person.
extension Engine {
    static func isQuote(_ b: UInt8) -> Bool { b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") }

    /// True when the bytes `a..<b` hold a quotation mark (ASCII, or the curly ones in UTF-8).
    static func hasQuote(_ bytes: [UInt8], _ a: Int, _ b: Int) -> Bool {
        var i = a
        while i < b {
            if isQuote(bytes[i]) { return true }
            // “ ” ‘ ’ are E2 80 9C/9D/98/99.
            if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, (0x98...0x9D).contains(bytes[i + 2]) {
                // A right single quote right after a letter is an apostrophe, not a quote.
                if !(bytes[i + 2] == 0x99 && i > 0 && Patterns.isLetter(bytes[i - 1])) { return true }
            }
            i += 1
        }
        return false
    }

    func applyQuotedNames(_ w: TextWork) {
        var k = 0
        while k < w.count {
            let gapStart = k == 0 ? 0 : Int(w.tokens[k - 1].end)
            guard w.tokens[k].gap & Gap.open != 0, Self.hasQuote(w.bytes, gapStart, Int(w.tokens[k].start)) else { k += 1; continue }
            // The quoted span: up to three tokens, closed by a quotation mark.
            var j = k
            var closed = false
            while j < w.count && j - k < 3 {
                let after = Int(w.tokens[j].end)
                let next = j + 1 < w.count ? Int(w.tokens[j + 1].start) : w.bytes.count
                if Self.hasQuote(w.bytes, after, next) { closed = true; break }
                guard j + 1 < w.count, w.tokens[j + 1].gap & ~(Gap.space | Gap.other | Gap.hyphen) == 0 else { break }
                j += 1
            }
            guard closed, quotedSpanIsAName(w, k, j) else { k += 1; continue }
            let words = (k...j).map { NameParser.word(w, $0, lexicon) }
            let distinctive = words.enumerated().filter { w.tokens[k + $0.offset].lex & Lex.known == 0 && $0.element.word.count >= 2 }
                .map(\.element)
            let q = index.unlisted(given: distinctive, surname: [], gender: .unknown, mention: w.string(w.tokens[k].start, w.tokens[j].nameEnd))
            w.claimTokens(k, j, category: .name, owner: .person(q))
            k = j + 1
        }
    }

    /// Words that say a name follows in quotation marks: "first name as \"Ash\"", "saved as \"B\"",
    /// "goes by \"T\"", "calls him \"Mac\"".
    static let namingContext: WordSet = WordSet(
        ["name", "names", "named", "saved", "called", "calls", "call", "nicknamed", "nickname", "known", "goes", "alias", "aka"]
            .map { Tokenizer.hash($0) })

    /// A naming word within three words before the opening quotation mark, in the same sentence.
    func quotedAfterNaming(_ w: TextWork, _ a: Int) -> Bool {
        var j = a - 1
        while j >= 0 && a - j <= 3 {
            if Self.namingContext.contains(w.tokens[j].hash) { return true }
            if w.tokens[j + 1].gap & (Gap.newline | Gap.stop) != 0 { return false }
            j -= 1
        }
        return false
    }

    func quotedSpanIsAName(_ w: TextWork, _ a: Int, _ b: Int) -> Bool {
        let named = quotedAfterNaming(w, a)
        for k in a...b {
            let t = w.tokens[k]
            if named && w.isFree(k) && t.isWord && index.names.first(t.hash) < 0
                && t.lex & (Lex.function | Lex.determiner | Lex.pronoun | Lex.month | Lex.weekday | Lex.place) == 0
            {
                continue
            }
            // In a note typed without capitals, a quoted lowercase word after a naming or
            // relation word counts too (holly's ex "tank").
            let lowerNamed = w.lowercaseStyle && t.shape & Shape.lower != 0 && a > 0
                && w.cueBefore(a, window: 2, flags: Lex.naming | Lex.relation)
            guard w.isFree(k), t.isWord, t.shape & (Shape.cap | Shape.allCaps) != 0 || (k > a && t.nlen == 1) || lowerNamed
            else { return false }
            // Listed people's words are decided by the name finder; places, organisations,
            // months and brands are not people.
            if index.names.first(t.hash) >= 0 { return false }
            if t.lex & (Lex.place | Lex.orgWord | Lex.properNoun | Lex.month | Lex.weekday | Lex.title | Lex.street) != 0 { return false }
        }
        if named { return true }
        let first = w.tokens[a]
        // Initials: "MK", "RW", "B".
        if a == b && first.shape & Shape.allCaps != 0 && first.nlen <= 3 {
            return first.lex & (Lex.acronym | Lex.function | Lex.pronoun) == 0 || first.nlen == 1 && first.hash != lexicon.words.i
        }
        if first.shape & Shape.allCaps != 0 && first.nlen > 3 { return false }
        let cue = a > 0 && w.cueBefore(a, window: 3, flags: Lex.naming | Lex.relation)
        let last = w.tokens[b]
        // "Little Dee", "Big Tony": an ordinary word before a name is part of the nickname.
        let nameLike = last.lex & Lex.known == 0 || last.lex & (Lex.given | Lex.surname) != 0 && last.lex & Lex.ambiguous == 0
        if (a...b).allSatisfy({ w.tokens[$0].lex & Lex.known != 0 && w.tokens[$0].lex & Lex.given == 0 }) { return cue }
        return nameLike || cue
    }
}
