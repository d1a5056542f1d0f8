/// The safety net's last rule (issue 13, "uncertain is the safety net"), after the way high-recall
/// de-identification works (Philter's whitelist): a word the redactor cannot account for is
/// reported as uncertain, whatever the style of the text, instead of rules per category guessing
/// where a name might stand. A word is accounted for when it is
///
/// - decided by a detector (replaced or kept), or part of a number, date or code;
/// - a word the lexicon knows (English, function word, place, organisation, title, brand ...); a
///   capitalised given name or surname of the lists that is also an English word ("Will", "Grace"),
///   which stays with the name rules;
/// - an ordinary word of the broad vocabulary (`BroadVocabulary`), unless in lowercase it is a
///   name of the lists that the lexicon does not mark as also a common word ("khan");
/// - a kept person's name word, or a word of a kept person's address;
/// - text-speak, or a typo of a common word near no protected name (`Typos.swift`);
/// - made of vocabulary words ("pushchair", "reoffending", "sustainment") or clinical by its
///   ending ("otitis", "flucloxacillin"), when no name list has it (`Compounds.swift`);
/// - capitalised before an organisation word ("Broughton High"): an organisation, which is kept;
/// - a lowercase word right after an article or possessive ("the centile", "her inhaler"), where
///   a name does not stand, or joined by a hyphen to an ordinary lowercase word ("steri-strips");
/// - a capitalised word after "in", "near" and other locatives: a town, too wide to identify anyone.
///
/// Anything else, a word of at least three letters (two when capitalised), becomes a finding:
/// adjacent words make one finding (one decision for the practitioner, not one per word), of
/// category `address` after a preposition of place and `name` otherwise.
///
/// Invariant: only adds findings, never claims a token (it cannot damage a kept span), and reports
/// nothing already inside another finding. Its hot path is one test of the token's claim and
/// lexicon flags; only a word no list knows pays one probe of the broad vocabulary.
extension Engine {
    /// Lexicon flags that say a word is something other than a name (anything but the name lists).
    static let notNameOnly: UInt64 = ~(Lex.given | Lex.male | Lex.female | Lex.surname | Lex.ambiguous)

    func findUnaccountedWords(_ w: TextWork) {
        let n = w.count
        // The other rules' findings, looked up by binary search: scanning them for every unknown
        // word would cost the square of their number on text full of unknown words (Polish or
        // Welsh statements). This rule's own findings lie behind the walk, so never need looking up.
        let reported = ReportedSpans(w.findings)
        var k = 0
        while k < n {
            // The hot path, inline: most tokens are decided, or words the lexicon knows.
            let t = w.tokens[k]
            guard w.claimOf[k] == TextWork.free, t.lex & Self.notNameOnly == 0, t.isWord, isUnaccounted(w, k, reported)
            else {
                k += 1
                continue
            }
            var e = k
            while e + 1 < n && e - k < 5 && (w.spaceGap(e + 1) || w.tokens[e + 1].gap == Gap.hyphen)
                && isUnaccounted(w, e + 1, reported) { e += 1 }
            let s = k
            let place = s > 0 && w.spaceGap(s) && (Self.isWherePreposition(w.tokens[s - 1].hash)
                || Self.fromToHashes.contains(w.tokens[s - 1].hash) || w.tokens[s - 1].lex & Lex.locative != 0)
            w.addFinding(s, e, place ? .address : .name, .unaccountedWord)
            k = e + 1
        }
    }

    static let fromToHashes: WordSet = WordSet(["from", "to", "towards", "via"].map { Tokenizer.hash($0) })

    /// True when token `k` is a word the redactor cannot account for (see the type's comment).
    func isUnaccounted(_ w: TextWork, _ k: Int, _ reported: ReportedSpans) -> Bool {
        guard w.claimOf[k] == TextWork.free else { return false }
        let t = w.tokens[k]
        guard t.isWord else { return false }
        let lower = t.shape & Shape.lower != 0
        if lower {
            guard t.nlen >= 3, t.lex & Self.notNameOnly == 0 else { return false }
        } else {
            // Capitalised: short capitals are acronyms or initials ("DSL", "JT"), which other rules weigh.
            guard t.nlen >= 2 else { return false }
            // A name of the lists that no name rule decided and that is no English word ("Kyle"
            // left free) is not accounted for either.
            if t.lex != 0 {
                guard t.lex & Self.notNameOnly == 0, t.lex & Lex.english == 0, t.nlen >= 3 else { return false }
            }
            if t.shape & Shape.allCaps != 0 && t.nlen <= 4 { return false }
            // A single capitalised word after "in", "near" ...: a town, too wide to identify
            // anyone (spec/redaction.md §The safety net), as the capitalised-word rule leaves it.
            if k > 0 && w.tokens[k - 1].lex & Lex.locative != 0 && t.shape & Shape.boundary == 0 { return false }
        }
        // Glued to a number or another word without a space ("14th", "5mg", "x3"): part of a code.
        if w.gapLength(k) == 0 && k > 0 { return false }
        let vocabulary = BroadVocabulary.shared
        // A name of the lists that only the broad vocabulary has as a word ("khan", "shah") is
        // more likely the name; the lexicon decides which names are also common words ("will",
        // "miles": ambiguous).
        if vocabulary.contains(t.hash) && (t.lex == 0 || !lower || t.lex & Lex.ambiguous != 0) {
            return false
        }
        if t.shape & Shape.innerApostrophe != 0 && t.nlen <= 5 { return false }
        if Self.textSpeak.contains(t.hash) || keptNameWord(t.hash) || index.keptPlaceWords.contains(t.hash) {
            return false
        }
        if lower && k > 0 && w.spaceGap(k) && w.tokens[k - 1].lex & Lex.determiner != 0 { return false }
        if lower && hyphenedToWord(w, k) { return false }
        if reported.covers(Int(t.start), Int(t.end)) { return false }
        // Rarer tests last: they normalise the word's bytes.
        if t.lex == 0 {
            let word = w.normalized(k)
            if vocabulary.isCompound(word) || vocabulary.isDerived(word) || BroadVocabulary.isClinical(word) {
                return false
            }
            // "Broughton High", "Ysgol Bro": a word before an organisation word names the organisation.
            if !lower && k + 1 < w.count && w.spaceGap(k + 1) && w.tokens[k + 1].lex & Lex.orgWord != 0 {
                return false
            }
        }
        // A name of the lists is never taken for a typo ("kian" is not "kin").
        if t.lex == 0 && isTypoOfCommonWord(w, k) { return false }
        return true
    }

    /// "steri-strips", "non-mol": a lowercase part joined by a hyphen to a lowercase ordinary word.
    func hyphenedToWord(_ w: TextWork, _ k: Int) -> Bool {
        func ordinary(_ j: Int) -> Bool {
            let t = w.tokens[j]
            return t.isWord && t.shape & Shape.lower != 0
                && (t.lex & Lex.english != 0 || BroadVocabulary.shared.contains(t.hash))
        }
        if w.tokens[k].gap == Gap.hyphen && w.gapLength(k) == 1 && ordinary(k - 1) { return true }
        return k + 1 < w.count && w.tokens[k + 1].gap == Gap.hyphen && w.gapLength(k + 1) == 1 && ordinary(k + 1)
    }

}

/// Findings' spans sorted by start, with the greatest end so far: whether any covers part of
/// `[s, e)` is one binary search.
struct ReportedSpans {
    private var starts: [Int] = []
    private var maxEnd: [Int] = []

    init(_ findings: [Finding]) {
        var furthest = Int.min
        for f in findings.sorted(by: { $0.start < $1.start }) {
            furthest = max(furthest, Int(f.end))
            starts.append(Int(f.start))
            maxEnd.append(furthest)
        }
    }

    /// True when a span starts before `e` and ends after `s`.
    func covers(_ s: Int, _ e: Int) -> Bool {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < e { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && maxEnd[lo - 1] > s
    }
}
