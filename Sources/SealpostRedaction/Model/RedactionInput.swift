/// One free-text field of the record, addressed by its path (`narrative`, `statements[2].text`).
public struct TextField: Sendable, Hashable, Codable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// A practitioner's decision on a span the redactor was unsure of (or on any other span):
/// redact it, or keep it as it is. Ranges are UTF-8 byte offsets into the original text.
/// Decisions are inputs, so running the redactor again with them gives the same output
/// every time; recording them is the caller's job.
public struct PractitionerDecision: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case redact
        case keep
    }

    public var path: String
    public var originalRange: Range<Int>
    public var action: Action
    /// What the span is, when redacting; names are registered as a new protected person,
    /// so that their other mentions are redacted too.
    public var category: IdentifierCategory

    public init(path: String, originalRange: Range<Int>, action: Action, category: IdentifierCategory = .name) {
        (self.path, self.originalRange, self.action, self.category) = (path, originalRange, action, category)
    }

    /// The decision that resolves `finding`.
    public init(resolving finding: UncertainFinding, action: Action) {
        self.init(path: finding.path, originalRange: finding.originalRange, action: action, category: finding.category)
    }
}

/// Everything the redactor needs: the people the record knows about and the texts to scan.
public struct RedactionInput: Sendable, Hashable, Codable {
    public var people: [RedactionPerson]
    public var texts: [TextField]
    public var decisions: [PractitionerDecision]

    public init(people: [RedactionPerson], texts: [TextField], decisions: [PractitionerDecision] = []) {
        (self.people, self.texts, self.decisions) = (people, texts, decisions)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        people = try c.decode([RedactionPerson].self, forKey: .people)
        texts = try c.decode([TextField].self, forKey: .texts)
        decisions = try c.decodeIfPresent([PractitionerDecision].self, forKey: .decisions) ?? []
    }
}
