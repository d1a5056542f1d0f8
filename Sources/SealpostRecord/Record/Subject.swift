import SealpostJSON

extension SafeguardingRecord {
    /// The child the record is about.
    public struct Subject: Sendable, Hashable {
        /// Required. See `PersonName` for the accepted forms.
        public var name: String
        /// Other names the child is known by: nicknames, previous names, spellings used by others.
        public var aka: [String]
        /// As recorded by the sender, free text (`female`, `male`, `non-binary`, ...).
        public var gender: String?
        public var dob: CalendarDate?
        public var address: String?
        public var school: String?
        public var nhsNumber: NHSNumber?

        public init(name: String, aka: [String] = [], gender: String? = nil, dob: CalendarDate? = nil,
                    address: String? = nil, school: String? = nil, nhsNumber: NHSNumber? = nil) {
            (self.name, self.aka, self.gender, self.dob, self.address) = (name, aka, gender, dob, address)
            (self.school, self.nhsNumber) = (school, nhsNumber)
        }

        /// The name split into its parts.
        public var personName: PersonName? { PersonName(parsing: name) }

        static let fields = ["name", "aka", "gender", "dob", "address", "school", "nhs_number"]

        static func decode(_ value: JSONValue, at path: JSONPath, with d: inout RecordDecoder) -> Subject? {
            guard let o = d.object(value, at: path, describing: "the subject (the child)", fields: fields) else { return nil }
            let name = d.text(o, "name", at: path, rule: .name, required: true)
            let aka = d.names(o, "aka", at: path)
            let gender = d.text(o, "gender", at: path, rule: .line)
            let dob = d.text(o, "dob", at: path, rule: .date)
            let address = d.text(o, "address", at: path, rule: .multiline(maxLength: RecordLimits.addressLength))
            let school = d.text(o, "school", at: path, rule: .line)
            let nhs = d.text(o, "nhs_number", at: path, rule: .nhsNumber)
            guard let name, let aka, !d.hasIssue(under: path) else { return nil }
            return Subject(name: name, aka: aka, gender: gender, dob: dob.flatMap(CalendarDate.init(iso:)),
                           address: address, school: school, nhsNumber: nhs.flatMap(NHSNumber.init))
        }

        var jsonValue: JSONValue {
            var o = JSONObject()
            o["name"] = .string(name)
            if !aka.isEmpty { o["aka"] = .array(aka.map(JSONValue.string)) }
            o["gender"] = gender.map(JSONValue.string)
            o["dob"] = dob.map { .string($0.description) }
            o["address"] = address.map(JSONValue.string)
            o["school"] = school.map(JSONValue.string)
            o["nhs_number"] = nhsNumber.map { .string($0.description) }
            return .object(o)
        }
    }
}
