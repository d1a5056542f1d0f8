import Foundation
import SealpostCore
import SealpostRecord

/// A party to the agreement: an agency, its role, its status and its public identity card.
public struct AgreementParty: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case active, revoked }

    public var card: IdentityCard
    public var role: SafeguardingRole
    public var status: Status

    public var agencyID: String { card.agencyID }
    public var name: String { card.name }

    public init(card: IdentityCard, role: SafeguardingRole, status: Status = .active) {
        self.card = card
        self.role = role
        self.status = status
    }

    init(_ value: JSONValue, at path: JSONPath) throws(AgreementError) {
        let r = try ObjectReader(value, at: path)
        try r.only(["agency_id", "role", "status", "card"])
        let roleText = try r.string("role")
        guard let role = SafeguardingRole(rawValue: roleText) else {
            throw AgreementError(at: path.appending("role"), "is not a known role", fix: "use one of \(SafeguardingRole.list)")
        }
        let statusText = try r.string("status")
        guard let status = Status(rawValue: statusText) else {
            throw AgreementError(at: path.appending("status"), "must be active or revoked")
        }
        // Every member of the embedded card is covered by the signatures, so none may be unknown.
        let cardValue = try r.value("card")
        try ObjectReader(cardValue, at: path.appending("card"))
            .only(["version", "agency_id", "name", "signing_key", "box_key", "signing_key_id", "box_key_id", "self_signature"])
        let cardData = Data(JSONWriter().bytes(cardValue))
        let card: IdentityCard
        do { card = try IdentityCard.load(cardData, source: "\(path.appending("card"))") } catch {
            throw AgreementError(error.reason, hint: error.hint)
        }
        guard try r.string("agency_id") == card.agencyID else {
            throw AgreementError(at: path.appending("agency_id"), "differs from the agency id in the party's card")
        }
        self.init(card: card, role: role, status: status)
    }

    var json: JSONValue {
        let cardValue = (try? JSONParser.parse(Array(card.jsonData()))) ?? .null
        return .object(JSONObject([
            .init(key: "agency_id", value: .string(agencyID)),
            .init(key: "role", value: .string(role.rawValue)),
            .init(key: "status", value: .string(status.rawValue)),
            .init(key: "card", value: cardValue),
        ]))
    }
}
