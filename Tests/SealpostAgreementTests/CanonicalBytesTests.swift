import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostSodium

/// spec/agreement.md §"Canonical bytes": what every party signs, and what does not change it.
@Suite("Canonical bytes")
struct CanonicalBytesTests {
    /// A one-party document whose canonical bytes the test writes out by hand.
    let small = try! Agreement(
        id: "tiny-dsa", version: 7, title: #"The "Tiny" partnership \ café / 児童"#,
        validFrom: date("2026-04-01"), validUntil: date("2027-03-31"), relay: "https://relay.example:8443/v1",
        parties: [AgreementParty(card: Fixture.school.card, role: .school)],
        purposes: [AgreementPurpose(id: "early_help", name: "Early help", lawfulBases: [.publicTask, .legalObligation],
                                    recipients: [.init(role: .school, fields: fields("subject.dob", "id", "concern.urgency"))])])

    @Test("compact JSON, members sorted by key bytes, JSONWriter's escaping, integers as digits")
    func handWritten() {
        let c = Fixture.school.card
        let card = #"{"agency_id":"\#(c.agencyID)","box_key":"\#(c.boxKey)","box_key_id":"\#(c.boxKeyID)","name":"St Anne's Primary School","#
            + #""self_signature":"\#(c.selfSignature)","signing_key":"\#(c.signingKey)","signing_key_id":"\#(c.signingKeyID)","version":1}"#
        let expected = #"{"format":"sealpost-agreement/v1","id":"tiny-dsa","#
            + #""parties":[{"agency_id":"school-st-annes","card":\#(card),"role":"school","status":"active"}],"#
            + #""purposes":[{"id":"early_help","lawful_bases":["public_task","legal_obligation"],"name":"Early help","#
            + #""recipients":[{"fields":["id","subject.dob","concern.urgency"],"role":"school"}]}],"#
            + #""relay":"https://relay.example:8443/v1","title":"The \"Tiny\" partnership \\ café / 児童","#
            + #""valid_from":"2026-04-01","valid_until":"2027-03-31","version":7}"#
        #expect(String(decoding: small.canonicalBytes, as: UTF8.self) == expected)
        #expect(small.canonicalBytes == Array(expected.utf8))
    }

    @Test("the signed message is the label, a zero byte and the canonical bytes, under Ed25519")
    func signedMessage() throws {
        var signed = SignedAgreement(agreement: small)
        try signed.sign(as: Fixture.school)
        let signature = try Ed25519.Signature(rawRepresentation: signed.signatures[0].signature)
        let message = Array("sealpost/v1/agreement".utf8) + [0x00] + small.canonicalBytes
        #expect(Fixture.school.signingKey.publicKey.isValidSignature(signature, for: message))
        // Not over the bytes alone, nor under another label.
        #expect(!Fixture.school.signingKey.publicKey.isValidSignature(signature, for: small.canonicalBytes))
        #expect(!Fixture.school.signingKey.publicKey.isValidSignature(signature, for: Array("sealpost/v1/signature".utf8) + [0x00] + small.canonicalBytes))
        #expect(signed.signatures[0].signingKeyID == Fixture.school.signingKeyID.description)
        // Ed25519 is deterministic: the same key and document give the same signature.
        var again = SignedAgreement(agreement: small)
        try again.sign(as: Fixture.school)
        #expect(again.fileBytes == signed.fileBytes)
    }

    @Test("member order and whitespace in the file do not change the canonical bytes")
    func memberOrder() throws {
        let original = Fixture.signed(Fixture.agreement())
        let value = fileJSON(original)
        let reversed = JSONWriter(options: [.prettyPrinted]).bytes(value.reversedMembers)
        let compact = JSONWriter().bytes(value)
        let sorted = JSONWriter(options: [.sortedKeys]).bytes(value)
        #expect(reversed != original.fileBytes)
        for bytes in [reversed, compact, sorted] {
            let parsed = try parse(bytes)
            #expect(parsed.agreement.canonicalBytes == original.agreement.canonicalBytes)
            #expect(parsed.verify().isComplete)
            #expect(parsed.verify().signed.count == 6)
        }
    }

    @Test("a missing relay and a null one are the same document; lists keep their order except fields")
    func equivalentSpellings() throws {
        let value = fileJSON(Fixture.signed(Fixture.agreement()))
        let withoutRelay = try parse(JSONWriter().bytes(value.setting(at("agreement", "relay"), to: nil)))
        let nullRelay = try parse(JSONWriter().bytes(value.setting(at("agreement", "relay"), to: .null)))
        #expect(withoutRelay.agreement.canonicalBytes == nullRelay.agreement.canonicalBytes)
        #expect(withoutRelay.agreement.relay == nil)
        #expect(!String(decoding: nullRelay.agreement.canonicalBytes, as: UTF8.self).contains(#""relay":"#))

        // Field paths are a set, written in catalogue order whatever order the file gives.
        let fieldsPath = at("agreement", "purposes", 1, "recipients", 0, "fields")
        let shuffled = value.setting(fieldsPath, to: ["concern.categories", "subject.school", "subject.name", "subject.dob"])
        let reparsed = try parse(JSONWriter().bytes(shuffled))
        #expect(reparsed.agreement.canonicalBytes == Fixture.agreement().canonicalBytes)
        #expect(reparsed.verify().isComplete)

        // The order of parties, purposes, recipients and lawful bases is part of what is signed.
        let parties = value.value(at: at("agreement", "parties"))!.arrayValue!
        let swapped = value.setting(at("agreement", "parties"), to: .array([parties[1], parties[0]] + parties[2...]))
        let bases = value.setting(at("agreement", "purposes", 0, "lawful_bases"), to: ["legal_obligation", "public_task"])
        for edited in [swapped, bases] {
            let parsed = try parse(JSONWriter().bytes(edited))
            #expect(parsed.agreement.canonicalBytes != Fixture.agreement().canonicalBytes)
            #expect(!parsed.verify().isComplete)
            #expect(parsed.verify().invalid.count == 6)
        }
    }

    @Test("canonical bytes and files are fixed points: reading and writing again changes nothing")
    func fixedPoints() throws {
        let signed = Fixture.signed(Fixture.agreement())
        let reread = try parse(signed.fileBytes)
        #expect(reread == signed)
        #expect(reread.fileBytes == signed.fileBytes)
        #expect(signed.fileBytes.last == 0x0a)
        // The canonical bytes are themselves a document that reads back to the same agreement.
        let wrapped = Array(#"{"agreement":"#.utf8) + signed.agreement.canonicalBytes + Array(#","signatures":[]}"#.utf8)
        let fromCanonical = try parse(wrapped)
        #expect(fromCanonical.agreement == signed.agreement)
        #expect(fromCanonical.agreement.canonicalBytes == signed.agreement.canonicalBytes)
        // Building the same agreement twice gives the same bytes.
        #expect(Fixture.agreement().canonicalBytes == Fixture.agreement().canonicalBytes)
        #expect(!signed.agreement.canonicalBytes.contains(0x0a))
    }

    @Test("every change to the document changes its canonical bytes")
    func everyChangeCounts() throws {
        let base = Fixture.agreement()
        var changes: [Agreement] = []
        func changed(_ edit: (inout Agreement) -> Void) { var a = base; edit(&a); changes.append(a) }
        changed { $0.version = 2 }
        changed { $0.title += "." }
        changed { $0.validFrom = date("2026-04-02") }
        changed { $0.validUntil = date("2028-03-30") }
        changed { $0.relay = nil }
        changed { $0.parties[3].status = .revoked }
        changed { $0.parties[3].role = .youthJustice }
        changed { $0.parties[3].card = Fixture.outsider.card }
        changed { $0.parties.removeLast() }
        changed { $0.purposes[0].name += " " }
        changed { $0.purposes[0].lawfulBases.removeLast() }
        changed { $0.purposes[0].recipients[2].fields.removeLast() }
        changed { $0.purposes[0].recipients.removeLast() }
        changed { $0.purposes.removeLast() }
        let all = [base.canonicalBytes] + changes.map(\.canonicalBytes)
        #expect(Set(all).count == all.count)
    }
}
