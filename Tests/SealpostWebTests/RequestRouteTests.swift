import Foundation
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostRecord
@testable import SealpostWeb
import Testing

/// Requests through the app, over a real relay (spec/web.md §Requests): the school, which has no
/// role for the purpose, is refused before anything is sealed and told why; the MASH's form
/// errors are linked to their fields and keep what was typed; the MASH asks, the school opens the
/// request from its inbox and declines it with reasons, and the MASH's check shows the decline.
@Suite("sealpost web: requests and declines", .serialized)
struct RequestRouteTests {
    @Test("a request is refused without a role, asked with one, declined with reasons, and the decline shown to the asker")
    func askAndDecline() async throws {
        try await WebPartnership.with { p in
            try await p.withApp(p.schoolHome) { client in
                let school = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                let page = try await school.get("/requests")
                #expect(page.status == .ok && page.text.contains("<option value=\"kingsbridge-mash\">"))
                #expect(!page.text.contains("<option value=\"relay-kingsbridge\">"), "the relay operator is not an agency to ask")
                #expect(!page.text.contains("<option value=\"school-st-annes\">"), "not oneself")
                let refused = try await school.post("/requests", [
                    ("to", "kingsbridge-mash"), ("purpose", "child_protection_enquiry_s47"), ("urgency", "routine"),
                    ("child-name", "Jayden Okafor"), ("reason", "Planning a meeting"),
                ])
                #expect(refused.status == .conflict)
                #expect(refused.text.contains("<a href=\"#purpose\">Refusing to request information"))
                #expect(refused.text.contains("nothing was sealed") && refused.text.contains("value=\"Jayden Okafor\""))
                #expect(try Outbox.requests(home: p.schoolHome).entries().isEmpty, "nothing was sealed")
                let logged = try Ledger.read(directory: p.schoolHome.logDirectory, atRest: AtRest(identity: p.school)).entries.filter { $0.kind == "request_refused" }
                #expect(logged.count == 1 && logged.first?.details?.actor?.name == WebPartnership.schoolUser)
            }
            try await p.withApp(p.mashHome) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                let empty = try await mash.post("/requests", [("urgency", "urgent"), ("nhs-number", "943 476 5918"), ("dob-day", "31"),
                                                              ("dob-month", "2"), ("dob-year", "2015")])
                #expect(empty.status == .badRequest && empty.text.contains("<title>Error: Requests for information"))
                for (field, message) in [("to", "Select the agency to ask"), ("purpose", "Select what the information is needed for"),
                                         ("child-name", "Enter the child"), ("nhs-number", "Enter a real NHS number"),
                                         ("dob-day", "Date of birth must be a real date"), ("reason", "Enter why the information is needed")] {
                    #expect(empty.text.contains("<a href=\"#\(field)\">\(message)"), "\(field)")
                    #expect(empty.text.contains("id=\"\(field)\""), "the summary's link has a field to land on: \(field)")
                }
                #expect(empty.text.contains("value=\"943 476 5918\"") && empty.text.contains("value=\"31\""))
                let nextYear = CalendarDate.today(now: Date().timeIntervalSince1970).year + 1
                let future = try await mash.post("/requests", [("dob-day", "1"), ("dob-month", "2"), ("dob-year", "\(nextYear)")])
                #expect(future.text.contains("<a href=\"#dob-day\">Date of birth must be today or in the past"))
                #expect(empty.text.contains("id=\"urgency-urgent\" name=\"urgency\" type=\"radio\" value=\"urgent\" checked"))
                let asked = try await mash.post("/requests", [
                    ("to", "school-st-annes"), ("purpose", "child_protection_enquiry_s47"), ("urgency", "urgent"), ("child-name", "Jayden Okafor"),
                    ("nhs-number", "943 476 5919"), ("dob-day", "27"), ("dob-month", "3"), ("dob-year", "2015"),
                    ("reason", "Strategy discussion on Friday; attendance and any concerns held"),
                ])
                #expect(asked.status == .seeOther)
                let confirmation = try await mash.get(try #require(asked.location))
                #expect(confirmation.text.contains("Request sent") && confirmation.text.contains("Jayden Okafor"))
                #expect(confirmation.text.contains("govuk-tag--yellow\">waiting"))
            }
            try await p.withApp(p.schoolHome) { client in
                let school = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                let inbox = try await school.get("/inbox")
                #expect(inbox.text.contains("Request for information"))
                let envelope = try #require(Self.waitingID(inbox.text))
                let opened = try await school.post("/inbox/open", [("id", envelope)])
                #expect(opened.location == "/requests/received/\(envelope)")
                let request = try await school.get("/requests/received/\(envelope)")
                #expect(request.text.contains("Jayden Okafor") && request.text.contains("Strategy discussion on Friday"))
                #expect(request.text.contains("Decline the request") && request.text.contains("Answer with a record"))
                #expect(try await school.get("/").text.contains("href=\"/work/requests-to-answer\"><span class=\"sp-count__number\">1</span>"))
                let list = try await school.get("/inbox")
                #expect(list.text.contains("Requests for information opened here") && list.text.contains("to answer"))

                let noReason = try await school.post("/requests/received/\(envelope)/decline", [("reason-code", "not_held"), ("reason", "")])
                #expect(noReason.status == .badRequest && noReason.text.contains("<a href=\"#reason\">Enter why the information is not shared"))
                #expect(noReason.text.contains("value=\"not_held\" checked"), "the reasons ticked stay ticked")
                let declined = try await school.post("/requests/received/\(envelope)/decline", [
                    ("reason-code", "not_held"), ("reason-code", "not_identified"), ("reason", "No child of that name or birth date on roll"),
                ])
                #expect(declined.location == "/requests/received/\(envelope)?declined=1")
                let after = try await school.get(try #require(declined.location))
                #expect(after.text.contains("Request declined") && after.text.contains("Ann Smith (Designated Safeguarding Lead)"))
                #expect(!after.text.contains("Decline the request"), "declined once")
                #expect(try await school.get("/").text.contains("href=\"/work/requests-to-answer\"><span class=\"sp-count__number\">0</span>"))
            }
            try await p.withApp(p.mashHome) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                let check = try await mash.post("/requests/sync", [])
                #expect(check.location == "/requests?checked=1")
                let page = try await mash.get("/requests")
                #expect(page.text.contains("govuk-tag--red\">declined"))
                #expect(page.text.contains("Nothing is held about this child") && page.text.contains("The child could not be identified"))
                #expect(page.text.contains("No child of that name or birth date on roll"))
            }
        }
    }

    /// The envelope id of the first waiting item's Open form in an inbox page.
    static func waitingID(_ page: String) -> String? {
        guard let range = page.range(of: "name=\"id\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix(64))
    }
}
