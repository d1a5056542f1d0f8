import Foundation
import SealpostCore
import SealpostExchange
import SealpostLedger
@testable import SealpostWeb
import Testing

/// Outcomes through the app, over a real relay: the MASH opens and acknowledges a record, records
/// two outcomes on the question page (errors first), and the school's Sent page shows them after
/// a check; the family-told button closes the record's "family to be told". Spec: web.md §Outcomes.
@Suite("sealpost web: outcomes", .serialized)
struct OutcomeRouteTests {
    @Test("the MASH records outcomes on a question page; the school sees them on Sent and records that the family was told")
    func outcomeRoundTrip() async throws {
        try await WebPartnership.with { p in
            let id = try await p.schoolSendsDisclosure()
            let payload = "<script>window.pwned=1</script>"
            try await p.withApp(p.mashHome) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                #expect(try await mash.post("/inbox/open", [("id", id)]).location == "/inbox/\(id)")
                // No outcome before the acknowledgement.
                let early = try await mash.get("/inbox/\(id)/outcome")
                #expect(early.status == .conflict && early.text.contains("Acknowledge the record first"))
                #expect(try await mash.post("/inbox/\(id)/outcome", [("decision", "early_help"), ("reason", "x")]).status == .conflict)
                #expect(try await mash.post("/inbox/\(id)/acknowledge", []).status == .seeOther)
                let record = try await mash.get("/inbox/\(id)")
                #expect(record.text.contains("Outcome due by") && record.text.contains("href=\"/inbox/\(id)/outcome\""))

                // Nothing chosen and no reason: the error summary links each problem to its field; what was typed stays.
                let form = try await mash.get("/inbox/\(id)/outcome")
                #expect(form.status == .ok && Browser.count("name=\"decision\" type=\"radio\"", in: form.text) == 10)
                let wrong = try await mash.post("/inbox/\(id)/outcome", [("reason", "  "), ("next-steps", "Visit on Monday")])
                #expect(wrong.status == .badRequest)
                #expect(wrong.text.contains("<title>Error: Record an outcome"))
                #expect(wrong.text.contains("<a href=\"#decision\">Select what was decided</a>"))
                #expect(wrong.text.contains("<a href=\"#reason\">Enter why this was decided</a>"))
                #expect(wrong.text.contains(">Visit on Monday</textarea>") && wrong.text.contains("id=\"decision\""))
                let unknown = try await mash.post("/inbox/\(id)/outcome", [("decision", "made_up"), ("reason", "Because")])
                #expect(unknown.status == .badRequest && unknown.text.contains("#decision"))
                #expect(try p.mashContext().outcomes.entries().isEmpty, "nothing was recorded by a refused form")

                let first = try await mash.post("/inbox/\(id)/outcome", [
                    ("decision", "early_help"), ("reason", "Family agreed to early help. " + payload), ("next-steps", "Early help assessment within 10 days"),
                ])
                #expect(first.status == .seeOther && first.location == "/inbox/\(id)?outcome=1")
                let after = try await mash.get(first.location ?? "")
                #expect(after.text.contains("Outcome recorded") && after.text.contains("<h3 class=\"govuk-heading-s\">Early help</h3>"))
                #expect(after.text.contains("Sam Patel (MASH social worker)"), "who recorded it")
                #expect(after.text.contains("Record another outcome"))
                #expect(!after.text.contains(payload) && after.text.contains("&lt;script&gt;"))
                let second = try await mash.post("/inbox/\(id)/outcome", [("decision", "section_47_enquiry"), ("reason", "New disclosure at a home visit")])
                #expect(second.status == .seeOther)
            }
            // Both outcomes are in the MASH's log, each with the practitioner in its details and the code in its facts.
            let mashOutcomes = try Ledger.read(directory: p.mashHome.logDirectory, atRest: AtRest(identity: p.mash)).entries.filter { $0.kind == "outcome" }
            #expect(mashOutcomes.count == 2)
            #expect(mashOutcomes.allSatisfy { $0.details?.actor?.name == WebPartnership.mashUser })
            #expect(mashOutcomes.first?.details?.nextSteps == "Early help assessment within 10 days")

            try await p.withApp(p.schoolHome) { client in
                let school = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                let before = try await school.get("/sent")
                #expect(before.text.contains("Record that the family has been told"))
                let sync = try await school.post("/sent/sync", [])
                #expect(sync.location == "/sent?checked=1&outcomes=2")
                let sent = try await school.get(sync.location ?? "")
                #expect(sent.text.contains("1 new acknowledgement, 2 new outcomes."))
                #expect(sent.text.contains("Outcome: Early help") && sent.text.contains("Outcome: Child protection enquiry (section 47)"))
                #expect(sent.text.contains("Early help assessment within 10 days") && sent.text.contains("New disclosure at a home visit"))
                #expect(!sent.text.contains(payload) && sent.text.contains("&lt;script&gt;"), "the MASH's words are shown inert")
                #expect(!sent.text.contains("outcome due by"), "outcomes arrived, so none is due")

                let told = try await school.post("/sent/family-told", [("record", "SA-2026-0142")])
                #expect(told.location == "/sent?told=1")
                let page = try await school.get("/sent?told=1")
                #expect(page.text.contains("Recorded that the family was told") && !page.text.contains("Record that the family has been told"))
                #expect(try await school.post("/sent/family-told", [("record", "SA-2026-0142")]).status == .conflict, "only once")
                let told2 = try Ledger.read(directory: p.schoolHome.logDirectory, atRest: AtRest(identity: p.school)).entries.filter { $0.kind == "family_told" }
                #expect(told2.count == 1 && told2.first?.details?.actor?.name == WebPartnership.schoolUser)
            }
        }
    }

    @Test("acknowledged and no outcome: the Sent page says when the outcome is due, and marks it overdue after the agreement's working days")
    func outcomeDueAndOverdue() async throws {
        try await WebPartnership.with { p in
            let id = try await p.schoolSendsDisclosure()
            try await p.withApp(p.mashHome) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                _ = try await mash.post("/inbox/open", [("id", id)])
                _ = try await mash.post("/inbox/\(id)/acknowledge", [])
            }
            try await p.withApp(p.schoolHome) { client in
                let school = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                _ = try await school.post("/sent/sync", [])
                let sent = try await school.get("/sent")
                #expect(sent.text.contains("acknowledged, outcome due by"))
                #expect(!sent.text.contains("Outcome overdue"))
                p.clock.advance(8 * 86_400)  // past 3 working days, whatever the weekday; the session locked meanwhile
                let later = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                let late = try await later.get("/sent")
                #expect(late.text.contains("Outcome overdue"))
                let home = try await later.get("/")
                #expect(home.text.contains("href=\"/work/outcomes-due\"><span class=\"sp-count__number\">1</span>"))
            }
        }
    }
}

extension WebPartnership {
    func mashContext() throws -> ExchangeContext {
        try ExchangeContext.load(home: mashHome, identity: mash, logger: ExchangeLog.silent, clock: { [clock] in clock.now })
    }
}
