import Foundation
import SealpostCore
import SealpostExchange
import SealpostLedger
@testable import SealpostWeb
import Testing

/// Answering a request for information with a record through the app, over a real relay
/// (spec/web.md §Requests): the MASH asks; the school's "Answer with a record" starts one draft
/// that remembers the request, prefilled with its purpose, the MASH as recipient and the child as
/// the request names them; the task list and check what leaves say which request it answers, and
/// a draft that no longer fits the request is not sendable; the send names the request, so it is
/// answered on the school's pages (Home's count drops, the log entry links it) and at the MASH.
@Suite("sealpost web: answering a request with a record", .serialized)
struct AnswerRouteTests {
    @Test("answer with a record: one prefilled draft remembering the request, sent in answer, shown answered at both ends")
    func answerWithARecord() async throws {
        try await WebPartnership.with { p in
            try await p.withApp(p.mashHome) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                let asked = try await mash.post("/requests", [
                    ("to", "school-st-annes"), ("purpose", "child_protection_enquiry_s47"), ("urgency", "urgent"), ("child-name", "Jayden Okafor"),
                    ("nhs-number", "943 476 5919"), ("dob-day", "27"), ("dob-month", "3"), ("dob-year", "2015"),
                    ("reason", "Strategy discussion on Friday; attendance and any concerns held"),
                ])
                #expect(asked.status == .seeOther)
            }
            try await p.withApp(p.schoolHome) { client in
                let school = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                let envelope = try #require(RequestRouteTests.waitingID(try await school.get("/inbox").text))
                _ = try await school.post("/inbox/open", [("id", envelope)])
                let requestPage = "/requests/received/\(envelope)"
                let page = try await school.get(requestPage)
                #expect(page.text.contains("action=\"\(requestPage)/answer\"") && page.text.contains("Decline the request"))

                let started = try await school.post(requestPage + "/answer", [])
                let location = try #require(started.location)
                #expect(started.status == .seeOther && location.hasPrefix("/referrals/"))
                let draftID = String(location.dropFirst("/referrals/".count))
                let draft = try #require(try Drafts(home: p.schoolHome).load(draftID, identity: p.school))
                #expect(draft.answering == envelope && draft.recipients == ["kingsbridge-mash"])
                #expect(draft[member: "purpose"]?.stringValue == "child_protection_enquiry_s47")
                #expect(draft.record["subject"]?["name"]?.stringValue == "Jayden Okafor")
                #expect(draft.record["subject"]?["nhs_number"]?.stringValue == "943 476 5919")
                #expect(draft.record["subject"]?["dob"]?.stringValue == "2015-03-27")
                #expect(try await school.post(requestPage + "/answer", []).location == location, "a second press continues the same draft")
                #expect(Drafts(home: p.schoolHome).count == 1)
                #expect(try await school.get("/referrals").text.contains("Answers request <span class=\"sp-code\">\(envelope.prefix(12))</span>"))
                #expect(try await school.get(requestPage).text.contains("href=\"\(location)\" id=\"answer\">Continue your answer"))

                let tasks = try await school.get(location).text
                #expect(tasks.contains("This referral answers request <a class=\"govuk-link sp-code\" href=\"\(requestPage)\">\(envelope.prefix(12))</a>"))
                for (path, fields) in ReferralFixture.steps() {
                    let answer = try await school.post(location + "/" + path, fields)
                    #expect(answer.status == .seeOther, "\(path)")
                }
                try await Self.redactEveryFinding(school, draft: location)

                // A draft that no longer fits the request is not offered Send, and a POST seals nothing.
                var changed = try #require(try Drafts(home: p.schoolHome).load(draftID, identity: p.school))
                changed.set("purpose", .string("early_help"))
                try Drafts(home: p.schoolHome).save(changed, identity: p.school)
                let unfit = try await school.get(location + "/check").text
                #expect(unfit.contains("asks for information for Child protection enquiry (s47): choose that purpose"))
                #expect(!unfit.contains("id=\"send\""))
                #expect(try await school.post(location + "/send", []).location == location + "/check")
                #expect(try Outbox(home: p.schoolHome).entries().isEmpty, "nothing sealed")
                changed.set("purpose", .string("child_protection_enquiry_s47"))
                try Drafts(home: p.schoolHome).save(changed, identity: p.school)

                let check = try await school.get(location + "/check").text
                #expect(check.contains("This answers request") && check.contains("id=\"send\""))
                let sent = try await school.post(location + "/send", [])
                let confirmation = try await school.get(try #require(sent.location))
                #expect(confirmation.text.contains("Referral sent") && confirmation.text.contains("Sent in answer to request"))
                #expect(confirmation.text.contains("href=\"\(requestPage)\""))
                let request = try #require(try Inbox.requests(home: p.schoolHome).entry(envelope))
                let outbox = try Outbox(home: p.schoolHome).entries()
                #expect(outbox.count == 1 && outbox.first?.inAnswerTo == request.messageID)

                let answered = try await school.get(requestPage).text
                #expect(answered.contains("govuk-tag--green\">answered with a record") && answered.contains("Your answer"))
                #expect(answered.contains("Ann Smith (Designated Safeguarding Lead)") && !answered.contains("id=\"answer\""))
                #expect(try await school.post(requestPage + "/answer", []).location == requestPage, "answered once")
                #expect(try await school.get("/").text.contains("href=\"/work/requests-to-answer\"><span class=\"sp-count__number\">0</span>"))
                #expect(try await school.get("/requests").text.contains("govuk-tag--green\">answered with a record"))
                let logLink = try #require(answered.firstMatch(of: /href="(\/log\/\d+)"/)?.1)
                let entry = try await school.get(String(logLink)).text
                #expect(entry.contains("share decided") || entry.contains("share_decided"))
                #expect(entry.contains("href=\"\(requestPage)\" id=\"answers\">Answers request \(envelope.prefix(12)) from kingsbridge-mash"))
            }
            try await p.withApp(p.mashHome) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                let record = try #require(RequestRouteTests.waitingID(try await mash.get("/inbox").text))
                _ = try await mash.post("/inbox/open", [("id", record)])
                let requests = try await mash.get("/requests").text
                #expect(requests.contains("govuk-tag--green\">answered with a record"))
                #expect(requests.contains("href=\"/inbox/\(record)\">Read the record"))
                #expect(try await mash.get("/inbox/\(record)").text.contains("Jayden Okafor"))
            }
        }
    }

    /// Redacts every possible identity check what leaves asks about (one form, as the page posts it).
    static func redactEveryFinding(_ browser: Browser, draft: String) async throws {
        let page = try await browser.get(draft + "/check").text
        var fields: [(String, String)] = []
        for match in page.matches(of: /name="finding-(\d+)" value="([^"]+)"/) {
            fields += [("finding-\(match.1)", String(match.2)), ("action-\(match.1)", "redact")]
        }
        guard !fields.isEmpty else { return }
        #expect(try await browser.post(draft + "/decisions", fields).status == .seeOther)
    }
}
