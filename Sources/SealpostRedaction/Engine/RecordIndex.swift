/// Everything compiled once per record: who is who, each person's name parts, the fuzzy index,
/// phrases, and which normalised identifier belongs to whom.
///
/// One redaction uses it from one thread, and no access to these properties overlaps another,
/// so the hot ones opt out of the runtime's exclusivity checks, which otherwise cost more than
/// the lookups they guard.
final class RecordIndex {
    let lexicon: Lexicon
    @exclusivity(unchecked) var persons: [PersonModel] = []
    @exclusivity(unchecked) var words: [PersonWords] = []
    @exclusivity(unchecked) var names = WordMultiMap<NamePart>()
    @exclusivity(unchecked) var fuzzy = WordMultiMap<FuzzyPart>()
    @exclusivity(unchecked) var fuzzyWords: [[UInt8]] = []
    /// Each fuzzy word's owner, by word index: for the two-edit search, which walks them all.
    @exclusivity(unchecked) var fuzzyParts: [FuzzyPart] = []
    /// Listed people's given names of three letters or more, for pet forms made by a suffix
    /// ("Tommy" for Tom, `Engine.petFormCandidates`).
    @exclusivity(unchecked) var givenWords: [(person: Int32, word: [UInt8])] = []
    @exclusivity(unchecked) var fuzzyCache: [UInt64: [Candidate]] = [:]
    @exclusivity(unchecked) var phrases = WordMultiMap<Int32>()
    @exclusivity(unchecked) var phraseList: [Phrase] = []
    var owners: [OwnerKey: [Int32]] = [:]
    /// Every word of a kept person's address or workplace: a place made only of these is theirs.
    var keptPlaceWords = Set<UInt64>()
    var withheld: [WithheldValue] = []
    var withheldIndex: [OwnerKey: Int32] = [:]
    var mentionCounter = 0
    /// Scratch space for scoring one run of name words (`Engine.interpret`), reused run after run:
    /// at least one slot per person (a run scores each person once), grown as people are found.
    @exclusivity(unchecked) private var scoreStorage = UnsafeMutableBufferPointer<PersonScore>(start: nil, count: 0)

    /// The score scratch space, with a slot for every person known now.
    func scoreBuffer() -> UnsafeMutableBufferPointer<PersonScore> {
        if scoreStorage.count < persons.count {
            scoreStorage.deallocate()
            scoreStorage = .allocate(capacity: max(16, 2 * persons.count))
            scoreStorage.initialize(repeating: PersonScore(person: 0))
        }
        return scoreStorage
    }

    deinit { scoreStorage.deallocate() }

    /// Where the run being built keeps its words' candidate lists (`Engine.scanNames`): in the
    /// first name pass `firstPassArena`, never reset, since the runs it records are read again in
    /// the second; in the second `runArena`, reset run after run.
    /// Unowned: it is always one of the two arenas below, which the index holds.
    @exclusivity(unchecked) private(set) unowned(unsafe) var candidateArena: NameCandidateArena
    let firstPassArena: NameCandidateArena
    let runArena: NameCandidateArena
    /// True while the first name pass runs (its candidates go to `firstPassArena`).
    @exclusivity(unchecked) var inFirstNamePass = false {
        didSet { candidateArena = inFirstNamePass ? firstPassArena : runArena }
    }
    /// Counts changes to the name index (`names`, `fuzzy`, `givenWords`): a run recorded by the
    /// first name pass is reused only at the generation it was made (`NameRunCache`).
    @exclusivity(unchecked) private(set) var nameGeneration = 0

    init(people: [RedactionPerson], lexicon: Lexicon) {
        self.lexicon = lexicon
        let arena = NameCandidateArena()
        runArena = arena
        firstPassArena = NameCandidateArena()
        candidateArena = arena
        // Sized for a listed person's name words and their one-letter deletions (about 40 a person),
        // so that the fuzzy index is not rehashed over and over while it is filled.
        fuzzy = WordMultiMap(capacity: 48 * max(people.count, 1))
        names = WordMultiMap(capacity: 16 * max(people.count, 1))
        for (i, p) in people.enumerated() {
            var model = PersonModel(listedIndex: i, kept: !p.isProtected, role: p.role)
            model.isSubject = p.category == .subject
            model.category = p.category
            var names = PersonWords()
            if let name = p.identifiers.name {
                names.titles = Tokenizer.wordHashes(name).filter { lexicon.flags($0) & Lex.title != 0 }
            }
            persons.append(model)
            words.append(names)
        }
        for (i, p) in people.enumerated() { compile(p, Int32(i)) }
    }

    // MARK: - Compiling people

    private func compile(_ p: RedactionPerson, _ i: Int32) {
        let ids = p.identifiers
        if let name = ids.name { addName(NameParser.parse(name, lexicon: lexicon), person: i, primary: true) }
        for aka in ids.aka { addAka(aka, person: i) }
        for (category, value) in ids.values where category != .name {
            addOwnership(value, category: category, person: i)
        }
    }

    func addName(_ n: ParsedName, person i: Int32, primary: Bool) {
        var model = persons[Int(i)]
        if model.gender == .unknown { model.gender = n.gender }
        // Misspellings are matched for listed people only: the text's own people are known by what it calls them.
        let fuzzy = !model.unlisted
        for g in n.given {
            add(g, .given, i, fuzzy: fuzzy)
            words[Int(i)].given.append(g.hash)
            if !model.unlisted && g.word.count >= 3 { givenWords.append((i, g.word)) }
        }
        for nick in n.nicknames { add(nick, .aka, i, fuzzy: false) }
        for m in n.middle { add(m, .middle, i, fuzzy: fuzzy); words[Int(i)].given.append(m.hash) }
        for s in n.surname { add(s, .surname, i, fuzzy: fuzzy); words[Int(i)].surname.append(s.hash) }
        if let j = n.surnameJoined { add(j, .joined, i, fuzzy: false); words[Int(i)].surname.append(j.hash) }
        for w in n.given + n.middle where !w.word.isEmpty {
            let c = w.word[0]
            if c >= 97 && c <= 122 { model.initials |= 1 << UInt32(c - 97) }
        }
        for w in n.surname where !w.word.isEmpty {
            let c = w.word[0]
            if c >= 97 && c <= 122 { model.surnameInitials |= 1 << UInt32(c - 97) }
        }
        // Short and formal forms of the first given name (for people the record lists: the text's
        // own people are known only by what it calls them).
        if !model.unlisted, let first = n.given.first, let variants = lexicon.diminutives[first.hash] {
            for v in variants {
                let bytes = Array(v.utf8)
                let h = FNV.hash(bytes)
                let lexical = lexicon.isWordOrPlural(bytes)
                add(NameWord(hash: h, word: bytes, lexical: lexical), .diminutive, i, fuzzy: false)
            }
        }
        // A short form that is the start of the name and a given name itself: Beth for Bethany.
        if !model.unlisted, let first = n.given.first, first.word.count >= 5 {
            for len in 3...(first.word.count - 2) {
                let prefix = Array(first.word.prefix(len))
                let h = FNV.hash(prefix)
                let f = lexicon.flags(h)
                guard f & Lex.given != 0 else { continue }
                add(NameWord(hash: h, word: prefix, lexical: lexicon.isWordOrPlural(prefix)), .prefix, i, fuzzy: false)
            }
        }
        // Initials used as shorthand: KS, KJS.
        if primary, let g = n.given.first?.word.first, let s = n.surname.first?.word.first {
            let allSurname = n.surname.compactMap { $0.word.first }
            let middle = n.middle.compactMap { $0.word.first }
            let letters = [[g, s], [g] + middle + [s], [g] + allSurname, [g] + middle + allSurname]
            for l in Set(letters) where l.count >= 2 {
                let h = FNV.hash(l)
                let f = lexicon.flags(h)
                // "DS" may be a detective sergeant, "DV" domestic violence: such initials need context;
                // "TO" and "AM" are words, so they count only written with full stops ("T.O.").
                if f & (Lex.english | Lex.function | Lex.pronoun) != 0 {
                    add(NameWord(hash: h, word: l, lexical: true), .dottedInitials, i, fuzzy: false)
                    continue
                }
                add(NameWord(hash: h, word: l, lexical: f & (Lex.known | Lex.acronym) != 0), .initials, i, fuzzy: false)
            }
        }
        persons[Int(i)] = model
    }

    private func addAka(_ aka: String, person i: Int32) {
        let w = TextWork(path: "", text: aka, lexicon: lexicon)
        let words = (0..<w.count).filter { w.tokens[$0].shape & Shape.alpha != 0 }
        guard !words.isEmpty else { return }
        if words.count == 1 {
            add(NameParser.word(w, words[0], lexicon), .aka, i, fuzzy: true)
            return
        }
        // A full name as an alias: its parts count like the name's; a nickname phrase ("Big Kev")
        // counts whole, and its non-ordinary words alone.
        let parsed = NameParser.parse(aka, lexicon: lexicon)
        let lexicalCount = words.filter { NameParser.word(w, $0, lexicon).lexical }.count
        if lexicalCount == 0 && words.count <= 3 {
            addName(parsed, person: i, primary: false)
        } else {
            for k in words where !NameParser.word(w, k, lexicon).lexical { add(NameParser.word(w, k, lexicon), .aka, i, fuzzy: false) }
        }
        addPhrase(Phrase(words: words.map { w.tokens[$0].hash }, person: i, kind: .aka, lexicalSingle: false, needsPossessive: false))
    }

    private func add(_ word: NameWord, _ kind: PartKind, _ person: Int32, fuzzy withFuzzy: Bool) {
        guard !word.word.isEmpty else { return }
        // Never let a function word (an initial "A", "de") stand for a person on its own.
        if word.word.count < 2 && kind != .initials { return }
        nameGeneration += 1
        names.insert(word.hash, NamePart(person: person, kind: kind, lexical: word.lexical))
        guard withFuzzy, word.word.count >= 4, word.word.count <= 24 else { return }
        if !fuzzyCache.isEmpty { fuzzyCache.removeAll() }
        let index = Int32(fuzzyWords.count)
        fuzzyWords.append(word.word)
        let part = FuzzyPart(person: person, kind: kind, word: index)
        fuzzyParts.append(part)
        fuzzy.insert(word.hash, part)
        // Each deletion variant, hashed in place (no copy of the word per variant).
        word.word.withUnsafeBufferPointer { bytes in
            for d in 0..<bytes.count {
                var h = FNV.offset
                for (j, b) in bytes.enumerated() where j != d { h = FNV.mix(h, b) }
                fuzzy.insert(FNV.finish(h), part)
            }
        }
    }

    func addPhrase(_ p: Phrase) {
        phrases.insert(p.words[0], Int32(phraseList.count))
        phraseList.append(p)
    }

    private func addOwnership(_ value: String, category: IdentifierCategory, person i: Int32) {
        let w = TextWork(path: "", text: value, lexicon: lexicon)
        if (category == .address || category == .workplace) && persons[Int(i)].kept {
            for t in w.tokens where t.isWord { keptPlaceWords.insert(t.hash) }
        }
        var found = false
        for hit in Patterns.findAll(in: w, lexicon: lexicon) {
            for key in hit.keys { own(key, i) }
            found = found || !hit.keys.isEmpty
        }
        if category == .address || category == .workplace {
            let streets = Streets.find(in: w, lexicon: lexicon)
            for s in streets {
                for key in s.keys { own(key, i) }
                if let n = s.houseNumber { own(OwnerKey(kind: .houseNumber, value: n), i) }
                if let f = s.flat { own(OwnerKey(kind: .flat, value: f), i) }
            }
            found = found || !streets.isEmpty
        }
        let digits = String(decoding: value.utf8.filter(Patterns.isDigit), as: UTF8.self)
        let alnum = String(decoding: value.utf8.filter(Patterns.isAlnum).map { Patterns.isLowerASCII($0) ? $0 - 32 : $0 }, as: UTF8.self)
        switch category {
        case .phone where !found && digits.count >= 7:
            own(OwnerKey(kind: .phone, value: Patterns.phoneKey(Array(digits.utf8), international: value.contains("+")) ?? digits), i)
        case .nhsNumber where digits.count == 10:
            own(OwnerKey(kind: .nhs, value: digits), i)
        case .niNumber where alnum.count >= 8:
            own(OwnerKey(kind: .ni, value: String(alnum.prefix(8))), i)
        case .email:
            own(OwnerKey(kind: .email, value: value.trimmedSpaces().lowercased()), i)
        case .vehicle where !alnum.isEmpty:
            own(OwnerKey(kind: .vehicle, value: alnum), i)
        case .handle:
            var h = value.trimmedSpaces().lowercased()
            if h.hasPrefix("@") { h.removeFirst() }
            if let slash = h.lastIndex(of: "/") { h = String(h[h.index(after: slash)...]) }
            own(OwnerKey(kind: .handle, value: h), i)
            // Written without its "@", a handle is still the person's.
            let words = Tokenizer.wordHashes(h)
            if !words.isEmpty && !(words.count == 1 && lexicon.flags(words[0]) & (Lex.known | Lex.given | Lex.surname) != 0) {
                addPhrase(Phrase(words: words, person: i, kind: .handle, lexicalSingle: false, needsPossessive: false))
            }
        case .workplace, .address:
            // The whole value, and each comma-separated line, as phrases.
            let kind: Phrase.Kind = category == .workplace ? .workplace : .addressLine
            // Split on the comma's byte (it never falls inside a multi-byte character).
            for part in value.utf8.split(separator: UInt8(ascii: ",")) {
                let segment = String(decoding: part, as: UTF8.self)
                let words = Tokenizer.wordHashes(segment).filter { lexicon.flags($0) & Lex.connector == 0 }
                guard !words.isEmpty else { continue }
                // A bare town or number is not an identifier of its own.
                if kind == .addressLine && (words.count < 2 || segmentIsStreetOrTown(segment)) { continue }
                let single = words.count == 1 && lexicon.flags(words[0]) & (Lex.known | Lex.ambiguous) != 0
                addPhrase(Phrase(words: words, person: i, kind: kind, lexicalSingle: single, needsPossessive: false))
            }
        default:
            break
        }
    }

    private func segmentIsStreetOrTown(_ s: String) -> Bool {
        let w = TextWork(path: "", text: s, lexicon: lexicon)
        if !Streets.find(in: w, lexicon: lexicon).isEmpty { return true }
        return (0..<w.count).allSatisfy { w.tokens[$0].lex & Lex.place != 0 || w.tokens[$0].isNumber }
            || !Patterns.findAll(in: TextWork(path: "", text: s, lexicon: lexicon), lexicon: lexicon).isEmpty
    }

    func own(_ key: OwnerKey, _ person: Int32) {
        // In place: one lookup, and no copy of the owner list.
        if let i = owners.index(forKey: key) {
            if !owners.values[i].contains(person) { owners.values[i].append(person) }
        } else {
            owners[key] = [person]
        }
    }

    // MARK: - Ownership

    enum Ownership { case kept, person(Int32), nobody }

    /// Whose value this is. A kept owner wins: the value is already known to the recipient.
    func owner(of keys: [OwnerKey]) -> Ownership {
        var protected: Int32?
        for key in keys {
            guard let list = owners[key] else { continue }
            for p in list {
                if persons[Int(p)].kept { return .kept }
                if protected == nil { protected = p }
            }
            if protected != nil { break }
        }
        if let p = protected { return .person(p) }
        return .nobody
    }

    func withheldValue(_ category: IdentifierCategory, _ key: OwnerKey?, text: String) -> Int32 {
        let k = key ?? OwnerKey(kind: .handle, value: "\(category.rawValue):" + text.lowercased())
        if let i = withheldIndex[k] { return i }
        let i = Int32(withheld.count)
        withheld.append(WithheldValue(category: category, key: k, text: text))
        withheldIndex[k] = i
        return i
    }

    // MARK: - People found in the text

    /// Registers a person the text mentions who is not listed (or extends one already found):
    /// compatible given name and surname mean the same person.
    func unlisted(given: [NameWord], surname: [NameWord], gender: Gender, mention: String) -> Int32 {
        let g = given.first?.hash
        let s = surname.last?.hash
        for (i, p) in persons.enumerated().reversed() where p.unlisted {
            let pw = words[i]
            let gMatch = g.map { pw.given.contains($0) } ?? false
            let sMatch = s.map { pw.surname.contains($0) } ?? false
            let gConflict = g != nil && !pw.given.isEmpty && !gMatch
            let sConflict = s != nil && !pw.surname.isEmpty && !sMatch
            let genderConflict = gender != .unknown && p.gender != .unknown && gender != p.gender
            if (gMatch || sMatch) && !gConflict && !sConflict && !genderConflict {
                var name = ParsedName()
                name.given = gMatch ? [] : given
                name.surname = sMatch ? [] : surname
                addName(name, person: Int32(i), primary: false)
                if persons[i].gender == .unknown { persons[i].gender = gender }
                if !words[i].mentions.contains(mention) { words[i].mentions.append(mention) }
                return Int32(i)
            }
        }
        var model = PersonModel(listedIndex: nil, kept: false, role: nil)
        model.gender = gender
        persons.append(model)
        words.append(PersonWords(mentions: [mention]))
        let i = Int32(persons.count - 1)
        var name = ParsedName()
        name.given = given
        name.surname = surname
        if surname.count > 1 {
            let joined = surname.flatMap(\.word)
            name.surnameJoined = NameWord(hash: FNV.hash(joined), word: joined, lexical: false)
        }
        addName(name, person: i, primary: false)
        return i
    }

    private var ordinaryCache: [UInt64: Bool] = [:]

    /// `Lexicon.isOrdinary` for token `k`, remembered per word (the slow path of capitalised words).
    func isOrdinary(_ w: TextWork, _ k: Int) -> Bool {
        let h = w.tokens[k].hash
        if let v = ordinaryCache[h] { return v }
        let v = lexicon.isOrdinary(w.normalized(k))
        ordinaryCache[h] = v
        return v
    }

    func mention(_ p: Int32) {
        mentionCounter += 1
        persons[Int(p)].lastMention = mentionCounter
    }

    func resetMentions() {
        mentionCounter = 0
        for i in persons.indices { persons[i].lastMention = 0 }
    }
}
