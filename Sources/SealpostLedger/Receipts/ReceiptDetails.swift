import SealpostRecord

/// The child as a log entry's details name them: what a subject access report matches on.
///
///     {"name", "nhs_number"?, "dob"?}
public struct SubjectDetails: FactsGroup {
    public var name: String?
    public var nhsNumber: String?
    public var dob: String?

    public static var members: [FactsMember<Self>] {
        [.member("name", \.name), .member("nhs_number", \.nhsNumber), .member("dob", \.dob)]
    }

    public init() {}

    public init(name: String?, nhsNumber: String? = nil, dob: String? = nil) {
        (self.name, self.nhsNumber, self.dob) = (name, nhsNumber, dob)
    }

    /// The record's subject as the record gives it.
    public init(_ subject: SafeguardingRecord.Subject) {
        self.init(name: subject.name, nhsNumber: subject.nhsNumber?.description, dob: subject.dob?.description)
    }

    var isEmpty: Bool { name == nil && nhsNumber == nil && dob == nil }
}

/// A log entry's erasable details (spec/receipts.md §Details): the child's identifiers and the
/// reasons, which may name people and so are never in the facts. Every member is optional.
///
///     {"subject"?, "record_id"?, "reason"?, "next_steps"?, "consent_reason"?, "family_told_by"?,
///      "family_not_told_reason"?, "request_reason"?,
///      "decision_reasons"?: [{"finding", "reason"}], "actor"?: {"name", "role"?, "id"?}}
///
/// `actor` is stamped on every entry the exchange appends (`ExchangeContext.actor`), not given here.
public struct ReceiptDetails: FactsGroup {
    public struct DecisionReason: FactsGroup {
        public var finding = ""
        public var reason = ""

        public static var members: [FactsMember<Self>] { [.member("finding", \.finding), .member("reason", \.reason)] }

        public init() {}
        public init(finding: String, reason: String) { (self.finding, self.reason) = (finding, reason) }
    }

    public var subject: SubjectDetails?
    public var recordID: String?
    /// The agreement's reason for a refusal, or the practitioner's words (kept, declined).
    public var reason: String?
    /// An outcome's next steps, in the practitioner's words.
    public var nextSteps: String?
    public var consentReason: String?
    /// Who will tell the family, and why the family is not told (an exception code), as the record says.
    public var familyToldBy: String?
    public var familyNotToldReason: String?
    /// The requester's own reason, as the holder keeps it.
    public var requestReason: String?
    public var decisionReasons: [DecisionReason] = []
    /// Who was acting for the agency when the entry was appended.
    public var actor: ActorDetails?

    public static var members: [FactsMember<Self>] {
        // Written only when there are some, as an older version did.
        let decisionReasons = FactsMember<Self>(read: { f, details in details.decisionReasons = f.groups("decision_reasons") ?? [] },
                                                write: { details, f in
                                                    if !details.decisionReasons.isEmpty { f.put("decision_reasons", details.decisionReasons) }
                                                })
        let actor = FactsMember<Self>(read: { f, details in details.actor = ActorDetails(f.value("actor")) },
                                      write: { details, f in f.put("actor", details.actor.map { .object($0.json) }) })
        return [.member("subject", \.subject), .member("record_id", \.recordID), .member("reason", \.reason),
                .member("next_steps", \.nextSteps), .member("consent_reason", \.consentReason),
                .member("family_told_by", \.familyToldBy), .member("family_not_told_reason", \.familyNotToldReason),
                .member("request_reason", \.requestReason), decisionReasons, actor]
    }

    public init() {}

    public init(subject: SubjectDetails? = nil, recordID: String? = nil, reason: String? = nil, consentReason: String? = nil,
                requestReason: String? = nil, decisionReasons: [DecisionReason] = [], nextSteps: String? = nil,
                actor: ActorDetails? = nil) {
        (self.subject, self.nextSteps, self.recordID, self.reason) = (subject, nextSteps, recordID, reason)
        (self.consentReason, self.requestReason, self.decisionReasons) = (consentReason, requestReason, decisionReasons)
        self.actor = actor
    }

    /// The child's name, NHS number and date of birth and the record id, as the record gives them.
    public init(subjectOf record: SafeguardingRecord) {
        self.init(subject: SubjectDetails(record.subject), recordID: record.id)
    }

    /// The same, from a record's JSON as received (whatever of it the sender shared).
    public init(subjectOfJSON content: [UInt8]) {
        self.init()
        guard let value = try? JSONParser.parse(content), let given = value["subject"]?.objectValue else { return }
        let subject = SubjectDetails(FactsReader(given))
        self.subject = subject.isEmpty ? nil : subject
    }

    public init(json: JSONObject) { self.init(FactsReader(json)) }
}
