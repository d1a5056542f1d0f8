import Foundation
import Testing

/// `sealpost agreement`, driven through the built binary.
@Suite(.serialized) struct AgreementCLITests {
    func bytes(_ cli: CLI, _ name: String) -> Data? { FileManager.default.contents(atPath: cli.path(name)) }

    /// Two homes (children's social care and police) with cards beside them.
    func twoHomes() throws -> CLI {
        let cli = try CLI()
        try cli.makeIdentity("csc", agency: "test-csc", name: "Test Children's Social Care")
        try cli.makeIdentity("police", agency: "test-police", name: "Test Police CAIT")
        return cli
    }

    /// A draft with both parties and one purpose.
    func draft(_ cli: CLI, _ file: String = "ag.json") throws {
        let created = try cli.run(["agreement", "create", "--id", "test-dsa", "--title", "Test partnership agreement",
                                   "--valid-from", "2026-04-01", "--valid-until", "2028-03-31", "-o", cli.path(file)])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.out == "wrote draft agreement test-dsa version 1 to \(cli.path(file))\n")
        for (home, role) in [("csc", "childrens_social_care"), ("police", "police")] {
            let added = try cli.run(["agreement", "add-party", cli.path(file), "--card", cli.path("\(home).card.json"), "--role", role])
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.out.contains("is a party as \(role), active"))
        }
        let purpose = try cli.run(["agreement", "add-purpose", cli.path(file), "--id", "child_protection_enquiry_s47",
                                   "--name", "Child protection enquiry (Children Act 1989 s47)", "--lawful-basis", "public_task",
                                   "--lawful-basis", "legal_obligation",
                                   "--recipient", "childrens_social_care=subject,household,narrative,concern",
                                   "--recipient", "police=subject.name, subject.dob,narrative"])
        #expect(purpose.status == 0, "\(purpose.stderr)")
        #expect(purpose.out == "added purpose child_protection_enquiry_s47 for childrens_social_care, police\n")
    }

    @Test func draftSignVerifyInstallShow() throws {
        let cli = try twoHomes(); defer { cli.remove() }
        try draft(cli)

        // Nobody has signed: verify fails and lists both.
        var verify = try cli.run(["agreement", "verify", cli.path("ag.json")])
        #expect(verify.status == 1)
        #expect(verify.stderr.hasPrefix("sealpost: error: the agreement is not in force: missing signatures from test-csc, test-police\n"))
        #expect(verify.stderr.contains("sealpost: hint: each listed party signs with: sealpost agreement sign"))
        #expect(verify.out.contains("test-csc") && verify.out.contains("NOT SIGNED"))

        var signed = try cli.run(["agreement", "sign", "--home", cli.path("csc"), cli.path("ag.json")])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.out == "signed agreement test-dsa version 1 as test-csc\nstill to sign: test-police\n")
        verify = try cli.run(["agreement", "verify", cli.path("ag.json")])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("missing signatures from test-police\n"))
        #expect(verify.out.contains("childrens_social_care  signed"))

        // Installing before everyone has signed is refused.
        let early = try cli.run(["agreement", "install", "--home", cli.path("csc"), cli.path("ag.json")])
        #expect(early.status == 1)
        #expect(early.stderr.contains("is not in force: not yet signed by test-police"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("csc/agreement.json")))

        signed = try cli.run(["agreement", "sign", "--home", cli.path("police"), cli.path("ag.json")])
        #expect(signed.out.hasSuffix("every active party has signed\n"))
        verify = try cli.run(["agreement", "verify", cli.path("ag.json")])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.out.hasSuffix("in force once installed: every active party has signed\n"))

        let install = try cli.run(["agreement", "install", "--home", cli.path("csc"), cli.path("ag.json")])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.out == "agreement test-dsa version 1 is now in force in \(cli.path("csc"))\n")
        #expect(bytes(cli, "csc/agreement.json") == bytes(cli, "ag.json"))
        let again = try cli.run(["agreement", "install", "--home", cli.path("csc"), cli.path("ag.json")])
        #expect(again.out == "agreement test-dsa version 1 is already in force\n")

        // show, of the installed agreement and of a file.
        let show = try cli.run(["agreement", "show", "--home", cli.path("csc")])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.out.hasPrefix("Test partnership agreement\nid test-dsa, version 1, valid 2026-04-01 to 2028-03-31\n"))
        #expect(show.out.contains("  test-csc — Test Children's Social Care — childrens_social_care, active\n"))
        #expect(show.out.contains("  child_protection_enquiry_s47 — Child protection enquiry (Children Act 1989 s47); lawful bases: public_task, legal_obligation\n"))
        #expect(show.out.contains("    childrens_social_care: subject, household, narrative, concern\n"))
        #expect(show.out.contains("    police: subject.name, subject.dob, narrative\n"))
        #expect(show.out.hasSuffix("signatures: 2 valid\n"))
        #expect(try cli.run(["agreement", "show", cli.path("ag.json")]).out == show.out)
        let none = try cli.run(["agreement", "show", "--home", cli.path("police")])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no agreement is installed in"))
    }

    @Test func nextVersionAndRollback() throws {
        let cli = try twoHomes(); defer { cli.remove() }
        try draft(cli)
        for home in ["csc", "police"] { #expect(try cli.run(["agreement", "sign", "--home", cli.path(home), cli.path("ag.json")]).status == 0) }
        #expect(try cli.run(["agreement", "install", "--home", cli.path("police"), cli.path("ag.json")]).status == 0)

        // Version 2 from version 1: same parties and purposes, no signatures.
        let next = try cli.run(["agreement", "create", "--from", cli.path("ag.json"), "--valid-from", "2026-04-01",
                                "--valid-until", "2029-03-31", "-o", cli.path("ag2.json")])
        #expect(next.out == "wrote draft agreement test-dsa version 2 to \(cli.path("ag2.json"))\n")
        let unsigned = try cli.run(["agreement", "install", "--home", cli.path("police"), cli.path("ag2.json")])
        #expect(unsigned.status == 1)
        for home in ["csc", "police"] { #expect(try cli.run(["agreement", "sign", "--home", cli.path(home), cli.path("ag2.json")]).status == 0) }
        #expect(try cli.run(["agreement", "install", "--home", cli.path("police"), cli.path("ag2.json")]).status == 0)
        #expect(bytes(cli, "police/agreement.json") == bytes(cli, "ag2.json"))

        // Rolling back to version 1 is refused; version 2 stays.
        let rollback = try cli.run(["agreement", "install", "--home", cli.path("police"), cli.path("ag.json")])
        #expect(rollback.status == 1)
        #expect(rollback.stderr == "sealpost: error: refusing to roll agreement test-dsa back from version 2 to 1\nsealpost: hint: version 2 stays in force\n")
        #expect(bytes(cli, "police/agreement.json") == bytes(cli, "ag2.json"))

        // An edited copy of version 2 fails verify and install.
        let text = String(decoding: bytes(cli, "ag2.json")!, as: UTF8.self)
        let edited = text.replacingOccurrences(of: "\"valid_until\": \"2029-03-31\"", with: "\"valid_until\": \"2035-03-31\"")
        #expect(edited != text)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: cli.path("ag2-edited.json")))
        let verify = try cli.run(["agreement", "verify", cli.path("ag2-edited.json")])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("invalid signatures from test-csc, test-police"))
        #expect(verify.stderr.contains("never install this one"))
        #expect(verify.out.contains("SIGNATURE INVALID"))
        let install = try cli.run(["agreement", "install", "--home", cli.path("police"), cli.path("ag2-edited.json")])
        #expect(install.status == 1)
        #expect(install.stderr.contains("has signatures that do not verify"))
        #expect(bytes(cli, "police/agreement.json") == bytes(cli, "ag2.json"))

        // Any change to a signed draft drops the signatures, and says so.
        let revoke = try cli.run(["agreement", "add-party", cli.path("ag2.json"), "--card", cli.path("police.card.json"),
                                  "--role", "police", "--status", "revoked", "--replace"])
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(revoke.out.contains("its 2 signatures were removed"))
    }

    @Test func refusalsLeaveTheDraftAlone() throws {
        let cli = try twoHomes(); defer { cli.remove() }
        try draft(cli)
        let before = bytes(cli, "ag.json")
        let cases: [([String], String)] = [
            (["add-purpose", cli.path("ag.json"), "--id", "S47 Enquiry", "--name", "x", "--lawful-basis", "public_task", "--recipient", "police=narrative"],
             "sealpost: error: $.purposes[1].id: must be 1-64 of a-z 0-9 - _ ."),
            (["add-purpose", cli.path("ag.json"), "--id", "relay", "--name", "x", "--lawful-basis", "public_task", "--recipient", "relay_operator=narrative"],
             "the relay operator never receives records"),
            (["add-purpose", cli.path("ag.json"), "--id", "p", "--name", "x", "--lawful-basis", "public_task", "--recipient", "police=narrative", "--recipient", "police=id"],
             "names a role already listed"),
            (["add-purpose", cli.path("ag.json"), "--id", "p", "--name", "x", "--lawful-basis", "public_interest", "--recipient", "police=narrative"],
             "unknown lawful basis public_interest"),
            (["add-purpose", cli.path("ag.json"), "--id", "p", "--name", "x", "--lawful-basis", "public_task", "--recipient", "police=subject.postcode"],
             "subject.postcode is not a record field path"),
            (["add-purpose", cli.path("ag.json"), "--id", "p", "--name", "x", "--lawful-basis", "public_task", "--recipient", "constable=narrative"],
             "is not ROLE=FIELD,FIELD"),
            (["add-purpose", cli.path("ag.json"), "--id", "child_protection_enquiry_s47", "--name", "x", "--lawful-basis", "public_task", "--recipient", "police=narrative"],
             "purpose child_protection_enquiry_s47 already exists"),
            (["add-party", cli.path("ag.json"), "--card", cli.path("csc.card.json"), "--role", "childrens_social_care"],
             "test-csc is already a party"),
            (["add-party", cli.path("ag.json"), "--card", cli.path("csc.card.json"), "--role", "social_care"],
             "unknown role social_care"),
            (["create", "--id", "x", "--title", "x", "--valid-from", "2026-13-01", "--valid-until", "2027-01-01", "-o", cli.path("ag.json")],
             "--valid-from 2026-13-01 is not a date"),
            (["create", "--id", "x", "--title", "x", "--valid-from", "2027-01-01", "--valid-until", "2026-01-01", "-o", cli.path("ag.json")],
             "valid_until: is before valid_from"),
        ]
        for (arguments, phrase) in cases {
            let r = try cli.run(["agreement"] + arguments)
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr.contains(phrase), "\(r.stderr)")
            #expect(bytes(cli, "ag.json") == before, "\(arguments) changed the draft")
        }
        // The draft still reads.
        #expect(try cli.run(["agreement", "show", cli.path("ag.json")]).status == 0)
    }

    @Test func onlyPartiesSignAndInstall() throws {
        let cli = try twoHomes(); defer { cli.remove() }
        try cli.makeIdentity("outsider", agency: "test-outsider", name: "Not A Party")
        try draft(cli)
        let sign = try cli.run(["agreement", "sign", "--home", cli.path("outsider"), cli.path("ag.json")])
        #expect(sign.status == 1)
        #expect(sign.stderr.contains("test-outsider is not a party to agreement test-dsa"))
        for home in ["csc", "police"] { #expect(try cli.run(["agreement", "sign", "--home", cli.path(home), cli.path("ag.json")]).status == 0) }
        let install = try cli.run(["agreement", "install", "--home", cli.path("outsider"), cli.path("ag.json")])
        #expect(install.status == 1)
        #expect(install.stderr.contains("test-outsider is not a party to agreement test-dsa"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("outsider/agreement.json")))
        // A wrong passphrase signs nothing.
        let wrong = try cli.run(["agreement", "sign", "--home", cli.path("csc"), cli.path("ag.json")], environment: ["SEALPOST_PASSPHRASE": "not it"])
        #expect(wrong.status == 1)
    }
}
