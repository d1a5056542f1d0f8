import SealpostCore
import SealpostJSON
import SealpostRecord

/// A record cut down to what the agreement lets one recipient receive for one purpose, with the
/// record of what was shared and what was withheld, and why (paths only, never values).
///
/// The sharing's own facts (`id`, `purpose`, `lawful_basis`, `consent`) always travel: they are
/// what the recipient needs to know on what basis it holds the rest.
public struct Minimisation: Sendable, Equatable {
    public enum Reason: String, Sendable, Equatable, Codable {
        /// The agreement does not give this field to the recipient's role for this purpose.
        case notAllowedForPurposeOrRole = "not_allowed_for_purpose_or_role"
        /// It identifies a third party who might suffer harm (redaction replaced or withheld it).
        case thirdPartyProtection = "third_party_protection"
    }

    public struct Withheld: Sendable, Equatable {
        public let path: FieldPath
        public let reason: Reason
    }

    /// The outgoing record.
    public let record: JSONValue
    public let shared: [FieldPath]
    public let withheld: [Withheld]
    public let purpose: AgreementPurpose
    public let recipient: AgreementParty

    static let sharingFacts = ["id", "purpose", "lawful_basis", "consent"].compactMap(FieldPath.init)

    /// Minimises `record` for `recipientID` and `purposeID` under `agreement`, or refuses with the
    /// reason before anything is sealed: the recipient has no role in the purpose, is not an active
    /// party, the purpose is unknown, or the record's own purpose or lawful basis do not fit.
    public static func minimise(_ record: SafeguardingRecord, purpose purposeID: String, recipient recipientID: String,
                                under agreement: Agreement) throws(AgreementError) -> Minimisation {
        let fields = try agreement.allowedFields(purpose: purposeID, recipient: recipientID).get()
        let purpose = agreement.purpose(purposeID)!
        let party = agreement.party(recipientID)!
        if let stated = record.purpose, stated != purposeID {
            throw AgreementError("the record's purpose is \(Printable.escape(stated)), not \(purposeID)",
                                 hint: "send it for the purpose it states, or correct the record's purpose")
        }
        if let basis = record.lawfulBasis, !purpose.lawfulBases.contains(basis.article6) {
            throw AgreementError("purpose \(purposeID) may rest on \(purpose.lawfulBases.map(\.rawValue).joined(separator: ", ")), not \(basis.article6.rawValue)",
                                 hint: "record the lawful basis the agreement names for this purpose")
        }
        var json = record.jsonValue
        if record.purpose == nil, case .object(var object) = json {
            object["purpose"] = .string(purposeID)
            json = .object(object)
        }
        let projection = FieldProjection(projecting: json, allowing: Set(fields + sharingFacts))
        return Minimisation(record: projection.record, shared: projection.shared,
                            withheld: projection.withheld.map { Withheld(path: $0, reason: .notAllowedForPurposeOrRole) },
                            purpose: purpose, recipient: party)
    }

    /// The same minimisation with redaction's withholdings added (fields of protected third parties).
    public func adding(protected paths: [FieldPath], record redacted: JSONValue) -> Minimisation {
        let extra = paths.filter { p in !withheld.contains { $0.path == p } }.map { Withheld(path: $0, reason: .thirdPartyProtection) }
        return Minimisation(record: redacted, shared: shared, withheld: withheld + extra, purpose: purpose, recipient: recipient)
    }
}
