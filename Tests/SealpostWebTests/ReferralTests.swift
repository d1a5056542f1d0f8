import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SealpostCore
import SealpostExchange
import SealpostRecord
import SealpostLog
@testable import SealpostWeb
import Testing

/// Writing and sending a referral through the app's routes: question pages that report every
/// problem against its field and keep what was typed, drafts sealed and round-tripped through
/// export and import, recipients only from the agreement, and a send that cannot happen while a
/// possible identity is undecided, or when the agreement refuses it.
@Suite("sealpost web: writing and sending a referral", .serialized)
struct ReferralTests {
    @Test("every required field, a bad NHS number and a bad date are reported against their fields, keeping what was typed")
    func formValidation() async throws {
        try await ReferralFixture.withApp { app in
            let id = try await app.newDraft()
            let child = try await app.post("/referrals/\(id)/section/child", [
                ("subject-name", ""), ("subject-dob-day", "31"), ("subject-dob-month", "02"), ("subject-dob-year", "2015"),
                ("subject-nhs_number", "943 476 5918"), ("subject-address", "1 High Street\nKingsbridge"), ("subject-school", "St Anne's"),
            ])
            #expect(child.status == .badRequest)
            let page = child.text
            #expect(page.contains("There is a problem"))
            for (anchor, message) in [("subject-name", "Enter the child&#39;s full name"), ("subject-dob-day", "Date of birth must be a real date"),
                                      ("subject-nhs_number", "Check the NHS number")] {
                #expect(page.contains("<a href=\"#\(anchor)\">\(message)"), "\(anchor) in the error summary")
                #expect(page.contains("id=\"\(anchor)\""), "\(anchor) is a field on the page")
            }
            for typed in ["value=\"31\"", "value=\"02\"", "value=\"2015\"", "value=\"943 476 5918\"", "1 High Street\nKingsbridge",
                          "value=\"St Anne&#39;s\""] {
                #expect(page.contains(typed), "kept: \(typed)")
            }
            let again = try await app.get("/referrals/\(id)/section/child").text
            #expect(again.contains("value=\"943 476 5918\""), "saved in the draft as typed")
            #expect(again.contains("data-nhs-number") && again.contains("<script src=\"/assets/referral.js\" defer></script>"))
            let script = try await app.get("/assets/referral.js")
            #expect(script.status == .ok && script.text.contains("data-nhs-number"))
            // A date of birth years ahead (a typing slip) is reported against the date, and the section is not complete.
            let nextYear = CalendarDate.today(now: Date().timeIntervalSince1970).year + 1
            let future = try await app.post("/referrals/\(id)/section/child", [
                ("subject-name", "Jayden Okafor"), ("subject-dob-day", "14"), ("subject-dob-month", "3"), ("subject-dob-year", "\(nextYear)"),
            ])
            #expect(future.status == .badRequest)
            #expect(future.text.contains("<a href=\"#subject-dob-day\">Date of birth must be today or in the past"))
            #expect(try await app.get("/referrals/\(id)").text.contains("Incomplete"))
            let short = try await app.post("/referrals/\(id)/section/child", [("subject-name", "Jayden Okafor"), ("subject-nhs_number", "12345")])
            #expect(short.text.contains("NHS number must be 10 digits"))

            let required: [(String, [String])] = [
                ("section/consent", ["Select whether consent to share was sought"]),
                ("section/concern", ["Select at least one category of harm", "Select how urgent it is"]),
                ("section/narrative", ["Enter what happened"]),
                ("section/purpose", ["Select the purpose", "Select the lawful basis"]),
                ("list/statements/0", ["Enter the statement", "Select fact or opinion", "Select current or historical"]),
                ("list/household/0", ["Enter their relationship to the child"]),
            ]
            for (path, messages) in required {
                let answer = try await app.post("/referrals/\(id)/\(path)")
                #expect(answer.status == .badRequest, "\(path)")
                for message in messages { #expect(answer.text.contains(message), "\(path): \(message)") }
            }
            let consent = try await app.post("/referrals/\(id)/section/consent", [("consent-status", "not_sought")])
            #expect(consent.text.contains("Select why consent was not sought"))
            // A statutory transfer (a child protection file moving to a new school) is a reason offered,
            // and kept in the draft as the record format spells it.
            #expect(consent.text.contains("value=\"statutory_duty\""))
            let statutory = try await app.post("/referrals/\(id)/section/consent",
                                               [("consent-status", "not_sought"), ("consent-reason", "statutory_duty")])
            #expect(statutory.status == .seeOther, "\(statutory.text)")
            let saved = try #require(try Drafts(home: app.home).load(id, identity: app.identity))
            #expect(saved.record["consent"]?["reason"]?.stringValue == "statutory_duty")
            let author = try await app.post("/referrals/\(id)/section/author", [("author-name", "Ann Smith")])
            #expect(author.text.contains("Enter your job title") && author.text.contains("Enter a work phone number or email address"))
            #expect(author.text.contains("value=\"Ann Smith\""))

            let tasks = try await app.get("/referrals/\(id)").text
            #expect(tasks.contains("Incomplete") && tasks.contains("Cannot start yet"))
            #expect(!tasks.contains("href=\"/referrals/\(id)/check\""), "nothing to check until every section is complete")
            #expect(try await app.get("/referrals/\(id)/check").status == .seeOther)
        }
    }

    @Test("a draft is saved at every step, listed on Home, exported as a record file and imported again")
    func draftsRoundTrip() async throws {
        try await ReferralFixture.withApp { app in
            let id = try await app.newDraft()
            let fresh = try #require(try Drafts(home: app.home).load(id, identity: app.identity))
            #expect(fresh.record["author"]?["name"]?.stringValue == "Ann Smith", "the author defaults from the signed-in practitioner")
            #expect(fresh.record["author"]?["job_title"]?.stringValue == "Designated Safeguarding Lead")
            try await app.completeDraft(id)
            let tasks = try await app.get("/referrals/\(id)").text
            #expect(!tasks.contains("Incomplete") && tasks.contains("href=\"/referrals/\(id)/check\""))
            let saved = try #require(try Drafts(home: app.home).load(id, identity: app.identity))
            #expect(saved.updatedBy == "Ann Smith (Designated Safeguarding Lead)" && saved.recipients == ["kingsbridge-mash"])

            let export = try await app.get("/referrals/\(id)/export")
            #expect(export.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"school-st-annes-") == true)
            let record = try SafeguardingRecord(json: Array(export.body.readableBytesView))
            #expect(record.subject.nhsNumber?.digits == "9434765919" && record.parties.first?.protect == true)

            let upload = try await importFile(app, Array(export.body.readableBytesView))
            #expect(upload.status == .seeOther)
            let imported = try #require(upload.headers[.location])
            #expect(imported.hasSuffix("?imported=1") && !imported.contains(id))
            let importedTasks = try await app.get(String(imported.prefix { $0 != "?" })).text
            #expect(!importedTasks.contains("Incomplete"), "the imported record is complete")
            #expect(Drafts(home: app.home).count == 2)
            #expect(try await app.get("/").text.contains("<span class=\"sp-count__number\">2</span> drafts"))
            #expect(try await app.get("/referrals").text.contains("Jayden Okafor"))

            let notJSON = try await importFile(app, Array("name,dob\nJayden,2017-03-14\n".utf8))
            #expect(notJSON.status == .badRequest && notJSON.text.contains("not JSON") && notJSON.text.contains("href=\"#record\""))
            let forged = try await importFile(app, Array("{}".utf8), csrf: String(repeating: "0", count: 64))
            #expect(forged.status == .forbidden && Drafts(home: app.home).count == 2)
            let badReference = try await importFile(app, Array(#"{"id": "not a reference!", "narrative": "Seen upset.", "colour": "red"}"#.utf8))
            let third = try #require(badReference.headers[.location]?.dropFirst("/referrals/".count).prefix(32))
            let reread = try #require(try Drafts(home: app.home).load(String(third), identity: app.identity))
            #expect(reread.record["id"]?.stringValue?.hasPrefix("school-st-annes-") == true, "an unusable reference is replaced")
            #expect(reread.record["colour"] == nil && reread.record["narrative"]?.stringValue == "Seen upset.", "only the record's members")
            try Drafts(home: app.home).delete(String(third))

            #expect(try await app.post("/referrals/\(id)/delete").status == .seeOther)
            let gone = try await app.get("/referrals/\(id)")
            #expect(Drafts(home: app.home).count == 1 && gone.status == .notFound)
        }
    }

    func importFile(_ app: ReferralFixture, _ bytes: [UInt8], csrf: String? = nil) async throws -> TestResponse {
        let boundary = "----sealpost-test-boundary"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf ?? app.csrf)\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"record\"; filename=\"r.json\"\r\nContent-Type: application/json\r\n\r\n".utf8)
        body += bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.cookie] = app.cookie
        return try await app.client.execute(uri: "/referrals/import", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    @Test("recipients are chosen from the parties with a role in the purpose; others are listed with the reason, and a forged one is refused")
    func recipients() async throws {
        try await ReferralFixture.withApp { app in
            let id = try await app.newDraft()
            try await app.completeDraft(id, purpose: ReferralFixture.earlyHelp)
            let page = try await app.get("/referrals/\(id)/recipients").text
            #expect(page.contains("value=\"kingsbridge-mash\"") && !page.contains("value=\"police-cait\""))
            #expect(page.contains("police-cait (police) has no role in purpose early_help"), "the reason a party is not offered")
            #expect(!page.contains("value=\"relay-kingsbridge\"") && !page.contains("value=\"school-st-annes\""))
            let forged = try await app.post("/referrals/\(id)/recipients", [("recipients", "police-cait")])
            #expect(forged.status == .badRequest && forged.text.contains("cannot receive a referral for this purpose"))
            let none = try await app.post("/referrals/\(id)/recipients")
            #expect(none.status == .badRequest && none.text.contains("Select at least one agency"))
            #expect(try Drafts(home: app.home).load(id, identity: app.identity)?.recipients == ["kingsbridge-mash"], "unchanged")
        }
    }

    @Test("send is refused while a possible identity is undecided, whatever is posted; decided, it is sealed and, with the relay down, kept to send")
    func decisionsEnforced() async throws {
        try await ReferralFixture.withApp { app in
            let id = try await app.newDraft()
            try await app.completeDraft(id)
            let check = try await app.get("/referrals/\(id)/check")
            #expect(check.status == .ok)
            #expect(check.text.contains("Decide 1 possible identity") && check.text.contains("Possible identity 1"))
            #expect(check.text.contains("<mark class=\"sp-mark sp-mark--token\">[Third party 1 (neighbour)]</mark>"))
            #expect(!check.text.contains("Hollins"), "the protected neighbour is not on the page")
            #expect(!check.text.contains("id=\"send\""), "no Send while a finding is undecided")

            let early = try await app.post("/referrals/\(id)/send")
            #expect(early.status == .seeOther && early.headers[.location] == "/referrals/\(id)/check?notice=undecided")
            let exchange = try ExchangeContext.load(home: app.home, identity: app.identity, logger: ExchangeLog.silent)
            #expect(try exchange.outbox.entries().isEmpty, "nothing sealed")

            let finding = try #require(check.text.firstMatch(of: /name="finding-1" value="([^"]+)"/)?.1)
            let noReason = try await app.post("/referrals/\(id)/decisions", [("finding-1", String(finding)), ("action-1", "keep")])
            #expect(noReason.status == .badRequest && noReason.text.contains("<a href=\"#reason-1\">Say why possible identity 1 can be kept"))
            #expect(noReason.text.contains("value=\"keep\" checked"), "the choice is kept")
            let undecided = try await app.post("/referrals/\(id)/decisions", [("finding-1", String(finding))])
            #expect(undecided.status == .badRequest && undecided.text.contains("<a href=\"#action-1-1\">Select redact or keep"))

            let decided = try await app.post("/referrals/\(id)/decisions", [
                ("finding-1", String(finding)), ("action-1", "keep"), ("reason-1", "the street of the school's minibus stop, not anyone's home"),
            ])
            #expect(decided.status == .seeOther)
            let ready = try await app.get("/referrals/\(id)/check").text
            #expect(ready.contains("What each recipient will see") && ready.contains("Kingsbridge MASH (kingsbridge-mash)"))
            #expect(ready.contains("id=\"send\"") && !ready.contains("Hollins") && !ready.contains("07700 900123"))
            #expect(ready.contains("parties[].phone") && ready.contains("protects a third party"), "withheld fields and why")

            // Two presses of Send at once: one sends, the other seals nothing.
            async let firstPress = app.post("/referrals/\(id)/send")
            async let secondPress = app.post("/referrals/\(id)/send")
            let (a, b) = try await (firstPress, secondPress)
            let sent = a.status == .seeOther ? a : b
            let other = a.status == .seeOther ? b : a
            #expect(other.status == .conflict || other.status == .notFound, "\(other.status)")
            let location = try #require(sent.headers[.location])
            #expect(sent.status == .seeOther && location.hasPrefix("/referrals/sent?record=school-st-annes-") && location.hasSuffix("&queued=1"))
            let confirmation = try await app.get(location).text
            #expect(confirmation.contains("govuk-panel--confirmation") && confirmation.contains("kept in your outbox"))
            #expect(confirmation.contains("within 24 hours"))
            let entries = try exchange.outbox.entries()
            #expect(entries.count == 1 && entries.first?.state == .sealed && entries.first?.recipient == "kingsbridge-mash")
            #expect(entries.first?.decisions.first?.action == "keep")
            #expect(Drafts(home: app.home).count == 0, "the draft is gone once sealed")
            let report = try await app.get("/report?subject=Jayden+Okafor").text
            #expect(report.contains("Ann Smith (Designated Safeguarding Lead)"), "the decision records the acting practitioner")
            // A GET form writes a space as "+" and a typed plus as %2B: the search box shows what was typed.
            #expect(report.contains("value=\"Jayden Okafor\"") && !report.contains("Jayden+Okafor"))
            #expect(try await app.get("/report?subject=Jayden%2BOkafor").text.contains("value=\"Jayden+Okafor\""))
            let filtered = try await app.get("/log?child=Jayden+Okafor&counterpart=kingsbridge+mash").text
            #expect(filtered.contains("value=\"Jayden Okafor\"") && filtered.contains("child=Jayden%20Okafor"))
        }
    }

    @Test("a send the agreement refuses says why, seals nothing, and the refusal is logged")
    func refusedByAgreement() async throws {
        try await ReferralFixture.withApp { app in
            let id = try await app.newDraft()
            try await app.completeDraft(id, purpose: ReferralFixture.earlyHelp)
            // Recipients forced past the form (as an agreement changed since they were chosen would).
            var draft = try #require(try Drafts(home: app.home).load(id, identity: app.identity))
            draft.recipients = ["police-cait"]
            try Drafts(home: app.home).save(draft, identity: app.identity)
            let check = try await app.get("/referrals/\(id)/check").text
            #expect(check.contains("cannot be sent as it stands") && check.contains("has no role in purpose early_help") && !check.contains("id=\"send\""))
            let refused = try await app.post("/referrals/\(id)/send")
            #expect(refused.status == .forbidden && refused.text.contains("The agreement does not allow this send"))
            #expect(refused.text.contains("police-cait (police) has no role in purpose early_help"))
            let exchange = try ExchangeContext.load(home: app.home, identity: app.identity, logger: ExchangeLog.silent)
            #expect(try exchange.outbox.entries().isEmpty && Drafts(home: app.home).count == 1)
            let log = try await app.get("/log").text
            #expect(log.contains("refused"), "the refusal is in the receipt log")
            // Counts in the singular when there is one: "1 entry", never "1 entries".
            #expect(log.contains("other agencies' copies. 1 entry.</p>"))
            let verified = try await app.get("/log/verify").text
            #expect(verified.contains("1 entry, each signed and chained; 0 signatures of other agencies checked"))
            #expect(verified.contains("The entry still holds its details."))
            // The entry's page says what was decided in the subject report's words, with the proof and the
            // signed data behind a disclosure.
            let entry = try await app.get("/log/1").text
            #expect(entry.contains("<p class=\"govuk-body-l\" id=\"headline\">Not shared with police-cait"))
            #expect(entry.contains("<dt class=\"govuk-summary-list__key\">Purpose</dt><dd class=\"govuk-summary-list__value\">early_help"))
            #expect(entry.contains(">Proof</h2>") && entry.contains("The signed facts, as data"))
            // Retention erases the details: the verify page says so of every entry, and the entry's page says
            // its details were erased, outside any disclosure.
            let receipts = try ReceiptLog(directory: app.home.logDirectory, identity: app.identity)
            #expect(try receipts.eraseDetails(before: Int64(Date().timeIntervalSince1970 * 1000) + 60_000, rule: "kept 6 years", at: Int64(Date().timeIntervalSince1970 * 1000)) == 1)
            let erased = try await app.get("/log/verify").text
            #expect(erased.contains("The log verifies") && erased.contains("2 entries, each signed and chained"))
            #expect(erased.contains("1 of 2 entries still hold their details; the rest were erased under a retention rule."), "\(erased)")
            #expect(try await app.get("/log/1").text.contains("<p class=\"govuk-body\">Its details were erased under a retention rule."))
            // A chain that does not verify says nothing about retention: the details check did not run.
            let chain = app.home.logDirectory + "/chain.log"
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: chain)))
            bytes[bytes.count / 3] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: chain))
            let broken = try await app.get("/log/verify").text
            #expect(broken.contains("The log does not verify") && !broken.contains("still hold") && !broken.contains("erased under"))
        }
    }
}

extension ReferralTests {
    @Test("script, attribute and URL payloads typed into a referral's fields are shown inert on every page that shows them")
    func payloadsInert() async throws {
        try await ReferralFixture.withApp { app in
            let id = try await app.newDraft()
            let payloads = ["\"><script>window.pwned=1</script>", "' onmouseover='window.pwned=1' x='", "javascript:window.pwned=1"]
            try await app.post("/referrals/\(id)/section/child", [("subject-name", payloads[0]), ("subject-address", payloads[1]),
                                                                  ("subject-school", payloads[2])])
            try await app.post("/referrals/\(id)/section/narrative", [("narrative", payloads.joined(separator: "\n"))])
            try await app.post("/referrals/\(id)/list/parties/0", [("name", payloads[0]), ("relationship", payloads[1])])
            for path in ["/referrals", "/referrals/\(id)", "/referrals/\(id)/section/child", "/referrals/\(id)/section/narrative",
                         "/referrals/\(id)/list/parties", "/referrals/\(id)/list/parties/0"] {
                let page = try await app.get(path).text
                #expect(!page.contains("<script>window") && !page.contains("' onmouseover"), "\(path)")
                #expect(!page.contains("href=\"javascript:"), "\(path)")
            }
            #expect(try await app.get("/referrals/\(id)/section/child").text.contains("&quot;&gt;&lt;script&gt;"))
        }
    }
}

extension ReferralTests {
    @Test("household members, other people and statements are added, changed and removed; ids stay unique")
    func lists() async throws {
        try await ReferralFixture.withApp { app in
            let id = try await app.newDraft()
            let base = "/referrals/\(id)/list"
            #expect(try await app.post("\(base)/household/0", [("relationship", "mother"), ("name", "Grace Okafor")]).status == .seeOther)
            #expect(try await app.post("\(base)/household/1", [("relationship", "brother"), ("name", "Tobi Okafor")]).status == .seeOther)
            #expect(try await app.post("\(base)/parties/0", [("role", "neighbour"), ("name", "Derek Hollins")]).status == .seeOther)
            #expect(try await app.get("\(base)/household/5").status == .notFound, "only the next new one can be added")
            let change = try await app.get("\(base)/household/1").text
            #expect(change.contains("value=\"Tobi Okafor\"") && change.contains("Change household member"))
            #expect(try await app.post("\(base)/household/1", [("relationship", "half-brother"), ("name", "Tobi Okafor")]).status == .seeOther)
            #expect(try await app.post("\(base)/household/0/remove").status == .seeOther)
            let draft = try #require(try Drafts(home: app.home).load(id, identity: app.identity))
            let household = draft.record["household"]?.arrayValue ?? []
            #expect(household.count == 1 && household.first?["relationship"]?.stringValue == "half-brother")
            #expect(household.first?["id"]?.stringValue == "household-2", "a member keeps its id when another is removed")
            #expect(draft.record["parties"]?.arrayValue?.first?["id"]?.stringValue == "party-1")
            let list = try await app.get("\(base)/household").text
            #expect(list.contains("Tobi Okafor, half-brother") && !list.contains("Grace"))
            #expect(try await app.post("\(base)/statements/0/remove", csrf: false).status == .forbidden, "a remove needs the CSRF token")
        }
    }
}

extension ReferralTests {
    @Test("a multipart body is split into its parts; a malformed one loses the broken parts and never traps")
    func multipart() {
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n--b\r\nContent-Disposition: form-data; name=\"record\"; filename=\"r.json\"\r\n\r\n{\"a\":1}\r\n--b--\r\n".utf8)
        let parts = MultipartForm.parse(body, boundary: "b")
        #expect(parts.map(\.name) == ["csrf", "record"] && parts.last.map { String(decoding: $0.bytes, as: UTF8.self) } == "{\"a\":1}")
        #expect(parts.map(\.filename) == [nil, "r.json"], "a file part's name, and none for a field")
        #expect(MultipartForm.boundary("multipart/form-data; boundary=\"x y\"") == "x y" && MultipartForm.boundary("multipart/form-data") == nil)
        let broken = ["--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--b--", "--b\r\n\r\n\r\n--b", "--b--b--b", "--b\r\nX\r\n\r",
                      "\r\n--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--b", ""]
        for text in broken { _ = MultipartForm.parse(Array(text.utf8), boundary: "b") }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let alphabet = Array("--b\r\n\"=; name".utf8)
            let random = (0..<Int.random(in: 0..<60, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            _ = MultipartForm.parse(random, boundary: "b")
        }
    }
}
