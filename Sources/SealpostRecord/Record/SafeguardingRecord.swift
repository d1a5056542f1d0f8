import Foundation
import SealpostJSON

/// One disclosure or referral about one child: who the child is, who lives with them, who else is
/// named, what happened, what is feared, and why and on what basis it is shared.
///
/// The JSON form (snake_case, `spec/record.md`, `spec/record.schema.json`) is read with
/// `init(json:mode:)`, which checks everything and reports every issue with its JSON path. Which
/// fields must be present depends on `RecordValidation.Mode`: a send needs them all, redaction
/// needs only the subject and the narrative (plus the household and parties when there are any).
public struct SafeguardingRecord: Sendable, Hashable {
    /// The sender's reference for the record. Required to send.
    public var id: String?
    /// The practitioner making the referral. Required to send; never redacted.
    public var author: Author?
    public var subject: Subject
    /// Absent or null in the JSON means none.
    public var household: [HouseholdMember]
    /// Absent or null in the JSON means none.
    public var parties: [Party]
    /// The account in the sender's words; may span lines.
    public var narrative: String
    /// Required to send (an empty list is allowed).
    public var statements: [Statement]?
    /// Required to send.
    public var concern: Concern?
    /// Why the record is shared, as the data-sharing agreement names the purpose. Required to send.
    public var purpose: String?
    /// Required to send.
    public var lawfulBasis: LawfulBasis?
    /// Required to send.
    public var consent: Consent?

    /// The top-level members, in the order the JSON form writes them.
    public static let fields = ["id", "author", "subject", "household", "parties", "narrative", "statements",
                                "concern", "purpose", "lawful_basis", "consent"]

    public init(id: String? = nil, author: Author? = nil, subject: Subject, household: [HouseholdMember] = [], parties: [Party] = [],
                narrative: String, statements: [Statement]? = nil, concern: Concern? = nil, purpose: String? = nil,
                lawfulBasis: LawfulBasis? = nil, consent: Consent? = nil) {
        (self.id, self.author, self.subject, self.household, self.parties) = (id, author, subject, household, parties)
        (self.narrative, self.statements, self.concern, self.purpose) = (narrative, statements, concern, purpose)
        (self.lawfulBasis, self.consent) = (lawfulBasis, consent)
    }

    /// Parses and validates a record from JSON bytes.
    public init(json bytes: [UInt8], mode: RecordValidation.Mode = .full) throws(RecordValidationError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw RecordValidationError(issues: [RecordIssue(error)])
        }
        try self.init(value, mode: mode)
    }

    /// Parses and validates a record from JSON bytes.
    public init(json data: Data, mode: RecordValidation.Mode = .full) throws(RecordValidationError) {
        try self.init(json: [UInt8](data), mode: mode)
    }

    /// Validates an already parsed record.
    public init(_ value: JSONValue, mode: RecordValidation.Mode = .full) throws(RecordValidationError) {
        let (record, issues) = RecordValidation.decode(value, mode: mode)
        guard let record, issues.isEmpty else { throw RecordValidationError(issues: issues) }
        self = record
    }

    /// Every issue with `value` as a record in `mode`; empty when it is valid.
    public static func issues(in value: JSONValue, mode: RecordValidation.Mode = .full) -> [RecordIssue] {
        RecordValidation.decode(value, mode: mode).issues
    }

    /// Every issue with this record in `mode`. A record read for redaction can be asked what a send still needs.
    public func issues(for mode: RecordValidation.Mode) -> [RecordIssue] {
        SafeguardingRecord.issues(in: jsonValue, mode: mode)
    }

    /// The JSON form, members in `fields` order, fields that are not given left out, NHS and
    /// National Insurance numbers in their grouped forms.
    public var jsonValue: JSONValue {
        var o = JSONObject()
        o["id"] = id.map(JSONValue.string)
        o["author"] = author?.jsonValue
        o["subject"] = subject.jsonValue
        o["household"] = .array(household.map(\.jsonValue))
        o["parties"] = .array(parties.map(\.jsonValue))
        o["narrative"] = .string(narrative)
        o["statements"] = statements.map { .array($0.map(\.jsonValue)) }
        o["concern"] = concern?.jsonValue
        o["purpose"] = purpose.map(JSONValue.string)
        o["lawful_basis"] = lawfulBasis?.jsonValue
        o["consent"] = consent?.jsonValue
        return .object(o)
    }

    /// Where the record carries special category data (UK GDPR Article 9): each NHS number, and
    /// each concern category about health or sex life (`Concern.Category.isSpecialCategory`).
    public var specialCategorySources: [JSONPath] {
        RecordValidation.specialCategorySources(in: jsonValue)
    }
}
