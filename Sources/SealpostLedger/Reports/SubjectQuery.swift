/// How a child is recognised in an entry's details: by NHS number (its ten digits, however
/// spaced), by record id, or by name (every word given, in any order and any case).
public struct SubjectQuery: Sendable {
    let words: [String]
    let digits: String
    let raw: String

    public init(_ text: String) {
        raw = text.trimmingWhitespace().lowercased()
        words = Self.words(raw)
        digits = String(text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
    }

    /// False for a query with no letters or digits at all.
    public var isUsable: Bool { !words.isEmpty }

    public func matches(_ entry: LedgerEntry) -> Bool {
        guard let details = entry.details else { return false }
        let subject = details.subject
        if digits.count == 10, let nhs = subject?.nhsNumber, nhs.filter(\.isNumber) == digits { return true }
        if let id = details.recordID ?? entry.facts.recordID, id.lowercased() == raw { return true }
        guard let name = subject?.name?.lowercased() else { return false }
        let nameWords = Set(Self.words(name))
        return words.allSatisfy(nameWords.contains)
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
