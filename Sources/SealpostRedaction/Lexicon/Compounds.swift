/// Words a general list lacks because they are made of words it has: closed compounds
/// ("pushchair", "handprint", "wishlist", "callback") and words with a common prefix
/// ("reoffending", "periorbital", "unmet", "autocorrect"). The broad vocabulary accounts for them
/// too, so that they are not reported as possible names.
///
/// Invariant: a word counts only when every part but a prefix is at least three letters and in the broad
/// vocabulary (or is one of `prefixes` before such a word). Asked only about words that no list
/// knows and that are no given name or surname of the lists (a lowercase "jayden" is "jay" and
/// "den", and stays a possible name because the name list knows it).
extension BroadVocabulary {
    /// Prefixes that make new ordinary words of ordinary words.
    static let prefixes: [[UInt8]] = """
        un re non pre post peri anti sub self over under out mis dis inter semi multi co ex micro hyper hypo
        mid mini mega super ultra extra counter cross trans intra para pseudo neuro psycho auto tele bio eco
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) }

    /// True when `word` (normalised lowercase bytes) is a prefix and a vocabulary word, or two
    /// vocabulary words of three letters or more.
    func isCompound(_ word: [UInt8]) -> Bool {
        let n = word.count
        guard n >= 5 else { return false }
        func hash(_ from: Int, _ to: Int) -> UInt64 {
            var h = FNV.offset
            for i in from..<to { h = FNV.mix(h, word[i]) }
            return FNV.finish(h)
        }
        for p in Self.prefixes where p.count + 3 <= n && word.starts(with: p) {
            if contains(hash(p.count, n)) { return true }
        }
        var i = 3
        while n >= 6 && i <= n - 3 {
            if contains(hash(0, i)) && contains(hash(i, n)) { return true }
            i += 1
        }
        return false
    }
}

extension BroadVocabulary {
    /// True when `word` is an ordinary word the list has with a suffix it lacks ("sustainment",
    /// "sessional", "straighteners"), by the same crude stripping the lexicon uses (`Morphology`).
    func isDerived(_ word: [UInt8]) -> Bool {
        guard word.count >= 6 else { return false }
        return Morphology.stems(of: word).contains { $0.count >= 4 && contains(FNV.hash($0)) }
    }

    /// Endings of clinical words (conditions, procedures, medicine classes) that no given name or
    /// surname has: "otitis", "gastroenterology", "flucloxacillin", "omeprazole", "prednisolone".
    static let clinicalEndings: [[UInt8]] = """
        itis osis oses ology ologist ologists ectomy otomy ostomy oscopy aemia algia plasty pathy pathic
        cillin mycin cycline floxacin azole prazole olol pril sartan statin oxetine azepam azolam triptyline
        idone apine olone isone tidine vudine
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) }

    /// True when `word` ends in a clinical ending with at least two letters before it.
    static func isClinical(_ word: [UInt8]) -> Bool {
        clinicalEndings.contains { word.count >= $0.count + 2 && word.suffix($0.count).elementsEqual($0) }
    }
}
