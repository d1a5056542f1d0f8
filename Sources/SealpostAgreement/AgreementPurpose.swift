import SealpostRecord

/// A purpose for sharing, the lawful bases it rests on, and which roles may receive which fields.
public struct AgreementPurpose: Sendable, Equatable {
    /// One role that may receive records for this purpose, and the fields it may receive.
    public struct Recipient: Sendable, Equatable {
        public var role: SafeguardingRole
        public var fields: [FieldPath]
        public init(role: SafeguardingRole, fields: [FieldPath]) {
            self.role = role
            self.fields = fields.sorted()
        }
    }

    public var id: String
    public var name: String
    /// UK GDPR Article 6 bases under which this purpose may be pursued.
    public var lawfulBases: [SafeguardingRecord.LawfulBasis.Article6]
    public var recipients: [Recipient]

    public init(id: String, name: String, lawfulBases: [SafeguardingRecord.LawfulBasis.Article6], recipients: [Recipient]) {
        self.id = id
        self.name = name
        self.lawfulBases = lawfulBases
        self.recipients = recipients
    }

    /// The fields `role` may receive for this purpose, or nil if the role has no part in it.
    public func fields(for role: SafeguardingRole) -> [FieldPath]? {
        recipients.first { $0.role == role }?.fields
    }

    static func isValidID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        return (1...64).contains(bytes.count) && bytes.allSatisfy {
            (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d || $0 == 0x5f || $0 == 0x2e
        }
    }

    init(_ value: JSONValue, at path: JSONPath) throws(AgreementError) {
        let r = try ObjectReader(value, at: path)
        try r.only(["id", "name", "lawful_bases", "recipients"])
        id = try r.string("id")
        guard Self.isValidID(id) else {
            throw AgreementError(at: path.appending("id"), "must be 1-64 of a-z 0-9 - _ .", fix: "for example s47-enquiry")
        }
        name = try r.string("name")
        var bases: [SafeguardingRecord.LawfulBasis.Article6] = []
        for (i, text) in try r.strings("lawful_bases").enumerated() {
            guard let basis = SafeguardingRecord.LawfulBasis.Article6(rawValue: text) else {
                throw AgreementError(at: path.appending("lawful_bases").appending(i), "is not a UK GDPR Article 6 basis",
                                     fix: "use one of \(SafeguardingRecord.LawfulBasis.Article6.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            bases.append(basis)
        }
        guard !bases.isEmpty else { throw AgreementError(at: path.appending("lawful_bases"), "must name at least one basis") }
        lawfulBases = bases
        var recipients: [Recipient] = []
        for (i, element) in try r.array("recipients").enumerated() {
            let at = path.appending("recipients").appending(i)
            let e = try ObjectReader(element, at: at)
            try e.only(["role", "fields"])
            guard let role = SafeguardingRole(rawValue: try e.string("role")) else {
                throw AgreementError(at: at.appending("role"), "is not a known role", fix: "use one of \(SafeguardingRole.list)")
            }
            guard role != .relayOperator else {
                throw AgreementError(at: at.appending("role"), "the relay operator never receives records")
            }
            guard !recipients.contains(where: { $0.role == role }) else {
                throw AgreementError(at: at.appending("role"), "names a role already listed for this purpose")
            }
            var fields: [FieldPath] = []
            for (j, text) in try e.strings("fields").enumerated() {
                guard let field = FieldPath(text) else {
                    throw AgreementError(at: at.appending("fields").appending(j), "is not a record field path",
                                         fix: "see spec/record.md for the field paths, such as subject.dob or parties[].role")
                }
                fields.append(field)
            }
            recipients.append(Recipient(role: role, fields: fields))
        }
        guard !recipients.isEmpty else { throw AgreementError(at: path.appending("recipients"), "must name at least one role") }
        self.recipients = recipients
    }

    var json: JSONValue {
        .object(JSONObject([
            .init(key: "id", value: .string(id)),
            .init(key: "name", value: .string(name)),
            .init(key: "lawful_bases", value: .array(lawfulBases.map { .string($0.rawValue) })),
            .init(key: "recipients", value: .array(recipients.map { r in
                .object(JSONObject([
                    .init(key: "role", value: .string(r.role.rawValue)),
                    .init(key: "fields", value: .array(r.fields.map { .string($0.rawValue) })),
                ]))
            })),
        ]))
    }
}
