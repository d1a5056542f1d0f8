#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import SealpostCore
import SealpostSodium

/// Envelopes with attachments (spec/envelope.md §"Attachments"): version 2, the manifest's
/// attachment list, the content stream's order, the checks an opener makes, and nothing released
/// before they all pass.
@Suite("Envelope attachments")
struct EnvelopeAttachmentTests {
    let sender = makeIdentity("school-st-annes")
    let recipient = makeIdentity("school-kingsbridge-academy")
    var recipientOpener: EnvelopeOpener { opener(for: recipient, trusting: [sender]) }

    func seal(_ body: [UInt8], _ attachments: [(name: String, type: String, bytes: [UInt8])]) throws -> [UInt8] {
        try EnvelopeSealer(sender: sender).seal(body, recipients: [recipient.boxKey.publicKey], contentType: "application/json",
                                                attachments: attachments, createdAt: 1_790_000_000).envelope
    }

    @Test("a record with three attachments (one empty, one over a chunk) opens to the same body and attachments")
    func roundTrip() throws {
        let body = Array(#"{"record": true}"#.utf8)
        let files: [(name: String, type: String, bytes: [UInt8])] = [
            ("chronology.pdf", "application/pdf", Array("%PDF-1.7 chronology".utf8)),
            ("empty.txt", "text/plain", []),
            ("body map.png", "image/png", patternBytes(2 * 65536 + 77, seed: 3)),
        ]
        let envelope = try seal(body, files)
        #expect(envelope[8] == 2, "an envelope with attachments is version 2")
        let (content, attachments, opened) = try recipientOpener.openWithAttachments(envelope)
        #expect(content == body)
        #expect(attachments == files.map(\.bytes))
        #expect(opened.manifest.attachments.map(\.name) == files.map(\.name))
        #expect(opened.manifest.attachments.map(\.type) == files.map(\.type))
        #expect(opened.manifest.attachments.map(\.hash) == files.map { BLAKE2b.hash($0.bytes) })
        #expect(opened.manifest.attachments.map(\.length) == files.map { UInt64($0.bytes.count) })
        #expect(opened.bodyLength == UInt64(body.count))
        // The signed content hash is over the whole stream: attachments in order, then the body.
        #expect(opened.contentHash == BLAKE2b.hash(files.flatMap(\.bytes) + body))
    }

    @Test("without attachments the envelope is version 1, byte for byte the format it was")
    func versionOneUnchanged() throws {
        let envelope = try seal(Array("plain".utf8), [])
        #expect(envelope[8] == 1)
        let (content, _) = try recipientOpener.open(envelope)
        #expect(content == Array("plain".utf8))
    }

    @Test("the in-memory open that takes no attachments refuses an envelope that has some, releasing nothing")
    func plainOpenRefusesAttachments() throws {
        let envelope = try seal(Array("body".utf8), [("a.txt", "text/plain", Array("x".utf8))])
        do {
            _ = try recipientOpener.open(envelope)
            Issue.record("opened an envelope with attachments as if it had none")
        } catch {
            guard case .io(let e) = error else { Issue.record("expected an I/O refusal, got \(error)"); return }
            #expect(e.reason.contains("carries attachments"))
        }
    }

    @Test("an old reader's refusal: a version 1 reader sees version 2 and refuses before any cryptography")
    func oldReaderRefuses() throws {
        var envelope = try seal(Array("body".utf8), [("a.txt", "text/plain", Array("x".utf8))])
        // This reader reads 1 and 2; a version 1 reader treats 2 as this one treats 3.
        envelope[8] = 3
        let failure = openFailure(envelope, with: recipientOpener)
        #expect(failure?.category == .unsupportedVersion)
        #expect(failure?.description.contains("version 3") == true)
    }

    @Test("the version byte is authenticated: 2 changed to 1 (to hide the attachments) fails the header tag")
    func downgradeFails() throws {
        var envelope = try seal(Array("body".utf8), [("a.txt", "text/plain", Array("x".utf8))])
        envelope[8] = 1
        #expect(openFailure(envelope, with: recipientOpener)?.category == .headerAuthenticationFailed)
    }

    @Test("a sender whose content contradicts its signed attachment hash: signature_invalid, nothing released")
    func hashMismatch() throws {
        let real = Array("the real chronology".utf8)
        let claimed = ManifestAttachment(name: "chronology.txt", type: "text/plain", length: UInt64(real.count),
                                         hash: BLAKE2b.hash(Array("another text, same len".utf8.prefix(real.count))))
        let envelope = try composeSigned(body: Array("{}".utf8), attachments: [claimed], stream: real + Array("{}".utf8))
        #expect(openFailure(envelope, with: recipientOpener)?.category == .signatureInvalid)
    }

    @Test("content shorter than the attachments the manifest lists: signature_invalid")
    func contentTooShort() throws {
        let bytes = Array("0123456789".utf8)
        let claimed = ManifestAttachment(name: "a.txt", type: "text/plain", length: 20, hash: BLAKE2b.hash(bytes))
        let envelope = try composeSigned(body: [], attachments: [claimed], stream: bytes)
        #expect(openFailure(envelope, with: recipientOpener)?.category == .signatureInvalid)
    }

    @Test("an attachment file that changes between measuring and sealing fails the seal, naming it")
    func changedWhileSealing() throws {
        let bytes = Array("version one of the file".utf8)
        let measured = ManifestAttachment(name: "notes.txt", type: "text/plain", length: UInt64(bytes.count), hash: BLAKE2b.hash(bytes))
        for changed in [Array("version TWO of the file".utf8), Array("version one of the file, longer".utf8), Array("short".utf8)] {
            var body = MemoryReader([])
            var output = MemoryWriter()
            do {
                _ = try EnvelopeSealer(sender: sender).seal(
                    from: &body, to: &output, recipients: [recipient.boxKey.publicKey],
                    attachments: [AttachmentSource(attachment: measured, reader: MemoryReader(changed))], createdAt: 1)
                Issue.record("sealed an attachment that no longer matches its manifest entry")
            } catch {
                guard case .io(let e) = error else { Issue.record("expected an I/O error, got \(error)"); continue }
                #expect(e.path.contains("notes.txt"))
            }
        }
    }

    @Test("opening to files: attachments appear under safe names only after everything verified")
    func openToFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files: [(name: String, type: String, bytes: [UInt8])] = [
            ("../../etc/passwd", "text/plain", Array("not a password file".utf8)),
            ("report.pdf", "application/pdf", Array("%PDF-1.4 a".utf8)),
            ("REPORT.PDF", "application/pdf", Array("%PDF-1.4 b".utf8)),
        ]
        let envelope = try seal(Array("{}".utf8), files)
        var reader = MemoryReader(envelope)
        let (opened, stored) = try recipientOpener.openStoringAttachments(
            from: &reader, toFile: folder + "/record.json", attachmentsDirectory: folder + "/attachments")
        #expect(opened.manifest.attachments.count == 3)
        #expect(stored.map { ($0 as NSString).lastPathComponent } == ["_.._etc_passwd.txt", "report.pdf", "REPORT (2).PDF"])
        for (path, file) in zip(stored, files) {
            #expect(FileManager.default.contents(atPath: path).map(Array.init) == file.bytes)
            #expect(path.hasPrefix(folder + "/attachments/"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["attachments", "record.json"],
                "the staging folder is gone")
    }

    @Test("opening to files: a bad envelope leaves no attachment, no record and no staging folder")
    func failedOpenLeavesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var envelope = try seal(Array("{}".utf8), [("a.txt", "text/plain", patternBytes(70_000))])
        envelope[envelope.count - 10] ^= 1
        var reader = MemoryReader(envelope)
        #expect(throws: EnvelopeOpenFailure.self) {
            _ = try recipientOpener.openStoringAttachments(from: &reader, toFile: folder + "/record.json",
                                                           attachmentsDirectory: folder + "/attachments")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    @Test("opening to a file with no folder for attachments refuses, leaving nothing")
    func noFolderRefuses() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let envelope = try seal(Array("{}".utf8), [("a.txt", "text/plain", Array("x".utf8))])
        var reader = MemoryReader(envelope)
        #expect(throws: EnvelopeOpenFailure.self) {
            _ = try recipientOpener.open(from: &reader, toFile: folder + "/record.json")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    /// A version 2 envelope with whatever attachment list and content stream the test gives,
    /// honestly signed by the sender over exactly those.
    func composeSigned(body: [UInt8], attachments: [ManifestAttachment], stream: [UInt8]) throws -> [UInt8] {
        let manifest = Manifest(senderSigningKey: sender.signingKey.publicKey, senderBoxKey: sender.boxKey.publicKey,
                                senderAgency: sender.agencyID, messageID: Array(repeating: 7, count: 16), createdAt: 1,
                                contentType: "application/json", recipients: [KeyID(recipient.boxKey.publicKey)],
                                attachments: attachments)
        let hand = HandEncoder(sender: sender, recipients: [recipient.boxKey.publicKey], manifest: manifest, version: 2)
        return hand.wellFormed(stream)
    }
}

func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "sealpost-attach-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
