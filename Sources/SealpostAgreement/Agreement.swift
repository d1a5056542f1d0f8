import SealpostCore
import SealpostJSON
import SealpostRecord

/// The partnership's data-sharing agreement: who the parties are, what they do, and what may be
/// shared with whom for which purpose (spec/agreement.md).
public struct Agreement: Sendable, Equatable {
    public static let format = "sealpost-agreement/v1"

    public var id: String
    /// Rises with each new edition; a client never replaces an agreement with a lower version.
    public var version: Int64
    public var title: String
    public var validFrom: CalendarDate
    public var validUntil: CalendarDate
    /// Where the partnership's relay listens, in order of preference: none, one (the member
    /// `relay`, such as https://relay.example.org:8443) or two to eight instances (the member
    /// `relays`; see `AgreementRelays`).
    public var relays: [String]
    public var parties: [AgreementParty]
    public var purposes: [AgreementPurpose]
    /// The working-day deadlines for acknowledgements and outcomes, when the agreement states them.
    public var responseDeadlines: ResponseDeadlines?

    /// The deadlines in force: the agreement's, else the standard ones.
    public var deadlines: ResponseDeadlines { responseDeadlines ?? .standard }

    public init(id: String, version: Int64, title: String, validFrom: CalendarDate, validUntil: CalendarDate,
                relay: String? = nil, relays: [String] = [], parties: [AgreementParty] = [],
                purposes: [AgreementPurpose] = [], responseDeadlines: ResponseDeadlines? = nil) throws(AgreementError) {
        guard relay == nil || relays.isEmpty else {
            throw AgreementError("an agreement names its relay with relay or its relays with relays, not both",
                                 hint: "list every relay URL in relays")
        }
        (self.id, self.version, self.title, self.validFrom) = (id, version, title, validFrom)
        (self.validUntil, self.relays, self.parties, self.purposes) = (validUntil, relay.map { [$0] } ?? relays, parties, purposes)
        self.responseDeadlines = responseDeadlines
        do { try check(at: .root) } catch { throw AgreementError(error) }
    }

    /// The preferred relay: the first of `relays`. Setting it makes it the only one.
    public var relay: String? {
        get { relays.first }
        set { relays = newValue.map { [$0] } ?? [] }
    }

    public func party(_ agencyID: String) -> AgreementParty? { parties.first { $0.agencyID == agencyID } }
    public func purpose(_ id: String) -> AgreementPurpose? { purposes.first { $0.id == id } }

    /// The parties whose signatures the agreement needs: every active party.
    public var requiredSigners: [AgreementParty] { parties.filter { $0.status == .active } }

    /// The fields `recipient` may receive for `purpose`, or the reason it may receive nothing.
    public func allowedFields(purpose purposeID: String, recipient agencyID: String) -> Result<[FieldPath], AgreementError> {
        guard let purpose = purpose(purposeID) else {
            return .failure(AgreementError("the agreement has no purpose \"\(Printable.escape(purposeID))\"",
                                           hint: "its purposes are \(purposes.map(\.id).joined(separator: ", "))"))
        }
        guard let party = party(agencyID) else {
            return .failure(AgreementError("\(Printable.escape(agencyID)) is not a party to agreement \(id)",
                                           hint: "share only with parties to the agreement; see sealpost agreement show"))
        }
        guard party.status == .active else {
            return .failure(AgreementError("\(party.agencyID) is revoked in agreement \(id) version \(version)"))
        }
        guard let fields = purpose.fields(for: party.role) else {
            return .failure(AgreementError("\(party.agencyID) (\(party.role.rawValue)) has no role in purpose \(purpose.id) (\(purpose.name))",
                                           hint: "roles that may receive it: \(purpose.recipients.map(\.role.rawValue).joined(separator: ", "))"))
        }
        return .success(fields)
    }

    /// Checks the rules a document must meet whatever its signatures (unique parties and purposes,
    /// each purpose's own rules, dates in order, a sensible id, text that displays as it reads).
    func check(at path: JSONPath) throws(JSONShapeError) {
        guard AgreementPurpose.isValidID(id) else {
            throw JSONShapeError(at: path.appending("id"), "must be 1-64 of a-z 0-9 - _ .", fix: "for example kingsbridge-dsa")
        }
        guard version >= 1 else { throw JSONShapeError(at: path.appending("version"), "must be 1 or more") }
        guard Printable.isDisplayable(title) else { throw JSONShapeError(at: path.appending("title"), Printable.displayableRule) }
        try AgreementRelays.check(relays, at: path)
        guard validFrom <= validUntil else {
            throw JSONShapeError(at: path.appending("valid_until"), "is before valid_from")
        }
        var agencies = Set<String>()
        var keys = Set<String>()
        for (i, party) in parties.enumerated() {
            guard agencies.insert(party.agencyID).inserted else {
                throw JSONShapeError(at: path.appending("parties").appending(i), "lists agency \(party.agencyID) twice")
            }
            guard keys.insert(party.card.signingKey).inserted else {
                throw JSONShapeError(at: path.appending("parties").appending(i), "uses a signing key another party already uses")
            }
        }
        var purposeIDs = Set<String>()
        for (i, purpose) in purposes.enumerated() {
            try purpose.check(at: path.appending("purposes").appending(i))
            guard purposeIDs.insert(purpose.id).inserted else {
                throw JSONShapeError(at: path.appending("purposes").appending(i), "repeats purpose id \(purpose.id)")
            }
        }
    }

    /// Whether `date` lies within the agreement's validity, both ends included.
    public func isValid(on date: CalendarDate) -> Bool { validFrom <= date && date <= validUntil }

    init(_ value: JSONValue, at path: JSONPath) throws(JSONShapeError) {
        let r = try JSONObjectReader(value, at: path)
        try r.only(["format", "id", "version", "title", "valid_from", "valid_until", "relay", "relays", "parties", "purposes", "response_deadlines"])
        guard try r.string("format") == Agreement.format else {
            throw JSONShapeError(at: path.appending("format"), "is not \(Agreement.format)", fix: "this program reads \(Agreement.format) documents")
        }
        var parties: [AgreementParty] = []
        for (i, element) in try r.array("parties").enumerated() {
            parties.append(try AgreementParty(element, at: path.appending("parties").appending(i)))
        }
        var purposes: [AgreementPurpose] = []
        for (i, element) in try r.array("purposes").enumerated() {
            purposes.append(try AgreementPurpose(element, at: path.appending("purposes").appending(i)))
        }
        id = try r.string("id")
        version = try r.integer("version")
        title = try r.string("title")
        validFrom = try Agreement.date(r, "valid_from")
        validUntil = try Agreement.date(r, "valid_until")
        relays = try AgreementRelays.read(r)
        self.parties = parties
        self.purposes = purposes
        if let member = r.optionalValue("response_deadlines"), !member.isNull {
            responseDeadlines = try ResponseDeadlines(member, at: path.appending("response_deadlines"))
        } else {
            responseDeadlines = nil
        }
        try check(at: path)
    }

    /// A `YYYY-MM-DD` member.
    static func date(_ r: JSONObjectReader, _ key: String) throws(JSONShapeError) -> CalendarDate {
        guard let date = CalendarDate(iso: try r.string(key)) else {
            throw r.invalid(key, "is not a date", fix: "write it as YYYY-MM-DD")
        }
        return date
    }

    var json: JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "format", value: .string(Agreement.format)),
            .init(key: "id", value: .string(id)),
            .init(key: "version", value: .number(JSONNumber(version))),
            .init(key: "title", value: .string(title)),
            .init(key: "valid_from", value: .string(validFrom.description)),
            .init(key: "valid_until", value: .string(validUntil.description)),
        ]
        members += AgreementRelays.members(relays)
        members.append(.init(key: "parties", value: .array(parties.map(\.json))))
        members.append(.init(key: "purposes", value: .array(purposes.map(\.json))))
        if let responseDeadlines { members.append(.init(key: "response_deadlines", value: responseDeadlines.json)) }
        return .object(JSONObject(members))
    }

    /// The bytes every party signs: the document as compact JSON with members sorted by the
    /// UTF-8 bytes of their keys (spec/agreement.md §"Canonical bytes").
    public var canonicalBytes: [UInt8] { JSONWriter(options: [.sortedKeys]).bytes(json) }
}
