import SealpostRecord

/// Under which agreement, for what purpose and about which record a sharing decision was taken:
/// the members that `refused`, `redaction_cleared`, `share_decided`, `sent` and a `declined` on the
/// practitioner's own judgement begin with.
///
///     "purpose", "agreement" (id@version), "record_id"?, "urgency"?, "lawful_basis"?, "consent"?, "family_told"?
public struct ShareBasis: FactsGroup {
    public var purpose = ""
    public var agreement = ""
    public var recordID: String?
    public var urgency: String?
    public var lawfulBasis: LawfulBasisFacts?
    /// The record's consent status code (`given`, `refused`, ...).
    public var consent: String?
    /// Whether the family was told (`told`, `will_be_told`, `not_told`), when the record says;
    /// who tells them and why not are in details.
    public var familyTold: String?

    public static var members: [FactsMember<Self>] {
        [.member("purpose", \.purpose), .member("agreement", \.agreement), .member("record_id", \.recordID),
         .member("urgency", \.urgency), .member("lawful_basis", \.lawfulBasis), .member("consent", \.consent),
         .member("family_told", \.familyTold)]
    }

    public init() {}

    public init(purpose: String, agreement: String, recordID: String? = nil, urgency: String? = nil,
                lawfulBasis: LawfulBasisFacts? = nil, consent: String? = nil, familyTold: String? = nil) {
        (self.purpose, self.agreement, self.recordID, self.urgency) = (purpose, agreement, recordID, urgency)
        (self.lawfulBasis, self.consent, self.familyTold) = (lawfulBasis, consent, familyTold)
    }

    /// The basis of sharing `record` for `purpose` under `agreement`.
    public init(_ record: SafeguardingRecord, purpose: String, agreement: String) {
        self.init(purpose: purpose, agreement: agreement, recordID: record.id, urgency: record.concern?.urgency.rawValue,
                  lawfulBasis: record.lawfulBasis.map(LawfulBasisFacts.init), consent: record.consent?.status.rawValue,
                  familyTold: record.consent?.family?.status.rawValue)
    }
}

/// `{"article_6": code, "article_9"?: code}`: the UK GDPR conditions the record gives.
public struct LawfulBasisFacts: FactsGroup {
    public var article6 = ""
    public var article9: String?

    public static var members: [FactsMember<Self>] { [.member("article_6", \.article6), .member("article_9", \.article9)] }

    public init() {}

    public init(article6: String, article9: String? = nil) {
        (self.article6, self.article9) = (article6, article9)
    }

    public init(_ basis: SafeguardingRecord.LawfulBasis) {
        self.init(article6: basis.article6.rawValue, article9: basis.article9?.rawValue)
    }

    /// `article_6 public_task, article_9 ...` as a report shows it.
    public var description: String {
        (["article_6 \(article6)"] + (article9.map { ["article_9 \($0)"] } ?? [])).joined(separator: ", ")
    }
}

/// The envelope a receipt is about: `"message_id"`, `"envelope_id"`, `"content_hash"` (hex) and,
/// where the kind has it, `"content_length"`.
public struct EnvelopeFacts: FactsGroup {
    public var messageID = ""
    public var envelopeID = ""
    public var contentHash = ""
    public var contentLength: Int64?

    public static var members: [FactsMember<Self>] {
        [.member("message_id", \.messageID), .member("envelope_id", \.envelopeID), .member("content_hash", \.contentHash),
         .member("content_length", \.contentLength)]
    }

    public init() {}

    public init(messageID: String, envelopeID: String, contentHash: String, contentLength: Int64?) {
        (self.messageID, self.envelopeID, self.contentHash, self.contentLength) = (messageID, envelopeID, contentHash, contentLength)
    }
}

/// What a recipient was given: `"shared"` (field paths) and `"withheld"` (`{path, reason}`).
public struct FieldFacts: FactsGroup {
    public struct Withheld: FactsGroup {
        public var path = ""
        /// `not_allowed_for_purpose_or_role` or `third_party_protection`.
        public var reason = ""

        public static var members: [FactsMember<Self>] { [.member("path", \.path), .member("reason", \.reason)] }

        public init() {}
        public init(path: String, reason: String) { (self.path, self.reason) = (path, reason) }
    }

    public var shared: [String] = []
    public var withheld: [Withheld] = []

    public static var members: [FactsMember<Self>] { [.member("shared", \.shared), .member("withheld", \.withheld)] }

    public init() {}
    public init(shared: [String], withheld: [Withheld]) { (self.shared, self.withheld) = (shared, withheld) }
}

/// One recipient of a `share_decided`: `{"agency", "shared", "withheld"}`.
public struct RecipientShare: FactsGroup {
    public var agency = ""
    public var fields = FieldFacts()

    public static var members: [FactsMember<Self>] { [.member("agency", \.agency), .inline(\.fields)] }

    public init() {}
    public init(agency: String, fields: FieldFacts) { (self.agency, self.fields) = (agency, fields) }
}

/// What redaction replaced: `{"counts": {category: n}, "tokens": [{token, label, occurrences}]}`.
/// Counts and tokens only: never the text replaced.
public struct RedactionFacts: FactsGroup {
    public struct Token: FactsGroup {
        public var token = ""
        public var label = ""
        public var occurrences: Int64 = 0

        public static var members: [FactsMember<Self>] {
            [.member("token", \.token), .member("label", \.label), .member("occurrences", \.occurrences)]
        }

        public init() {}

        public init(token: String, label: String, occurrences: Int64) {
            (self.token, self.label, self.occurrences) = (token, label, occurrences)
        }
    }

    /// Replacements by identifier category; categories with none are left out.
    public var counts: [String: Int64] = [:]
    public var tokens: [Token] = []

    public static var members: [FactsMember<Self>] {
        let counts = FactsMember<Self>(read: { f, facts in
            for member in f.value("counts")?.objectValue?.members ?? [] {
                if let n = member.value.numberValue?.int64Value { facts.counts[member.key] = n }
            }
        }, write: { facts, f in
            var object = JSONObject()
            for (category, n) in facts.counts.sorted(by: { $0.key < $1.key }) { object[category] = .number(JSONNumber(n)) }
            f.put("counts", .object(object))
        })
        return [counts, .member("tokens", \.tokens)]
    }

    public init() {}

    public init(counts: [String: Int64], tokens: [Token]) {
        (self.counts, self.tokens) = (counts.filter { $0.value > 0 }, tokens)
    }
}

/// A practitioner's decision on an uncertain finding: `{"finding", "action", "category"}`, the
/// finding named by `<path>@<start>-<end>`, never by its text.
public struct DecisionFacts: FactsGroup {
    public var finding = ""
    /// `redact` or `keep`.
    public var action = ""
    public var category = ""

    public static var members: [FactsMember<Self>] {
        [.member("finding", \.finding), .member("action", \.action), .member("category", \.category)]
    }

    public init() {}

    public init(finding: String, action: String, category: String) {
        (self.finding, self.action, self.category) = (finding, action, category)
    }
}

/// The relay's signed deposit receipt as a `sent` or `request_sent` restates it:
/// `{"relay", "mailboxes", "deposited_at", "expires_at", "signature"}` (times in Unix seconds).
public struct DepositFacts: FactsGroup {
    public var relay = ""
    public var mailboxes: [String] = []
    public var depositedAt: Int64 = 0
    public var expiresAt: Int64 = 0
    public var signature = ""

    public static var members: [FactsMember<Self>] {
        [.member("relay", \.relay), .member("mailboxes", \.mailboxes), .member("deposited_at", \.depositedAt),
         .member("expires_at", \.expiresAt), .member("signature", \.signature)]
    }

    public init() {}

    public init(relay: String, mailboxes: [String], depositedAt: Int64, expiresAt: Int64, signature: String) {
        (self.relay, self.mailboxes, self.depositedAt, self.expiresAt, self.signature) = (relay, mailboxes, depositedAt, expiresAt, signature)
    }
}
