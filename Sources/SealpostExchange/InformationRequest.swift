import Foundation
import SealpostCore
import SealpostLedger
import SealpostRecord

/// The content of a request envelope: one agency asking another for what it holds about a child
/// (spec/exchange.md §Requests). Sealed to the holder alone and signed by the requester.
///
///     {"format": "sealpost-request/v1", "holder": "school-st-annes", "purpose": "child_protection_enquiry_s47",
///      "reason": "<free text, optional>", "requested_at": 1795000000, "requester": "kingsbridge-mash",
///      "subject": {"dob": "2017-03-14", "name": "Jayden Okafor", "nhs_number": "999 000 1006"},
///      "urgency": "urgent"}
///
/// Compact JSON with members sorted. A reader refuses unknown members, duplicate keys, another
/// format, a name that is not a person's name, a malformed NHS number or date, a reason that is
/// not text, and anything over 16 KiB. The child's identifiers and the reason are personal data:
/// they go into the receipt log's details on both sides, never its facts.
public struct InformationRequest: Sendable, Equatable {
    public static let format = "sealpost-request/v1"
    public static let maximumBytes = 16 * 1024

    /// Who the request is about, as the requester knows the child.
    public struct Subject: Sendable, Equatable {
        public var name: String
        public var nhsNumber: NHSNumber?
        public var dob: CalendarDate?

        /// Checks the name reads as a person's name on one line.
        public init(name: String, nhsNumber: NHSNumber? = nil, dob: CalendarDate? = nil) throws(ExchangeError) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard trimmed.utf8.count <= RecordLimits.lineLength, Printable.isDisplayable(trimmed), PersonName(parsing: trimmed) != nil else {
                throw ExchangeError(.record, "the child's name is not a person's name on one line (letters, at most \(RecordLimits.lineLength) bytes)",
                                    hint: "give it as the record would, for example \"Jayden Okafor\" or \"OKAFOR, Jayden\"")
            }
            self.name = trimmed
            self.nhsNumber = nhsNumber
            self.dob = dob
        }

        /// The child as the receipt log's details name them.
        var details: SubjectDetails { SubjectDetails(name: name, nhsNumber: nhsNumber?.description, dob: dob?.description) }

        var json: JSONObject {
            var object: JSONObject = ["name": .string(name)]
            if let nhsNumber { object["nhs_number"] = .string(nhsNumber.description) }
            if let dob { object["dob"] = .string(dob.description) }
            return object
        }
    }

    public var requester: String
    public var holder: String
    public var purpose: String
    public var urgency: SafeguardingRecord.Concern.Urgency
    public var subject: Subject
    /// Why the requester asks: free text, personal data.
    public var reason: String?
    /// Unix seconds.
    public var requestedAt: Int64

    public init(requester: String, holder: String, purpose: String, urgency: SafeguardingRecord.Concern.Urgency, subject: Subject,
                reason: String?, requestedAt: Int64) {
        self.requester = requester
        self.holder = holder
        self.purpose = purpose
        self.urgency = urgency
        self.subject = subject
        self.reason = reason
        self.requestedAt = requestedAt
    }

    public var encoded: [UInt8] {
        var object: JSONObject = [
            "format": .string(Self.format), "requester": .string(requester), "holder": .string(holder),
            "purpose": .string(purpose), "urgency": .string(urgency.rawValue), "subject": .object(subject.json),
            "requested_at": .number(JSONNumber(requestedAt)),
        ]
        if let reason { object["reason"] = .string(reason) }
        return JSONWriter(options: [.sortedKeys]).bytes(.object(object))
    }

    /// What the receipt log's details hold about the request: the child's identifiers and the reason.
    public var details: ReceiptDetails {
        ReceiptDetails(subject: subject.details, reason: reason)
    }

    public init(decoding bytes: [UInt8]) throws(ExchangeError) {
        func bad(_ problem: String) -> ExchangeError {
            ExchangeError(.envelope, "a request is malformed: \(problem)", hint: "the requesting agency's program may be another version; ask it to send the request again")
        }
        guard bytes.count <= Self.maximumBytes else { throw bad("it is longer than \(Self.maximumBytes) bytes") }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw bad(error.description) }
        guard let object = value.objectValue else { throw bad("it is not a JSON object") }
        let known = ["format", "requester", "holder", "purpose", "urgency", "subject", "reason", "requested_at"]
        if let unknown = object.keys.first(where: { !known.contains($0) }) { throw bad("unknown member \(Printable.escape(unknown))") }
        guard object["format"]?.stringValue == Self.format else { throw bad("format is not \(Self.format)") }
        guard let requester = object["requester"]?.stringValue, AgencyID.isValid(requester),
              let holder = object["holder"]?.stringValue, AgencyID.isValid(holder) else { throw bad("requester and holder must be agency ids") }
        guard let purpose = object["purpose"]?.stringValue, !purpose.isEmpty else { throw bad("it names no purpose") }
        guard let urgencyText = object["urgency"]?.stringValue, let urgency = SafeguardingRecord.Concern.Urgency(rawValue: urgencyText) else {
            throw bad("its urgency is missing or unknown")
        }
        guard let requestedAt = object["requested_at"]?.numberValue?.int64Value, requestedAt >= 0 else { throw bad("requested_at is not Unix seconds") }
        guard let given = object["subject"]?.objectValue, let name = given["name"]?.stringValue else { throw bad("it names no child") }
        if let unknown = given.keys.first(where: { !["name", "nhs_number", "dob"].contains($0) }) {
            throw bad("unknown member subject.\(Printable.escape(unknown))")
        }
        var nhs: NHSNumber?
        if let value = given["nhs_number"] {
            guard let text = value.stringValue, let parsed = NHSNumber(text) else { throw bad("subject.nhs_number is not an NHS number") }
            nhs = parsed
        }
        var dob: CalendarDate?
        if let value = given["dob"] {
            guard let text = value.stringValue, let parsed = CalendarDate(iso: text) else { throw bad("subject.dob is not a date") }
            dob = parsed
        }
        let subject: Subject
        do { subject = try Subject(name: name, nhsNumber: nhs, dob: dob) } catch { throw bad("subject.name is not a person's name") }
        var reason: String?
        if let value = object["reason"] {
            guard let text = value.stringValue, FreeText.isAcceptable(text) else { throw bad("reason is not text") }
            reason = text
        }
        self.init(requester: requester, holder: holder, purpose: purpose, urgency: urgency, subject: subject, reason: reason, requestedAt: requestedAt)
    }
}

/// A practitioner's free-text reason: 1-4000 bytes of text, lines and tabs allowed, no other
/// control or formatting characters. It goes into the receipt log's details and sealed content only.
public enum FreeText {
    public static let maximumBytes = 4000

    public static func isAcceptable(_ text: String) -> Bool {
        guard (1...maximumBytes).contains(text.utf8.count), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return false }
        return !text.unicodeScalars.contains { scalar in
            if scalar == "\n" || scalar == "\t" { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    public static let rule = "must be 1-\(maximumBytes) bytes of text (line breaks allowed, no other control characters)"
}
