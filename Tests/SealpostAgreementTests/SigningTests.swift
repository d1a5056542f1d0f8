import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostSodium

/// Signing and verifying: who must sign, who may not, and what breaks a signature.
@Suite("Signatures")
struct SigningTests {
    let agreement = Fixture.agreement()

    @Test("an agreement is complete when every active party has signed, and not before")
    func everyActivePartySigns() throws {
        var signed = SignedAgreement(agreement: agreement)
        var check = signed.verify()
        #expect(!check.isComplete)
        #expect(check.missing == Fixture.everyone.map(\.agencyID))
        for (n, identity) in [Fixture.police, Fixture.school, Fixture.relay, Fixture.csc, Fixture.health].enumerated() {
            try signed.sign(as: identity)
            check = signed.verify()
            #expect(check.signed.count == n + 1)
            #expect(!check.isComplete)
        }
        // Missing is listed in party order, and only the one who has not signed.
        #expect(check.missing == [Fixture.mash.agencyID])
        #expect(check.invalid.isEmpty)
        try signed.sign(as: Fixture.mash)
        check = signed.verify()
        #expect(check.isComplete)
        #expect(check.missing.isEmpty)
        // Signatures are kept sorted by agency id, one each.
        #expect(signed.signatures.map(\.agencyID) == Fixture.everyone.map(\.agencyID).sorted())
        try signed.sign(as: Fixture.mash)
        #expect(signed.signatures.count == 6)
        #expect(signed.verify().isComplete)
    }

    @Test("revoked parties need not sign, and cannot")
    func revokedParties() throws {
        let revoked = Fixture.agreement(version: 2, revoked: [Fixture.police.agencyID])
        #expect(revoked.requiredSigners.map(\.agencyID) == Fixture.everyone.map(\.agencyID).filter { $0 != Fixture.police.agencyID })
        var signed = Fixture.signed(revoked)
        #expect(signed.verify().isComplete)
        #expect(signed.verify().signed.count == 5)
        let refusal = agreementError { try signed.sign(as: Fixture.police) }
        #expect(refusal?.message == "police-cait is revoked in this agreement and cannot sign it")

        // A signature by the revoked party, valid over these very bytes, is still not accepted.
        let message = Array("sealpost/v1/agreement".utf8) + [0] + revoked.canonicalBytes
        let forged = Fixture.police.signingKey.signature(for: message)
        let entry: JSONValue = ["agency_id": "police-cait", "signing_key_id": .string(Fixture.police.signingKeyID.description),
                                "signature": .string(Hex.encode(forged.rawRepresentation))]
        var value = fileJSON(signed)
        value.set(at("signatures", 5), to: entry)
        let withRevoked = try parse(JSONWriter().bytes(value))
        #expect(withRevoked.verify().invalid == ["police-cait"])
        #expect(!withRevoked.verify().isComplete)
    }

    @Test("a non-party cannot sign, and a signature added by one makes the file invalid")
    func nonParty() throws {
        var signed = Fixture.signed(agreement)
        let refusal = agreementError { try signed.sign(as: Fixture.outsider) }
        #expect(refusal?.message == "outsider is not a party to agreement kingsbridge-dsa")
        #expect(refusal?.hint?.contains("add-party") == true)

        let message = Array("sealpost/v1/agreement".utf8) + [0] + agreement.canonicalBytes
        let entry: JSONValue = ["agency_id": "outsider", "signing_key_id": .string(Fixture.outsider.signingKeyID.description),
                                "signature": .string(Hex.encode(Fixture.outsider.signingKey.signature(for: message).rawRepresentation))]
        var value = fileJSON(signed)
        value.set(at("signatures", 6), to: entry)
        let check = try parse(JSONWriter().bytes(value)).verify()
        #expect(check.invalid == ["outsider"])
        #expect(check.missing.isEmpty)
        #expect(!check.isComplete)
    }

    @Test("a stale key cannot sign: the agreement holds the party's current card")
    func staleKey() throws {
        // The school's keys were replaced; the agreement lists its new card.
        let newSchool = fixedIdentity(Fixture.school.agencyID, Fixture.school.name, seed: 21)
        var current = agreement
        current.parties[0] = AgreementParty(card: newSchool.card, role: .school)
        var signed = Fixture.signed(current, by: [Fixture.csc, Fixture.mash, Fixture.police, Fixture.health, Fixture.relay])
        let refusal = agreementError { try signed.sign(as: Fixture.school) }
        #expect(refusal?.message == "the agreement lists a different signing key for school-st-annes")

        // The old key's signature over these bytes, slipped into the file, does not verify.
        let message = Array("sealpost/v1/agreement".utf8) + [0] + current.canonicalBytes
        let old = Fixture.school.signingKey.signature(for: message)
        for keyID in [Fixture.school.signingKeyID.description, newSchool.signingKeyID.description] {
            var value = fileJSON(signed)
            value.set(at("signatures", 5), to: ["agency_id": "school-st-annes", "signing_key_id": .string(keyID),
                                                "signature": .string(Hex.encode(old.rawRepresentation))])
            let check = try parse(JSONWriter().bytes(value)).verify()
            #expect(check.invalid == ["school-st-annes"])
            #expect(!check.isComplete)
        }
        try signed.sign(as: newSchool)
        #expect(signed.verify().isComplete)
    }

    @Test("a signature must name the key that made it")
    func keyIDMustMatch() throws {
        var value = fileJSON(Fixture.signed(agreement))
        value.set(at("signatures", 0, "signing_key_id"), to: .string(Fixture.outsider.signingKeyID.description))
        let check = try parse(JSONWriter().bytes(value)).verify()
        #expect(check.invalid == [value.value(at: at("signatures", 0, "agency_id"))!.stringValue!])
        #expect(!check.isComplete)
    }

    @Test("any edit drops every signature")
    func editsDropSignatures() throws {
        let edits: [(inout Agreement) throws(AgreementError) -> Void] = [
            { $0.title = "A new title" },
            { $0.validUntil = date("2029-03-31") },
            { $0.parties[4].status = .revoked },
            { $0.parties.append(AgreementParty(card: Fixture.outsider.card, role: .housing)) },
            { $0.purposes[1].recipients[0].fields.append(FieldPath("narrative")!) },
            { $0.purposes.removeLast() },
            { _ in },
        ]
        for edit in edits {
            var signed = Fixture.signed(agreement)
            #expect(signed.signatures.count == 6)
            try signed.edit(edit)
            #expect(signed.signatures.isEmpty)
            #expect(!signed.verify().isComplete)
        }
        // An edit that breaks a rule is refused and leaves the document and its signatures alone.
        var signed = Fixture.signed(agreement)
        let refusal = agreementError { try signed.edit { (a: inout Agreement) throws(AgreementError) in a.parties.append(a.parties[0]) } }
        #expect(refusal?.message == "$.parties[6]: lists agency school-st-annes twice")
        #expect(signed == Fixture.signed(agreement))
        let relayRecipient = agreementError {
            try signed.edit { (a: inout Agreement) throws(AgreementError) in a.purposes[0].recipients.append(.init(role: .relayOperator, fields: fields("id"))) }
        }
        #expect(relayRecipient?.message == "$.purposes[0].recipients[3].role: the relay operator never receives records")
        #expect(signed.verify().isComplete)
    }

    @Test("an edited or forged file fails verification")
    func forgedFiles() throws {
        let value = fileJSON(Fixture.signed(agreement))
        let forgeries: [JSONValue] = [
            value.setting(at("agreement", "version"), to: 2),
            value.setting(at("agreement", "valid_until"), to: "2099-12-31"),
            value.setting(at("agreement", "parties", 2, "status"), to: "revoked"),
            value.setting(at("agreement", "parties", 3, "role"), to: "childrens_social_care"),
            value.setting(at("agreement", "purposes", 0, "recipients", 2, "fields", 0), to: "narrative"),
            value.setting(at("agreement", "purposes", 0, "lawful_bases", 1), to: "consent"),
            value.setting(at("agreement", "relay"), to: "https://attacker.example"),
        ]
        for forged in forgeries {
            let parsed = try parse(JSONWriter().bytes(forged))
            let check = parsed.verify()
            #expect(!check.isComplete)
            // Every active party's signature fails; those revoked by the forgery are invalid too.
            #expect(check.signed.isEmpty)
            #expect(check.invalid.count == 6)
        }
        // A party swapped in with someone else's card cannot keep the signatures either.
        var swapped = agreement
        swapped.parties[3] = AgreementParty(card: Fixture.outsider.card, role: .police)
        var forged = value
        forged.set(at("agreement"), to: try JSONParser.parse(Array(#"{"agreement":"#.utf8) + swapped.canonicalBytes + Array("}".utf8))["agreement"]!)
        let check = try parse(JSONWriter().bytes(forged)).verify()
        #expect(check.signed.isEmpty)
        // A signature flipped by one bit.
        var signature = Hex.decode(value.value(at: at("signatures", 0, "signature"))!.stringValue!)!
        signature[10] ^= 0x01
        let flipped = value.setting(at("signatures", 0, "signature"), to: .string(Hex.encode(signature)))
        let flippedCheck = try parse(JSONWriter().bytes(flipped)).verify()
        #expect(flippedCheck.invalid.count == 1)
        #expect(flippedCheck.signed.count == 5)
    }

    @Test("a document with no active party is never complete")
    func nobodyToSign() throws {
        let empty = try Agreement(id: "empty", version: 1, title: "Nobody", validFrom: date("2026-01-01"), validUntil: date("2026-12-31"))
        #expect(!SignedAgreement(agreement: empty).verify().isComplete)
        let allRevoked = Fixture.agreement(revoked: Set(Fixture.everyone.map(\.agencyID)))
        let check = SignedAgreement(agreement: allRevoked).verify()
        #expect(check.missing.isEmpty && check.invalid.isEmpty)
        #expect(!check.isComplete)
    }
}
