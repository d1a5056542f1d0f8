import Foundation
import SealpostCore
import SealpostSodium
import Testing

/// `sealpost user add`, `list` and `remove` through the built binary, and the slots they leave
/// signed into through the library as the web app does (spec/practitioners.md).
struct UserCLITests {
    static let ann = "ann's own passphrase"
    static let bob = "bob's own passphrase, from a file"

    func signIn(_ cli: CLI, _ who: String, _ passphrase: String) throws -> Practitioner {
        try Practitioners(home: Home(path: cli.path("school"))).unlock(who, passphrase: SecureBytes(copying: passphrase.utf8)).practitioner
    }

    @Test func addListSignInAndRemove() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-st-annes", name: "St Anne's Primary School")
        let home = ["--home", cli.path("school")]

        let empty = try cli.run(["user", "list"] + home, environment: ["SEALPOST_PASSPHRASE": ""])
        #expect(empty.status == 0 && empty.out.contains("No practitioners"), "\(empty.stderr)")

        let add = try cli.run(["user", "add"] + home + ["--name", "Ann Smith", "--role", "Designated Safeguarding Lead", "--kdf", "interactive"],
                              environment: ["SEALPOST_USER_PASSPHRASE": Self.ann])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.out.contains("Added Ann Smith (Designated Safeguarding Lead), id "))
        try Data((Self.bob + "\n").utf8).write(to: URL(fileURLWithPath: cli.path("bob.pass")))
        let addBob = try cli.run(["user", "add"] + home + ["--name", "Bob Jones", "--role", "Deputy DSL", "--kdf", "interactive",
                                                          "--user-passphrase-file", cli.path("bob.pass")])
        #expect(addBob.status == 0, "\(addBob.stderr)")

        // Listing needs no passphrase.
        let list = try cli.run(["user", "list"] + home, environment: ["SEALPOST_PASSPHRASE": ""])
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.out.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("ID"))
        #expect(lines[1].hasSuffix("Ann Smith  Designated Safeguarding Lead") && lines[2].hasSuffix("Bob Jones  Deputy DSL"), "\(list.out)")
        let annID = String(lines[1].prefix(16))
        #expect(Practitioner.isID(annID))
        let slotMode = try (FileManager.default.attributesOfItem(atPath: cli.path("school/practitioners/\(annID).key"))[.posixPermissions] as? NSNumber)?.intValue
        #expect(slotMode == 0o600)

        // Each signs in with their own passphrase; the other's, or a wrong name, gives one error.
        #expect(try signIn(cli, "Ann Smith", Self.ann).id == annID)
        #expect(try signIn(cli, "bob jones", Self.bob).role == "Deputy DSL")
        let wrong = #expect(throws: PractitionerError.self) { try signIn(cli, "Ann Smith", Self.bob) }
        let unknown = #expect(throws: PractitionerError.self) { try signIn(cli, "Eve Smith", Self.ann) }
        #expect(wrong?.reason == unknown?.reason && wrong?.code == .signInFailed)

        let remove = try cli.run(["user", "remove", "ANN SMITH"] + home, environment: ["SEALPOST_PASSPHRASE": ""])
        #expect(remove.status == 0, "\(remove.stderr)")
        #expect(remove.out.contains("Removed Ann Smith (Designated Safeguarding Lead), id \(annID)") && remove.out.contains("is gone"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("school/practitioners/\(annID).key")))
        #expect(throws: PractitionerError.signInFailure) { try signIn(cli, "Ann Smith", Self.ann) }
        #expect(try signIn(cli, "Bob Jones", Self.bob).name == "Bob Jones")
        let again = try cli.run(["user", "remove", "Ann Smith"] + home)
        #expect(again.status != 0 && again.stderr.contains("no practitioner \"Ann Smith\"") && again.stderr.contains("sealpost user list"))

        // The last practitioner may be removed; the agency passphrase still unlocks the home.
        let last = try cli.run(["user", "remove", "Bob Jones"] + home)
        #expect(last.status == 0 && last.out.contains("No practitioners remain"), "\(last.out) \(last.stderr)")
        #expect(throws: Never.self) { try Home(path: cli.path("school")).unlock(passphrase: SecureBytes(copying: cli.passphrase.utf8)) }
    }

    @Test func refusals() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-st-annes", name: "St Anne's Primary School")
        let add = ["user", "add", "--home", cli.path("school"), "--kdf", "interactive"]
        func failure(_ arguments: [String], _ environment: [String: String]) throws -> CLI.Result {
            let r = try cli.run(add + arguments, environment: environment)
            #expect(r.status != 0, "\(arguments) succeeded")
            #expect(r.stderr.contains("sealpost: error: "))
            return r
        }
        let annRole = ["--name", "Ann Smith", "--role", "DSL"]

        let short = try failure(annRole, ["SEALPOST_USER_PASSPHRASE": "elevenchars"])
        #expect(short.stderr.contains("too short: it needs at least 12 characters") && short.stderr.contains("sealpost: hint: "))
        let same = try failure(annRole, ["SEALPOST_USER_PASSPHRASE": cli.passphrase])
        #expect(same.stderr.contains("is the agency's passphrase"))
        let wrongAgency = try failure(annRole, ["SEALPOST_USER_PASSPHRASE": Self.ann, "SEALPOST_PASSPHRASE": "not the agency passphrase"])
        #expect(wrongAgency.stderr.contains("could not unlock"))
        let control = try failure(["--name", "Ann\u{1b}[2JSmith", "--role", "DSL"], ["SEALPOST_USER_PASSPHRASE": Self.ann])
        #expect(control.stderr.contains("name must be 1-200 bytes of text on one line") && !control.stderr.contains("\u{1b}"))
        let reserved = try failure(["--name", "command line", "--role", "DSL"], ["SEALPOST_USER_PASSPHRASE": Self.ann])
        #expect(reserved.stderr.contains("decisions made at the command line"))
        let role = try failure(["--name", "Ann Smith", "--role", ""], ["SEALPOST_USER_PASSPHRASE": Self.ann])
        #expect(role.stderr.contains("role must be"))
        let kdf = try failure(annRole + ["--kdf", "fast"], ["SEALPOST_USER_PASSPHRASE": Self.ann])
        #expect(kdf.stderr.contains("unknown --kdf"))
        let slots = ((try? FileManager.default.contentsOfDirectory(atPath: cli.path("school/practitioners"))) ?? [])
            .filter { $0.hasSuffix(".key") && !$0.hasPrefix(".") }
        #expect(slots.isEmpty, "a refused add left a slot")

        let ok = try cli.run(add + annRole, environment: ["SEALPOST_USER_PASSPHRASE": Self.ann])
        #expect(ok.status == 0, "\(ok.stderr)")
        let twice = try failure(["--name", "ann smith", "--role", "Teacher"], ["SEALPOST_USER_PASSPHRASE": Self.ann + "!"])
        #expect(twice.stderr.contains("a practitioner called \"Ann Smith\" already exists"))
        let noHome = try cli.run(["user", "list", "--home", cli.path("nowhere")])
        #expect(noHome.status != 0 && noHome.stderr.contains("no identity at"))
    }
}
