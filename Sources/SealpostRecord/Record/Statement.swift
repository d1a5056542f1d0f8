import SealpostJSON

extension SafeguardingRecord {
    /// One piece of information, marked as the guidance asks: fact or opinion, current or historical.
    public struct Statement: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// Observed or documented: what was seen, heard, said or recorded.
            case fact
            /// A judgement or belief, the sender's or someone else's.
            case opinion
        }

        public enum Time: String, Sendable, Hashable, CaseIterable {
            /// About the child's present circumstances.
            case current
            /// About the past: earlier incidents, previous addresses, closed cases.
            case historical
        }

        /// Required, may span lines.
        public var text: String
        public var kind: Kind
        public var time: Time
        /// Who said, saw or recorded it: a role such as `class teacher`, or the `id` of a household
        /// member or party. Free text, so redaction reads it like the narrative.
        public var source: String?

        public init(text: String, kind: Kind, time: Time, source: String? = nil) {
            (self.text, self.kind, self.time, self.source) = (text, kind, time, source)
        }

        static let fields = ["text", "kind", "time", "source"]

        static func decode(_ value: JSONValue, at path: JSONPath, with d: inout RecordDecoder) -> Statement? {
            guard let o = d.object(value, at: path, describing: "a statement", fields: fields) else { return nil }
            let text = d.text(o, "text", at: path, rule: .multiline(maxLength: RecordLimits.statementLength), required: true)
            let kind = d.choice(o, "kind", at: path, required: true, as: Kind.self)
            let time = d.choice(o, "time", at: path, required: true, as: Time.self)
            let source = d.text(o, "source", at: path, rule: .line)
            guard let text, let kind, let time, !d.hasIssue(under: path) else { return nil }
            return Statement(text: text, kind: kind, time: time, source: source)
        }

        var jsonValue: JSONValue {
            var o = JSONObject()
            o["text"] = .string(text)
            o["kind"] = .string(kind.rawValue)
            o["time"] = .string(time.rawValue)
            o["source"] = source.map(JSONValue.string)
            return .object(o)
        }
    }
}
