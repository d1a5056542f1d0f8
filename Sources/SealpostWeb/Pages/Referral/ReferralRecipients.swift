import Hummingbird
import SealpostAgreement
import SealpostCore
import SealpostExchange

/// Who the referral goes to: chosen, never typed, from the agreement's parties that have a role
/// in the chosen purpose. A party without one is not offered, and the page says why (the
/// agreement's own reason). A POST naming anyone not offered is refused whatever the form held.
struct ReferralRecipients {
    let app: WebApp

    struct Offered {
        let oid: String
        let agency: String
        let name: String
        let role: String
        let checked: Bool
    }

    struct NotOffered {
        let name: String
        let reason: String
    }

    struct Model {
        let csrf: String
        let action: String
        let back: String
        let purpose: String
        let offered: [Offered]
        let notOffered: [NotOffered]
        let errorMessage: String?
    }

    /// The parties offered for `purposeID` and those not, with the reason.
    func parties(_ purposeID: String, session: WebSession) throws -> (offered: [AgreementParty], not: [(AgreementParty, String)]) {
        let agreement = try app.context(session).agreement
        var offered: [AgreementParty] = [], not: [(AgreementParty, String)] = []
        for party in agreement.parties {
            if party.agencyID == app.agencyID { continue }
            switch agreement.allowedFields(purpose: purposeID, recipient: party.agencyID) {
            case .success: offered.append(party)
            case .failure(let reason): not.append((party, reason.message))
            }
        }
        return (offered, not)
    }

    /// The recipients' page (GET), or the choice saved (POST).
    func page(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handle(request, context: context, formLimit: 16 * 1024) { session, fields, draft in
            var draft = draft
            guard let purposeID = draft[member: "purpose"]?.stringValue else { return .redirect(to: "/referrals/\(draft.id)", type: .normal) }
            let (offered, not) = try parties(purposeID, session: session)
            var error: String?
            var chosen = draft.recipients
            if let fields {
                chosen = fields.values("recipients")
                let allowed = Set(offered.map(\.agencyID))
                if let stray = chosen.first(where: { !allowed.contains($0) }) {
                    error = "\(Printable.escape(stray)) cannot receive a referral for this purpose under the agreement: choose from the list"
                } else if chosen.isEmpty {
                    error = "Select at least one agency to send the referral to"
                } else {
                    draft.recipients = offered.map(\.agencyID).filter(chosen.contains)
                    try ReferralDrafts(app: app).save(draft, session: session)
                    return .redirect(to: "/referrals/\(draft.id)", type: .normal)
                }
            }
            let purposeName = try app.context(session).agreement.purpose(purposeID)?.name ?? purposeID
            let model = Model(
                csrf: session.csrf, action: "/referrals/\(draft.id)/recipients", back: "/referrals/\(draft.id)", purpose: purposeName,
                offered: offered.enumerated().map { n, p in
                    Offered(oid: "recipients-\(n + 1)", agency: p.agencyID, name: p.name, role: ReferralSections.label(p.role.rawValue),
                            checked: chosen.contains(p.agencyID))
                },
                notOffered: not.map { NotOffered(name: "\($0.0.name) (\(ReferralSections.label($0.0.role.rawValue)))", reason: $0.1) },
                errorMessage: error)
            return app.pages.page("referral-recipients", model, title: (error == nil ? "" : "Error: ") + "Who it goes to", session: session,
                                  section: "/referrals", status: error == nil ? .ok : .badRequest)
        }
    }
}

extension ReferralRecipients.Model: ViewModel {
    var computed: [String: Any] { ["hasOffered": !offered.isEmpty, "hasNotOffered": !notOffered.isEmpty] }
}
extension ReferralRecipients.Offered: ViewModel {}
extension ReferralRecipients.NotOffered: ViewModel {}
