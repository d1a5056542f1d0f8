import SealpostCore
import SealpostJSON
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
        (self.id, self.name, self.lawfulBases, self.recipients) = (id, name, lawfulBases, recipients)
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

    /// Checks the rules a purpose must meet however it was made (parsed, or built by a command):
    /// a valid id, a displayable name, at least one basis (none twice) and one recipient, no role twice, never
    /// the relay operator, and for each role at least one field, none twice.
    func check(at path: JSONPath) throws(JSONShapeError) {
        guard Self.isValidID(id) else {
            throw JSONShapeError(at: path.appending("id"), "must be 1-64 of a-z 0-9 - _ .", fix: "for example s47-enquiry")
        }
        guard Printable.isDisplayable(name) else {
            throw JSONShapeError(at: path.appending("name"), Printable.displayableRule)
        }
        guard !lawfulBases.isEmpty else { throw JSONShapeError(at: path.appending("lawful_bases"), "must name at least one basis") }
        guard Set(lawfulBases).count == lawfulBases.count else {
            throw JSONShapeError(at: path.appending("lawful_bases"), "names a basis more than once")
        }
        guard !recipients.isEmpty else { throw JSONShapeError(at: path.appending("recipients"), "must name at least one role") }
        for (i, recipient) in recipients.enumerated() {
            let at = path.appending("recipients").appending(i)
            guard recipient.role != .relayOperator else {
                throw JSONShapeError(at: at.appending("role"), "the relay operator never receives records")
            }
            guard !recipients[..<i].contains(where: { $0.role == recipient.role }) else {
                throw JSONShapeError(at: at.appending("role"), "names a role already listed for this purpose")
            }
            guard !recipient.fields.isEmpty else {
                throw JSONShapeError(at: at.appending("fields"), "must name at least one field", fix: "a role that may receive nothing has no part in the purpose: leave it out")
            }
            guard Set(recipient.fields).count == recipient.fields.count else {
                throw JSONShapeError(at: at.appending("fields"), "names a field more than once")
            }
        }
    }

    init(_ value: JSONValue, at path: JSONPath) throws(JSONShapeError) {
        let r = try JSONObjectReader(value, at: path)
        try r.only(["id", "name", "lawful_bases", "recipients"])
        id = try r.string("id")
        name = try r.string("name")
        var bases: [SafeguardingRecord.LawfulBasis.Article6] = []
        for (i, text) in try r.strings("lawful_bases").enumerated() {
            guard let basis = SafeguardingRecord.LawfulBasis.Article6(rawValue: text) else {
                throw JSONShapeError(at: path.appending("lawful_bases").appending(i), "is not a UK GDPR Article 6 basis",
                                     fix: "use one of \(SafeguardingRecord.LawfulBasis.Article6.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            bases.append(basis)
        }
        lawfulBases = bases
        var recipients: [Recipient] = []
        for (i, element) in try r.array("recipients").enumerated() {
            let at = path.appending("recipients").appending(i)
            let e = try JSONObjectReader(element, at: at)
            try e.only(["role", "fields"])
            guard let role = SafeguardingRole(rawValue: try e.string("role")) else {
                throw JSONShapeError(at: at.appending("role"), "is not a known role", fix: "use one of \(SafeguardingRole.list)")
            }
            var fields: [FieldPath] = []
            for (j, text) in try e.strings("fields").enumerated() {
                guard let field = FieldPath(text) else {
                    throw JSONShapeError(at: at.appending("fields").appending(j), "is not a record field path",
                                         fix: "see spec/record.md for the field paths, such as subject.dob or parties[].role")
                }
                fields.append(field)
            }
            recipients.append(Recipient(role: role, fields: fields))
        }
        self.recipients = recipients
        try check(at: path)
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
