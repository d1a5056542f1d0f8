import Foundation
import Testing

/// Issue 11 §4: a one-character passphrase was accepted for a key that protects child-protection
/// records. A new passphrase needs 12 characters (or the prompt's suggestion of six random words),
/// the prompt asks again after a typo (3 tries), and `sealpost passphrase change` re-encrypts the key file.
@Suite(.serialized) struct PassphraseCLITests {
    func initArguments(_ cli: CLI, _ home: String) -> [String] {
        ["init", "--home", cli.path(home), "--agency", "school-a", "--name", "School A", "--kdf", "interactive"]
    }

    /// Unlocks `home` with `passphrase` by sealing a few bytes to its own card.
    func unlocks(_ cli: CLI, _ home: String, _ passphrase: String) throws -> Bool {
        let r = try cli.run(["seal", "--home", cli.path(home), "--to", cli.path("\(home)/identity.card.json")],
                            input: Data("x".utf8), environment: ["SEALPOST_PASSPHRASE": passphrase])
        return r.status == 0
    }

    @Test func aShortPassphraseIsRefusedFromEverySource() throws {
        let cli = try CLI(); defer { cli.remove() }
        let short = try cli.run(initArguments(cli, "h"), environment: ["SEALPOST_PASSPHRASE": "eleven char"])
        #expect(short.status == 1)
        #expect(short.stderr.contains("sealpost: error: the new passphrase is too short: it needs at least 12 characters"), "\(short.stderr)")
        #expect(short.stderr.contains("sealpost: hint: choose several unrelated words"))
        #expect(!short.stderr.contains("eleven char"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("h/identity.key")), "nothing is created")
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: cli.path("pass")))
        let fromFile = try cli.run(initArguments(cli, "h") + ["--passphrase-file", cli.path("pass")])
        #expect(fromFile.status == 1 && fromFile.stderr.contains("too short"))
        // Twelve characters, counted as characters rather than bytes, are enough.
        let twelve = try cli.run(initArguments(cli, "h"), environment: ["SEALPOST_PASSPHRASE": "éléphant 12!"])
        #expect(twelve.status == 0, "\(twelve.stderr)")
    }

    @Test func thePromptAsksAgainAfterATypoAndATooShortPassphrase() throws {
        let cli = try CLI(); defer { cli.remove() }
        let chosen = "a long enough passphrase"
        let r = try TerminalDriver.run(cli, initArguments(cli, "h"), steps: [
            .init(expect: "(Enter alone takes the suggestion)", type: "short"),
            .init(expect: "Try again (2 more tries)", type: chosen),
            .init(expect: "Repeat the passphrase:", type: chosen + "x"),
            .init(expect: "The two passphrases differ. Try again (1 more try)", type: chosen),
            .init(expect: "Repeat the passphrase:", type: chosen),
        ])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.transcript.contains("That passphrase is too short: it needs at least 12 characters"))
        #expect(!r.transcript.contains(chosen), "the passphrase is never echoed")
        #expect(try unlocks(cli, "h", chosen))
    }

    @Test func threeMistakesEndTheCommandAndCreateNothing() throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try TerminalDriver.run(cli, initArguments(cli, "h"), steps: [
            .init(expect: "(Enter alone takes the suggestion)", type: "one long passphrase"),
            .init(expect: "Repeat the passphrase:", type: "another one"),
            .init(expect: "(Enter alone takes the suggestion)", type: "tiny"),
            .init(expect: "(Enter alone takes the suggestion)", type: "one long passphrase"),
            .init(expect: "Repeat the passphrase:", type: "one long passphrasf"),
        ])
        #expect(r.status == 1)
        #expect(r.transcript.contains("sealpost: error: no new passphrase after 3 tries: the two passphrases differ"), "\(r.transcript)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("h/identity.key")))
    }

    @Test func enterAloneTakesTheSuggestion() throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try TerminalDriver.run(cli, initArguments(cli, "h"), steps: [
            .init(expect: "(Enter alone takes the suggestion)", type: ""),
            .init(expect: "Repeat the passphrase:", type: "{suggestion}"),
        ])
        #expect(r.status == 0, "\(r.transcript)")
        let offer = try #require(r.transcript.split(whereSeparator: \.isNewline).first { $0.contains("somewhere safe): ") })
        let words = offer.split(separator: "): ", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
        #expect(words.split(separator: " ").count == 6)
        #expect(try unlocks(cli, "h", String(words)))
    }

    @Test func changeRewrapsTheKeyFileAndLeavesPractitionersAlone() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("h", agency: "school-a", name: "School A")
        let add = try cli.run(["user", "add", "--home", cli.path("h"), "--name", "Ann Smith", "--role", "DSL", "--kdf", "interactive"],
                              environment: ["SEALPOST_USER_PASSPHRASE": "ann's own passphrase"])
        #expect(add.status == 0, "\(add.stderr)")
        let slots = try FileManager.default.contentsOfDirectory(atPath: cli.path("h/practitioners")).filter { $0.hasSuffix(".key") }
        let slot = try Data(contentsOf: URL(fileURLWithPath: cli.path("h/practitioners/\(slots[0])")))
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.path("h/identity.key")))

        // Too short: refused, nothing changed.
        let weak = try cli.run(["passphrase", "change", "--home", cli.path("h")], environment: ["SEALPOST_NEW_PASSPHRASE": "short"])
        #expect(weak.status == 1 && weak.stderr.contains("too short"), "\(weak.stderr)")
        // The wrong current passphrase: refused, nothing changed.
        let wrong = try cli.run(["passphrase", "change", "--home", cli.path("h")],
                                environment: ["SEALPOST_PASSPHRASE": "not the passphrase", "SEALPOST_NEW_PASSPHRASE": "the new agency passphrase"])
        #expect(wrong.status == 1 && wrong.stderr.contains("wrong passphrase"), "\(wrong.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("h/identity.key"))) == before)

        try Data("the new agency passphrase\n".utf8).write(to: URL(fileURLWithPath: cli.path("new")))
        let changed = try cli.run(["passphrase", "change", "--home", cli.path("h"), "--new-passphrase-file", cli.path("new")])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.out.contains("Changed the passphrase of \(cli.path("h"))"))
        #expect(changed.out.contains("1 practitioner keeps their own passphrase"))
        #expect(!(changed.out + changed.stderr).contains("the new agency passphrase"))

        #expect(try !unlocks(cli, "h", cli.passphrase), "the old passphrase no longer unlocks the keys")
        #expect(try unlocks(cli, "h", "the new agency passphrase"))
        let after = try Data(contentsOf: URL(fileURLWithPath: cli.path("h/identity.key")))
        #expect(after != before)
        #expect(after.prefix(24) == before.prefix(24), "same format and Argon2id cost")
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.path("h/identity.key"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("h/practitioners/\(slots[0])"))) == slot, "the slot is untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.path("h")).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        // The card (public keys) is the same, so the partnership's agreement still names this agency.
        #expect(try cli.run(["whoami", "--home", cli.path("h")]).out.contains("school-a"))
    }
}
