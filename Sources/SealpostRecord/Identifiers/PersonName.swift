/// A person's name as written in a record, split into title, given names and family name.
///
/// Records come from many systems, so the same person may be written in any of these forms, all
/// of which parse to the same parts:
///
/// | written | titles | given names | family name | order |
/// |---|---|---|---|---|
/// | `Jayden Okafor` | | Jayden | Okafor | given first |
/// | `Jayden Emeka Okafor` | | Jayden, Emeka | Okafor | given first |
/// | `OKAFOR, Jayden` / `Okafor, Jayden` | | Jayden | OKAFOR / Okafor | family first |
/// | `OKAFOR Jayden` (police style: family name in capitals, no comma) | | Jayden | OKAFOR | family first |
/// | `Mrs Grace Okafor`, `Okafor, Mrs Grace` | Mrs | Grace | Okafor | |
/// | `Mr Okafor` (a title and one word) | Mr | | Okafor | given first |
/// | `Jayden` (one word, no title) | | Jayden | none | given first |
/// | `Anna van der Berg` | | Anna | van der Berg | given first |
/// | `Jayden "JJ" Okafor`, `Jayden (JJ) Okafor` | | Jayden | Okafor | nickname JJ |
///
/// Rules, in order: text in double quotes (straight or curly) or parentheses is a nickname and is
/// set aside. With a comma, the part before the first comma is the family name and the part after
/// holds any titles and then the given names (more than one comma is not a name). Without a comma,
/// leading titles are taken off; if the first remaining word is in capitals (three or more
/// letters) and some later word is not, the leading capitalised words are the family name;
/// otherwise the last word is the family name together with any particles before it (`van`, `de`,
/// `bin`, ...), provided a given name remains. Titles match without case or a trailing full stop,
/// except the police ranks PC, DC, PS, DS, DI and DCI, which match only in capitals (so `Di` stays
/// a given name). Parts keep the spelling of the original; nothing is case-folded.
public struct PersonName: Sendable, Hashable {
    public enum Order: String, Sendable, Hashable {
        case givenFirst = "given_first"
        case familyFirst = "family_first"
    }

    /// The text as written in the record.
    public let original: String
    /// Honorifics and ranks, such as `Mrs` or `DC`, as written.
    public let titles: [String]
    /// Given names (first, then middle names) as written. May be initials such as `J.`.
    public let givenNames: [String]
    /// The family name as written, with any particles (`van der Berg`), or nil when only given names appear.
    public let familyName: String?
    /// Nicknames written in quotes or parentheses inside the name.
    public let nicknames: [String]
    /// Which part the writer put first.
    public let order: Order

    /// Parses `text`, or returns nil when it holds no name: no letters, only titles, or more than one comma.
    public init?(parsing text: String) {
        original = text
        var nicknames: [String] = []
        let remainder = PersonName.extractNicknames(from: text, into: &nicknames)
        self.nicknames = nicknames

        let commaParts = remainder.split(separator: ",", omittingEmptySubsequences: false)
        guard commaParts.count <= 2 else { return nil }
        if commaParts.count == 2 {
            let familyWords = PersonName.words(commaParts[0])
            var rest = PersonName.words(commaParts[1])
            var titles: [String] = []
            while let first = rest.first, PersonName.isTitle(first) {
                titles.append(first)
                rest.removeFirst()
            }
            guard !familyWords.isEmpty, familyWords.contains(where: PersonName.hasLetter) else { return nil }
            self.titles = titles
            familyName = familyWords.joined(separator: " ")
            givenNames = rest
            order = .familyFirst
            return
        }

        var words = PersonName.words(remainder[...])
        var titles: [String] = []
        while let first = words.first, PersonName.isTitle(first) {
            titles.append(first)
            words.removeFirst()
        }
        guard !words.isEmpty, words.contains(where: PersonName.hasLetter) else { return nil }
        self.titles = titles

        if PersonName.isCapitalised(words[0]), words.dropFirst().contains(where: { !PersonName.isCapitalised($0) && PersonName.hasLowercase($0) }) {
            let familyCount = words.prefix(while: PersonName.isCapitalised).count
            familyName = words[0..<familyCount].joined(separator: " ")
            givenNames = Array(words[familyCount...])
            order = .familyFirst
            return
        }
        order = .givenFirst
        if words.count == 1 {
            if titles.isEmpty {
                givenNames = words
                familyName = nil
            } else {
                givenNames = []
                familyName = words[0]
            }
            return
        }
        var familyStart = words.count - 1
        while familyStart > 1, PersonName.isParticle(words[familyStart - 1]) {
            familyStart -= 1
        }
        givenNames = Array(words[0..<familyStart])
        familyName = words[familyStart...].joined(separator: " ")
    }

    /// The titles joined by spaces, or nil.
    public var title: String? {
        titles.isEmpty ? nil : titles.joined(separator: " ")
    }

    /// The words of the family name (`van`, `der`, `Berg`), for matching each on its own.
    public var familyNameWords: [String] {
        familyName.map { $0.split(separator: " ").map(String.init) } ?? []
    }

    /// Given names then family name, without titles or nicknames: `Jayden Emeka Okafor`.
    public var naturalOrder: String {
        (givenNames + (familyName.map { [$0] } ?? [])).joined(separator: " ")
    }

    // MARK: Word classes

    static let titleWords: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "master", "dr", "doctor", "prof", "professor",
        "rev", "revd", "reverend", "fr", "father", "sister", "sir", "dame", "lady", "lord",
        "sgt", "insp", "det", "cllr",
    ]
    /// Police ranks that are also given names or words in lower or mixed case.
    static let capitalTitles: Set<String> = ["PC", "DC", "PS", "DS", "DI", "DCI"]
    static let particles: Set<String> = [
        "van", "von", "de", "der", "den", "del", "della", "da", "das", "dos", "du", "des", "di",
        "la", "le", "st", "ter", "ten", "bin", "binti", "bint", "ibn", "al", "el", "ap",
    ]

    static func isTitle(_ word: String) -> Bool {
        let bare = word.hasSuffix(".") ? String(word.dropLast()) : word
        return capitalTitles.contains(bare) || titleWords.contains(bare.lowercased())
    }

    static func isParticle(_ word: String) -> Bool {
        let bare = word.hasSuffix(".") ? String(word.dropLast()) : word
        return particles.contains(bare.lowercased())
    }

    static func hasLetter(_ word: String) -> Bool {
        word.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    static func hasLowercase(_ word: String) -> Bool {
        word.unicodeScalars.contains { $0.properties.isLowercase }
    }

    /// Three or more letters, none of them lower case: `OKAFOR`, `O'BRIEN`, `SMITH-JONES`.
    static func isCapitalised(_ word: String) -> Bool {
        let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic }
        return letters.count >= 3 && !letters.contains { $0.properties.isLowercase }
    }

    static func words(_ text: Substring) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    /// Removes `"..."`, `“...”` and `(...)` segments, collecting their text as nicknames.
    static func extractNicknames(from text: String, into nicknames: inout [String]) -> String {
        var out = ""
        var nickname = ""
        var closing: Character? = nil
        for c in text {
            if let close = closing {
                if c == close {
                    let trimmed = words(nickname[...]).joined(separator: " ")
                    if !trimmed.isEmpty { nicknames.append(trimmed) }
                    nickname = ""
                    closing = nil
                    out.append(" ")
                } else {
                    nickname.append(c)
                }
                continue
            }
            switch c {
            case "\"": closing = "\""
            case "\u{201C}": closing = "\u{201D}"
            case "(": closing = ")"
            default: out.append(c)
            }
        }
        if closing != nil {
            // Unbalanced: keep the text as part of the name rather than losing it.
            out.append(" ")
            out += nickname
        }
        return out
    }
}
