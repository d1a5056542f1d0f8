/// Where a person stands in a record. Subjects and household members are never protected.
public enum PersonCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case subject
    case household
    case party
}

/// The role of a third party, as in the record model.
public enum PartyRole: String, Sendable, Hashable, Codable, CaseIterable {
    case referrer
    case neighbour
    case relative
    case professional
    case friend
    case other
}

/// The identifiers the record holds for one person. Every value is free text as the
/// practitioner typed it: names in any of the forms "First Last", "First Middle Last",
/// "SURNAME, First", "Surname, First", with or without a title; phone numbers, dates and
/// postcodes in any common format. A value may hold more than one identifier of its kind
/// (two phone numbers separated by a comma, say); each one found is owned by this person.
public struct PersonIdentifiers: Sendable, Hashable, Codable {
    public var name: String?
    public var aka: [String]
    public var address: String?
    public var phone: String?
    public var email: String?
    public var dob: String?
    public var nhsNumber: String?
    public var niNumber: String?
    public var workplace: String?
    public var vehicle: String?
    public var handle: String?

    enum CodingKeys: String, CodingKey {
        case name, aka, address, phone, email, dob
        case nhsNumber = "nhs_number"
        case niNumber = "ni_number"
        case workplace, vehicle, handle
    }

    public init(
        name: String? = nil, aka: [String] = [], address: String? = nil, phone: String? = nil,
        email: String? = nil, dob: String? = nil, nhsNumber: String? = nil, niNumber: String? = nil,
        workplace: String? = nil, vehicle: String? = nil, handle: String? = nil
    ) {
        (self.name, self.aka, self.address, self.phone, self.email, self.dob) = (name, aka, address, phone, email, dob)
        (self.nhsNumber, self.niNumber, self.workplace, self.vehicle) = (nhsNumber, niNumber, workplace, vehicle)
        self.handle = handle
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        aka = try c.decodeIfPresent([String].self, forKey: .aka) ?? []
        address = try c.decodeIfPresent(String.self, forKey: .address)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        dob = try c.decodeIfPresent(String.self, forKey: .dob)
        nhsNumber = try c.decodeIfPresent(String.self, forKey: .nhsNumber)
        niNumber = try c.decodeIfPresent(String.self, forKey: .niNumber)
        workplace = try c.decodeIfPresent(String.self, forKey: .workplace)
        vehicle = try c.decodeIfPresent(String.self, forKey: .vehicle)
        handle = try c.decodeIfPresent(String.self, forKey: .handle)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
        if !aka.isEmpty { try c.encode(aka, forKey: .aka) }
        try c.encodeIfPresent(address, forKey: .address)
        try c.encodeIfPresent(phone, forKey: .phone)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(dob, forKey: .dob)
        try c.encodeIfPresent(nhsNumber, forKey: .nhsNumber)
        try c.encodeIfPresent(niNumber, forKey: .niNumber)
        try c.encodeIfPresent(workplace, forKey: .workplace)
        try c.encodeIfPresent(vehicle, forKey: .vehicle)
        try c.encodeIfPresent(handle, forKey: .handle)
    }

    /// Every value with the category it is counted under, in a fixed order.
    var values: [(category: IdentifierCategory, value: String)] {
        var out: [(IdentifierCategory, String)] = []
        if let name { out.append((.name, name)) }
        for a in aka { out.append((.name, a)) }
        if let address { out.append((.address, address)) }
        if let phone { out.append((.phone, phone)) }
        if let email { out.append((.email, email)) }
        if let dob { out.append((.dob, dob)) }
        if let nhsNumber { out.append((.nhsNumber, nhsNumber)) }
        if let niNumber { out.append((.niNumber, niNumber)) }
        if let workplace { out.append((.workplace, workplace)) }
        if let vehicle { out.append((.vehicle, vehicle)) }
        if let handle { out.append((.handle, handle)) }
        return out
    }

    /// A copy with every present value replaced by `token`.
    func replacingValues(with token: String) -> PersonIdentifiers {
        PersonIdentifiers(
            name: name.map { _ in token }, aka: aka.map { _ in token },
            address: address.map { _ in token }, phone: phone.map { _ in token },
            email: email.map { _ in token }, dob: dob.map { _ in token },
            nhsNumber: nhsNumber.map { _ in token }, niNumber: niNumber.map { _ in token },
            workplace: workplace.map { _ in token }, vehicle: vehicle.map { _ in token },
            handle: handle.map { _ in token }
        )
    }
}

/// One person the record knows about, shaped after the record's subject, household and parties.
public struct RedactionPerson: Sendable, Hashable, Codable {
    public var id: String
    public var category: PersonCategory
    /// For parties only.
    public var role: PartyRole?
    /// For parties only: `false` keeps their identifiers; `true` or absent protects them.
    public var protect: Bool?
    public var identifiers: PersonIdentifiers

    public init(
        id: String, category: PersonCategory, role: PartyRole? = nil, protect: Bool? = nil,
        identifiers: PersonIdentifiers
    ) {
        (self.id, self.category, self.role, self.protect, self.identifiers) = (id, category, role, protect, identifiers)
    }

    /// The policy: only the subject, the household and parties with `protect: false` are kept.
    public var isProtected: Bool { category == .party && protect != false }
}
