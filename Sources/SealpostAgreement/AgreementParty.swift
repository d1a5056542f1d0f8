import Foundation
import SealpostCore
import SealpostJSON

/// A party to the agreement: an agency, its role, its status and its public identity card.
public struct AgreementParty: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case active, revoked }

    public var card: IdentityCard
    public var role: SafeguardingRole
    public var status: Status

    public var agencyID: String { card.agencyID }
    public var name: String { card.name }

    public init(card: IdentityCard, role: SafeguardingRole, status: Status = .active) {
        (self.card, self.role, self.status) = (card, role, status)
    }

    init(_ value: JSONValue, at path: JSONPath) throws(JSONShapeError) {
        let r = try JSONObjectReader(value, at: path)
        try r.only(["agency_id", "role", "status", "card"])
        let roleText = try r.string("role")
        guard let role = SafeguardingRole(rawValue: roleText) else {
            throw JSONShapeError(at: path.appending("role"), "is not a known role", fix: "use one of \(SafeguardingRole.list)")
        }
        let statusText = try r.string("status")
        guard let status = Status(rawValue: statusText) else {
            throw JSONShapeError(at: path.appending("status"), "must be active or revoked")
        }
        // Every member of the embedded card is covered by the signatures, so none may be unknown;
        // the card reader refuses them, as it does for a card file.
        let cardPath = path.appending("card")
        let card = try IdentityCard(json: try r.value("card"), at: cardPath)
        do { _ = try card.verified() } catch { throw JSONShapeError(at: cardPath, error.reason, fix: error.hint) }
        guard try r.string("agency_id") == card.agencyID else {
            throw JSONShapeError(at: path.appending("agency_id"), "differs from the agency id in the party's card")
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
