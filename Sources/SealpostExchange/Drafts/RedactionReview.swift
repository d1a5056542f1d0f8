import SealpostRecord
import SealpostRedaction
import SealpostSharing

/// What a practitioner reviews before a send: the record's redaction with their decisions so far
/// (applied round by round exactly as `Send.prepare` applies a decisions file), the findings still
/// to decide, and the narrative as it will leave, cut into plain text, replaced identities (with
/// their tokens) and undecided findings, for a page that highlights each.
///
/// Everything here is drawn from the redacted texts, so a protected identity already replaced
/// never appears in it; an undecided finding's words do (the practitioner must see them to decide).
public struct RedactionReview: Sendable {
    public struct Finding: Sendable {
        /// `<field path>@<start>-<end>`, as a decisions file names it.
        public let id: String
        /// The field it is in, such as `narrative` or `statements[2].text`.
        public let path: String
        public let category: String
        public let why: String
        /// The words found and a little of the text either side (from the redacted text).
        public let before: String
        public let words: String
        public let after: String
    }

    public struct Segment: Sendable {
        public enum Kind: Sendable { case text, replaced, undecided }
        public let kind: Kind
        public let text: String
        /// For an undecided finding: its number in `findings` (from 1).
        public let finding: Int?
    }

    /// Undecided findings, in text order: every one must be redacted or kept before a send.
    public let findings: [Finding]
    /// The narrative as it leaves (before minimisation), cut for highlighting.
    public let narrative: [Segment]
    /// Decisions in the file that this record no longer raises (the text changed since).
    public let unmatched: [String]
    public let summary: RedactionSummary

    /// Reviews `record` with the decisions in `file`.
    public static func review(_ record: SafeguardingRecord, decisions file: DecisionFile) throws(ExchangeError) -> RedactionReview {
        var decisions: [PractitionerDecision] = []
        var used = Set<String>()
        var redaction: Redaction
        while true {
            do { redaction = try Redactor().redact(RecordRedaction.input(for: record, decisions: decisions)) } catch {
                throw ExchangeError(.record, "cannot redact the record: \(error)")
            }
            let fresh = redaction.record.uncertain.filter { !used.contains($0.id) && file.action(for: $0) != nil }
            if fresh.isEmpty { break }
            for finding in fresh {
                used.insert(finding.id)
                decisions.append(PractitionerDecision(resolving: finding, action: file.action(for: finding) == .redact ? .redact : .keep))
            }
        }
        let uncertain = redaction.record.uncertain.filter { file.action(for: $0) == nil }
        let texts = redaction.record.texts
        let findings = uncertain.map { f -> Finding in
            let text = texts.first { $0.path == f.path }?.text ?? ""
            let (before, words, after) = excerpt(text, f.range)
            return Finding(id: f.id, path: f.path, category: f.category.rawValue, why: f.reason.explanation,
                           before: before, words: words, after: after)
        }
        var narrative: [Segment] = []
        if let text = texts.first(where: { $0.path == "narrative" }) {
            var marks: [(range: Range<Int>, kind: Segment.Kind, finding: Int?)] = text.replacements.map { ($0.range, .replaced, nil) }
            for (n, f) in uncertain.enumerated() where f.path == "narrative" { marks.append((f.range, .undecided, n + 1)) }
            narrative = segments(text.text, marks: marks.sorted { $0.range.lowerBound < $1.range.lowerBound })
        } else {
            narrative = [Segment(kind: .text, text: record.narrative, finding: nil)]
        }
        return RedactionReview(findings: findings, narrative: narrative,
                               unmatched: file.actions.map(\.finding).filter { !used.contains($0) }, summary: redaction.record.summary)
    }

    /// `text` cut at `marks` (UTF-8 offsets, in order, not overlapping; any that do not fall on
    /// character boundaries, or overlap an earlier one, are left as plain text).
    static func segments(_ text: String, marks: [(range: Range<Int>, kind: Segment.Kind, finding: Int?)]) -> [Segment] {
        var out: [Segment] = []
        var position = text.startIndex
        for mark in marks {
            guard let r = mark.range.indices(in: text), r.lowerBound >= position else { continue }
            if position < r.lowerBound { out.append(Segment(kind: .text, text: String(text[position..<r.lowerBound]), finding: nil)) }
            out.append(Segment(kind: mark.kind, text: String(text[r]), finding: mark.finding))
            position = r.upperBound
        }
        if position < text.endIndex { out.append(Segment(kind: .text, text: String(text[position...]), finding: nil)) }
        return out
    }

    /// Up to 60 characters either side of `range`, cut at spaces where possible.
    static func excerpt(_ text: String, _ range: Range<Int>) -> (String, String, String) {
        guard let r = range.indices(in: text) else { return ("", "", "") }
        var before = String(text[..<r.lowerBound].suffix(60))
        var after = String(text[r.upperBound...].prefix(60))
        if before.count == 60, let space = before.firstIndex(of: " ") { before = "…" + before[before.index(after: space)...] }
        if after.count == 60, let space = after.lastIndex(of: " ") { after = after[..<space] + "…" }
        return (before, String(text[r]), after)
    }
}
