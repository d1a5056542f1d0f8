/// Redacts third-party identities from a record's texts and people.
///
/// Policy: anyone mentioned who is neither the subject, a household member, nor a listed party
/// with `protect: false` is protected. Every identifier of a protected person (and every
/// identifier that belongs to no kept person) is replaced by a stable token; kept people's
/// identifiers are left as they are, decided by ownership in the record rather than by pattern.
/// See `spec/redaction.md`.
public struct Redactor: Sendable {
    public init() {}

    /// The largest text accepted (offsets are 32-bit).
    public static let maximumTextBytes = Int(Int32.max) - 1

    public func redact(_ input: RedactionInput) throws -> Redaction {
        try Self.validate(input)
        let lexicon = Lexicon.shared
        let index = RecordIndex(people: input.people, lexicon: lexicon)
        let engine = Engine(index: index, lexicon: lexicon)
        let works = input.texts.map { TextWork(path: $0.path, text: $0.text, lexicon: lexicon) }
        for w in works {
            engine.applyDecisions(input.decisions.filter { $0.path == w.path }, to: w)
            engine.applyPatterns(w)
            engine.applyPhrases(w, organisations: false)
            engine.applyStreets(w)
            engine.applyPhrases(w, organisations: true)
            engine.applyOrganisations(w)
            engine.applyRegnalNames(w)
            engine.applyQuotedNames(w)
        }
        // First find the people the texts mention, so that an early bare "Jodie" is known by the
        // time the words are decided; then decide every mention in order.
        for w in works { engine.scanNames(w, final: false) }
        index.resetMentions()
        for w in works { engine.scanNames(w, final: true) }
        for w in works {
            engine.extendLowercaseSurnames(w)
            engine.applyWorkplaces(w)
            engine.attribute(w)
            engine.findUncertain(w)
        }
        return OutputBuilder(input: input, index: index, works: works).build()
    }

    static func validate(_ input: RedactionInput) throws {
        var ids = Set<String>()
        for (i, p) in input.people.enumerated() {
            guard ids.insert(p.id).inserted else {
                let first = input.people.firstIndex { $0.id == p.id } ?? 0
                throw RedactionError(code: .duplicatePersonID,
                                     message: "people[\(first)] and people[\(i)] have the same id; give every person a unique id")
            }
        }
        var paths = Set<String>()
        for (i, t) in input.texts.enumerated() {
            guard paths.insert(t.path).inserted else {
                throw RedactionError(code: .duplicateTextPath, message: "texts[\(i)] repeats an earlier path; give every text field its own path")
            }
            if t.text.utf8.count > maximumTextBytes {
                throw RedactionError(code: .textTooLarge, message: "texts[\(i)] is larger than 2 GiB; split it into several fields")
            }
        }
        for (i, d) in input.decisions.enumerated() {
            guard let t = input.texts.first(where: { $0.path == d.path }) else {
                throw RedactionError(code: .unknownDecisionPath, message: "decisions[\(i)] names a text path that is not in the input")
            }
            guard d.originalRange.lowerBound >= 0, d.originalRange.upperBound <= t.text.utf8.count, !d.originalRange.isEmpty else {
                throw RedactionError(code: .decisionOutOfRange,
                                     message: "decisions[\(i)] range \(d.originalRange.lowerBound)..<\(d.originalRange.upperBound) is outside its text")
            }
        }
    }
}
