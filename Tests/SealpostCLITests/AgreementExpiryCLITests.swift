import Foundation
import Testing

/// Issue 11 §4 through the binary: an edition that expires within 30 days warns at install and in
/// `status`, and the documented renewal path (spec/agreement.md: `agreement create --from`, sign,
/// install) replaces it without a warning.
@Suite(.serialized) struct AgreementExpiryCLITests {
    static func day(_ offset: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date().addingTimeInterval(TimeInterval(offset) * 86_400))
    }

    @Test func anEditionEndingSoonWarnsAndItsRenewalDoesNot() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("csc", agency: "test-csc", name: "Test Children's Social Care")
        try cli.makeIdentity("police", agency: "test-police", name: "Test Police CAIT")
        let ag = cli.path("ag.json")
        #expect(try cli.run(["agreement", "create", "--id", "test-dsa", "--title", "Test", "--valid-from", Self.day(-1),
                             "--valid-until", Self.day(10), "-o", ag]).status == 0)
        for (home, role) in [("csc", "childrens_social_care"), ("police", "police")] {
            #expect(try cli.run(["agreement", "add-party", ag, "--card", cli.path("\(home).card.json"), "--role", role]).status == 0)
        }
        for home in ["csc", "police"] { #expect(try cli.run(["agreement", "sign", "--home", cli.path(home), ag]).status == 0) }

        let installed = try cli.run(["agreement", "install", "--home", cli.path("police"), ag])
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stderr.contains("sealpost: warning: agreement test-dsa version 1 expires on \(Self.day(10)), in 10 days"),
                "\(installed.stderr)")
        #expect(installed.stderr.contains("sealpost agreement create --from FILE"))
        let status = try cli.run(["status", "--home", cli.path("police")])
        #expect(status.out.hasPrefix("Warning: agreement test-dsa version 1 expires on \(Self.day(10))"), "\(status.out)")

        // The renewal path: the next edition from this one, signed by every party, installed.
        let next = cli.path("ag2.json")
        #expect(try cli.run(["agreement", "create", "--from", ag, "--valid-from", Self.day(-1), "--valid-until", Self.day(365),
                             "-o", next]).status == 0)
        for home in ["csc", "police"] { #expect(try cli.run(["agreement", "sign", "--home", cli.path(home), next]).status == 0) }
        let renewed = try cli.run(["agreement", "install", "--home", cli.path("police"), next])
        #expect(renewed.status == 0, "\(renewed.stderr)")
        #expect(renewed.out.contains("version 2 is now in force"))
        #expect(!renewed.stderr.contains("warning"), "\(renewed.stderr)")
        #expect(!(try cli.run(["status", "--home", cli.path("police")]).out.contains("Warning")))
    }
}
