import SealpostJSON

extension SafeguardingRecord {
    /// How a third party comes into the record.
    public enum PartyRole: String, Sendable, Hashable, CaseIterable {
        /// The person who raised the concern with the sender.
        case referrer
        case neighbour
        /// A relative outside the household.
        case relative
        /// A practitioner: teacher, GP, health visitor, police officer, social worker.
        case professional
        case friend
        case other
    }

    /// A third party: anyone named in the record who is neither the child nor in the household.
    ///
    /// Every field but `id` may be null. `protect` says whether redaction must replace this
    /// person's identifiers: `true` or `null` (the default, redact) or `false` (keep, for example a
    /// professional who is content to be contacted).
    public struct Party: Sendable, Hashable {
        /// Required, unique among household members and parties.
        public var id: String
        public var role: PartyRole?
        /// The relationship to the child or family, such as `next-door neighbour`, `maternal aunt`.
        public var relationship: String?
        public var name: String?
        public var aka: [String]
        public var address: String?
        public var phone: String?
        public var email: String?
        public var dob: CalendarDate?
        public var nhsNumber: NHSNumber?
        public var niNumber: NationalInsuranceNumber?
        public var isReferrer: Bool?
        public var protect: Bool?

        public init(id: String, role: PartyRole? = nil, relationship: String? = nil, name: String? = nil, aka: [String] = [],
                    address: String? = nil, phone: String? = nil, email: String? = nil, dob: CalendarDate? = nil,
                    nhsNumber: NHSNumber? = nil, niNumber: NationalInsuranceNumber? = nil, isReferrer: Bool? = nil, protect: Bool? = nil) {
            (self.id, self.role, self.relationship, self.name, self.aka) = (id, role, relationship, name, aka)
            (self.address, self.phone, self.email, self.dob, self.nhsNumber) = (address, phone, email, dob, nhsNumber)
            (self.niNumber, self.isReferrer, self.protect) = (niNumber, isReferrer, protect)
        }

        /// Whether redaction must replace this person's identifiers: unless `protect` is `false`.
        public var isProtected: Bool { protect != false }

        public var personName: PersonName? { name.flatMap(PersonName.init(parsing:)) }

        static let fields = ["id", "role", "relationship", "name", "aka", "address", "phone", "email", "dob",
                             "nhs_number", "ni_number", "is_referrer", "protect"]

        static func decode(_ value: JSONValue, at path: JSONPath, with d: inout RecordDecoder) -> Party? {
            guard let o = d.object(value, at: path, describing: "a third party", fields: fields) else { return nil }
            let id = d.text(o, "id", at: path, rule: .identifier, required: true)
            let role = d.choice(o, "role", at: path, as: PartyRole.self)
            let relationship = d.text(o, "relationship", at: path, rule: .line)
            let name = d.text(o, "name", at: path, rule: .name)
            let aka = d.names(o, "aka", at: path)
            let address = d.text(o, "address", at: path, rule: .multiline(maxLength: RecordLimits.addressLength))
            let phone = d.text(o, "phone", at: path, rule: .phone)
            let email = d.text(o, "email", at: path, rule: .email)
            let dob = d.text(o, "dob", at: path, rule: .date)
            let nhs = d.text(o, "nhs_number", at: path, rule: .nhsNumber)
            let ni = d.text(o, "ni_number", at: path, rule: .niNumber)
            let isReferrer = d.bool(o, "is_referrer", at: path)
            let protect = d.bool(o, "protect", at: path)
            guard let id, let aka, !d.hasIssue(under: path) else { return nil }
            return Party(id: id, role: role, relationship: relationship, name: name, aka: aka, address: address,
                         phone: phone, email: email, dob: dob.flatMap(CalendarDate.init(iso:)),
                         nhsNumber: nhs.flatMap(NHSNumber.init), niNumber: ni.flatMap(NationalInsuranceNumber.init),
                         isReferrer: isReferrer, protect: protect)
        }

        var jsonValue: JSONValue {
            var o = JSONObject()
            o["id"] = .string(id)
            o["role"] = role.map { .string($0.rawValue) }
            o["relationship"] = relationship.map(JSONValue.string)
            o["name"] = name.map(JSONValue.string)
            if !aka.isEmpty { o["aka"] = .array(aka.map(JSONValue.string)) }
            o["address"] = address.map(JSONValue.string)
            o["phone"] = phone.map(JSONValue.string)
            o["email"] = email.map(JSONValue.string)
            o["dob"] = dob.map { .string($0.description) }
            o["nhs_number"] = nhsNumber.map { .string($0.description) }
            o["ni_number"] = niNumber.map { .string($0.description) }
            o["is_referrer"] = isReferrer.map(JSONValue.bool)
            o["protect"] = protect.map(JSONValue.bool)
            return .object(o)
        }
    }
}
