#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore
@testable import SealpostExchange
import SealpostRelay
import SealpostSodium
import Testing

/// Documents with a record (spec/exchange.md §Attachments): a school sends a record with files
/// through a real relay, the MASH stores them beside the record under safe names, and both logs
/// say what happened; and what is refused before anything is sealed.
@Suite(.serialized) struct AttachmentExchangeTests {
    static let pdf = Array("%PDF-1.7\n% chronology of concerns\n".utf8) + patternBytes(3000)
    static let png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] + patternBytes(900)

    static func patternBytes(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } }

    func write(_ bytes: [UInt8], _ name: String, in folder: TemporaryFolder) throws -> String {
        let dir = folder.sub("files-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func sentWithTheRecordStoredBesideItUnderSafeNamesAndLogged() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            // Linux allows any byte but / and NUL in a name: each of these reaches the MASH as sent.
            let files = [
                (Self.pdf, "chronology.pdf"),
                (Self.png, "body map.png"),
                (Array("case note\n".utf8), "..\\..\\AppData\\evil.txt"),
                (Array("second note\n".utf8), "\u{1b}]0;owned\u{07}note\u{202E}txt.exe.txt"),
                (Array("third note\n".utf8), "CON.txt"),
                (Self.pdf + Self.patternBytes(200_000), "Chronology.PDF"),  // four chunks at rest
            ]
            let paths = try files.map { try write($0.0, $0.1, in: folder) }
            let attachments = try OutgoingAttachment.read(paths)
            #expect(attachments.map(\.type) == ["application/pdf", "image/png", "text/plain", "text/plain", "text/plain", "application/pdf"])

            let record = try Fixture.record()
            let decisions = try decisionsClearing("disclosure.json", purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context)
            let preparation = try Send.prepare(record, purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context,
                                               decisions: decisions, attachments: attachments, attachmentsChecked: true)
            let sealed = try Send.seal(preparation, context: school.context)
            let entry = try await school.withSession(relay) { try await Send.deposit(sealed[0], session: $0) }
            #expect(entry.attachments?.map(\.hash) == files.map { Hex.encode(BLAKE2b.hash($0.0)) })

            let id = try #require(EnvelopeID(hex: entry.envelopeID))
            let (opened, outcome) = try await mash.withSession(relay) { try await Receive.open(id, session: $0) }
            #expect(outcome == .stored)
            let received = try #require(opened.attachments)
            #expect(received.map(\.name) == files.map(\.1), "the sender's names are kept as text")
            #expect(received.map(\.stored) == ["chronology.pdf", "body map.png", "_.._AppData_evil.txt", "_]0;owned_note_txt.exe.txt",
                                               "_CON.txt", "Chronology (2).PDF"])
            // At rest each is sealed to the MASH (N.sealed, and their names in names.sealed): the
            // folder names nothing the sender named, and each opens to the bytes sent.
            let folderPath = mash.context.inbox.attachmentsFolder(entry.envelopeID)
            // Fetched into a private folder and moved from there: nothing of it is left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: mash.context.inbox.directory).filter { $0.hasPrefix(".") }.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: mash.context.home.path).filter { $0.hasPrefix(".fetch-") }.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folderPath).sorted()
                    == ((1...files.count).map { "\($0).sealed" } + ["names.sealed"]).sorted())
            let entryJSON = try String(contentsOfFile: mash.context.inbox.folder(entry.envelopeID) + "/entry.json", encoding: .utf8)
            #expect(!entryJSON.contains("chronology") && !entryJSON.contains("body map"), "\(entryJSON)")
            for (i, (stored, file)) in zip(received, files).enumerated() {
                let bytes = try mash.context.inbox.attachment(entry.envelopeID, index: i)
                #expect(bytes == file.0)
                #expect(stored.hash == Hex.encode(BLAKE2b.hash(bytes)))
                let raw = try #require(FileManager.default.contents(atPath: mash.context.inbox.attachmentPath(entry.envelopeID, index: i)).map(Array.init))
                #expect(AtRest.isSealed(raw) && raw.count > file.0.count)
                var info = stat()
                #expect(stat(mash.context.inbox.attachmentPath(entry.envelopeID, index: i), &info) == 0 && info.st_mode & 0o777 == 0o600)
            }
            // Read back a chunk at a time (constant memory): each chunk authenticated, the whole
            // checked against the signed hash at the end. A damaged last chunk fails after the
            // first ones were given out, and another file sealed to the same key (anyone can seal to
            // a public key) authenticates chunk by chunk but fails the hash at the end: so a reader
            // writes somewhere it can still discard until `next()` is nil.
            let big = files.count - 1
            var reading = try mash.context.inbox.reading(entry.envelopeID, attachment: big)
            var chunks: [[UInt8]] = []
            while let chunk = try reading.next() { chunks.append(chunk) }
            #expect(chunks.count == 4 && chunks.allSatisfy { $0.count <= AtRest.chunkLength } && chunks.joined().elementsEqual(files[big].0))
            let bigPath = mash.context.inbox.attachmentPath(entry.envelopeID, index: big)
            let original = try #require(FileManager.default.contents(atPath: bigPath))
            var damaged = original
            damaged[damaged.count - 10] ^= 1
            try damaged.write(to: URL(fileURLWithPath: bigPath))
            reading = try mash.context.inbox.reading(entry.envelopeID, attachment: big)
            var given = 0
            #expect(throws: ExchangeError.self) { while let chunk = try reading.next() { given += chunk.count } }
            #expect(given == 3 * AtRest.chunkLength, "the first chunks, each authenticated, came before the failure")
            let other = AtRest(publicKey: Fixture.mash.boxKey.publicKey).seal(files[big].0.reversed())
            try Data(other).write(to: URL(fileURLWithPath: bigPath))
            let swapped = try mash.context.inbox.reading(entry.envelopeID, attachment: big)
            let failure = #expect(throws: ExchangeError.self) { try swapped.check() }
            #expect(failure?.description.contains("is not what the sender signed") == true, "\(String(describing: failure))")
            try original.write(to: URL(fileURLWithPath: bigPath))
            #expect(try mash.context.inbox.attachment(entry.envelopeID, index: big) == files[big].0)

            // Read back without the identity, the entry has the facts and no names.
            let locked = try #require(try Inbox(home: mash.context.home).entry(entry.envelopeID))
            #expect(locked.attachments?.map(\.hash) == received.map(\.hash) && locked.attachments?.allSatisfy { $0.name.isEmpty } == true)

            // The school's log: each attachment's check as a kept finding, in share_decided's
            // decisions, and the sent facts list each by hash, length and type, never by name.
            let log = try logEntries(school)
            let cleared = log.filter { $0.kind == "redaction_cleared" }
            #expect(cleared.compactMap { $0.receipt("category") } == Array(repeating: "attachment", count: files.count))
            #expect(cleared.compactMap { $0.receipt("finding") } == files.enumerated().map { "attachments[\($0.offset)]@0-\($0.element.0.count)" })
            let decided = try #require(log.first { $0.kind == "share_decided" })
            let decisionCategories = decided.receipt?["decisions"]?.arrayValue?.compactMap { $0["category"]?.stringValue } ?? []
            #expect(decisionCategories.filter { $0 == "attachment" }.count == files.count)
            let sent = try #require(log.first { $0.kind == "sent" })
            let listed = sent.receipt?["attachments"]?.arrayValue ?? []
            #expect(listed.map { $0["hash"]?.stringValue } == files.map { Hex.encode(BLAKE2b.hash($0.0)) })
            #expect(listed.map { $0["length"]?.numberValue?.int64Value } == files.map { Int64($0.0.count) })
            #expect(listed.map { $0["type"]?.stringValue } == attachments.map(\.type))
            #expect(!sent.line.contains("chronology") && !sent.line.contains("evil"), "no attachment name in the log's facts")

            // The receiving school's acknowledgement is the confirmation of receipt: it names the
            // content hash over the attachments and the record, and the sender's sync matches it.
            let ack = try await mash.withSession(relay) { try await Acknowledge.acknowledge(id, session: $0) }
            #expect(ack.state == .done)
            let report = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(report.acknowledged.map(\.envelopeID) == [entry.envelopeID])
            #expect(try school.context.outbox.entry(entry.envelopeID)?.state == .acknowledged)
        }
    }

    /// spec/exchange.md §Large envelopes: the relay states its envelope limit, and an envelope over
    /// it is not uploaded; it stays sealed in the outbox with the reason, for a relay that takes it.
    @Test func overTheRelaysStatedLimitNotUploadedAndKeptSealed() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        var limits = RelayLimits()
        limits.maximumEnvelopeBytes = 1 << 20
        try await withRelay(limits: limits) { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let scan = try write(Array("%PDF-1.7\n".utf8) + Self.patternBytes(2 << 20), "scan.pdf", in: folder)
            let decisions = try decisionsClearing("disclosure.json", purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context)
            let preparation = try Send.prepare(try Fixture.record(), purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context,
                                               decisions: decisions, attachments: OutgoingAttachment.read([scan]), attachmentsChecked: true)
            let sealed = try Send.seal(preparation, context: school.context)
            let error = await exchangeError { _ = try await school.withSession(relay) { try await Send.deposit(sealed[0], session: $0) } }
            #expect(error?.code == .refused)
            #expect(error?.message.contains("takes envelopes of at most \(1 << 20) bytes, so it was not uploaded") == true, "\(error?.message ?? "")")
            let kept = try #require(try school.context.outbox.entry(sealed[0].envelopeID))
            #expect(kept.state == .sealed)
            #expect(kept.lastError?.contains("at most \(1 << 20) bytes") == true)
            #expect(try await mash.withSession(relay) { try await $0.client.mailbox() }.isEmpty, "nothing reached the relay")
            #expect(try logEntries(school).allSatisfy { $0.kind != "sent" })
        }
    }

    @Test func aFileChangedAfterItWasCheckedFailsTheSealLeavingNothingInTheOutbox() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        let path = try write(Self.pdf, "chronology.pdf", in: folder)
        let attachments = try OutgoingAttachment.read([path])
        let decisions = try decisionsClearing("disclosure.json", purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context)
        let preparation = try Send.prepare(try Fixture.record(), purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context,
                                           decisions: decisions, attachments: attachments, attachmentsChecked: true)
        try Data(Self.pdf + Array("an edit made after the check".utf8)).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Send.seal(preparation, context: school.context)
            Issue.record("sealed a file that changed after it was checked")
        } catch {
            #expect(error.message.contains("chronology.pdf") && error.message.contains("longer than when it was measured"), "\(error.message)")
        }
        let outbox = (try? FileManager.default.contentsOfDirectory(atPath: school.home.outboxDirectory)) ?? []
        #expect(outbox.filter { !$0.hasSuffix(".receipt.sealed") }.isEmpty, "no envelope, entry or temporary file: \(outbox)")
    }

    @Test func refusedUnlessEachWasConfirmedCheckedNothingLogged() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        let attachments = try OutgoingAttachment.read([try write(Self.pdf, "chronology.pdf", in: folder)])
        do {
            _ = try Send.prepare(try Fixture.record(), purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context,
                                 attachments: attachments, attachmentsChecked: false)
            Issue.record("a send with an unchecked attachment was prepared")
        } catch let Send.Refusal.other(error) {
            #expect(error.message.contains("not confirmed as checked"))
            #expect(error.hint?.contains("--attachments-checked") == true)
        }
        #expect(try logEntries(school).isEmpty)
        #expect(try school.context.outbox.entries().isEmpty)
    }

    @Test func overTheEnvelopeLimitRefusedBeforeSealing() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        // A sparse 1 GiB PDF: the limit is the largest envelope, less room for the record.
        let path = try write(Array("%PDF-1.4\n".utf8), "scan.pdf", in: folder)
        #expect(truncate(path, off_t(ExchangeLimits.maximumEnvelopeBytes)) == 0)
        // Refused from its size before it is read, and again by prepare from the measured length.
        do {
            _ = try OutgoingAttachment.read([path])
            Issue.record("an attachment over the limit was read")
        } catch {
            #expect(error.message.contains("over the \(OutgoingAttachment.maximumTotalBytes) bytes one send can carry"))
        }
        // Prepare checks the measured lengths again. Measuring 1 GiB would take a thread for many
        // seconds, so the attachment is stated as read, with its length, not read here.
        let attachments = [OutgoingAttachment(path: path, attachment: ManifestAttachment(
            name: "scan.pdf", type: "application/pdf", length: UInt64(ExchangeLimits.maximumEnvelopeBytes), hash: [UInt8](repeating: 0, count: 32)))]
        do {
            _ = try Send.prepare(try Fixture.record(), purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context,
                                 attachments: attachments, attachmentsChecked: true)
            Issue.record("an attachment over the limit was prepared")
        } catch let Send.Refusal.other(error) {
            #expect(error.message.contains("over the \(OutgoingAttachment.maximumTotalBytes) bytes one send can carry"))
        }
        #expect(try logEntries(school).isEmpty)
    }

    @Test("what cannot be attached is refused with the reason and a fix",
          arguments: [
            ([0x4d, 0x5a, 0x90, 0x00], "setup.exe", "is not one Sealpost sends"),
            ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1], "report.pdf", "its content is image/png, but its name ends .pdf"),
            ([0x50, 0x4b, 0x03, 0x04, 0], "bundle.zip", "ZIP archive"),
            ([0xff, 0xfe, 0x00, 0x41], "notes.txt", "not UTF-8 text"),
            ([], "empty.pdf", "is empty"),
          ] as [([UInt8], String, String)])
    func refusedFiles(bytes: [UInt8], name: String, reason: String) throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let path = try write(bytes, name, in: folder)
        do {
            _ = try OutgoingAttachment.read(path, position: 1)
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(error.message.hasPrefix("attachment 1 ("))
            #expect(error.hint != nil)
        }
    }

    @Test func aFolderIsNotAnAttachment() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        #expect(throws: ExchangeError.self) { _ = try OutgoingAttachment.read(folder.path, position: 1) }
        #expect((try? OutgoingAttachment.read(folder.sub("missing.pdf"), position: 1)) == nil)
    }
}
