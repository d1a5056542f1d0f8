import Foundation
import Testing

/// `sealpost request`, `open` of a request, `decline` (answering and on one's own judgement),
/// `send --in-answer-to`, `sync`, `status`, `log` and `report` through the built binaries, with a
/// real `sealpost-relay serve`. The MASH may receive for both of the partnership's purposes, so it
/// asks; the school receives for none, so its own requests are refused.
@Suite(.serialized) struct RequestCLITests {
    static let about = ["--about", "Jayden Okafor", "--nhs-number", "999 000 1006", "--dob", "2017-03-14"]
    static let requestReason = "Strategy discussion raised concerns about attendance"
    static let declineReason = "Everything held was shared at the strategy discussion"

    /// Makes a request from the MASH to the school and returns its envelope id.
    func request(_ p: ExchangeCLITests.Partnership) throws -> String {
        let asked = try p.run("mash", ["request", "--to", "school-st-annes", "--purpose", ExchangeCLITests.s47, "--urgency", "urgent",
                                       "--reason", Self.requestReason] + Self.about)
        #expect(asked.status == 0, "\(asked.stderr)")
        let line = try #require(asked.out.split(separator: "\n").first { $0.hasPrefix("requested ") })
        #expect(line.contains("from school-st-annes: message ") && line.contains("purpose \(ExchangeCLITests.s47), urgency urgent"))
        return String(line.split(separator: " ")[1])
    }

    @Test func requestDeclineAndAnswerThroughTheBinaries() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let s47 = ExchangeCLITests.s47

        // The school has no role in the purpose: it may not ask, and the refusal is logged.
        let refused = try p.run("school", ["request", "--to", "kingsbridge-mash", "--purpose", s47] + Self.about)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refusing to request information for \(s47)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("school-st-annes (school) has no role in purpose \(s47)"))
        #expect(refused.stderr.contains("nothing was sealed"))
        #expect(try p.run("school", ["log", "--kind", "request_refused"]).out.contains("request_refused"))
        let badCode = try p.run("school", ["decline", "abcdef123456", "--reason", "x", "--reason-code", "bored"])
        #expect(badCode.status == 1 && badCode.stderr.contains("not a reason category"))

        // The MASH asks the school; the school lists it as a request, opens it, sees how to answer.
        let id = try request(p)
        let short = String(id.prefix(12))
        let inbox = try p.run("school", ["inbox"])
        #expect(inbox.status == 0, "\(inbox.stderr)")
        let row = try #require(inbox.out.split(separator: "\n").first { $0.hasPrefix(short) })
        #expect(row.contains("kingsbridge-mash") && row.contains(s47) && row.contains("urgent") && row.contains("request for information"))
        let opened = try p.run("school", ["open", short])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.out.trimmingCharacters(in: .whitespacesAndNewlines) == p.cli.path("school/requests/in/\(id)/request.sealed"))
        #expect(opened.stderr.contains("opened: request \(short) from kingsbridge-mash"))
        #expect(opened.stderr.contains("sealpost send --to kingsbridge-mash --purpose \(s47) --in-answer-to \(short)"))
        #expect(opened.stderr.contains("sealpost decline \(short) --reason"))
        #expect(try p.run("school", ["inbox"]).out.contains("1 request opened here not yet answered"))
        #expect(try p.run("school", ["status"]).out.contains("Requests waiting on us: 1 request opened"))
        #expect(try p.run("mash", ["status"]).out.contains("Requests waiting on others: 1 request not yet answered"))

        // The school declines; the MASH's sync collects, checks and logs it.
        let declined = try p.run("school", ["decline", short, "--reason", Self.declineReason, "--reason-code", "not_necessary"])
        #expect(declined.status == 0, "\(declined.stderr)")
        #expect(declined.out.hasPrefix("declined request \(id) from kingsbridge-mash (\(s47); reasons: not_necessary)"))
        #expect(!(try p.run("school", ["status"]).out.contains("Requests waiting on us")))
        #expect(try p.run("mash", ["inbox"]).out.contains("1 decline of this agency's requests waiting: run sealpost sync"))
        let synced = try p.run("mash", ["sync"])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.out.contains("declined: request \(short) to school-st-annes (\(s47)); the reasons are in the receipt log: sealpost log show 2"),
                "\(synced.out)")
        #expect(!(try p.run("mash", ["status"]).out.contains("Requests waiting on others")))
        // (run outside the partnership's record of what was printed: it shows the details, the child's name among them)
        let shown = try p.cli.run(["log", "show", "2", "--home", p.cli.path("mash")])
        #expect(shown.out.contains(Self.declineReason) && shown.out.contains("\"receipt_signature\""))

        // Each log shows both kinds, and the request as declined.
        let mashLog = try p.run("mash", ["log"])
        let sentRow = try #require(mashLog.out.split(separator: "\n").first { $0.contains("request_sent") })
        #expect(sentRow.contains("school-st-annes") && sentRow.hasSuffix("declined"))
        // The decline's row names the request's message, as the request's row does.
        let declineRow = try #require(mashLog.out.split(separator: "\n").first { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first == "declined" })
        let message = { (row: Substring) in row.split(separator: " ", omittingEmptySubsequences: true)[6] }
        #expect(message(declineRow) == message(sentRow) && message(sentRow).count == 12)
        let schoolLog = try p.run("school", ["log"])
        #expect(schoolLog.out.contains("request_received") && schoolLog.out.contains(" declined "))

        // A second request, answered with a record: the MASH's open says what it answers.
        let second = try request(p)
        let secondShort = String(second.prefix(12))
        #expect(try p.run("school", ["open", secondShort]).status == 0)
        let decisions = p.cli.path("decisions.json")
        let base = ["send", "--yes", "--to", "kingsbridge-mash", "--purpose", s47, "--in-answer-to", secondShort]
        var sent = try p.run("school", base + ["--write-decisions", decisions, ExchangeCLITests.disclosure])
        if sent.status != 0, sent.stderr.contains("must be redacted or kept") {
            let template = try String(contentsOfFile: decisions, encoding: .utf8)
            try template.replacingOccurrences(of: "\"undecided\"", with: "\"redact\"").write(toFile: decisions, atomically: true, encoding: .utf8)
            sent = try p.run("school", base + ["--decisions", decisions, ExchangeCLITests.disclosure])
        }
        #expect(sent.status == 0, "\(sent.stderr)")
        let sentLine = try #require(sent.out.split(separator: "\n").first { $0.hasPrefix("sent ") })
        #expect(sentLine.hasSuffix("in answer to request \(secondShort)"))
        let record = String(sentLine.split(separator: " ")[1].prefix(12))
        let again = try p.run("school", ["decline", secondShort, "--reason", "no"])
        #expect(again.status == 1 && again.stderr.contains("already answered"))
        let received = try p.run("mash", ["open", record])
        #expect(received.status == 0, "\(received.stderr)")
        #expect(received.stderr.contains("it answers this agency's request \(secondShort) to school-st-annes"))
        let answeredRow = try #require(try p.run("mash", ["log", "--kind", "request_sent"]).out.split(separator: "\n").last)
        #expect(answeredRow.hasSuffix("answered"))

        // A decision of the school's own: logged, nothing sent.
        let own = try p.run("school", ["decline", "--purpose", s47, "--about", ExchangeCLITests.disclosure,
                                       "--reason", "Resolved with the family", "--reason-code", "not_necessary"])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.out.contains("declined to share record SA-2026-0142 for \(s47): logged as entry"))
        #expect(own.out.contains("nothing was sent"))

        // Nothing printed so far holds the child's identity, the protected parties' or the reasons.
        let printed = p.outputs.joined(separator: "\n")
        for secret in try ExchangeCLITests.protectedAndContent() + ["999 000 1006", Self.requestReason, Self.declineReason]
            where !secret.isEmpty {
            #expect(!printed.contains(secret), "printed: \(secret)")
        }

        // The reports tell each side's story; both logs verify with the counterpart signatures.
        let mashReport = try p.run("mash", ["report", "--subject", "Jayden Okafor"])
        #expect(mashReport.out.contains("Asked school-st-annes (school) for information"), "\(mashReport.out)")
        #expect(mashReport.out.contains("school-st-annes declined this agency's request; nothing was shared"))
        #expect(mashReport.out.contains("reasons: not necessary"))
        #expect(mashReport.out.contains("status: declined") && mashReport.out.contains("status: answered with a record"))
        #expect(!mashReport.out.contains(Self.declineReason))
        let schoolReport = try p.run("school", ["report", "--subject", "999 000 1006"])
        #expect(schoolReport.out.contains("Asked for information by kingsbridge-mash (mash)"), "\(schoolReport.out)")
        #expect(schoolReport.out.contains("Declined to share with kingsbridge-mash (mash) in answer to its request"))
        #expect(schoolReport.out.contains("Decided not to share (the practitioner's own judgement, no request)"))
        #expect(schoolReport.out.contains("in answer to a request for information"))
        for home in ["school", "mash"] {
            let verify = try p.run(home, ["log", "verify", "--every-signature"])
            #expect(verify.status == 0, "\(home): \(verify.stderr)")
        }
    }
}
