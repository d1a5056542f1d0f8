import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SealpostCore
import SealpostExchange
import SealpostLedger
@testable import SealpostWeb
import Testing

/// Documents sent with a referral through the app, over a real relay (spec/web.md §Documents):
/// uploads checked as `--attach` is (type from content and extension, size bounded), named
/// safely, kept sealed with the draft (never plaintext on disk), removable; Send refused until
/// the practitioner confirms each was checked, which is logged as `--attachments-checked` is;
/// the MASH's record page lists them and each downloads with its exact bytes, as an attachment.
@Suite("sealpost web: documents with a referral", .serialized)
struct DocumentRouteTests {
    static let pdf = Array("%PDF-1.4\n% a care plan for the strategy meeting: DOCUMENT-MARKER-7f3a\n%%EOF\n".utf8)

    @Test("upload, check, send with the box ticked, and the MASH downloads the same bytes")
    func documentsTravel() async throws {
        try await WebPartnership.with { p in
            try await p.withApp(p.schoolHome) { client in
                let school = try await Browser.signIn(client, as: WebPartnership.schoolUser)
                let draft = try #require(try await school.post("/referrals/new", []).location)
                let documents = draft + "/documents"
                #expect(try await school.get(draft).text.contains("href=\"\(documents)\""))
                let empty = try await school.get(documents)
                #expect(empty.status == .ok && empty.text.contains("No documents are added") && empty.text.contains("up to 10 MB"))

                let refusedType = try await Self.upload(school, documents, name: "photos.zip", bytes: [0x50, 0x4b, 0x03, 0x04] + Array(repeating: 1, count: 40))
                #expect(refusedType.status == .badRequest && refusedType.text.contains("<a href=\"#document\">The file (photos.zip) cannot be sent"))
                #expect(refusedType.text.contains("class=\"govuk-error-summary\" tabindex=\"-1\""))
                let lying = try await Self.upload(school, documents, name: "plan.pdf", bytes: Array("just text".utf8))
                #expect(lying.status == .badRequest && lying.text.contains("cannot be sent"))
                let none = try await Self.upload(school, documents, name: "", bytes: [])
                #expect(none.status == .badRequest && none.text.contains("Select a file to add"))
                let huge = try await Self.upload(school, documents, name: "scan.pdf", bytes: Array("%PDF-".utf8) + Array(repeating: 0x20, count: 11 << 20))
                #expect(huge.status == .contentTooLarge && huge.text.contains("The file must be smaller than 10 MB"))
                let forged = try await Self.upload(school, documents, name: "plan.pdf", bytes: Self.pdf, csrf: String(repeating: "0", count: 64))
                #expect(forged.status == .forbidden)

                let added = try await Self.upload(school, documents, name: "C:\\Users\\ann\\..\\..\\Care plan\u{202E}fdp.pdf", bytes: Self.pdf)
                #expect(added.status == .seeOther && added.location == documents + "?added=1")
                let second = try await Self.upload(school, documents, name: "<img src=x onerror=alert(1)>notes.txt", bytes: Array("Attendance: 82%\n".utf8))
                #expect(second.status == .seeOther)
                var stored = try #require(try Drafts(home: p.schoolHome).load(String(draft.dropFirst("/referrals/".count)), identity: p.school))
                #expect(stored.documents.map(\.name) == ["Care plan_fdp.pdf", "_img src=x onerror=alert(1)_notes.txt"], "the names are made safe")
                #expect(stored.documents.map(\.type) == ["application/pdf", "text/plain"])
                let listed = try await school.get(documents).text
                #expect(listed.contains("Care plan_fdp.pdf") && listed.contains("PDF, \(Self.pdf.count) bytes") && listed.contains("Remove<span class=\"govuk-visually-hidden\"> document 2"))
                #expect(!listed.contains("<img") && listed.contains("_img src=x onerror=alert(1)_notes.txt"), "escaped and inert")
                #expect(try Self.filesHolding(Array("DOCUMENT-MARKER-7f3a".utf8), under: p.schoolHome.path).isEmpty, "sealed, never plaintext on disk")

                let removedID = stored.documents[1].id
                let sealedFile = p.schoolHome.draftsDirectory + "/\(stored.id).documents/\(removedID).sealed"
                #expect(FileManager.default.fileExists(atPath: sealedFile))
                let removed = try await school.post(documents + "/\(removedID)/remove", [])
                #expect(removed.location == documents + "?removed=1")
                stored = try #require(try Drafts(home: p.schoolHome).load(stored.id, identity: p.school))
                #expect(stored.documents.count == 1 && !FileManager.default.fileExists(atPath: sealedFile))

                for (path, fields) in ReferralFixture.steps() {
                    #expect(try await school.post(draft + "/" + path, fields).status == .seeOther, "\(path)")
                }
                try await AnswerRouteTests.redactEveryFinding(school, draft: draft)
                let check = try await school.get(draft + "/check").text
                #expect(check.contains("Documents sent with it") && check.contains("id=\"documents-checked\""))
                let unticked = try await school.post(draft + "/send", [])
                #expect(unticked.status == .badRequest && unticked.text.contains("<a href=\"#documents-checked\">Confirm you have checked each document"))
                #expect(unticked.text.contains("<title>Error: Check what leaves"))
                #expect(try Outbox(home: p.schoolHome).entries().isEmpty, "nothing sealed without the confirmation")

                let sent = try await school.post(draft + "/send", [("documents-checked", "yes")])
                #expect(sent.status == .seeOther && sent.location?.hasPrefix("/referrals/sent?record=") == true)
                #expect(try await school.get(try #require(sent.location)).text.contains("1 document went with it"))
                #expect(!FileManager.default.fileExists(atPath: p.schoolHome.draftsDirectory + "/\(stored.id).documents"), "gone with the draft")
                let outbox = try Outbox(home: p.schoolHome).entries()
                #expect(outbox.first?.attachments?.count == 1 && outbox.first?.attachments?.first?.length == UInt64(Self.pdf.count))
                let checked = try Ledger.read(directory: p.schoolHome.logDirectory, atRest: AtRest(identity: p.school)).entries.filter {
                    if case .redactionCleared(let facts) = $0.facts { return facts.category == "attachment" }
                    return false
                }
                #expect(checked.count == 1 && checked.first?.details?.actor?.name == WebPartnership.schoolUser)
                #expect(checked.first?.details?.reason == "checked by the sender before sending (the app's box \"I have checked each document\", ticked): attachments are not redacted")
            }
            try await p.withApp(p.mashHome) { client in
                let mash = try await Browser.signIn(client, as: WebPartnership.mashUser)
                let envelope = try #require(RequestRouteTests.waitingID(try await mash.get("/inbox").text))
                _ = try await mash.post("/inbox/open", [("id", envelope)])
                let record = try await mash.get("/inbox/\(envelope)").text
                #expect(record.contains("Documents sent with it") && record.contains("href=\"/inbox/\(envelope)/documents/1\" download>Care plan_fdp.pdf"))
                let download = try await client.execute(uri: "/inbox/\(envelope)/documents/1", method: .get, headers: [.cookie: mash.cookie])
                #expect(download.status == .ok && Array(download.body.readableBytesView) == Self.pdf, "the same bytes")
                #expect(download.headers[.contentDisposition] == "attachment; filename=\"Care plan_fdp.pdf\"; filename*=UTF-8''Care%20plan_fdp.pdf")
                #expect(download.headers[.contentType] == "application/pdf")
                #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff" && download.headers[.cacheControl] == "no-store")
                #expect(try await mash.get("/inbox/\(envelope)/documents/2").status == .notFound)
                #expect(try await mash.get("/inbox/\(envelope)/documents/0").status == .notFound)
                #expect(try await client.execute(uri: "/inbox/\(envelope)/documents/1", method: .get).status != .ok, "signed in only")

                // A stored file changed since it was received is refused, not served.
                // It is kept sealed at rest (the home at rest), never as the PDF's bytes.
                let path = Inbox(home: p.mashHome, atRest: AtRest(identity: p.mash)).attachmentPath(envelope, index: 0)
                #expect(AtRest.isSealed(try #require(FileManager.default.contents(atPath: path).map(Array.init))))
                try Data("%PDF-1.4 something else".utf8).write(to: URL(fileURLWithPath: path))
                #expect(try await mash.get("/inbox/\(envelope)/documents/1").status == .conflict)
            }
        }
    }

    @Test("a download's file name is safe in the header whatever the stored name holds")
    func dispositionIsSafe() {
        #expect(ReceivedDocuments.disposition("plan.pdf") == "attachment; filename=\"plan.pdf\"; filename*=UTF-8''plan.pdf")
        #expect(ReceivedDocuments.disposition("a\"b\\c%.pdf") == "attachment; filename=\"a_b_c_.pdf\"; filename*=UTF-8''a%22b%5Cc%25.pdf")
        #expect(ReceivedDocuments.disposition("Zoë\r\n.pdf").hasPrefix("attachment; filename=\"Zo___.pdf\""))
        #expect(ReceivedDocuments.contentType("text/html") == "application/octet-stream")
    }

    /// POSTs one file as `multipart/form-data`, as a browser's file upload does.
    static func upload(_ browser: Browser, _ uri: String, name: String, bytes: [UInt8],
                       csrf: String? = nil) async throws -> (status: HTTPResponse.Status, text: String, location: String?) {
        let boundary = "----sealpost-document-boundary"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf ?? browser.csrf)\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"document\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        let answer = try await browser.client.execute(uri: uri, method: .post,
                                                      headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookie],
                                                      body: ByteBuffer(bytes: body))
        return (answer.status, String(buffer: answer.body), answer.headers[.location])
    }

    /// Files under `folder` whose bytes contain `needle`.
    static func filesHolding(_ needle: [UInt8], under folder: String) throws -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            let path = folder + "/" + relative
            guard let data = FileManager.default.contents(atPath: path), data.count >= needle.count else { continue }
            if data.range(of: Data(needle)) != nil { found.append(relative) }
        }
        return found
    }
}
