/// How much each word of a run counts toward the person it may name. The scale is doubled so
/// that a bare surname can weigh a little less than a given name without fractions.
enum NameWeights {
    /// A listed given name or nickname, spelled as listed.
    static let given = 6
    /// A surname (or the surname run together) beside other name words or a title.
    static let surname = 6
    /// A surname alone, with no title: a bare word is more often someone's given name.
    static let bareSurname = 5
    /// One part of a double surname alone ("Brennan" of Brennan-Lowe): less likely than someone's whole surname.
    static let bareSurnamePart = 4
    /// Any other exact part: a middle name, a short or formal form, initials.
    static let otherPart = 4
    /// A one-letter slip of a listed word, or a given name that begins the listed one (Beth for Bethany).
    static let weakMatch = 2
    /// A single capital letter matching the person's initial.
    static let initialLetter = 2

    /// Every value `weight(of:bare:)` takes with `doubleSurname` false, best first: the order in
    /// which a word's candidates are counted.
    static let levels = [given, bareSurname, otherPart, weakMatch]

    static func weight(of c: Candidate, bare: Bool, doubleSurname: Bool = false) -> Int {
        if c.fuzzy || c.kind == .prefix { return weakMatch }
        if c.kind == .given || c.kind == .aka { return given }
        if c.kind.isSurnameLike { return bare ? (doubleSurname && c.kind == .surname ? bareSurnamePart : bareSurname) : surname }
        return otherPart
    }
}

extension Engine {
    /// Scores each candidate person by the words of the run they own, recording which positions
    /// (bit masks over the name words) are given names and which surnames. Each word counts once
    /// per person, by the best-weighted of its candidates for that person ("Abdi" is the father
    /// Abdikarim Abdi's surname before it is the start of his given name).
    /// `buffer` (the record's scratch space, one slot per person) holds the scores; the part
    /// used is returned.
    func scoreCandidates(_ w: TextWork, _ m: NameMention,
                         into buffer: UnsafeMutableBufferPointer<PersonScore>) -> UnsafeMutableBufferPointer<PersonScore> {
        var n = 0
        for (pos, item) in m.names.enumerated() where !item.cands.isEmpty {
            let bit = UInt8(1) << UInt8(pos)
            func count(_ c: Candidate) {
                var slot = 0
                while slot < n && buffer[slot].person != c.person { slot += 1 }
                if slot == n { buffer[n] = PersonScore(person: c.person); n += 1 }
                if buffer[slot].counted & bit != 0 { return }
                buffer[slot].counted |= bit
                buffer[slot].score += NameWeights.weight(of: c, bare: m.isBare, doubleSurname: index.words[Int(c.person)].surname.count > 2)
                if c.kind.isGivenLike || c.kind == .initials { buffer[slot].given |= bit }
                if c.kind.isSurnameLike || c.kind == .initials { buffer[slot].surname |= bit }
            }
            if item.cands.count == 1 {
                count(item.cands[0])
                continue
            }
            // Best-weighted first, ties in list order (a stable sort by weight, without one).
            for level in NameWeights.levels {
                for c in item.cands where NameWeights.weight(of: c, bare: m.isBare) == level { count(c) }
            }
        }
        let scored = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
        if n > 0 { scoreInitials(w, m, scored) }
        return scored
    }

    /// Single capital letters in the run ("Kevin S", "K Smith", "Mr K") add to the people whose
    /// initials they are: the last word of several, or after a title, as a surname initial; any
    /// other as a given initial.
    func scoreInitials(_ w: TextWork, _ m: NameMention, _ scored: UnsafeMutableBufferPointer<PersonScore>) {
        for (pos, item) in m.names.enumerated() where item.bearing == .initial {
            let bit = letterBit(w, item.k)
            guard bit != 0 else { continue }
            for slot in scored.indices {
                let person = index.persons[Int(scored[slot].person)]
                if pos == m.names.count - 1 && (pos > 0 || !m.titles.isEmpty) && person.surnameInitials & bit != 0 {
                    scored[slot].score += NameWeights.initialLetter
                    scored[slot].surname |= UInt8(1) << UInt8(pos)
                } else if person.initials & bit != 0 {
                    scored[slot].score += NameWeights.initialLetter
                    scored[slot].given |= UInt8(1) << UInt8(pos)
                }
            }
        }
    }
}
