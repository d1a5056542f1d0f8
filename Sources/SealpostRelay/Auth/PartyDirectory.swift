import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostSodium

/// The agreement as the relay uses it: whose keys may sign requests, and which agencies have mailboxes.
struct PartyDirectory: Sendable {
    enum Standing: Sendable {
        case active(Ed25519.PublicKey)
        case revoked
    }

    let agreementName: String
    let validFrom: CalendarDate
    let validUntil: CalendarDate
    private let standing: [String: Standing]
    /// Active parties other than relay operators: the only mailboxes.
    let mailboxes: Set<String>

    init(_ signed: SignedAgreement) {
        let agreement = signed.agreement
        agreementName = "agreement \(agreement.id) version \(agreement.version)"
        validFrom = agreement.validFrom
        validUntil = agreement.validUntil
        var standing: [String: Standing] = [:]
        var mailboxes = Set<String>()
        for party in agreement.parties {
            guard party.status == .active, let key = try? party.card.verified().signingKey else {
                standing[party.agencyID] = .revoked
                continue
            }
            standing[party.agencyID] = .active(key)
            if party.role != .relayOperator { mailboxes.insert(party.agencyID) }
        }
        self.standing = standing
        self.mailboxes = mailboxes
    }

    func standing(of agency: String) -> Standing? { standing[agency] }

    func isInForce(on date: CalendarDate) -> Bool { validFrom <= date && date <= validUntil }
}
