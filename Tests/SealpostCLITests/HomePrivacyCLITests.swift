import Foundation
import Testing

/// A home holds records about children: one that other users of the computer can read is refused
/// with the command that fixes it, and `init` makes a folder it is given private (THREATS row 35,
/// issue "Hardening" §2: files and folders 0600/0700).
@Suite struct HomePrivacyCLITests {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func initMakesTheHomePrivateEvenInAFolderMadeByMkdir() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let home = cli.path("school")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        #expect(try mode(home) == 0o700)
        #expect(try mode(home + "/identity.key") == 0o600)
        #expect(try mode(home + "/contacts") == 0o700)
    }

    @Test(arguments: [["status"], ["log"], ["outbox"], ["whoami"], ["user", "list"]])
    func aHomeOthersCanReadIsRefusedWithTheFix(command: [String]) throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        let home = cli.path("school")
        #expect(chmod(home, 0o755) == 0)
        let refused = try cli.run(command + ["--home", home])
        if command == ["whoami"] {
            // Only the public card: nothing private is read, so it still answers.
            #expect(refused.status == 0, "\(refused.stderr)")
            return
        }
        #expect(refused.status != 0, "\(command) ran on a home others can read")
        #expect(refused.stderr.contains("can be used by other users"), "\(refused.stderr)")
        #expect(refused.stderr.contains("chmod -R go-rwx \(home)"), "\(refused.stderr)")
        #expect(chmod(home, 0o700) == 0)
        let fixed = try cli.run(command + ["--home", home])
        #expect(!fixed.stderr.contains("other users"), "\(fixed.stderr)")
    }

    @Test func aKeyFileOthersCanReadIsRefusedBeforeTheKeyIsUsed() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-a", name: "School A")
        let home = cli.path("school")
        #expect(chmod(home + "/identity.key", 0o644) == 0)
        let refused = try cli.run(["passphrase", "change", "--home", home])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("key file"), "\(refused.stderr)")
        #expect(refused.stderr.contains("chmod -R go-rwx"), "\(refused.stderr)")
    }
}
