import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostSodium

/// THREATS.md row 5: a sender whose key is unknown, revoked or out of date under the agreement is
/// rejected with the reason.
@Suite("Senders trusted by the agreement")
struct AgreementSendersTests {
    let agreement = Fixture.agreement(revoked: [Fixture.health.agencyID])
    let today = date("2026-11-21")

    /// A manifest as `sender` would write it, with its agency and box key unless told otherwise.
    func manifest(from sender: Identity, agency: String? = nil, boxKey: X25519.PublicKey? = nil) -> Manifest {
        Manifest(senderSigningKey: sender.signingKey.publicKey, senderBoxKey: boxKey ?? sender.boxKey.publicKey,
                 senderAgency: agency ?? sender.agencyID, messageID: [UInt8](repeating: 7, count: 16), createdAt: 1_790_000_000,
                 contentType: "application/json", recipients: [Fixture.csc.boxKeyID])
    }

    func reason(_ trust: SenderTrust) -> String? {
        if case .untrusted(let reason) = trust { return reason }
        return nil
    }

    @Test("an active party, with its own key, agency and box key, within the dates, is trusted")
    func activeParty() {
        let senders = AgreementSenders(agreement: agreement, today: today)
        for identity in [Fixture.school, Fixture.csc, Fixture.mash, Fixture.police, Fixture.relay] {
            #expect(senders.trust(for: manifest(from: identity)) == .trusted)
        }
    }

    @Test("an unknown key is untrusted, whatever agency it claims")
    func unknownKey() {
        let senders = AgreementSenders(agreement: agreement, today: today)
        for claimed in ["outsider", Fixture.school.agencyID] {
            let r = reason(senders.trust(for: manifest(from: Fixture.outsider, agency: claimed)))
            #expect(r == "the sender's key belongs to no party of agreement kingsbridge-dsa version 1")
        }
        // The school's old key, after its card was replaced in a new edition.
        var rekeyed = agreement
        rekeyed.parties[0] = AgreementParty(card: fixedIdentity(Fixture.school.agencyID, Fixture.school.name, seed: 31).card, role: .school)
        #expect(reason(AgreementSenders(agreement: rekeyed, today: today).trust(for: manifest(from: Fixture.school)))?.contains("belongs to no party") == true)
    }

    @Test("a revoked party is untrusted")
    func revokedParty() {
        let r = reason(AgreementSenders(agreement: agreement, today: today).trust(for: manifest(from: Fixture.health)))
        #expect(r == "health-0-19 is revoked in agreement kingsbridge-dsa version 1")
    }

    @Test("a key claiming another party's agency is untrusted")
    func agencyMismatch() {
        let r = reason(AgreementSenders(agreement: agreement, today: today).trust(for: manifest(from: Fixture.school, agency: Fixture.police.agencyID)))
        #expect(r == "the envelope claims agency police-cait but the key belongs to school-st-annes")
    }

    @Test("a party's signing key with a box key the agreement does not list is untrusted")
    func boxKeyMismatch() {
        let r = reason(AgreementSenders(agreement: agreement, today: today).trust(for: manifest(from: Fixture.school, boxKey: Fixture.outsider.boxKey.publicKey)))
        #expect(r == "the envelope names an encryption key for school-st-annes that differs from the agreement's")
    }

    @Test("outside the validity dates nobody is trusted; both ends are included")
    func validityDates() {
        for day in ["2026-03-31", "2028-04-01", "1999-01-01"] {
            let r = reason(AgreementSenders(agreement: agreement, today: date(day)).trust(for: manifest(from: Fixture.school)))
            #expect(r == "agreement kingsbridge-dsa is valid from 2026-04-01 to 2028-03-31, not on \(day)")
        }
        for day in ["2026-04-01", "2028-03-31", "2027-02-28"] {
            #expect(AgreementSenders(agreement: agreement, today: date(day)).trust(for: manifest(from: Fixture.school)) == .trusted)
        }
    }

    @Test("end to end: the opener refuses an envelope from a revoked party with the reason, and opens one from an active party")
    func throughTheOpener() throws {
        let record = Array(#"{"id":"rec-1"}"#.utf8)
        let opener = EnvelopeOpener(identity: Fixture.csc, senders: AgreementSenders(agreement: agreement, today: today))
        let fromSchool = try EnvelopeSealer(sender: Fixture.school).seal(record, recipients: [Fixture.csc.boxKey.publicKey], createdAt: 1).envelope
        #expect(try opener.open(fromSchool).content == record)

        let fromHealth = try EnvelopeSealer(sender: Fixture.health).seal(record, recipients: [Fixture.csc.boxKey.publicKey], createdAt: 1).envelope
        do {
            _ = try opener.open(fromHealth)
            Issue.record("an envelope from a revoked party opened")
        } catch {
            guard case .envelope(let e) = error else { Issue.record("\(error)"); return }
            #expect(e.category == .senderUnknown)
            #expect(e.detail == "health-0-19 is revoked in agreement kingsbridge-dsa version 1")
        }
    }

    @Test("today's date in UTC from Unix seconds")
    func todayFromClock() {
        #expect(CalendarDate.today(now: 0).description == "1970-01-01")
        #expect(CalendarDate.today(now: 86_399.9).description == "1970-01-01")
        #expect(CalendarDate.today(now: 951_782_400).description == "2000-02-29")
        #expect(CalendarDate.today(now: 1_700_000_000).description == "2023-11-14")
        #expect(CalendarDate.today(now: 1_798_761_599).description == "2026-12-31")
        #expect(CalendarDate.today(now: 1_798_761_600).description == "2027-01-01")
    }
}
