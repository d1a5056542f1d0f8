import SealpostJSON

extension SafeguardingRecord {
    /// A parent, carer, sibling or other person living in the child's household.
    ///
    /// Household members are not third parties: redaction keeps their identifiers where the
    /// purpose needs them. `alleged_perpetrator` marks a member the record alleges has caused harm.
    public struct HouseholdMember: Sendable, Hashable {
        /// Required, unique among household members and parties.
        public var id: String
        /// Required: the relationship to the child, such as `mother`, `mother's partner`, `brother`.
        public var relationship: String
        public var name: String?
        public var aka: [String]
        public var dob: CalendarDate?
        public var address: String?
        public var phone: String?
        public var email: String?
        public var allegedPerpetrator: Bool?

        public init(id: String, relationship: String, name: String? = nil, aka: [String] = [], dob: CalendarDate? = nil,
                    address: String? = nil, phone: String? = nil, email: String? = nil, allegedPerpetrator: Bool? = nil) {
            (self.id, self.relationship, self.name, self.aka, self.dob) = (id, relationship, name, aka, dob)
            (self.address, self.phone, self.email) = (address, phone, email)
            self.allegedPerpetrator = allegedPerpetrator
        }

        public var personName: PersonName? { name.flatMap(PersonName.init(parsing:)) }

        static let fields = ["id", "relationship", "name", "aka", "dob", "address", "phone", "email", "alleged_perpetrator"]

        static func decode(_ value: JSONValue, at path: JSONPath, with d: inout RecordDecoder) -> HouseholdMember? {
            guard let o = d.object(value, at: path, describing: "a household member", fields: fields) else { return nil }
            let id = d.text(o, "id", at: path, rule: .identifier, required: true)
            let relationship = d.text(o, "relationship", at: path, rule: .line, required: true)
            let name = d.text(o, "name", at: path, rule: .name)
            let aka = d.names(o, "aka", at: path)
            let dob = d.text(o, "dob", at: path, rule: .date)
            let address = d.text(o, "address", at: path, rule: .multiline(maxLength: RecordLimits.addressLength))
            let phone = d.text(o, "phone", at: path, rule: .phone)
            let email = d.text(o, "email", at: path, rule: .email)
            let alleged = d.bool(o, "alleged_perpetrator", at: path)
            guard let id, let relationship, let aka, !d.hasIssue(under: path) else { return nil }
            return HouseholdMember(id: id, relationship: relationship, name: name, aka: aka, dob: dob.flatMap(CalendarDate.init(iso:)),
                                   address: address, phone: phone, email: email, allegedPerpetrator: alleged)
        }

        var jsonValue: JSONValue {
            var o = JSONObject()
            o["id"] = .string(id)
            o["relationship"] = .string(relationship)
            o["name"] = name.map(JSONValue.string)
            if !aka.isEmpty { o["aka"] = .array(aka.map(JSONValue.string)) }
            o["dob"] = dob.map { .string($0.description) }
            o["address"] = address.map(JSONValue.string)
            o["phone"] = phone.map(JSONValue.string)
            o["email"] = email.map(JSONValue.string)
            o["alleged_perpetrator"] = allegedPerpetrator.map(JSONValue.bool)
            return .object(o)
        }
    }
}
