import SealpostCore
import SealpostJSON
import SealpostRecord

/// Trusts exactly the active parties of the agreement in force, on the dates it is valid.
public struct AgreementSenders: SenderDirectory {
    public let agreement: Agreement
    public let today: CalendarDate

    public init(agreement: Agreement, today: CalendarDate) {
        self.agreement = agreement
        self.today = today
    }

    public func trust(for manifest: Manifest) -> SenderTrust {
        let key = Hex.encode(manifest.senderSigningKey.rawRepresentation)
        guard let party = agreement.parties.first(where: { $0.card.signingKey == key }) else {
            return .untrusted("the sender's key belongs to no party of agreement \(agreement.id) version \(agreement.version)")
        }
        guard party.agencyID == manifest.senderAgency else {
            return .untrusted("the envelope claims agency \(manifest.senderAgency) but the key belongs to \(party.agencyID)")
        }
        guard party.status == .active else {
            return .untrusted("\(party.agencyID) is revoked in agreement \(agreement.id) version \(agreement.version)")
        }
        guard party.card.boxKey == Hex.encode(manifest.senderBoxKey.rawRepresentation) else {
            return .untrusted("the envelope names an encryption key for \(party.agencyID) that differs from the agreement's")
        }
        guard agreement.isValid(on: today) else {
            return .untrusted("agreement \(agreement.id) is valid from \(agreement.validFrom) to \(agreement.validUntil), not on \(today)")
        }
        return .trusted
    }
}
