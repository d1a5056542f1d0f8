import Foundation
import SealpostExchange
@testable import SealpostWeb
import Testing

/// Every count on Home links to a list showing exactly the items it counts (WorkListPage), at
/// each step of a record's way: sent, opened, acknowledged, and days later when it is overdue.
@Suite("sealpost web: Home's counts and their lists", .serialized)
struct HomeCountTests {
    /// Each count's list and number from a Home page.
    static func counts(_ home: String) -> [(href: String, number: Int)] {
        home.components(separatedBy: "<a class=\"sp-count").dropFirst().compactMap { part in
            guard let h = part.range(of: "href=\""), let n = part.range(of: "sp-count__number\">") else { return nil }
            let href = String(part[h.upperBound...].prefix { $0 != "\"" })
            return (href, Int(String(part[n.upperBound...].prefix { $0.isNumber })) ?? -1)
        }
    }

    static func checkCounts(_ browser: Browser, _ label: String) async throws -> [String: Int] {
        let home = try await browser.get("/")
        let counts = Self.counts(home.text)
        // Nine counts; the relay's (what waits there to be opened) only when the relay answered,
        // and otherwise the page says it could not be reached.
        let relayAnswered = counts.contains { $0.href == "/inbox#waiting" }
        #expect(counts.count == (relayAnswered ? 9 : 8), "\(label): nine counts, or eight without the relay's")
        #expect(relayAnswered != home.text.contains("Records waiting at the relay to be opened are not counted"),
                "\(label): the relay's count or why it is missing")
        var out: [String: Int] = [:]
        for count in counts {
            if count.href == "/inbox#waiting" {
                // Each record or request waiting at the relay has its Open button on Home and in the inbox.
                let inbox = try await browser.get("/inbox")
                #expect(Browser.count("action=\"/inbox/open\"", in: inbox.text) == count.number, "\(label): the inbox shows \(count.number) to open")
                #expect(Browser.count("action=\"/inbox/open\"", in: home.text) == count.number, "\(label): Home shows \(count.number) to open")
                out["waiting"] = count.number
                continue
            }
            if count.href == "/referrals#drafts" {
                // Drafts are listed on the referrals page, one row each.
                let list = try await browser.get("/referrals")
                #expect(list.status == .ok, "\(label): /referrals")
                let rows = Browser.count("<tr class=\"govuk-table__row\"><td", in: list.text)
                #expect(rows == count.number, "\(label): /referrals shows \(count.number) drafts")
                out["drafts"] = count.number
                continue
            }
            #expect(count.href.hasPrefix("/work/"), "\(label): \(count.href)")
            let list = try await browser.get(count.href)
            #expect(list.status == .ok, "\(label): \(count.href)")
            #expect(Browser.count("sp-work-item", in: list.text) == count.number, "\(label): \(count.href) shows \(count.number) items")
            out[String(count.href.dropFirst(6))] = count.number
        }
        return out
    }

    @Test("Home asks the relay without the home's lock, and says why when the relay is down")
    func homeNeverWaitsOnTheRelay() async throws {
        try await WebPartnership.with { p in
            let id = try await p.schoolSendsDisclosure()
            try await p.withApp(p.mashHome) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                // A send, open or sync under way holds the home's lock: Home neither waits for it nor fails.
                let lock = try HomeLock(home: p.mashHome)
                let home = try await mash.get("/")
                lock.release()
                #expect(home.status == .ok)
                #expect(Self.counts(home.text).contains { $0.href == "/inbox#waiting" && $0.number == 1 })
                #expect(home.text.contains("name=\"id\" value=\"\(id)\""))
            }
            // With the relay unreachable, Home says why at once and still shows what is kept here.
            try await p.withApp(p.mashHome, relay: RelayAccess(override: "http://127.0.0.1:9")) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                let home = try await mash.get("/")
                #expect(home.status == .ok)
                #expect(home.text.contains("Records waiting at the relay to be opened are not counted"))
                #expect(!Self.counts(home.text).contains { $0.href == "/inbox#waiting" })
                #expect(Self.counts(home.text).contains { $0.href == "/work/to-acknowledge" }, "the counts kept here are shown")
            }
        }
    }

    @Test("each count's link lands on a list of exactly those items")
    func countsMatchTheirLists() async throws {
        try await WebPartnership.with { p in
            let id = try await p.schoolSendsDisclosure()
            try await p.withApp(p.schoolHome) { client in
                let school = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                let counts = try await Self.checkCounts(school, "school after sending")
                #expect(counts["awaiting-acknowledgement"] == 1 && counts["family-to-tell"] == 1 && counts["overdue"] == 0)
                #expect(counts["waiting"] == 0)
                let list = try await school.get("/work/awaiting-acknowledgement")
                #expect(list.text.contains("href=\"/sent#e-\(id)\""))
                #expect(list.text.contains("<p class=\"govuk-body\" id=\"work-count\">1 item.</p>"), "one item, in the singular")
                // Agencies by the names practitioners know, not the agreement's ids.
                #expect(list.text.contains("<td class=\"govuk-table__cell\">Kingsbridge MASH</td>"))
                #expect(!list.text.contains(">kingsbridge-mash<"))
                #expect(try await school.get("/sent").text.contains("Acknowledged by Kingsbridge MASH"))
            }
            try await p.withApp(p.mashHome) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                // The new record waits at the relay: Home counts it first, urgent, with its Open button.
                let arrived = try await Self.checkCounts(mash, "mash before opening")
                #expect(arrived["waiting"] == 1 && arrived["to-acknowledge"] == 0)
                let home = try await mash.get("/").text
                #expect(home.contains("sp-count sp-count--alert\" href=\"/inbox#waiting\""), "an urgent record waiting is an alert")
                #expect(home.contains("name=\"id\" value=\"\(id)\""))
                #expect(home.contains("St Anne&#39;s Primary School") && !home.contains(">school-st-annes<"))
                _ = try await mash.post("/inbox/open", [("id", id)])
                let record = try await mash.get("/inbox/\(id)").text
                #expect(record.contains("14 March 2017") && !record.contains("2017-03-14"), "dates of birth the GOV.UK way")
                let opened = try await Self.checkCounts(mash, "mash after opening")
                #expect(opened["to-acknowledge"] == 1 && opened["outcomes-to-record"] == 1 && opened["waiting"] == 0)
                #expect(try await mash.get("/work/outcomes-to-record").text.contains("href=\"/inbox/\(id)\""))
                _ = try await mash.post("/inbox/\(id)/acknowledge", [])
                let acknowledged = try await Self.checkCounts(mash, "mash after acknowledging")
                #expect(acknowledged["to-acknowledge"] == 0 && acknowledged["outcomes-to-record"] == 1)
                p.clock.advance(8 * 86_400)  // the session has locked meanwhile: sign in again
                let later = try await Browser.signIn(client, as: WebPartnership.mashUser)
                let late = try await Self.checkCounts(later, "mash days later")
                #expect(late["overdue"] == 1, "the outcome is overdue")
                #expect(try await later.get("/").text.contains("sp-count sp-count--alert"))
                p.clock.advance(-8 * 86_400)
            }
            try await p.withApp(p.schoolHome) { client in
                let school = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                _ = try await school.post("/sent/sync", [])
                let synced = try await Self.checkCounts(school, "school after its check")
                #expect(synced["awaiting-acknowledgement"] == 0 && synced["outcomes-due"] == 1)
                p.clock.advance(8 * 86_400)
                let later = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                let late = try await Self.checkCounts(later, "school days later")
                #expect(late["overdue"] == 1 && late["outcomes-due"] == 1)
                #expect(try await later.get("/work/nothing-like-this").status == .notFound)
            }
        }
    }
}
