import SealpostRecord

/// Under which agreement, for what purpose and about which record a sharing decision was taken:
/// the members that `refused`, `redaction_cleared`, `share_decided`, `sent` and a `declined` on the
/// practitioner's own judgement begin with.
///
///     "purpose", "agreement" (id@version), "record_id"?, "urgency"?, "lawful_basis"?, "consent"?, "family_told"?
public struct ShareBasis: FactsGroup {
    public var purpose: String
    public var agreement: String
    public var recordID: String?
    public var urgency: String?
    public var lawfulBasis: LawfulBasisFacts?
    /// The record's consent status code (`given`, `refused`, ...).
    public var consent: String?
    /// Whether the family was told (`told`, `will_be_told`, `not_told`), when the record says;
    /// who tells them and why not are in details.
    public var familyTold: String?

    public init(purpose: String, agreement: String, recordID: String? = nil, urgency: String? = nil,
                lawfulBasis: LawfulBasisFacts? = nil, consent: String? = nil, familyTold: String? = nil) {
        (self.familyTold, self.purpose, self.agreement, self.recordID) = (familyTold, purpose, agreement, recordID)
        (self.urgency, self.lawfulBasis, self.consent) = (urgency, lawfulBasis, consent)
    }

    /// The basis of sharing `record` for `purpose` under `agreement`.
    public init(_ record: SafeguardingRecord, purpose: String, agreement: String) {
        self.init(purpose: purpose, agreement: agreement, recordID: record.id, urgency: record.concern?.urgency.rawValue,
                  lawfulBasis: record.lawfulBasis.map(LawfulBasisFacts.init), consent: record.consent?.status.rawValue,
                  familyTold: record.consent?.family?.status.rawValue)
    }

    public init(_ f: FactsReader) {
        purpose = f.string("purpose") ?? ""
        agreement = f.string("agreement") ?? ""
        recordID = f.string("record_id")
        urgency = f.string("urgency")
        lawfulBasis = f.group("lawful_basis")
        consent = f.string("consent")
        familyTold = f.string("family_told")
    }

    public func write(to f: inout FactsWriter) {
        f.put("purpose", purpose)
        f.put("agreement", agreement)
        f.put("record_id", recordID)
        f.put("urgency", urgency)
        f.put("lawful_basis", lawfulBasis)
        f.put("consent", consent)
        f.put("family_told", familyTold)
    }
}

/// `{"article_6": code, "article_9"?: code}`: the UK GDPR conditions the record gives.
public struct LawfulBasisFacts: FactsGroup {
    public var article6: String
    public var article9: String?

    public init(article6: String, article9: String? = nil) {
        self.article6 = article6
        self.article9 = article9
    }

    public init(_ basis: SafeguardingRecord.LawfulBasis) {
        self.init(article6: basis.article6.rawValue, article9: basis.article9?.rawValue)
    }

    public init(_ f: FactsReader) {
        article6 = f.string("article_6") ?? ""
        article9 = f.string("article_9")
    }

    public func write(to f: inout FactsWriter) {
        f.put("article_6", article6)
        f.put("article_9", article9)
    }

    /// `article_6 public_task, article_9 ...` as a report shows it.
    public var description: String {
        (["article_6 \(article6)"] + (article9.map { ["article_9 \($0)"] } ?? [])).joined(separator: ", ")
    }
}

/// The envelope a receipt is about: `"message_id"`, `"envelope_id"`, `"content_hash"` (hex) and,
/// where the kind has it, `"content_length"`.
public struct EnvelopeFacts: FactsGroup {
    public var messageID: String
    public var envelopeID: String
    public var contentHash: String
    public var contentLength: Int64?

    public init(messageID: String, envelopeID: String, contentHash: String, contentLength: Int64?) {
        (self.messageID, self.envelopeID, self.contentHash) = (messageID, envelopeID, contentHash)
        self.contentLength = contentLength
    }

    public init(_ f: FactsReader) {
        messageID = f.string("message_id") ?? ""
        envelopeID = f.string("envelope_id") ?? ""
        contentHash = f.string("content_hash") ?? ""
        contentLength = f.int("content_length")
    }

    public func write(to f: inout FactsWriter) {
        f.put("message_id", messageID)
        f.put("envelope_id", envelopeID)
        f.put("content_hash", contentHash)
        f.put("content_length", contentLength)
    }
}

/// What a recipient was given: `"shared"` (field paths) and `"withheld"` (`{path, reason}`).
public struct FieldFacts: FactsGroup {
    public struct Withheld: FactsGroup {
        public var path: String
        /// `not_allowed_for_purpose_or_role` or `third_party_protection`.
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        public init(_ f: FactsReader) {
            path = f.string("path") ?? ""
            reason = f.string("reason") ?? ""
        }

        public func write(to f: inout FactsWriter) {
            f.put("path", path)
            f.put("reason", reason)
        }
    }

    public var shared: [String]
    public var withheld: [Withheld]

    public init(shared: [String], withheld: [Withheld]) {
        self.shared = shared
        self.withheld = withheld
    }

    public init(_ f: FactsReader) {
        shared = f.strings("shared") ?? []
        withheld = f.groups("withheld") ?? []
    }

    public func write(to f: inout FactsWriter) {
        f.put("shared", shared)
        f.put("withheld", withheld)
    }
}

/// One recipient of a `share_decided`: `{"agency", "shared", "withheld"}`.
public struct RecipientShare: FactsGroup {
    public var agency: String
    public var fields: FieldFacts

    public init(agency: String, fields: FieldFacts) {
        self.agency = agency
        self.fields = fields
    }

    public init(_ f: FactsReader) {
        agency = f.string("agency") ?? ""
        fields = FieldFacts(f)
    }

    public func write(to f: inout FactsWriter) {
        f.put("agency", agency)
        f.put(fields)
    }
}

/// What redaction replaced: `{"counts": {category: n}, "tokens": [{token, label, occurrences}]}`.
/// Counts and tokens only: never the text replaced.
public struct RedactionFacts: FactsGroup {
    public struct Token: FactsGroup {
        public var token: String
        public var label: String
        public var occurrences: Int64

        public init(token: String, label: String, occurrences: Int64) {
            (self.token, self.label, self.occurrences) = (token, label, occurrences)
        }

        public init(_ f: FactsReader) {
            token = f.string("token") ?? ""
            label = f.string("label") ?? ""
            occurrences = f.int("occurrences") ?? 0
        }

        public func write(to f: inout FactsWriter) {
            f.put("token", token)
            f.put("label", label)
            f.put("occurrences", occurrences)
        }
    }

    /// Replacements by identifier category; categories with none are left out.
    public var counts: [String: Int64]
    public var tokens: [Token]

    public init(counts: [String: Int64], tokens: [Token]) {
        self.counts = counts.filter { $0.value > 0 }
        self.tokens = tokens
    }

    public init(_ f: FactsReader) {
        var counts: [String: Int64] = [:]
        for member in f.value("counts")?.objectValue?.members ?? [] {
            if let n = member.value.numberValue?.int64Value { counts[member.key] = n }
        }
        self.counts = counts
        tokens = f.groups("tokens") ?? []
    }

    public func write(to f: inout FactsWriter) {
        var object = JSONObject()
        for (category, n) in counts.sorted(by: { $0.key < $1.key }) { object[category] = .number(JSONNumber(n)) }
        f.put("counts", .object(object))
        f.put("tokens", tokens)
    }
}

/// A practitioner's decision on an uncertain finding: `{"finding", "action", "category"}`, the
/// finding named by `<path>@<start>-<end>`, never by its text.
public struct DecisionFacts: FactsGroup {
    public var finding: String
    /// `redact` or `keep`.
    public var action: String
    public var category: String

    public init(finding: String, action: String, category: String) {
        (self.finding, self.action, self.category) = (finding, action, category)
    }

    public init(_ f: FactsReader) {
        finding = f.string("finding") ?? ""
        action = f.string("action") ?? ""
        category = f.string("category") ?? ""
    }

    public func write(to f: inout FactsWriter) {
        f.put("finding", finding)
        f.put("action", action)
        f.put("category", category)
    }
}

/// The relay's signed deposit receipt as a `sent` or `request_sent` restates it:
/// `{"relay", "mailboxes", "deposited_at", "expires_at", "signature"}` (times in Unix seconds).
public struct DepositFacts: FactsGroup {
    public var relay: String
    public var mailboxes: [String]
    public var depositedAt: Int64
    public var expiresAt: Int64
    public var signature: String

    public init(relay: String, mailboxes: [String], depositedAt: Int64, expiresAt: Int64, signature: String) {
        (self.relay, self.mailboxes, self.depositedAt, self.expiresAt) = (relay, mailboxes, depositedAt, expiresAt)
        self.signature = signature
    }

    public init(_ f: FactsReader) {
        relay = f.string("relay") ?? ""
        mailboxes = f.strings("mailboxes") ?? []
        depositedAt = f.int("deposited_at") ?? 0
        expiresAt = f.int("expires_at") ?? 0
        signature = f.string("signature") ?? ""
    }

    public func write(to f: inout FactsWriter) {
        f.put("relay", relay)
        f.put("mailboxes", mailboxes)
        f.put("deposited_at", depositedAt)
        f.put("expires_at", expiresAt)
        f.put("signature", signature)
    }
}
