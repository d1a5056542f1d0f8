/// One identifier replaced by a token. Ranges are UTF-8 byte offsets. `originalRange` points
/// into the sender's text and is for the sender's preview only: it is not part of what is sent.
public struct Replacement: Sendable, Hashable, Codable {
    public var token: String
    public var category: IdentifierCategory
    public var originalRange: Range<Int>
    public var range: Range<Int>
}

/// A text field after redaction.
public struct RedactedText: Sendable, Hashable, Codable {
    public var path: String
    public var text: String
    /// In order of position.
    public var replacements: [Replacement]
}

/// A person after redaction: protected people have every identifier value replaced by their token.
public struct RedactedPerson: Sendable, Hashable, Codable {
    public var id: String
    public var category: PersonCategory
    public var role: PartyRole?
    public var isProtected: Bool
    /// The pseudonym, for protected people.
    public var token: String?
    public var identifiers: PersonIdentifiers
}

/// A possible identity the redactor left in place because it is not sure. Sending is blocked
/// until a practitioner redacts or keeps each one (see `PractitionerDecision`). It carries a
/// position and a reason, never the text itself.
public struct UncertainFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// A capitalised word that is not a known word and may be a name.
        case possibleName = "possible_name"
        /// A name part that belongs to a kept and a protected person, with nothing saying whose it is.
        case sharedName = "shared_name"
        /// A protected person's name that is also an ordinary word, where the context does not decide.
        case ambiguousName = "ambiguous_name"
        /// A place of work that belongs to nobody in the record.
        case possibleWorkplace = "possible_workplace"
        /// A street or house number, mentioned as where someone lives, that belongs to nobody in the record.
        case possibleAddress = "possible_address"
        /// A ten-digit number near "NHS" that fails the NHS number check.
        case possibleNHSNumber = "possible_nhs_number"
        /// A word no vocabulary, name list or detector accounts for, where a name or place could stand.
        case unaccountedWord = "unaccounted_word"

        public var explanation: String {
            switch self {
            case .possibleName: "a capitalised word that may be a person's name"
            case .sharedName: "a name shared by a kept and a protected person; the context does not say whose"
            case .ambiguousName: "a protected person's name that is also an ordinary word"
            case .possibleWorkplace: "a place of work that belongs to nobody in the record"
            case .possibleAddress: "a street or house number, given as where someone lives, that belongs to nobody in the record"
            case .possibleNHSNumber: "a number near \"NHS\" that fails the NHS number check"
            case .unaccountedWord: "a word that is no ordinary word and no name the record knows"
            }
        }
    }

    /// Stable for a given input: `<path>@<start>-<end>` over the original text.
    public var id: String
    public var path: String
    public var category: IdentifierCategory
    public var reason: Reason
    /// UTF-8 byte offsets into the redacted text.
    public var range: Range<Int>
    /// UTF-8 byte offsets into the original text (what a `PractitionerDecision` refers to).
    public var originalRange: Range<Int>

    public var description: String {
        "\(path) bytes \(range.lowerBound)..<\(range.upperBound) (\(category.rawValue)): \(reason.explanation)"
    }
}

/// What may leave the sender: the redacted texts and people, the summary for the preview, and the
/// findings a practitioner must resolve first. The token-to-identity mapping is not here; it is
/// the separate `PseudonymMap` in `Redaction`.
public struct RedactedRecord: Sendable, Hashable, Codable {
    public var texts: [RedactedText]
    public var people: [RedactedPerson]
    public var summary: RedactionSummary
    public var uncertain: [UncertainFinding]

    /// True when nothing is left for a practitioner to decide.
    public var isClearToSend: Bool { uncertain.isEmpty }

    public func text(at path: String) -> RedactedText? { texts.first { $0.path == path } }
    public func person(id: String) -> RedactedPerson? { people.first { $0.id == id } }
}

/// The result of redacting one record: what may be sent, and, kept apart, the mapping from
/// tokens to identities, which stays with the sender and must be encrypted at rest.
public struct Redaction: Sendable, CustomStringConvertible, CustomReflectable {
    public let record: RedactedRecord
    public let pseudonyms: PseudonymMap

    public var description: String { record.summary.description }
    public var customMirror: Mirror { Mirror(self, children: ["record": record], displayStyle: .struct) }
}

extension Range where Bound == Int {
    /// These UTF-8 byte offsets as a range of `text`'s indices, for a preview that highlights
    /// them; nil when they do not fall on character boundaries of `text`.
    public func indices(in text: String) -> Range<String.Index>? {
        let utf8 = text.utf8
        guard lowerBound >= 0, upperBound <= utf8.count, lowerBound <= upperBound else { return nil }
        let a = utf8.index(utf8.startIndex, offsetBy: lowerBound)
        let b = utf8.index(utf8.startIndex, offsetBy: upperBound)
        guard let lo = a.samePosition(in: text), let hi = b.samePosition(in: text) else { return nil }
        return lo..<hi
    }
}

extension Range where Bound == Int {
    /// These UTF-8 byte offsets of `text` as offsets in Unicode scalars, the unit a reader
    /// outside Swift counts in (`sealpost redact --jsonl` findings). A bound inside a scalar's
    /// bytes counts that scalar as begun. Bounds are clamped to the text.
    public func scalarOffsets(in text: String) -> Range<Int> {
        var lower = 0, upper = 0
        var i = 0
        for b in text.utf8 {
            if i >= upperBound { break }
            if b & 0xC0 != 0x80 {
                if i < lowerBound { lower += 1 }
                upper += 1
            }
            i += 1
        }
        return lower..<upper
    }
}
