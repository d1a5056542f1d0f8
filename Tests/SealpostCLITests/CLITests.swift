import Foundation
import Testing

/// The `sealpost` command line, driven through the built binary.
@Suite(.serialized) struct CLITests {
    @Test("--help prints usage and exits 0, for the root, a subcommand and `help SUBCOMMAND`, in both executables")
    func helpIsHelp() throws {
        let cli = try CLI(); defer { cli.remove() }
        for (program, arguments) in [("sealpost", ["--help"]), ("sealpost", ["send", "--help"]), ("sealpost", ["help", "web"]),
                                     ("sealpost", ["log", "verify", "--help"]), ("sealpost-relay", ["serve", "--help"])] {
            let result = try cli.run(arguments, program: program)
            #expect(result.status == 0, "\(program) \(arguments): \(result.stderr)")
            #expect(result.out.contains("USAGE:"), "\(program) \(arguments): \(result.out)")
            #expect(!result.stderr.contains("error"), "\(program) \(arguments): \(result.stderr)")
        }
        let usage = try cli.run(["whoami", "--no-such-option"])
        #expect(usage.status == 64 && usage.stderr.contains("--no-such-option"), "a usage error says which option: \(usage.stderr)")
    }

    @Test func initWhoamiAndExportCard() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-st-annes", name: "St Anne's School")
        let who = try cli.run(["whoami", "--home", cli.path("school")])
        #expect(who.status == 0)
        #expect(who.out.contains("agency:         school-st-annes"))
        #expect(who.out.contains("fingerprint:"))
        let card = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: cli.path("school.card.json")))) as? [String: Any]
        #expect(card?["agency_id"] as? String == "school-st-annes")
        #expect((card?["box_key"] as? String)?.count == 64)
        let printed = try cli.run(["export-card", "--home", cli.path("school")])
        #expect(printed.stdout == (try Data(contentsOf: URL(fileURLWithPath: cli.path("school.card.json")))))

        // The key file is private and encrypted: the passphrase-derived key never appears in it.
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.path("school/identity.key"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // An identity is never overwritten.
        let again = try cli.run(["init", "--home", cli.path("school"), "--agency", "other", "--name", "Other", "--kdf", "interactive"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already holds an identity"))
    }

    @Test func initRejectsBadAgencyWithAHint() throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["init", "--home", cli.path("x"), "--agency", "no spaces please", "--name", "X", "--kdf", "interactive"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("sealpost: error: agency id"))
        #expect(r.stderr.contains("sealpost: hint:"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("x/identity.key")))
    }

    @Test func sealAndOpenFilesAndPipes() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        try cli.makeIdentity("mash", agency: "mash-b", name: "MASH B")
        let content = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        try content.write(to: URL(fileURLWithPath: cli.path("record.bin")))

        let sealed = try cli.run(["seal", "--home", cli.path("school"), "--to", cli.path("mash.card.json"),
                                  "--output", cli.path("record.sealed"), cli.path("record.bin")])
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let opened = try cli.run(["open", "--home", cli.path("mash"), "--from", cli.path("school.card.json"),
                                  "--output", cli.path("record.out"), cli.path("record.sealed")])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("record.out"))) == content)
        #expect(opened.stderr.contains("from school-a"))

        // Pipes: seal from standard input to standard output, open from standard input to standard output.
        let piped = try cli.run(["seal", "--home", cli.path("school"), "--to", cli.path("mash.card.json")], input: content)
        #expect(piped.status == 0)
        let back = try cli.run(["open", "--home", cli.path("mash"), "--from", cli.path("school.card.json"), "-"], input: piped.stdout)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout == content)

        // After import-card, --from is no longer needed.
        #expect(try cli.run(["import-card", "--home", cli.path("mash"), cli.path("school.card.json")]).status == 0)
        let trusted = try cli.run(["open", "--home", cli.path("mash")], input: piped.stdout)
        #expect(trusted.stdout == content)
    }

    @Test func failuresExitNonZeroAndLeaveNoOutput() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        try cli.makeIdentity("mash", agency: "mash-b", name: "MASH B")
        try cli.makeIdentity("police", agency: "police-c", name: "Police C")
        let secret = "Jayden told his teacher about the bruise"
        try Data(secret.utf8).write(to: URL(fileURLWithPath: cli.path("record.txt")))
        #expect(try cli.run(["seal", "--home", cli.path("school"), "--to", cli.path("mash.card.json"),
                             "--output", cli.path("record.sealed"), cli.path("record.txt")]).status == 0)
        var envelope = try Data(contentsOf: URL(fileURLWithPath: cli.path("record.sealed")))

        // Not addressed to the police.
        let police = try cli.run(["open", "--home", cli.path("police"), "--from", cli.path("school.card.json"),
                                  "--output", cli.path("police.out"), cli.path("record.sealed")])
        #expect(police.status == 1)
        #expect(police.stderr.contains("not sealed to your identity"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("police.out")))

        // Sender not trusted.
        let unknown = try cli.run(["open", "--home", cli.path("mash"), "--output", cli.path("u.out"), cli.path("record.sealed")])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("not trusted"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("u.out")))

        // Tampered payload: nothing on standard output, no file, and the error carries no content.
        envelope[envelope.count - 10] ^= 1
        let tampered = try cli.run(["open", "--home", cli.path("mash"), "--from", cli.path("school.card.json")], input: envelope)
        #expect(tampered.status == 1)
        #expect(tampered.stdout.isEmpty)
        #expect(tampered.stderr.contains("could not be authenticated"))
        #expect(!tampered.stderr.contains("Jayden"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.path("mash")).filter { $0.hasPrefix(".open") }
        #expect(leftovers.isEmpty)

        // Wrong passphrase: a generic failure that does not echo the passphrase.
        let wrong = try cli.run(["open", "--home", cli.path("mash"), "--from", cli.path("school.card.json"), cli.path("record.sealed")],
                                environment: ["SEALPOST_PASSPHRASE": "not the passphrase"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("wrong passphrase or damaged key file"))
        #expect(!wrong.stderr.contains("not the passphrase"))
        #expect(!wrong.stderr.contains(cli.passphrase))

        // A missing or malformed card names the file.
        try Data("{\"agency_id\": 5}".utf8).write(to: URL(fileURLWithPath: cli.path("bad.card.json")))
        let badCard = try cli.run(["seal", "--home", cli.path("school"), "--to", cli.path("bad.card.json"), cli.path("record.txt")])
        #expect(badCard.status == 1)
        #expect(badCard.stderr.contains("bad.card.json"))
    }

    @Test func passphraseFromFileAndNoTerminal() throws {
        let cli = try CLI(); defer { cli.remove() }
        try Data("from a file, long enough\n".utf8).write(to: URL(fileURLWithPath: cli.path("pass")))
        let made = try cli.run(["init", "--home", cli.path("h"), "--agency", "a", "--name", "A", "--kdf", "interactive",
                                "--passphrase-file", cli.path("pass")], environment: ["SEALPOST_PASSPHRASE": ""])
        #expect(made.status == 0, "\(made.stderr)")
        try cli.makeIdentity("peer", agency: "peer", name: "Peer")
        let withFile = try cli.run(["seal", "--home", cli.path("h"), "--passphrase-file", cli.path("pass"),
                                    "--to", cli.path("peer.card.json")], input: Data("x".utf8), environment: ["SEALPOST_PASSPHRASE": ""])
        #expect(withFile.status == 0, "\(withFile.stderr)")
        // No passphrase source and no terminal (setsid detaches it): say exactly what to do.
        let none = try cli.run(["--wait", CLI.binDirectory.appendingPathComponent("sealpost").path, "seal", "--home", cli.path("h"),
                                "--to", cli.path("peer.card.json")],
                               input: Data("x".utf8), environment: ["SEALPOST_PASSPHRASE": ""], program: "/usr/bin/setsid")
        #expect(none.status == 1)
        #expect(none.stderr.contains("--passphrase-file"))
    }

    @Test func publishedVectorsMatchTheirGenerator() throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["--check", CLI.packageRoot.appendingPathComponent("spec/vectors").path], program: "sealpost-vectors")
        #expect(r.status == 0, "\(r.out)\(r.stderr)")
        #expect(r.out.contains("match the generator"))
    }
}
