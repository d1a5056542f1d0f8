import SealpostRecord

/// The child as a log entry's details name them: what a subject access report matches on.
///
///     {"name", "nhs_number"?, "dob"?}
public struct SubjectDetails: Sendable, Equatable {
    public var name: String?
    public var nhsNumber: String?
    public var dob: String?

    public init(name: String?, nhsNumber: String? = nil, dob: String? = nil) {
        (self.name, self.nhsNumber, self.dob) = (name, nhsNumber, dob)
    }

    /// The record's subject as the record gives it.
    public init(_ subject: SafeguardingRecord.Subject) {
        self.init(name: subject.name, nhsNumber: subject.nhsNumber?.description, dob: subject.dob?.description)
    }

    init(_ f: FactsReader) {
        self.init(name: f.string("name"), nhsNumber: f.string("nhs_number"), dob: f.string("dob"))
    }

    var json: JSONObject {
        var f = FactsWriter()
        f.put("name", name)
        f.put("nhs_number", nhsNumber)
        f.put("dob", dob)
        return f.object
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
public struct ReceiptDetails: Sendable, Equatable {
    public struct DecisionReason: Sendable, Equatable {
        public var finding: String
        public var reason: String

        public init(finding: String, reason: String) {
            self.finding = finding
            self.reason = reason
        }
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
    public var decisionReasons: [DecisionReason]
    /// Who was acting for the agency when the entry was appended.
    public var actor: ActorDetails?

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

    public init(json: JSONObject) {
        let f = FactsReader(json)
        self.init(subject: f.value("subject")?.objectValue.map { SubjectDetails(FactsReader($0)) }, recordID: f.string("record_id"),
                  reason: f.string("reason"), consentReason: f.string("consent_reason"), requestReason: f.string("request_reason"),
                  decisionReasons: (f.value("decision_reasons")?.arrayValue ?? []).compactMap { item in
                      guard let finding = item["finding"]?.stringValue, let reason = item["reason"]?.stringValue else { return nil }
                      return DecisionReason(finding: finding, reason: reason)
                  }, nextSteps: f.string("next_steps"), actor: ActorDetails(f.value("actor")))
        familyToldBy = f.string("family_told_by")
        familyNotToldReason = f.string("family_not_told_reason")
    }

    public var json: JSONObject {
        var f = FactsWriter()
        if let subject { f.put("subject", .object(subject.json)) }
        f.put("record_id", recordID)
        f.put("reason", reason)
        f.put("next_steps", nextSteps)
        f.put("consent_reason", consentReason)
        f.put("family_told_by", familyToldBy)
        f.put("family_not_told_reason", familyNotToldReason)
        f.put("request_reason", requestReason)
        if !decisionReasons.isEmpty {
            f.put("decision_reasons", .array(decisionReasons.map { ["finding": .string($0.finding), "reason": .string($0.reason)] }))
        }
        if let actor { f.put("actor", .object(actor.json)) }
        return f.object
    }
}
