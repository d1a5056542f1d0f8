/// What part of a name a word is.
enum PartKind: UInt8 {
    case given, middle, surname, aka, diminutive, initials, joined
    /// A given name that begins the person's given name (Beth for Bethany): weaker than a listed short form.
    case prefix
    /// Initials that are also a word ("TO", "AM"): only when written with full stops.
    case dottedInitials

    var isGivenLike: Bool { self == .given || self == .middle || self == .aka || self == .diminutive || self == .prefix }
    var isSurnameLike: Bool { self == .surname || self == .joined }
}

struct NamePart {
    var person: Int32
    var kind: PartKind
    var lexical: Bool
}

struct FuzzyPart {
    var person: Int32
    var kind: PartKind
    var word: Int32
}

/// A multi-word phrase that identifies someone or something: a workplace, a multi-word
/// nickname, a named address line, or a known organisation (person -1, kept).
struct Phrase {
    enum Kind { case workplace, aka, addressLine, handle, organisation }
    var words: [UInt64]
    var person: Int32
    var kind: Kind
    var lexicalSingle: Bool
    var needsPossessive: Bool

    var category: IdentifierCategory? {
        switch kind {
        case .workplace: .workplace
        case .aka: .name
        case .addressLine: .address
        case .handle: .handle
        case .organisation: nil
        }
    }
}

/// A person the redactor knows about: listed in the record, or found in the text. Only plain
/// values, so reading one in the hot loops copies no references; the word lists are in
/// `PersonWords`, kept beside it.
struct PersonModel {
    var listedIndex: Int?
    var kept: Bool
    var role: PartyRole?
    var unlisted: Bool { listedIndex == nil }
    var gender: Gender = .unknown
    /// Bit per letter a-z that starts a given or middle name.
    var initials: UInt32 = 0
    /// Bit per letter a-z that starts a surname part.
    var surnameInitials: UInt32 = 0
    var isSubject = false
    var category: PersonCategory?
    var lastMention = 0

    var label: String {
        if unlisted { return "unlisted" }
        return role?.rawValue ?? "party"
    }
}

/// A person's name words (hashes), titles, and what the text called them.
struct PersonWords {
    var given: [UInt64] = []
    var surname: [UInt64] = []
    /// Titles the record gives the person ("Dr", "PC").
    var titles: [UInt64] = []
    /// What the text called an unlisted person (for the sender's map only).
    var mentions: [String] = []
    /// Hashes of the mentions already recorded, so a repeated mention costs no string.
    var mentionKeys: Set<UInt64> = []
}

/// A value that belongs to nobody kept and is replaced by a withheld-value token.
struct WithheldValue {
    var category: IdentifierCategory
    var key: OwnerKey
    var text: String
}
