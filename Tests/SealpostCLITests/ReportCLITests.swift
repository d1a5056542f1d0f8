import Foundation
import Testing

/// `sealpost report --subject` and `sealpost log verify` over the receipt logs a real exchange
/// leaves on both sides: the child's history, counterpart signatures checked, no third party shown.
@Suite(.serialized) struct ReportCLITests {
    @Test func reportAndVerifyAfterAnExchange() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let sent = try ExchangeCLITests().send(p)
        #expect(sent.status == 0, "\(sent.stderr)")
        let id = String(try #require(sent.out.split(separator: "\n").first { $0.hasPrefix("sent ") }).split(separator: " ")[1].prefix(12))
        #expect(try p.run("mash", ["open", id]).status == 0)
        #expect(try p.run("mash", ["ack", id]).status == 0)
        #expect(try p.run("school", ["sync"]).status == 0)

        for home in ["school", "mash"] {
            let verify = try p.run(home, ["log", "verify", "--every-signature"])
            #expect(verify.status == 0, "\(home): \(verify.stderr)")
            #expect(verify.out.contains("ok: the log verifies"))
            #expect(!verify.out.contains("counterpart signatures 0"), "\(home): \(verify.out)")
        }

        // By name in any order and case, by NHS number with or without spaces, by record id.
        for query in ["okafor jayden", "9990001006", "999 000 1006", "SA-2026-0142"] {
            let report = try p.run("school", ["report", "--subject", query])
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.out.contains("Subject: Jayden Emeka Okafor, NHS number 999 000 1006, born 2017-03-14"), "\(query): \(report.out)")
            #expect(report.out.contains("Shared with kingsbridge-mash (mash)"))
            #expect(report.out.contains("purpose: \(ExchangeCLITests.s47) (Child protection enquiry (s47))"))
            #expect(report.out.contains("status: acknowledged"))
            // Decisions made at the command line say so. The MASH's acknowledgement, collected by sync
            // (matched by the record id alone), was recorded here, not made here.
            #expect(report.out.contains("   by: command line"))
            if query == "SA-2026-0142" { #expect(report.out.contains("   recorded by: command line"), "\(report.out)") }
            #expect(report.out.contains("other people protected: [Third party 1 (neighbour)]"))
            #expect(report.out.contains("log verifies: yes"))
        }
        let mash = try p.run("mash", ["report", "--subject", "Jayden Okafor"])
        #expect(mash.out.contains("Received from school-st-annes"))
        #expect(mash.out.contains("Acknowledged receipt to school-st-annes"))
        let nobody = try p.run("school", ["report", "--subject", "Someone Else"])
        #expect(nobody.status == 0 && nobody.out.contains("No decisions about this subject are recorded"))

        // The log table shows the exchange from each side.
        let log = try p.run("school", ["log"])
        #expect(log.out.contains(" sent ") && log.out.contains("acknowledged"))
        #expect(try p.run("school", ["log", "--kind", "sent"]).out.contains("acknowledged"))

        // THREATS row 30: no protected third party in anything printed.
        for output in p.outputs {
            #expect(!output.contains("Hollins") && !output.contains("Patricia"))
        }
    }

    /// THREATS row 24 through the binaries: the school restores its log from an old copy; the
    /// checkpoints the MASH holds of it, exported and handed over, show it.
    @Test func anOldLogCopyIsCaughtByTheCounterpartsCheckpoints() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        func exchange() throws {
            let sent = try ExchangeCLITests().send(p)
            #expect(sent.status == 0, "\(sent.stderr)")
            let id = String(try #require(sent.out.split(separator: "\n").first { $0.hasPrefix("sent ") }).split(separator: " ")[1].prefix(12))
            #expect(try p.run("mash", ["open", id]).status == 0)
            #expect(try p.run("mash", ["ack", id]).status == 0)
        }
        try exchange()
        let log = p.cli.path("school/log"), backup = p.cli.path("school-log-backup")
        try FileManager.default.copyItem(atPath: log, toPath: backup)
        try exchange()

        let held = p.cli.path("held.json")
        let export = try p.run("mash", ["log", "checkpoints", "--of", "school-st-annes", "-o", held])
        #expect(export.status == 0 && export.stderr.contains("of school-st-annes's log") && !export.stderr.contains("(s)"), "\(export.stderr)")
        let fine = try p.run("school", ["log", "verify", "--against", held])
        #expect(fine.status == 0, "\(fine.stderr)")

        try FileManager.default.removeItem(atPath: log)
        try FileManager.default.copyItem(atPath: backup, toPath: log)
        let alone = try p.run("school", ["log", "verify"])
        #expect(alone.status == 0, "an old copy is a valid log on its own")
        let caught = try p.run("school", ["log", "verify", "--against", held])
        #expect(caught.status == 1)
        #expect(caught.out.contains("truncated or restored from an old copy"), "\(caught.out)")
        #expect(caught.stderr.contains("contradicts a checkpoint its counterpart holds"))
    }
}
