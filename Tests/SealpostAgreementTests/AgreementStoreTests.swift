import Foundation
import Testing
import SealpostAgreement
import SealpostCore
import SealpostRecord

/// THREATS.md row 20: an agreement rolled back to an older version, or whose signatures do not
/// verify, is refused, and the one in force stays in force, byte for byte.
@Suite("Installing an agreement")
struct AgreementStoreTests {
    let card = Fixture.csc.card

    /// A home holding `version` of the fixture agreement, fully signed.
    func home(holding version: Int64) throws -> (Home, AgreementStore) {
        let home = try temporaryHome()
        let store = AgreementStore(home: home)
        #expect(try store.install(Fixture.signed(Fixture.agreement(version: version)), as: card) == .installed)
        return (home, store)
    }

    /// Expects `candidate` to be refused with a message containing `phrase`, leaving the file as it was.
    func expectRefused(_ candidate: SignedAgreement, by store: AgreementStore, saying phrase: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = fileBytes(store.path)
        let error = agreementError({ try store.install(candidate, as: card) }, sourceLocation: sourceLocation)
        #expect(error?.message.contains(phrase) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        let unchanged = fileBytes(store.path) == before
        #expect(unchanged, "the installed file changed", sourceLocation: sourceLocation)
    }

    @Test("installing puts the exact signed file in force; a higher version replaces it")
    func installAndUpgrade() throws {
        let home = try temporaryHome(); defer { removeHome(home) }
        let store = AgreementStore(home: home)
        #expect(try store.current() == nil)
        let missing = agreementError { _ = try store.inForce() }
        #expect(missing?.message == "no agreement is installed in \(home.path)")
        #expect(missing?.hint?.contains("sealpost agreement install") == true)

        let v1 = Fixture.signed(Fixture.agreement(version: 1))
        #expect(try store.install(v1, as: card) == .installed)
        #expect(store.path == home.path + "/agreement.json")
        #expect(fileBytes(store.path) == v1.fileBytes)
        #expect(try store.inForce() == v1)

        // Version 3 (skipping 2 is allowed), which revokes the police.
        let v3 = Fixture.signed(Fixture.agreement(version: 3, revoked: [Fixture.police.agencyID]))
        #expect(try store.install(v3, as: card) == .installed)
        #expect(try store.inForce() == v3)
        #expect(fileBytes(store.path) == v3.fileBytes)
    }

    @Test("row 20: rolling back to an older version is refused and the current one stays in force")
    func rollback() throws {
        let (home, store) = try home(holding: 5); defer { removeHome(home) }
        let held = fileBytes(store.path)
        for version: Int64 in [4, 1] {
            try expectRefused(Fixture.signed(Fixture.agreement(version: version)), by: store,
                              saying: "refusing to roll agreement kingsbridge-dsa back from version 5 to \(version)")
        }
        let error = agreementError { try store.install(Fixture.signed(Fixture.agreement(version: 4)), as: card) }
        #expect(error?.hint == "version 5 stays in force")
        #expect(fileBytes(store.path) == held)
        #expect(try store.inForce().agreement.version == 5)
    }

    @Test("row 20: a forged or altered edition is refused and the current one stays in force")
    func forged() throws {
        let (home, store) = try home(holding: 1); defer { removeHome(home) }
        // Version 2, signed by everyone, then altered: the police get the narrative for s47... and more.
        var value = fileJSON(Fixture.signed(Fixture.agreement(version: 2)))
        value.set(at("agreement", "purposes", 0, "recipients", 2, "fields", 0), to: "narrative")
        let altered = try parse(JSONWriter().bytes(value))
        try expectRefused(altered, by: store, saying: "agreement kingsbridge-dsa version 2 has signatures that do not verify: ")
        // Signatures copied from version 1 onto version 2.
        var copied = fileJSON(Fixture.signed(Fixture.agreement(version: 2)))
        copied.set(at("signatures"), to: fileJSON(Fixture.signed(Fixture.agreement(version: 1)))["signatures"]!)
        try expectRefused(try parse(JSONWriter().bytes(copied)), by: store, saying: "has signatures that do not verify")
        #expect(try store.inForce() == Fixture.signed(Fixture.agreement(version: 1)))
    }

    @Test("row 20: an edition not every active party has signed is not in force, and not installed")
    func incomplete() throws {
        let (home, store) = try home(holding: 1); defer { removeHome(home) }
        let v2 = Fixture.agreement(version: 2)
        let partly = Fixture.signed(v2, by: [Fixture.school, Fixture.csc, Fixture.mash, Fixture.health])
        try expectRefused(partly, by: store, saying: "agreement kingsbridge-dsa version 2 is not in force: not yet signed by police-cait, relay-kingsbridge")
        try expectRefused(SignedAgreement(agreement: v2), by: store, saying: "not yet signed by school-st-annes, kingsbridge-csc")
        // Even the first install needs every signature.
        let empty = try temporaryHome(); defer { removeHome(empty) }
        let error = agreementError { try AgreementStore(home: empty).install(partly, as: card) }
        #expect(error?.message.contains("not yet signed by") == true)
        #expect(try AgreementStore(home: empty).current() == nil)
    }

    @Test("another agreement's id is refused")
    func differentID() throws {
        let (home, store) = try home(holding: 1); defer { removeHome(home) }
        var other = Fixture.agreement(version: 9)
        other.id = "elsewhere-dsa"
        try expectRefused(Fixture.signed(other), by: store, saying: "agreement kingsbridge-dsa is in force; this file is agreement elsewhere-dsa")
    }

    @Test("the same version with different bytes is refused; the same bytes are already installed")
    func sameVersion() throws {
        let (home, store) = try home(holding: 2); defer { removeHome(home) }
        let different = Fixture.signed(Fixture.agreement(version: 2, title: "Kingsbridge agreement, corrected"))
        try expectRefused(different, by: store, saying: "a different agreement kingsbridge-dsa version 2 is already in force")
        let held = fileBytes(store.path)
        #expect(try store.install(Fixture.signed(Fixture.agreement(version: 2)), as: card) == .alreadyInstalled)
        // The same document written differently (members reversed, signatures in another order) is the same edition.
        var value = fileJSON(Fixture.signed(Fixture.agreement(version: 2))).reversedMembers
        value.set(at("signatures"), to: .array(value["signatures"]!.arrayValue!.reversed()))
        #expect(try store.install(parse(JSONWriter().bytes(value)), as: card) == .alreadyInstalled)
        #expect(fileBytes(store.path) == held)
    }

    @Test("the installing home must be an active party holding its own card")
    func homeMustBeAnActiveParty() throws {
        let (home, store) = try home(holding: 1); defer { removeHome(home) }
        let v2 = Fixture.signed(Fixture.agreement(version: 2))
        let outsider = agreementError { try store.install(v2, as: Fixture.outsider.card) }
        #expect(outsider?.message == "outsider is not a party to agreement kingsbridge-dsa")

        // An edition that lists this home as revoked needs no signature from it, so anyone could
        // make one; it is refused.
        let revokingUs = Fixture.signed(Fixture.agreement(version: 2, revoked: [Fixture.csc.agencyID]))
        #expect(revokingUs.verify().isComplete)
        try expectRefused(revokingUs, by: store, saying: "kingsbridge-csc is revoked in agreement kingsbridge-dsa version 2, so this home cannot put it in force")

        // An attacker's edition: every real party revoked, the attacker active as police, and this
        // home listed under the attacker's card, which the attacker signs with.
        let fakeCSC = fixedIdentity(Fixture.csc.agencyID, Fixture.csc.name, seed: 66)
        let attacker = fixedIdentity("police-cait-2", "Police", seed: 67)
        var forged = Fixture.agreement(version: 99, revoked: Set(Fixture.everyone.map(\.agencyID)))
        forged.parties[1] = AgreementParty(card: fakeCSC.card, role: .childrensSocialCare)
        forged.parties.append(AgreementParty(card: attacker.card, role: .police))
        let signedByAttacker = Fixture.signed(forged, by: [fakeCSC, attacker])
        #expect(signedByAttacker.verify().isComplete)
        try expectRefused(signedByAttacker, by: store, saying: "lists a different card for kingsbridge-csc than this home's")
        #expect(try store.inForce().agreement.version == 1)
    }

    @Test("an installed file that no longer reads is reported, not silently replaced")
    func damagedInstalledFile() throws {
        let (home, store) = try home(holding: 1); defer { removeHome(home) }
        try Data("{\"agreement\": ".utf8).write(to: URL(fileURLWithPath: store.path))
        let error = agreementError { try store.install(Fixture.signed(Fixture.agreement(version: 2)), as: card) }
        #expect(error?.message.hasPrefix(store.path + ": ") == true)
        #expect(fileBytes(store.path) == Array("{\"agreement\": ".utf8))
    }
}
