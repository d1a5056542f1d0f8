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
        (self.requester, self.holder, self.purpose, self.urgency) = (requester, holder, purpose, urgency)
        (self.subject, self.reason, self.requestedAt) = (subject, reason, requestedAt)
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
        let requester: String, holder: String, purpose: String, urgency: SafeguardingRecord.Concern.Urgency
        let requestedAt: Int64, subject: Subject, reason: String?
        do throws(JSONShapeError) {
            let r = try JSONObjectReader(value)
            try r.only(["format", "requester", "holder", "purpose", "urgency", "subject", "reason", "requested_at"])
            guard try r.string("format") == Self.format else { throw r.invalid("format", "is not \(Self.format)") }
            requester = try r.agencyID("requester")
            holder = try r.agencyID("holder")
            purpose = try r.string("purpose")
            guard !purpose.isEmpty else { throw r.invalid("purpose", "is empty", fix: "name the agreement's purpose") }
            guard let parsed = SafeguardingRecord.Concern.Urgency(rawValue: try r.string("urgency")) else {
                throw r.invalid("urgency", "is not a known urgency")
            }
            urgency = parsed
            requestedAt = try r.integer("requested_at", in: 0...Int64.max, "Unix seconds")
            subject = try Self.subject(try r.object("subject"))
            reason = try r.optionalFreeText("reason")
        } catch { throw bad(error.description) }
        self.init(requester: requester, holder: holder, purpose: purpose, urgency: urgency, subject: subject, reason: reason, requestedAt: requestedAt)
    }

    /// The child the request is about: a name, and optionally an NHS number and a date of birth.
    private static func subject(_ r: JSONObjectReader) throws(JSONShapeError) -> Subject {
        try r.only(["name", "nhs_number", "dob"])
        let name = try r.string("name")
        var nhs: NHSNumber?
        if let text = try r.optionalString("nhs_number") {
            guard let parsed = NHSNumber(text) else { throw r.invalid("nhs_number", "is not an NHS number") }
            nhs = parsed
        }
        var dob: CalendarDate?
        if let text = try r.optionalString("dob") {
            guard let parsed = CalendarDate(iso: text) else { throw r.invalid("dob", "is not a date", fix: "write it as YYYY-MM-DD") }
            dob = parsed
        }
        do { return try Subject(name: name, nhsNumber: nhs, dob: dob) } catch {
            throw r.invalid("name", "is not a person's name")
        }
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

extension JSONObjectReader {
    /// A member holding a practitioner's free text (`FreeText`).
    func freeText(_ key: String) throws(JSONShapeError) -> String {
        let text = try string(key)
        guard FreeText.isAcceptable(text) else {
            throw invalid(key, "is not text", fix: "1-\(FreeText.maximumBytes) bytes, lines and tabs allowed")
        }
        return text
    }

    /// The same for a member that may be absent.
    func optionalFreeText(_ key: String) throws(JSONShapeError) -> String? {
        object[key] == nil ? nil : try freeText(key)
    }
}
