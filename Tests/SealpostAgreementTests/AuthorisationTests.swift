import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostRecord

/// THREATS.md row 31: sending to a party with no role for the purpose is refused, with the
/// reason, before anything is sealed; a listed role gets exactly the purpose's fields for it.
@Suite("Who may receive what")
struct AuthorisationTests {
    let agreement = Fixture.agreement(revoked: [Fixture.mash.agencyID])

    func refusal(_ purpose: String, _ recipient: String) -> AgreementError? {
        if case .failure(let error) = agreement.allowedFields(purpose: purpose, recipient: recipient) { return error }
        return nil
    }

    @Test("a listed role receives exactly the purpose's fields for that role")
    func listedRole() throws {
        let s47 = "child_protection_enquiry_s47"
        #expect(try agreement.allowedFields(purpose: s47, recipient: Fixture.csc.agencyID).get()
            == fields("id", "subject", "household", "parties", "narrative", "statements", "concern"))
        #expect(try agreement.allowedFields(purpose: s47, recipient: Fixture.police.agencyID).get()
            == fields("id", "subject", "household", "narrative", "statements", "concern"))
        #expect(try agreement.allowedFields(purpose: s47, recipient: Fixture.health.agencyID).get()
            == fields("subject.name", "subject.dob", "subject.nhs_number", "concern"))
        #expect(try agreement.allowedFields(purpose: "early_help", recipient: Fixture.school.agencyID).get()
            == fields("subject.name", "subject.dob", "subject.school", "concern.categories"))
        // The same role, another purpose, other fields: the police get nothing for early help.
        #expect(refusal("early_help", Fixture.police.agencyID) != nil)
    }

    @Test("a party whose role the purpose does not list is refused, with the roles that may receive it")
    func unlistedRole() {
        let error = refusal("child_protection_enquiry_s47", Fixture.school.agencyID)
        #expect(error?.message == "school-st-annes (school) has no role in purpose child_protection_enquiry_s47 (Child protection enquiry (Children Act 1989 s47))")
        #expect(error?.hint == "roles that may receive it: childrens_social_care, police, health")
        // The relay operator is a party but never a recipient.
        #expect(refusal("child_protection_enquiry_s47", Fixture.relay.agencyID)?.message.contains("relay-kingsbridge (relay_operator) has no role") == true)
    }

    @Test("a non-party is refused")
    func nonParty() {
        let error = refusal("child_protection_enquiry_s47", Fixture.outsider.agencyID)
        #expect(error?.message == "outsider is not a party to agreement kingsbridge-dsa")
        #expect(error?.hint?.contains("share only with parties") == true)
        // A hostile id is not echoed as it is.
        let odd = refusal("child_protection_enquiry_s47", "x\u{1B}[2Jy")
        #expect(odd?.message == "x\\u{1b}[2Jy is not a party to agreement kingsbridge-dsa")
        #expect(odd?.message.unicodeScalars.contains("\u{1B}") == false)
    }

    @Test("a revoked party is refused even for a purpose that lists its role")
    func revokedParty() {
        #expect(Fixture.mashScreening.fields(for: .mash) != nil)
        let error = refusal("mash_screening", Fixture.mash.agencyID)
        #expect(error?.message == "kingsbridge-mash is revoked in agreement kingsbridge-dsa version 1")
    }

    @Test("an unknown purpose is refused, naming the purposes there are")
    func unknownPurpose() {
        for purpose in ["child_protection_enquiry", "CHILD_PROTECTION_ENQUIRY_S47", ""] {
            let error = refusal(purpose, Fixture.csc.agencyID)
            #expect(error?.message == "the agreement has no purpose \"\(purpose)\"")
            #expect(error?.hint == "its purposes are child_protection_enquiry_s47, early_help, mash_screening")
        }
        // The purpose is checked first: an unknown purpose to a non-party names the purpose.
        #expect(refusal("nothing", "outsider")?.message.contains("no purpose") == true)
    }

    @Test("every party and purpose: allowed exactly when active and the role is listed")
    func everyCombination() {
        for purpose in agreement.purposes {
            for party in agreement.parties {
                let result = agreement.allowedFields(purpose: purpose.id, recipient: party.agencyID)
                let expected = party.status == .active ? purpose.fields(for: party.role) : nil
                switch result {
                case .success(let got): #expect(got == expected, "\(purpose.id) to \(party.agencyID)")
                case .failure(let error):
                    #expect(expected == nil, "\(purpose.id) to \(party.agencyID)")
                    #expect(!error.message.isEmpty)
                }
            }
        }
    }
}
