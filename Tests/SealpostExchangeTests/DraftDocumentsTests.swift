import Foundation
import SealpostCore
import SealpostExchange
import SealpostRecord
import SealpostSodium
import Testing

/// What a draft remembers beyond the record: the request it answers, and documents sealed beside
/// it (DraftDocuments), with drafts saved before either still opening unchanged.
@Suite("Drafts: the request answered, documents sealed beside the draft")
struct DraftDocumentsTests {
    static let pdf = Array("%PDF-1.4\n% strategy meeting notes SECRET-PDF-MARKER\n%%EOF\n".utf8)

    @Test("a draft written before answering and documents existed opens as one that answers nothing and has none")
    func earlierDraftsOpen() throws {
        let folder = try TemporaryFolder("drafts")
        defer { folder.remove() }
        let home = Home(path: folder.sub("school"))
        let id = Draft.newID()
        // Exactly the JSON the earlier Draft wrote: no "answering", no "documents".
        let json = #"{"format":"sealpost-draft/v1","id":"\#(id)","created_at":1795000000,"updated_at":1795000060,"created_by":"Ann Smith (DSL)","updated_by":"Ann Smith (DSL)","record":{"narrative":"Seen upset."},"recipients":["kingsbridge-mash"],"decisions":{"format":"sealpost-decisions/v1","decisions":[]}}"#
        try Self.seal(json, id: id, home: home)
        let draft = try #require(try Drafts(home: home).load(id, identity: Fixture.school))
        #expect(draft.answering == nil && draft.documents.isEmpty && draft.recipients == ["kingsbridge-mash"])
        #expect(draft[member: "narrative"]?.stringValue == "Seen upset." && draft.updatedAt == 1_795_000_060)

        var answering = draft
        answering.answering = String(repeating: "ab", count: 32)
        try Drafts(home: home).save(answering, identity: Fixture.school)
        #expect(try Drafts(home: home).load(id, identity: Fixture.school) == answering, "the request it answers round-trips")

        let bad = json.replacingOccurrences(of: #""recipients""#, with: #""answering":"not an envelope id","recipients""#)
        try Self.seal(bad, id: id, home: home)
        #expect(throws: ExchangeError.self) { try Drafts(home: home).load(id, identity: Fixture.school) }
    }

    @Test("documents are checked as --attach is, sealed beside the draft, opened only with their hash, and go with the draft")
    func documents() throws {
        let folder = try TemporaryFolder("drafts")
        defer { folder.remove() }
        let home = Home(path: folder.sub("school"))
        let store = DraftDocuments(home: home)
        var draft = Draft(createdAt: 1_795_000_000, createdBy: "Ann Smith (DSL)")
        let added = try store.add(Self.pdf, named: "C:\\fakepath\\notes.pdf", to: &draft, by: "Ann Smith (DSL)", at: 1_795_000_001,
                                  identity: Fixture.school)
        try store.add(Array("Attendance 82%\n".utf8), named: "notes.pdf.txt", to: &draft, by: "Ann Smith (DSL)", at: 1_795_000_002,
                      identity: Fixture.school)
        try Drafts(home: home).save(draft, identity: Fixture.school)
        #expect(added.name == "notes.pdf" && added.type == "application/pdf" && added.length == UInt64(Self.pdf.count))
        #expect(draft.documents.map(\.name) == ["notes.pdf", "notes.pdf.txt"])
        let reloaded = try #require(try Drafts(home: home).load(draft.id, identity: Fixture.school))
        #expect(reloaded.documents == draft.documents)
        #expect(try store.bytes(of: added, in: reloaded, identity: Fixture.school) == Self.pdf)
        let attachments = try store.attachments(of: reloaded, identity: Fixture.school)
        #expect(attachments.map(\.name) == ["notes.pdf", "notes.pdf.txt"] && attachments.map(\.type) == ["application/pdf", "text/plain"])

        let documentsFolder = home.draftsDirectory + "/" + draft.id + ".documents"
        for name in try FileManager.default.contentsOfDirectory(atPath: documentsFolder) {
            let data = try Data(contentsOf: URL(fileURLWithPath: documentsFolder + "/" + name))
            #expect(data.range(of: Data("SECRET-PDF-MARKER".utf8)) == nil, "never plaintext on disk")
        }
        #expect(Drafts(home: home).count == 1, "a draft's documents are not drafts")
        #expect(throws: ExchangeError.self) { try store.bytes(of: added, in: reloaded, identity: Fixture.mash) }

        // The other document's sealed bytes under this one's name: its hash differs, so it is refused.
        try FileManager.default.removeItem(atPath: documentsFolder + "/" + added.id + ".sealed")
        try FileManager.default.copyItem(atPath: documentsFolder + "/" + draft.documents[1].id + ".sealed",
                                         toPath: documentsFolder + "/" + added.id + ".sealed")
        #expect(throws: ExchangeError.self) { try store.bytes(of: added, in: reloaded, identity: Fixture.school) }

        for (bytes, name) in [([0x50, 0x4b, 0x03, 0x04, 0, 0], "photos.zip"), (Array("plain".utf8), "fake.pdf"), ([], "empty.pdf"),
                              (Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: DraftDocuments.maximumFileBytes), "huge.pdf")] as [([UInt8], String)] {
            var copy = reloaded
            #expect(throws: ExchangeError.self, "\(name)") {
                try store.add(bytes, named: name, to: &copy, by: "x", at: 1_795_000_003, identity: Fixture.school)
            }
            #expect(copy.documents.count == 2)
        }
        try Drafts(home: home).delete(draft.id)
        #expect(!FileManager.default.fileExists(atPath: documentsFolder), "deleted with the draft")
    }

    static func seal(_ json: String, id: String, home: Home) throws {
        try FileManager.default.createDirectory(atPath: home.draftsDirectory, withIntermediateDirectories: true)
        let envelope = try EnvelopeSealer(sender: Fixture.school).seal(
            Array(json.utf8), recipients: [Fixture.school.boxKey.publicKey], contentType: Drafts.contentType,
            attributes: ["format": Draft.format], createdAt: 1_795_000_000).envelope
        try Data(envelope).write(to: URL(fileURLWithPath: home.draftsDirectory + "/" + id + ".sealed"))
    }
}
