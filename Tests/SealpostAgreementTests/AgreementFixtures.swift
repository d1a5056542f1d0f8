import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostSodium

// Shared fixtures for the agreement tests: identities from fixed seeds (so documents, cards and
// signatures are the same on every run), a small partnership, and helpers that edit a signed
// file's JSON the way someone with a text editor could.

/// An identity whose keys come from `seed`, so its card and signatures never change.
func fixedIdentity(_ agency: String, _ name: String, seed: UInt8) -> Identity {
    let signing = try! Ed25519.SigningKey(seed: SecureBytes(copying: [UInt8](repeating: seed, count: 32)))
    let box = try! X25519.PrivateKey(rawRepresentation: SecureBytes(copying: [UInt8](repeating: seed &+ 0x40, count: 32)))
    return Identity(agencyID: agency, name: name, signingKey: signing, boxKey: box)
}

func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

func fields(_ names: String...) -> [FieldPath] { names.map { FieldPath($0)! } }

enum Fixture {
    static let school = fixedIdentity("school-st-annes", "St Anne's Primary School", seed: 1)
    static let csc = fixedIdentity("kingsbridge-csc", "Kingsbridge Children's Social Care", seed: 2)
    static let mash = fixedIdentity("kingsbridge-mash", "Kingsbridge MASH", seed: 3)
    static let police = fixedIdentity("police-cait", "Police Child Abuse Investigation Team", seed: 4)
    static let health = fixedIdentity("health-0-19", "Kingsbridge 0-19 Health Service", seed: 5)
    static let relay = fixedIdentity("relay-kingsbridge", "Kingsbridge Relay Operator", seed: 6)
    /// Not a party to anything.
    static let outsider = fixedIdentity("outsider", "An Outsider", seed: 9)

    static let everyone = [school, csc, mash, police, health, relay]

    static let roles: [String: SafeguardingRole] = [
        school.agencyID: .school, csc.agencyID: .childrensSocialCare, mash.agencyID: .mash,
        police.agencyID: .police, health.agencyID: .health, relay.agencyID: .relayOperator,
    ]

    static let s47 = AgreementPurpose(
        id: "child_protection_enquiry_s47", name: "Child protection enquiry (Children Act 1989 s47)",
        lawfulBases: [.publicTask, .legalObligation],
        recipients: [
            .init(role: .childrensSocialCare, fields: fields("id", "subject", "household", "parties", "narrative", "statements", "concern")),
            .init(role: .police, fields: fields("id", "subject", "household", "narrative", "statements", "concern")),
            .init(role: .health, fields: fields("subject.name", "subject.dob", "subject.nhs_number", "concern")),
        ])

    static let earlyHelp = AgreementPurpose(
        id: "early_help", name: "Early help assessment",
        lawfulBases: [.publicTask],
        recipients: [
            .init(role: .school, fields: fields("subject.name", "subject.dob", "subject.school", "concern.categories")),
            .init(role: .childrensSocialCare, fields: fields("subject", "household[].name", "household[].relationship", "narrative", "concern")),
        ])

    static let mashScreening = AgreementPurpose(
        id: "mash_screening", name: "MASH screening of a contact",
        lawfulBases: [.publicTask, .vitalInterests],
        recipients: [.init(role: .mash, fields: fields("id", "subject", "household", "parties", "narrative", "statements", "concern"))])

    /// The partnership's agreement, every party active unless named in `revoked`.
    static func agreement(version: Int64 = 1, from: String = "2026-04-01", until: String = "2028-03-31",
                          revoked: Set<String> = [], title: String = "Kingsbridge Safeguarding Children Partnership data-sharing agreement") -> Agreement {
        let parties = everyone.map { AgreementParty(card: $0.card, role: roles[$0.agencyID]!, status: revoked.contains($0.agencyID) ? .revoked : .active) }
        return try! Agreement(id: "kingsbridge-dsa", version: version, title: title, validFrom: date(from), validUntil: date(until),
                              relay: "https://relay.kingsbridge.example:8443", parties: parties, purposes: [s47, earlyHelp, mashScreening])
    }

    /// `agreement` signed by each of `signers` (by default every active party).
    static func signed(_ agreement: Agreement, by signers: [Identity]? = nil) -> SignedAgreement {
        var signed = SignedAgreement(agreement: agreement)
        let active = Set(agreement.requiredSigners.map(\.agencyID))
        for identity in signers ?? everyone.filter({ active.contains($0.agencyID) }) {
            try! signed.sign(as: identity)
        }
        return signed
    }
}

/// The error `body` throws, as an AgreementError; nil (and a recorded issue for any other error) otherwise.
func agreementError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> AgreementError? {
    do {
        try body()
        return nil
    } catch let error as AgreementError {
        return error
    } catch {
        Issue.record("expected an AgreementError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Why these bytes are not a signed agreement, or nil if they are one.
func parseError(_ bytes: [UInt8]) -> AgreementError? {
    agreementError { _ = try SignedAgreement(parsing: bytes, source: "agreement.json") }
}

func parseError(_ value: JSONValue) -> AgreementError? { parseError(JSONWriter(options: [.prettyPrinted]).bytes(value)) }

func parse(_ bytes: [UInt8]) throws -> SignedAgreement { try SignedAgreement(parsing: bytes, source: "agreement.json") }

/// A signed file as a JSON value, to be edited.
func fileJSON(_ signed: SignedAgreement) -> JSONValue { try! JSONParser.parse(signed.fileBytes) }

typealias Step = JSONPath.Component

extension JSONValue {
    /// Replaces the value at `path` (nil removes it); appends a member that is not there, or an
    /// element at the index just past the end.
    mutating func set(_ path: [Step], to newValue: JSONValue?) {
        guard let first = path.first else {
            self = newValue ?? .null
            return
        }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.object(var object), .key(let key)):
            if rest.isEmpty {
                object[key] = newValue
            } else {
                var child = object[key] ?? .null
                child.set(rest, to: newValue)
                object[key] = child
            }
            self = .object(object)
        case (.array(var array), .index(let i)):
            if rest.isEmpty, case .none = newValue {
                array.remove(at: i)
            } else if rest.isEmpty, i == array.count, let newValue {
                array.append(newValue)
            } else {
                array[i].set(rest, to: newValue)
            }
            self = .array(array)
        default:
            Issue.record("no \(first) in \(typeDescription)")
        }
    }

    func setting(_ path: [Step], to newValue: JSONValue?) -> JSONValue {
        var copy = self
        copy.set(path, to: newValue)
        return copy
    }

    func value(at path: [Step]) -> JSONValue? {
        var current: JSONValue? = self
        for step in path {
            switch step {
            case .key(let k): current = current?[k]
            case .index(let i): current = current?.arrayValue.flatMap { $0.indices.contains(i) ? $0[i] : nil }
            }
        }
        return current
    }

    /// The same value with every object's members in reverse order.
    var reversedMembers: JSONValue {
        switch self {
        case .object(let o): return .object(JSONObject(o.members.reversed().map { .init(key: $0.key, value: $0.value.reversedMembers) }))
        case .array(let a): return .array(a.map(\.reversedMembers))
        default: return self
        }
    }
}

/// Path steps written briefly: `at("agreement", "parties", 0, "role")`.
func at(_ steps: Any...) -> [Step] {
    steps.map { step in
        if let i = step as? Int { return .index(i) }
        return .key(step as! String)
    }
}

/// A fresh, empty folder for a home, removed by the caller.
func temporaryHome() throws -> Home {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-agreement-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return Home(path: path)
}

func removeHome(_ home: Home) { try? FileManager.default.removeItem(atPath: home.path) }

func fileBytes(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map(Array.init) }
