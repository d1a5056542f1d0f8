import Foundation
import Testing

/// `sealpost outcome` through the binaries over a real relay: the MASH tells the school what it
/// decided; `status`, `sync`, `outbox` and `report` show it on each side (spec/exchange.md §Outcomes).
@Suite(.serialized) struct OutcomeCLITests {
    @Test func outcomeRoundTrip() throws {
        let p = try ExchangeCLITests.Partnership(); defer { p.stop() }
        let sent = try ExchangeCLITests().send(p)
        #expect(sent.status == 0, "\(sent.stderr)")
        let id = String(try #require(sent.out.split(separator: "\n").first { $0.hasPrefix("sent ") }).split(separator: " ")[1].prefix(12))
        #expect(try p.run("mash", ["open", id]).status == 0)
        #expect(try p.run("mash", ["ack", id]).status == 0)

        // The MASH owes an outcome; the school, once it has the acknowledgement, waits for one.
        var mash = try p.run("mash", ["status"])
        #expect(mash.out.contains("Outcomes waiting on us: 1 record opened"), "\(mash.out)")
        #expect(mash.out.contains("sealpost outcome \(id) --decision CODE"))
        #expect(try p.run("school", ["sync"]).status == 0)
        var school = try p.run("school", ["status"])
        #expect(school.out.contains("Outcomes waiting on others: 1 send acknowledged, outcome not yet told"), "\(school.out)")
        #expect(school.out.contains("acknowledged, outcome due by "))
        #expect(try p.run("school", ["outbox"]).out.contains("outcome due by "))

        // Bad input says what is wrong and how to fix it.
        let unknown = try p.run("mash", ["outcome", id, "--decision", "maybe", "--reason", "x"])
        #expect(unknown.status != 0 && unknown.stderr.contains("--decision maybe is not a decision"))
        #expect(unknown.stderr.contains("hint: use one of: no_further_action, information_and_advice, early_help"))
        let notOpened = try p.run("mash", ["outcome", "abcdef123456", "--decision", "early_help", "--reason", "x"])
        #expect(notOpened.status != 0 && notOpened.stderr.contains("has been opened here"))

        let told = try p.run("mash", ["outcome", id, "--decision", "early_help", "--reason", "Family accepted early help",
                                      "--next-steps", "Early help assessment by the school"])
        #expect(told.status == 0, "\(told.stderr)")
        #expect(told.out.contains("outcome recorded for \(id) from school-st-annes: early help"))
        mash = try p.run("mash", ["status"])
        #expect(!mash.out.contains("Outcomes waiting on us"))

        let synced = try p.run("school", ["sync"])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.out.contains("outcome: \(id) to kingsbridge-mash (\(ExchangeCLITests.s47)): early help"), "\(synced.out)")
        #expect(synced.out.contains("reason: Family accepted early help"))
        #expect(synced.out.contains("next steps: Early help assessment by the school"))
        school = try p.run("school", ["status"])
        #expect(!school.out.contains("Outcomes waiting on others"))
        #expect(try p.run("school", ["outbox"]).out.contains("outcome: early help"))

        for home in ["school", "mash"] {
            let report = try p.run(home, ["report", "--subject", "Jayden Okafor"])
            #expect(report.out.contains("early help"), "\(home): \(report.out)")
            #expect(!report.out.contains("Family accepted"), "the report leaves practitioners' free text out")
            let verify = try p.run(home, ["log", "verify", "--every-signature"])
            #expect(verify.status == 0, "\(home): \(verify.stderr)")
        }
        #expect(try p.run("school", ["report", "--subject", "Jayden Okafor"]).out.contains("Outcome from kingsbridge-mash: early help"))
        #expect(try p.run("mash", ["report", "--subject", "Jayden Okafor"]).out.contains("Told school-st-annes the outcome: early help"))
        // --json for scripts: the same lists and entries, parseable.
        let statusJSON = try p.run("mash", ["status", "--json"])
        let status = try #require(try JSONSerialization.jsonObject(with: Data(statusJSON.out.utf8)) as? [String: Any], "\(statusJSON.out)")
        #expect((status["records_awaiting_outcome"] as? [Any])?.isEmpty == true)
        #expect(status["sends_awaiting_acknowledgement"] is [Any] && status["now"] is NSNumber)
        let outboxJSON = try p.run("school", ["outbox", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(outboxJSON.out.utf8)) as? [[String: Any]], "\(outboxJSON.out)")
        #expect(entries.count == 1)
        #expect((entries.first?["outcomes"] as? [[String: Any]])?.first?["decision"] as? String == "early_help")
        let log = try p.run("school", ["log", "--kind", "outcome"])
        #expect(log.status == 0 && log.out.contains("outcome"), "\(log.out)\(log.stderr)")
    }
}

/// `sealpost agreement set-deadlines` and `show`: the working-day deadlines in the agreement.
@Suite struct DeadlinesCLITests {
    @Test func setAndShowDeadlines() throws {
        let cli = try CLI(); defer { cli.remove() }
        let ag = cli.path("dsa.json")
        #expect(try cli.run(["agreement", "create", "--id", "test-dsa", "--title", "Test", "--valid-from", "2026-01-01",
                             "--valid-until", "2027-12-31", "-o", ag]).status == 0)
        var shown = try cli.run(["agreement", "show", ag])
        #expect(shown.out.contains("deadlines (working days, the standard ones): acknowledgement emergency 1, urgent 1, routine 1; outcome emergency 3, urgent 3, routine 3"), "\(shown.out)")
        let set = try cli.run(["agreement", "set-deadlines", ag, "--acknowledgement", "emergency=0", "--outcome", "routine=5",
                               "--bank-holiday", "2026-12-28", "--bank-holiday", "2026-12-25"])
        #expect(set.status == 0, "\(set.stderr)")
        shown = try cli.run(["agreement", "show", ag])
        #expect(shown.out.contains("deadlines (working days): acknowledgement emergency 0, urgent 1, routine 1; outcome emergency 3, urgent 3, routine 5; bank holidays 2026-12-25, 2026-12-28"), "\(shown.out)")
        let file = try String(contentsOfFile: ag, encoding: .utf8)
        #expect(file.contains("\"response_deadlines\""))
        // The next edition keeps them.
        #expect(try cli.run(["agreement", "create", "--from", ag, "--valid-from", "2027-01-01", "--valid-until", "2028-12-31",
                             "-o", cli.path("next.json")]).status == 0)
        #expect(try cli.run(["agreement", "show", cli.path("next.json")]).out.contains("routine 5; bank holidays 2026-12-25"))

        let bad = try cli.run(["agreement", "set-deadlines", ag, "--outcome", "routine=99"])
        #expect(bad.status != 0 && bad.stderr.contains("--outcome routine=99 is not URGENCY=DAYS"), "\(bad.stderr)")
    }
}

/// Issue 11 §4: an edition that expires soon installs with a warning, and `status` repeats it.
@Suite struct ExpiryWarningCLITests {
    @Test func installAndStatusWarnOfExpiry() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.makeIdentity("school", agency: "school-st-annes", name: "St Anne's Primary School")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let ag = cli.path("dsa.json")
        let until = formatter.string(from: Date().addingTimeInterval(10 * 86_400))
        #expect(try cli.run(["agreement", "create", "--id", "test-dsa", "--title", "Test", "--valid-from",
                             formatter.string(from: Date().addingTimeInterval(-86_400)), "--valid-until", until, "-o", ag]).status == 0)
        #expect(try cli.run(["agreement", "add-party", ag, "--card", cli.path("school.card.json"), "--role", "school"]).status == 0)
        #expect(try cli.run(["agreement", "sign", "--home", cli.path("school"), ag]).status == 0)
        let installed = try cli.run(["agreement", "install", "--home", cli.path("school"), ag])
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stderr.contains("sealpost: warning: agreement test-dsa version 1 expires on \(until), in 10 days"), "\(installed.stderr)")
        #expect(installed.stderr.contains("sealpost agreement create --from FILE"))
        let status = try cli.run(["status", "--home", cli.path("school")])
        #expect(status.out.hasPrefix("Warning: agreement test-dsa version 1 expires on \(until)"), "\(status.out)")
    }
}
