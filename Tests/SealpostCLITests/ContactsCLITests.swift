import Foundation
import Testing

/// Issue 11 §4: `seal --to` took only card files. An imported contact's agency id now names it; a
/// card for an agency already known under other keys is refused unless `import-card --replace`,
/// which is logged (`card_replaced`) before the new card is written.
@Suite(.serialized) struct ContactsCLITests {
    @Test func sealToAnImportedAgencyByItsID() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        try cli.makeIdentity("mash", agency: "mash-b", name: "MASH B")
        let content = Data("a referral".utf8)

        let unknown = try cli.run(["seal", "--home", cli.path("school"), "--to", "mash-b"], input: content)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("--to mash-b is neither a card file nor an agency imported into"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("hint: import its card once with: sealpost import-card FILE"))

        #expect(try cli.run(["import-card", "--home", cli.path("school"), cli.path("mash.card.json")]).status == 0)
        #expect(try cli.run(["import-card", "--home", cli.path("mash"), cli.path("school.card.json")]).status == 0)
        let sealed = try cli.run(["seal", "--home", cli.path("school"), "--to", "mash-b"], input: content)
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let opened = try cli.run(["open", "--home", cli.path("mash")], input: sealed.stdout)
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout == content)
        // A card file still works, and the two forms mix.
        let both = try cli.run(["seal", "--home", cli.path("school"), "--to", "mash-b", "--to", cli.path("school.card.json")], input: content)
        #expect(both.status == 0, "\(both.stderr)")
    }

    @Test func aCardWithOtherKeysIsRefusedUnlessReplacedAndTheReplacementIsLogged() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        try cli.makeIdentity("mash", agency: "mash-b", name: "MASH B")
        try cli.makeIdentity("impostor", agency: "mash-b", name: "MASH B")
        #expect(try cli.run(["import-card", "--home", cli.path("school"), cli.path("mash.card.json")]).status == 0)
        let oldFingerprint = try #require(try cli.run(["whoami", "--home", cli.path("mash")]).out
            .split(separator: "\n").first { $0.hasPrefix("fingerprint:") }).split(separator: ":")[1].trimmingCharacters(in: .whitespaces)
        let stored = try Data(contentsOf: URL(fileURLWithPath: cli.path("school/contacts/mash-b.card.json")))

        let refused = try cli.run(["import-card", "--home", cli.path("school"), cli.path("impostor.card.json")])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("mash-b is already known under other keys (fingerprint \(oldFingerprint))"), "\(refused.stderr)")
        #expect(refused.stderr.contains("hint: compare the new fingerprint with mash-b by phone"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("school/contacts/mash-b.card.json"))) == stored)
        #expect(try cli.run(["log", "--home", cli.path("school")]).stderr.contains("there is no receipt log"), "a refusal logs nothing")

        // Re-importing the same card is not a replacement and needs no passphrase.
        let same = try cli.run(["import-card", "--home", cli.path("school"), cli.path("mash.card.json")], environment: ["SEALPOST_PASSPHRASE": ""])
        #expect(same.status == 0, "\(same.stderr)")

        let replaced = try cli.run(["import-card", "--replace", "--home", cli.path("school"), cli.path("impostor.card.json")])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stderr.contains("recorded in the receipt log: the card of mash-b replaced"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("school/contacts/mash-b.card.json")))
                == Data(contentsOf: URL(fileURLWithPath: cli.path("impostor.card.json"))))

        let log = try cli.run(["log", "--home", cli.path("school"), "--json"])
        #expect(log.status == 0, "\(log.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: log.stdout) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["kind"] as? String == "card_replaced")
        #expect(entries.first?["counterparts"] as? [String] == ["mash-b"])
        let shown = try cli.run(["log", "show", "1", "--home", cli.path("school")])
        #expect(shown.out.contains("\"old_fingerprint\" : \"\(oldFingerprint)\"") || shown.out.contains("\"old_fingerprint\": \"\(oldFingerprint)\""),
                "\(shown.out)")
        #expect(shown.out.contains("\"kind\" : \"card_replaced\"") || shown.out.contains("\"kind\": \"card_replaced\""))
        let verified = try cli.run(["log", "verify", "--home", cli.path("school")])
        #expect(verified.status == 0, "\(verified.out)\(verified.stderr)")
    }

    @Test func aCardContradictingTheAgreementInForceIsRefused() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        try cli.makeIdentity("mash", agency: "mash-b", name: "MASH B")
        try cli.makeIdentity("impostor", agency: "mash-b", name: "MASH B")
        let ag = cli.path("ag.json")
        #expect(try cli.run(["agreement", "create", "--id", "t", "--title", "T", "--valid-from", AgreementExpiryCLITests.day(-1),
                             "--valid-until", AgreementExpiryCLITests.day(100), "-o", ag]).status == 0)
        for (home, role) in [("school", "school"), ("mash", "mash")] {
            #expect(try cli.run(["agreement", "add-party", ag, "--card", cli.path("\(home).card.json"), "--role", role]).status == 0)
        }
        for home in ["school", "mash"] { #expect(try cli.run(["agreement", "sign", "--home", cli.path(home), ag]).status == 0) }
        #expect(try cli.run(["agreement", "install", "--home", cli.path("school"), ag]).status == 0)

        for extra in [[], ["--replace"]] {
            let refused = try cli.run(["import-card", "--home", cli.path("school"), cli.path("impostor.card.json")] + extra)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("mash-b is listed in the agreement in force with other keys"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.path("school/contacts/mash-b.card.json")))
        }
        // Without importing anything, a party to the agreement in force is named by its id.
        let sealed = try cli.run(["seal", "--home", cli.path("school"), "--to", "mash-b"], input: Data("x".utf8))
        #expect(sealed.status == 0, "\(sealed.stderr)")
        #expect(try cli.run(["open", "--home", cli.path("mash"), "--from", cli.path("school.card.json")], input: sealed.stdout).stdout
                == Data("x".utf8))
        // The card the agreement lists imports as usual.
        #expect(try cli.run(["import-card", "--home", cli.path("school"), cli.path("mash.card.json")]).status == 0)
    }
}
