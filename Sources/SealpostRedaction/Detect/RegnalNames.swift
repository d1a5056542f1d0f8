/// Names with a regnal number: monarchs and popes, and the schools, hospitals and roads named
/// after them ("King Edward VI", "Queen Elizabeth II", "Henry VIII Academy").
extension Engine {
    static let royalWords: WordSet = WordSet("king queen prince princess pope saint st".split(separator: " ").map { Tokenizer.hash(String($0)) })
    static let regnalNumbers: WordSet = WordSet("""
        i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi
        """.split(whereSeparator: \.isWhitespace).map { Tokenizer.hash(String($0)) })

    /// Keeps one or two capitalised name words followed by a regnal number in capitals (two
    /// letters or more, or any after King, Queen, Prince, Princess, Pope or Saint before the
    /// words): a historical name is no one the record is about ("DSL at King Edward VI").
    /// A single letter with no royal word before it stays a surname initial ("Tom V").
    func applyRegnalNames(_ w: TextWork) {
        var k = 0
        while k < w.count {
            let royal = Self.royalWords.contains(w.tokens[k].hash) && w.tokens[k].shape & Shape.cap != 0
            let first = royal ? k + 1 : k
            var last = first - 1
            while last + 1 < w.count && last + 1 - first < 2 && w.isFree(last + 1) && w.tokens[last + 1].isWord
                && w.tokens[last + 1].shape & Shape.cap != 0 && w.tokens[last + 1].shape & Shape.allCaps == 0
                && (last + 1 == k || w.spaceGap(last + 1))
            {
                last += 1
            }
            let n = last + 1
            guard last >= first, n < w.count, w.isFree(n), w.spaceGap(n), w.tokens[n].shape & Shape.allCaps != 0,
                Self.regnalNumbers.contains(w.tokens[n].hash), royal || w.tokens[n].nlen >= 2, w.isFree(k, last)
            else { k += 1; continue }
            w.claimTokens(k, n, category: nil, owner: .kept, keepPossessive: false)
            k = n + 1
        }
    }
}
