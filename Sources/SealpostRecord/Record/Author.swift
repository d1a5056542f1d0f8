extension SafeguardingRecord {
    /// The practitioner making the referral: whom the recipient calls back. Required to send.
    ///
    /// A professional acting in their role, so never redacted: redaction treats the author's name
    /// and contact details in the narrative as the author's, not a third party's. A recipient
    /// receives the author only where the agreement lists the field path `author` (or its members)
    /// for its role and the purpose.
    public struct Author: Sendable, Hashable {
        public var name: String
        /// Such as `Designated safeguarding lead` or `GP`.
        public var jobTitle: String
        /// Such as `St Anne's Primary School`.
        public var organisation: String
        /// At least one of phone and email is given.
        public var phone: String?
        public var email: String?

        public init(name: String, jobTitle: String, organisation: String, phone: String? = nil, email: String? = nil) {
            (self.name, self.jobTitle, self.organisation, self.phone) = (name, jobTitle, organisation, phone)
            self.email = email
        }

        public var personName: PersonName? { PersonName(parsing: name) }

        static let fields = ["name", "job_title", "organisation", "phone", "email"]

        static func decode(_ value: JSONValue, at path: JSONPath, with d: inout RecordDecoder) -> Author? {
            guard let o = d.object(value, at: path, describing: "the author (the practitioner making the referral)", fields: fields) else {
                return nil
            }
            let name = d.text(o, "name", at: path, rule: .name, required: true)
            let jobTitle = d.text(o, "job_title", at: path, rule: .line, required: true)
            let organisation = d.text(o, "organisation", at: path, rule: .line, required: true)
            let phone = d.text(o, "phone", at: path, rule: .phone)
            let email = d.text(o, "email", at: path, rule: .email)
            let phoneGiven = o["phone"].map { !$0.isNull } ?? false
            let emailGiven = o["email"].map { !$0.isNull } ?? false
            if !phoneGiven, !emailGiven {
                d.report(.authorContactMissing, at: path.appending("phone"), "and email are both missing, so the recipient cannot call back",
                         "give the author's work phone number or email address, or both")
            }
            guard let name, let jobTitle, let organisation, !d.hasIssue(under: path) else { return nil }
            return Author(name: name, jobTitle: jobTitle, organisation: organisation, phone: phone, email: email)
        }

        var jsonValue: JSONValue {
            var o = JSONObject()
            o["name"] = .string(name)
            o["job_title"] = .string(jobTitle)
            o["organisation"] = .string(organisation)
            o["phone"] = phone.map(JSONValue.string)
            o["email"] = email.map(JSONValue.string)
            return .object(o)
        }
    }
}
