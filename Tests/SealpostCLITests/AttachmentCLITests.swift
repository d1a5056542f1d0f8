import Foundation
import Testing

/// `sealpost send --attach` and `sealpost open` with attachments, through the binary and a real
/// relay (spec/exchange.md §Attachments).
@Suite(.serialized) struct AttachmentCLITests {
    static let chronology = CLI.packageRoot.appendingPathComponent("examples/school-transfer/chronology.txt").path

    func send(_ p: ExchangeCLITests.Partnership, _ extra: [String]) throws -> CLI.Result {
        let base = ["send", "--yes", "--to", "kingsbridge-mash", "--purpose", ExchangeCLITests.s47] + extra
        var result = try p.run("school", base + ["--write-decisions", p.cli.path("decisions.json"), ExchangeCLITests.disclosure])
        if result.status != 0, result.stderr.contains("must be redacted or kept") {
            let template = try String(contentsOfFile: p.cli.path("decisions.json"), encoding: .utf8)
            try template.replacingOccurrences(of: "\"undecided\"", with: "\"redact\"")
                .write(toFile: p.cli.path("decisions.json"), atomically: true, encoding: .utf8)
            result = try p.run("school", base + ["--decisions", p.cli.path("decisions.json"), ExchangeCLITests.disclosure])
        }
        return result
    }

    @Test func refusedUntilCheckedThenSentOpenedAndStoredBesideTheRecord() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let unchecked = try send(p, ["--attach", Self.chronology])
        #expect(unchecked.status != 0)
        #expect(unchecked.stderr.contains("1 attachment is not confirmed as checked; nothing was sealed"), "\(unchecked.stderr)")
        #expect(unchecked.stderr.contains("--attachments-checked"))
        let outbox = (try? FileManager.default.contentsOfDirectory(atPath: p.cli.path("school/outbox"))) ?? []
        #expect(outbox.filter { $0.hasSuffix(".sealed") }.isEmpty, "nothing was sealed")

        let notAFile = try send(p, ["--attach", p.cli.path("no-such.pdf"), "--attachments-checked"])
        #expect(notAFile.status != 0)
        #expect(notAFile.stderr.contains("attachment 1 (") && notAFile.stderr.contains("cannot be read"), "\(notAFile.stderr)")

        let sent = try send(p, ["--attach", Self.chronology, "--attachments-checked"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: Self.chronology)[.size] as! Int
        #expect(sent.stderr.contains("attachment 1: chronology.txt (text/plain, \(size) bytes), to every recipient, not redacted: checked by you"))
        let sentLine = try #require(sent.out.split(separator: "\n").first { $0.hasPrefix("sent ") })
        let envelopeID = String(sentLine.split(separator: " ")[1])
        let short = String(envelopeID.prefix(12))

        let opened = try p.run("mash", ["open", short])
        #expect(opened.status == 0, "\(opened.stderr)")
        // Kept sealed at rest (attachments/1.sealed); written out, opened and checked, with --output.
        let sealed = p.cli.path("mash/inbox/\(envelopeID)/attachments/1.sealed")
        #expect(opened.stderr.contains("attachment: chronology.txt (text/plain, \(size) bytes, hash checked): sealed in \(sealed)"), "\(opened.stderr)")
        #expect(!FileManager.default.fileExists(atPath: p.cli.path("mash/inbox/\(envelopeID)/attachments/chronology.txt")))
        let out = try p.run("mash", ["open", short, "--output", p.cli.path("received.json")])
        #expect(out.status == 0, "\(out.stderr)")
        let written = p.cli.path("received.json.attachments/chronology.txt")
        #expect(out.stderr.contains("attachment: chronology.txt (text/plain, \(size) bytes, hash checked): \(written)"), "\(out.stderr)")
        #expect(FileManager.default.contents(atPath: written) == FileManager.default.contents(atPath: Self.chronology))
        #expect(try String(contentsOfFile: p.cli.path("received.json"), encoding: .utf8).contains("\"subject\""))

        // The same envelope opened offline from a file: the attachments go beside the output.
        let envelope = p.cli.path("school/outbox/\(envelopeID).sealed")
        let offline = try p.run("mash", ["open", "--from", p.cli.path("school.card.json"), "--output", p.cli.path("copy.json"), envelope])
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(FileManager.default.contents(atPath: p.cli.path("copy.json.attachments/chronology.txt")) == FileManager.default.contents(atPath: Self.chronology))
        let toStdout = try p.run("mash", ["open", "--from", p.cli.path("school.card.json"), envelope])
        #expect(toStdout.status != 0)
        #expect(toStdout.stderr.contains("the envelope carries attachments; nothing was written"), "\(toStdout.stderr)")
    }
}
