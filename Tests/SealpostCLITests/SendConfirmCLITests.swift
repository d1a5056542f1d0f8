import Foundation
import Testing

/// Issue 11 §4: `send` on a terminal acted while the preview scrolled past. It now shows the
/// preview, then asks; `--yes` is for scripts, and without a terminal it must be given.
@Suite(.serialized) struct SendConfirmCLITests {
    static let record = CLI.packageRoot.appendingPathComponent("examples/records/neighbour-call.json").path

    /// The neighbour-call record raises one finding: settle it with a decisions file.
    func decisions(_ p: ExchangeCLITests.Partnership) throws -> String {
        let file = p.cli.path("decisions.json")
        _ = try p.run("school", ["send", "--preview", "--to", "kingsbridge-mash", "--purpose", "mash_screening",
                                 "--write-decisions", file, Self.record])
        if FileManager.default.fileExists(atPath: file) {
            let template = try String(contentsOfFile: file, encoding: .utf8)
            try template.replacingOccurrences(of: "\"undecided\"", with: "\"redact\"").write(toFile: file, atomically: true, encoding: .utf8)
        } else {
            try Data("{\"decisions\": []}".utf8).write(to: URL(fileURLWithPath: file))
        }
        return file
    }

    @Test func withoutATerminalSendNeedsYes() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let file = try decisions(p)
        let arguments = ["send", "--to", "kingsbridge-mash", "--purpose", "mash_screening", "--decisions", file, Self.record]
        let refused = try p.run("school", arguments)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("standard input is not a terminal, so sealpost send cannot ask you to confirm"), "\(refused.stderr)")
        #expect(refused.stderr.contains("sealpost: hint: add --yes to send without asking"))
        #expect(try p.run("school", ["outbox"]).out == "nothing sent yet\n")
        let sent = try p.run("school", arguments + ["--yes"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.out.hasPrefix("sent "))
    }

    @Test func onATerminalSendShowsThePreviewThenAsks() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let file = try decisions(p)
        let arguments = ["send", "--home", p.cli.path("school"), "--to", "kingsbridge-mash", "--purpose", "mash_screening",
                         "--decisions", file, Self.record]
        let environment = ["SEALPOST_PASSPHRASE": p.cli.passphrase]

        let declined = try TerminalDriver.run(p.cli, arguments, steps: [.init(expect: "now? [y/N] ", type: "n")], environment: environment)
        #expect(declined.status == 1)
        let preview = try #require(declined.transcript.range(of: "sealpost: preview: record"))
        let question = try #require(declined.transcript.range(of: "Send this to kingsbridge-mash now? [y/N]"))
        #expect(preview.upperBound <= question.lowerBound, "the preview comes before the question")
        #expect(declined.transcript.contains("not sent: the send was not confirmed; nothing was sealed or sent"))
        #expect(try p.run("school", ["outbox"]).out == "nothing sent yet\n")

        let confirmed = try TerminalDriver.run(p.cli, arguments, steps: [.init(expect: "now? [y/N] ", type: "y")], environment: environment)
        #expect(confirmed.status == 0, "\(confirmed.transcript)")
        #expect(confirmed.transcript.contains("sent "))
        #expect(try p.run("school", ["outbox"]).out.contains("at the relay, not yet acknowledged"))
    }
}
