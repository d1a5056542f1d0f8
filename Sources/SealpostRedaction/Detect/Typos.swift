/// Typos of common words ("becuase", "freind", "acomodation"): a hastily typed note or ESOL
/// text is full of them, and a word the vocabulary does not hold would otherwise be reported as a
/// possible name. A word one edit (a letter dropped, added or changed, or two neighbours swapped)
/// from a common word (the first letter as typed; no name of the lists, or "jacko" would be
/// "jack") is taken for that word, unless it is within two edits of a protected
/// person's name word: "slaiter" stays a possible "Slater" however close it is to "slater" or "salter".
///
/// Invariant: only asked about words that are already unknown to every list (rare), so its cost,
/// some hundreds of hash probes for a word, never touches the hot path of ordinary text.
extension Engine {
    /// True when token `k` (a word) is a typo of a common word and near no protected name.
    func isTypoOfCommonWord(_ w: TextWork, _ k: Int) -> Bool {
        let t = w.tokens[k]
        guard t.nlen >= 5, t.nlen <= 20 else { return false }
        let word = w.normalized(k)
        guard word.count >= 5, word.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else {
            return false
        }
        guard oneEditFromCommonWord(word) else { return false }
        return !nearProtectedName(word)
    }

    /// True when a word one edit from `word` is a common word: in the lexicon's own English list
    /// (a few thousand words of referrals), or, for words of seven letters or more, where names
    /// are rarer than long ordinary words, anywhere in the broad vocabulary.
    func oneEditFromCommonWord(_ word: [UInt8]) -> Bool {
        let broad = word.count >= 7
        let vocabulary = BroadVocabulary.shared
        // A neighbour that is also a name of the lists makes a nickname, not a typo: "jacko", "gazz".
        func common(_ h: UInt64) -> Bool {
            let f = lexicon.flags(h)
            guard f & (Lex.given | Lex.surname) == 0 else { return false }
            return f & (Lex.english | Lex.function) != 0 || (broad && vocabulary.contains(h))
        }
        let n = word.count
        // FNV is sequential: each variant continues from the hash of the prefix it shares.
        var prefix = [UInt64](repeating: FNV.offset, count: n + 1)
        for i in 0..<n { prefix[i + 1] = FNV.mix(prefix[i], word[i]) }
        func finish(_ h: UInt64, from i: Int) -> UInt64 {
            var h = h
            var j = i
            while j < n { h = FNV.mix(h, word[j]); j += 1 }
            return FNV.finish(h)
        }
        // The first letter is taken as typed (typists rarely miss it, and names are often a word
        // with another first letter: "shero", "hero").
        for i in 1..<n {
            // A letter dropped.
            if common(finish(prefix[i], from: i + 1)) { return true }
            // Two neighbours swapped.
            if i + 1 < n && word[i] != word[i + 1] {
                let h = FNV.mix(FNV.mix(prefix[i], word[i + 1]), word[i])
                if common(finish(h, from: i + 2)) { return true }
            }
            // A letter changed.
            for c in UInt8(ascii: "a")...UInt8(ascii: "z") where c != word[i] {
                if common(finish(FNV.mix(prefix[i], c), from: i + 1)) { return true }
            }
        }
        // A letter added (anywhere after the first, the end included).
        for i in 1...n {
            for c in UInt8(ascii: "a")...UInt8(ascii: "z") {
                if common(finish(FNV.mix(prefix[i], c), from: i)) { return true }
            }
        }
        return false
    }

    /// True when `word` is within two edits of a word of a protected listed person's name.
    func nearProtectedName(_ word: [UInt8]) -> Bool {
        for part in index.fuzzyParts where !index.persons[Int(part.person)].kept {
            let target = index.fuzzyWords[Int(part.word)]
            if abs(target.count - word.count) <= 2 && Self.editDistance(word, target, atMost: 2) <= 2 { return true }
        }
        return false
    }
}
