import SealpostCore
import SealpostRecord
import SealpostSharing
import SealpostSodium

/// A record being written, before it is sent: the record so far (its JSON form, which may be
/// incomplete or hold values still to be corrected, so the practitioner loses nothing they typed),
/// who it is for, and the practitioner's decisions on the redactor's uncertain findings.
///
/// Drafts are kept sealed to the agency's own key (`Drafts`); this type is their plaintext and is
/// never written anywhere unsealed. Its JSON form (`sealpost-draft/v1`):
///
///     {"format": "sealpost-draft/v1", "id": "<32 hex>", "created_at": 1795000000, "updated_at": ...,
///      "created_by": "Ann Smith (Designated Safeguarding Lead)", "updated_by": "...",
///      "record": {... the record so far ...}, "recipients": ["kingsbridge-mash"],
///      "decisions": {"format": "sealpost-decisions/v1", "decisions": [...]},
///      "answering": "<64 hex>", "documents": [{"id": "<32 hex>", "name": "plan.pdf", ...}]}
///
/// `answering` and `documents` came later and are left out when empty, so a draft saved before
/// them opens unchanged (as one that answers nothing and has no documents).
public struct Draft: Sendable, Equatable {
    public static let format = "sealpost-draft/v1"

    /// 32 lower-case hex digits (16 random bytes): the draft's file name, never the record's id.
    public let id: String
    public var createdAt: Int64
    public var updatedAt: Int64
    /// The practitioner who started it and who last changed it, as "Name (Role)".
    public var createdBy: String
    public var updatedBy: String
    /// The record so far: always a JSON object, holding only the record's own members.
    public var record: JSONValue
    /// Recipients' agency ids, chosen from the agreement.
    public var recipients: [String]
    /// The practitioner's answers to uncertain findings, in the form `sealpost send --decisions` reads.
    public var decisions: DecisionFile
    /// The request for information opened here that this draft answers (its envelope id in the
    /// requests inbox), when it was started with "Answer with a record"; its send names the request.
    public var answering: String?
    /// Documents to send with the record, in order; their bytes are sealed apart (DraftDocuments).
    public var documents: [DraftDocument] = []

    public init(id: String = Draft.newID(), createdAt: Int64, createdBy: String, record: JSONValue = .object(JSONObject()),
                recipients: [String] = [], decisions: DecisionFile = DecisionFile()) {
        self.id = id
        self.createdAt = createdAt
        updatedAt = createdAt
        self.createdBy = createdBy
        updatedBy = createdBy
        self.record = record.objectValue == nil ? .object(JSONObject()) : record
        self.recipients = recipients
        self.decisions = decisions
    }

    public static func newID() -> String { Hex.encode(RandomBytes.make(count: 16)) }

    /// Whether `text` has the shape of a draft id (so it can name a file safely).
    public static func isID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The record member `key` (nil when not given or null).
    public subscript(member key: String) -> JSONValue? {
        guard let value = record.objectValue?[key], !value.isNull else { return nil }
        return value
    }

    /// Sets (or, with nil, removes) the record member `key`, keeping the record's member order.
    public mutating func set(_ key: String, _ value: JSONValue?) {
        var o = record.objectValue ?? JSONObject()
        o[key] = value
        var ordered = JSONObject()
        for field in SafeguardingRecord.fields { if let v = o[field] { ordered[field] = v } }
        record = .object(ordered)
    }

    /// Every issue still to fix before the record can be sent (with JSON paths), a date of birth
    /// after today in the UK (at `now`, seconds since 1970) among them; empty when it is ready.
    public func issues(at now: Int64) -> [RecordIssue] {
        SafeguardingRecord.issues(in: record, mode: .full)
            + SafeguardingRecord.futureBirthDates(in: record, today: UKCalendar.today(atUnixTime: now))
    }

    /// The child's name so far, for lists (nil when not yet given).
    public var childName: String? { record["subject"]?["name"]?.stringValue }

    var jsonValue: JSONValue {
        var decisionList: [JSONValue] = []
        for (finding, action) in decisions.actions {
            var d = JSONObject()
            d["finding"] = .string(finding)
            d["action"] = .string(action.rawValue)
            d["reason"] = decisions.reason(for: finding).map(JSONValue.string)
            decisionList.append(.object(d))
        }
        var o = JSONObject()
        o["format"] = .string(Self.format)
        o["id"] = .string(id)
        o["created_at"] = .number(JSONNumber(createdAt))
        o["updated_at"] = .number(JSONNumber(updatedAt))
        o["created_by"] = .string(createdBy)
        o["updated_by"] = .string(updatedBy)
        o["record"] = record
        o["recipients"] = .array(recipients.map(JSONValue.string))
        o["decisions"] = .object(["format": .string(DecisionFile.format), "decisions": .array(decisionList)])
        if let answering { o["answering"] = .string(answering) }
        if !documents.isEmpty { o["documents"] = .array(documents.map(\.jsonValue)) }
        return .object(o)
    }

    init(parsing value: JSONValue, source: String) throws(ExchangeError) {
        func bad(_ what: String) -> ExchangeError {
            ExchangeError(.storage, "the draft \(source) is damaged: \(what)", hint: "delete it and start again, or restore it from a backup")
        }
        guard let o = value.objectValue, o["format"]?.stringValue == Self.format else { throw bad("not a \(Self.format) document") }
        guard let id = o["id"]?.stringValue, Self.isID(id) else { throw bad("no id") }
        guard let created = o["created_at"]?.numberValue?.int64Value, let updated = o["updated_at"]?.numberValue?.int64Value else { throw bad("no times") }
        guard let record = o["record"], record.objectValue != nil else { throw bad("no record") }
        let recipients = (o["recipients"]?.arrayValue ?? []).compactMap(\.stringValue)
        let decisionBytes = JSONWriter().bytes(o["decisions"] ?? .object(["format": .string(DecisionFile.format), "decisions": .array([])]))
        let decisions = try DecisionFile(parsing: decisionBytes, source: source)
        self.init(id: id, createdAt: created, createdBy: o["created_by"]?.stringValue ?? "", record: record, recipients: recipients,
                  decisions: decisions)
        updatedAt = updated
        updatedBy = o["updated_by"]?.stringValue ?? createdBy
        if let answering = o["answering"] {
            guard let id = answering.stringValue, EnvelopeID(hex: id) != nil else { throw bad("the request it answers is not an envelope id") }
            self.answering = id
        }
        for (i, item) in (o["documents"]?.arrayValue ?? []).enumerated() {
            guard let document = DraftDocument(parsing: item) else { throw bad("document \(i + 1) is not described properly") }
            documents.append(document)
        }
    }
}
