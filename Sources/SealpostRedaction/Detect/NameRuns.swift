/// Runs of name words and how each is decided: which person it names, someone the text
/// mentions who is not listed, or nobody.
extension Engine {
    // MARK: - Runs

    func joinable(_ w: TextWork, _ j: Int, after prev: RunItem) -> Bool {
        let t = w.tokens[j], p = w.tokens[j - 1]
        if p.shape & Shape.possessive != 0 { return false }
        let g = t.gap
        let len = w.gapLength(j)
        if g & Gap.newline != 0 { return false }
        if g == Gap.space && len <= 2 { return true }
        if g == Gap.hyphen && (len == 1 || len == 3) { return true }
        if g & Gap.period != 0 && g & ~(Gap.period | Gap.space) == 0 && len <= 2 {
            return prev.bearing == .title || prev.bearing == .initial
        }
        if g & Gap.comma != 0 && g & ~(Gap.comma | Gap.space) == 0 && len <= 2 {
            // Surname first: "SMITH, Kevin", "Smith, Kevin".
            if p.shape & Shape.allCaps != 0 && p.nlen >= 2 && t.shape & Shape.cap != 0 && t.shape & Shape.allCaps == 0 {
                return true
            }
            let next = view(w, j)
            for c in prev.cands where c.kind.isSurnameLike {
                if next.cands.contains(where: { $0.person == c.person && $0.kind.isGivenLike }) { return true }
            }
        }
        return false
    }

    /// "D.K.", "K.S.": capital letters joined by full stops, matched against listed initials.
    func dottedInitials(_ w: TextWork, _ k: Int) -> [RunItem]? {
        func letter(_ j: Int) -> Bool {
            j < w.count && w.isFree(j) && w.tokens[j].nlen == 1 && w.tokens[j].shape & Shape.cap != 0 && w.tokens[j].isWord
        }
        guard letter(k), k + 1 < w.count, w.bytes[Int(w.tokens[k].end)] == UInt8(ascii: ".") else { return nil }
        var j = k
        var letters: [UInt8] = []
        while letter(j) && (j == k || w.gapIs(j, UInt8(ascii: "."))) {
            letters.append(w.bytes[Int(w.tokens[j].start)] | 0x20)
            j += 1
        }
        guard letters.count >= 2 else { return nil }
        var cands: [Candidate] = []
        var i = index.names.first(FNV.hash(letters))
        while i >= 0 {
            let e = index.names.entry(i)
            if e.value.kind == .initials || e.value.kind == .dottedInitials {
                cands.append(Candidate(person: e.value.person, kind: .initials, fuzzy: false, lexical: false))
            }
            i = e.next
        }
        guard !cands.isEmpty else { return nil }
        let stored = index.candidateArena.store(cands)
        return (k..<j).map { $0 == k ? RunItem(k: $0, bearing: .strong, cands: stored) : RunItem(k: $0, bearing: .strong) }
    }

    /// Finds the runs of name words of `w` and decides each (`interpret`). The first pass
    /// (`final: false`) records what it found at each token in `w.nameRuns`; the second reuses a
    /// recorded run when nothing it depends on has changed (`NameRunCache`).
    func scanNames(_ w: TextWork, final: Bool) {
        // A run holds at most seven words (dotted initials, which may be more, bring their own).
        let run = UnsafeMutableBufferPointer<RunItem>.allocate(capacity: 8)
        defer { run.deallocate() }
        if final {
            w.nameRuns.rewind()
            index.inFirstNamePass = false
        } else {
            w.nameRuns.start(tokens: w.count)
            // Kept until the redaction ends: the second pass reads the recorded runs' candidates.
            index.inFirstNamePass = true
        }
        var k = 0
        while true {
            k = nextNameStart(w, from: k)
            guard k < w.count else { break }
            let generation = index.nameGeneration
            if final, let e = w.nameRuns.entry(at: k, generation: generation) {
                if e.count == 0 { k += 1; continue }
                let end = k + Int(e.count)
                if w.isFree(k, end - 1) {
                    w.nameRuns.items.withUnsafeBufferPointer {
                        interpret(w, $0[Int(e.first)..<(Int(e.first) + Int(e.count))], final: final)
                    }
                    k = end
                    continue
                }
            }
            // Every run below is decided before the next starts: in the second pass its candidate
            // lists can go.
            if final { index.candidateArena.reset() }
            if w.tokens[k].nlen == 1, let items = dottedInitials(w, k) {
                items.withUnsafeBufferPointer {
                    if !final { w.nameRuns.record($0, at: k, generation: generation) }
                    interpret(w, $0[...], final: final)
                }
                k = items.last!.k + 1
                continue
            }
            let first = view(w, k)
            // A capitalised ordinary word alone is nothing; skip it without building a run.
            if first.bearing == .none || first.bearing == .capWord && (k + 1 >= w.count || !w.spaceGap(k + 1)
                || w.tokens[k + 1].shape & (Shape.cap | Shape.allCaps) == 0)
            {
                if !final { w.nameRuns.recordNothing(at: k, generation: generation) }
                k += 1
                continue
            }
            run.initializeElement(at: 0, to: first)
            var n = 1
            var j = k + 1
            while j < w.count && n < 7 && joinable(w, j, after: run[n - 1]) {
                let v = view(w, j)
                if v.bearing == .none { break }
                // Lowercase ordinary words join only lowercase words ("precious black", "stacey
                // king"), never a capitalised name ("Will mark his progress").
                let prevUpper = w.tokens[j - 1].shape & (Shape.cap | Shape.allCaps) != 0
                let upper = w.tokens[j].shape & (Shape.cap | Shape.allCaps) != 0
                if (v.bearing == .lowerLexical && prevUpper) || (run[n - 1].bearing == .lowerLexical && upper) { break }
                run.initializeElement(at: n, to: v)
                n += 1
                j += 1
            }
            let items = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(run)[0..<n])
            if !final { w.nameRuns.record(items, at: k, generation: generation) }
            interpret(w, items[...], final: final)
            k = j
        }
    }

    /// The first token from `k` on that may start a run (one `plainToken` is false for, or a
    /// free single letter, which may begin dotted initials), or `w.count`.
    @inline(__always) func nextNameStart(_ w: TextWork, from k: Int) -> Int {
        let names = index.names
        return w.tokens.withUnsafeBufferPointer { t in
            var k = k
            while k < t.count {
                let tok = t[k]
                if w.claimOf[k] == TextWork.free && tok.isWord {
                    // `plainToken`'s test for a free word, with the single-letter case first.
                    if tok.nlen == 1 || tok.shape & (Shape.cap | Shape.allCaps) != 0 || tok.lex & Lex.known == 0
                        || tok.lex & Self.lowerNameFlags != 0 || names.first(tok.hash) >= 0
                    {
                        return k
                    }
                }
                k += 1
            }
            return k
        }
    }

    // MARK: - Deciding a run

    /// Decides one run of name words in four named steps: trim the words that are no evidence
    /// of a name (`trimmedRun`), score every person the remaining words could name
    /// (`scoreCandidates`, weights in `NameWeights`), then give the run to the best listed
    /// person (`decideListed`) or, when nobody listed fits, to someone the text mentions if the
    /// evidence is good enough (`decideUnlisted`).
    func interpret(_ w: TextWork, _ run: RunSlice, final: Bool) {
        guard let items = trimmedRun(w, run) else { return }
        let titles = items.prefix { $0.bearing == .title }
        let names = items.dropFirst(titles.count)
        guard !names.isEmpty else { return }
        let mention = NameMention(first: items.first!.k, last: items.last!.k, titles: titles, names: names,
                                  gender: titleGender(w, titles), cue: cueBefore(w, items.first!.k))
        let scored = scoreCandidates(w, mention, into: index.scoreBuffer())
        var best = 0
        for s in scored where s.score > best { best = s.score }
        if best > 0 {
            decideListed(w, mention, scored: scored, best: best, final: final)
        } else {
            decideUnlisted(w, mention, final: final)
        }
    }
}

/// A trimmed run of name words: its titles, its name words, and what its context says.
struct NameMention {
    /// The first and last tokens of the run, titles included.
    var first: Int
    var last: Int
    var titles: RunSlice
    var names: RunSlice
    /// The sex the titles imply.
    var gender: Gender
    /// A relation or naming cue right before the run ("her friend", "a man called").
    var cue: Bool

    /// A single word with no title: bare words are more often given names than surnames.
    var isBare: Bool { names.count == 1 && titles.isEmpty }

    func text(_ w: TextWork) -> String { w.string(w.tokens[first].start, w.tokens[last].nameEnd) }
}
