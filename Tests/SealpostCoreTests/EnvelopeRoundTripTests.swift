import Foundation
import Testing
import SealpostCore
import SealpostSodium

@Suite("Envelope round trips")
struct EnvelopeRoundTripTests {
    let sender = makeIdentity("sender-agency", name: "Sending Agency")

    /// The envelope length the format implies for `contentLength` bytes, `manifestLength` and `recipients`.
    static func expectedLength(content contentLength: Int, manifest manifestLength: Int, recipients: Int) -> Int {
        let chunk = EnvelopeFormat.chunkSize
        let overhead = EnvelopeFormat.frameLengthBytes + SecretStream.overhead
        let full = contentLength / chunk
        let tail = contentLength % chunk
        return EnvelopeFormat.headerLength(recipients: recipients)
            + manifestLength + overhead
            + full * (chunk + overhead)
            + tail + EnvelopeFormat.signatureLength + overhead
    }

    @Test("one recipient gets back the content, hash, length, manifest and attributes")
    func oneRecipient() throws {
        let recipient = makeIdentity("recipient-1")
        let content = Array(secretText.utf8)
        let attributes = ["purpose": "child-protection-referral", "urgency": "high", "case.ref": "A-17"]
        let (envelope, sealed) = try EnvelopeSealer(sender: sender).seal(
            content, recipients: [recipient.boxKey.publicKey], contentType: "text/plain; charset=utf-8",
            attributes: attributes, createdAt: 1_712_345_678)

        let (opened, result) = try opener(for: recipient, trusting: [sender]).open(envelope)
        #expect(opened == content)
        #expect(result.contentHash == BLAKE2b.hash(content))
        #expect(sealed.contentHash == BLAKE2b.hash(content))
        #expect(result.contentLength == UInt64(content.count))
        #expect(sealed.contentLength == UInt64(content.count))
        #expect(sealed.envelopeLength == UInt64(envelope.count))

        let m = result.manifest
        #expect(m == sealed.manifest)
        #expect(m.senderSigningKey == sender.signingKey.publicKey)
        #expect(m.senderBoxKey == sender.boxKey.publicKey)
        #expect(m.senderAgency == "sender-agency")
        #expect(m.messageID.count == 16)
        #expect(m.messageID == sealed.manifest.messageID)
        #expect(m.createdAt == 1_712_345_678)
        #expect(m.contentType == "text/plain; charset=utf-8")
        #expect(m.recipients == [recipient.boxKeyID])
        #expect(m.attributes == attributes)

        // The layout is exactly what the format says.
        let manifestLength = try m.encoded().count
        #expect(envelope.count == Self.expectedLength(content: content.count, manifest: manifestLength, recipients: 1))
        #expect(Array(envelope[0..<8]) == Array("SEALPOST".utf8))
        #expect(envelope[8] == 1 && envelope[9] == 1 && envelope[10] == 0 && envelope[11] == 0)
        #expect(envelope[12] == 0 && envelope[13] == 1)
        // The content does not appear in clear anywhere in the envelope.
        #expect(!envelope.containsSubsequence(Array("TOP-SECRET".utf8)))
    }

    @Test("each of three recipients opens the same envelope")
    func threeRecipients() throws {
        let recipients = (1...3).map { makeIdentity("recipient-\($0)") }
        let content = patternBytes(5000)
        let (envelope, sealed) = try EnvelopeSealer(sender: sender).seal(
            content, recipients: recipients.map(\.boxKey.publicKey), attributes: ["purpose": "audit"], createdAt: 42)
        #expect(envelope[12] == 0 && envelope[13] == 3)
        for recipient in recipients {
            let (opened, result) = try opener(for: recipient, trusting: [sender]).open(envelope)
            #expect(opened == content, "\(recipient.agencyID)")
            #expect(result.contentHash == BLAKE2b.hash(content))
            #expect(result.contentLength == 5000)
            #expect(result.manifest.messageID == sealed.manifest.messageID)
            #expect(result.manifest.recipients == recipients.map(\.boxKeyID).sorted())
            #expect(result.manifest.attributes == ["purpose": "audit"])
            #expect(result.manifest.contentType == "application/octet-stream")
            #expect(result.manifest.createdAt == 42)
        }
        // Someone not among the three cannot.
        let outsider = makeIdentity("outsider")
        #expect(openFailure(envelope, with: opener(for: outsider, trusting: [sender]))?.category == .noMatchingIdentity)
    }

    @Test("content lengths around and across chunk boundaries round-trip",
          arguments: [0, 1, 65535, 65536, 65537, 2 * 65536, 3 * 65536 + 100,
                      // Around the batches of 16 chunks that sealer and opener work in after the first chunk.
                      16 * 65536, 17 * 65536 - 1, 17 * 65536, 17 * 65536 + 1, 18 * 65536, 33 * 65536, 33 * 65536 + 7, 50 * 65536 + 3])
    func sizes(length: Int) throws {
        let recipient = makeIdentity("recipient")
        let content = patternBytes(length, seed: UInt8(truncatingIfNeeded: length))
        var progressSeen: [UInt64] = []
        var input = MemoryReader(content)
        var output = MemoryWriter()
        let sealed = try EnvelopeSealer(sender: sender).seal(
            from: &input, to: &output, recipients: [recipient.boxKey.publicKey], createdAt: 7,
            progress: { progressSeen.append($0) })
        let envelope = output.bytes
        #expect(progressSeen.last == UInt64(length))
        #expect(progressSeen == progressSeen.sorted())
        #expect(sealed.envelopeLength == UInt64(envelope.count))
        let manifestLength = try sealed.manifest.encoded().count
        #expect(envelope.count == Self.expectedLength(content: length, manifest: manifestLength, recipients: 1))
        // One full frame per whole chunk, then the final frame (manifest frame first).
        #expect(layout(of: envelope).frames.count == 1 + length / EnvelopeFormat.chunkSize + 1)

        // The frames are exactly the content's chunks, whatever batches the sealer worked in.
        let recovered = try recover(envelope, as: recipient)
        #expect(recovered.fullChunks.count == length / EnvelopeFormat.chunkSize)
        #expect(recovered.fullChunks.allSatisfy { $0.count == EnvelopeFormat.chunkSize })
        #expect(recovered.content == content)

        let (opened, result) = try opener(for: recipient, trusting: [sender]).open(envelope)
        #expect(opened.count == length)
        #expect(opened == content)
        #expect(result.contentLength == UInt64(length))
        #expect(result.contentHash == BLAKE2b.hash(content))
        #expect(result.contentHash == sealed.contentHash)
    }

    @Test("64 recipients are allowed and the last one opens; 65 are refused")
    func recipientCap() throws {
        let recipients = (1...65).map { makeIdentity("r\($0)") }
        let content = Array("for many".utf8)
        let keys = recipients.map(\.boxKey.publicKey)

        let (envelope, sealed) = try EnvelopeSealer(sender: sender).seal(content, recipients: Array(keys[0..<64]), createdAt: 1)
        #expect(sealed.manifest.recipients.count == 64)
        #expect(envelope.count == Self.expectedLength(content: content.count, manifest: try sealed.manifest.encoded().count, recipients: 64))
        #expect(try opener(for: recipients[63], trusting: [sender]).open(envelope).content == content)
        #expect(try opener(for: recipients[0], trusting: [sender]).open(envelope).content == content)
        #expect(openFailure(envelope, with: opener(for: recipients[64], trusting: [sender]))?.category == .noMatchingIdentity)

        let error = #expect(throws: SealError.self) {
            try EnvelopeSealer(sender: sender).seal(content, recipients: keys, createdAt: 1)
        }
        guard case let .invalid(reason)? = error else {
            Issue.record("expected SealError.invalid, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("64") && reason.contains("65"))
    }

    @Test("no recipients, duplicate recipients and invalid manifest fields are refused by the sealer")
    func invalidRequests() throws {
        let a = makeIdentity("a"), b = makeIdentity("b")
        let sealer = EnvelopeSealer(sender: sender)
        func isInvalid(_ body: () throws -> Void) -> Bool {
            do { try body(); return false } catch let error as SealError {
                if case .invalid = error { return true }
                return false
            } catch { return false }
        }
        #expect(isInvalid { _ = try sealer.seal([1], recipients: [], createdAt: 1) })
        #expect(isInvalid { _ = try sealer.seal([1], recipients: [a.boxKey.publicKey, a.boxKey.publicKey], createdAt: 1) })
        #expect(isInvalid { _ = try sealer.seal([1], recipients: [a.boxKey.publicKey, b.boxKey.publicKey, a.boxKey.publicKey], createdAt: 1) })
        #expect(isInvalid { _ = try sealer.seal([1], recipients: [a.boxKey.publicKey], contentType: "", createdAt: 1) })
        #expect(isInvalid { _ = try sealer.seal([1], recipients: [a.boxKey.publicKey], contentType: "text/\u{7}", createdAt: 1) })
        #expect(isInvalid { _ = try sealer.seal([1], recipients: [a.boxKey.publicKey], attributes: ["Upper": "x"], createdAt: 1) })
        #expect(isInvalid {
            _ = try sealer.seal([1], recipients: [a.boxKey.publicKey],
                                attributes: ["note": String(repeating: "x", count: Manifest.maximumAttributeValueLength + 1)], createdAt: 1)
        })
        // A low-order point as a recipient key: no one could open what is sealed to it.
        for hex in EnvelopeStreamTests.lowOrderPoints {
            let point = try X25519.PublicKey(rawRepresentation: Hex.decode(hex)!)
            #expect(isInvalid { _ = try sealer.seal([1], recipients: [a.boxKey.publicKey, point], createdAt: 1) }, "\(hex)")
        }
        // Nothing is written for a refused request.
        var output = MemoryWriter()
        var input = MemoryReader([1, 2, 3])
        #expect(throws: SealError.self) {
            try sealer.seal(from: &input, to: &output, recipients: [a.boxKey.publicKey, a.boxKey.publicKey], createdAt: 1)
        }
        #expect(output.bytes.isEmpty)
        // The controls: the same requests without the fault succeed.
        #expect(!isInvalid { _ = try sealer.seal([1], recipients: [a.boxKey.publicKey, b.boxKey.publicKey], createdAt: 1) })
        #expect(!isInvalid {
            _ = try sealer.seal([1], recipients: [a.boxKey.publicKey],
                                attributes: ["note": String(repeating: "x", count: Manifest.maximumAttributeValueLength)], createdAt: 1)
        })
    }

    @Test("sealing twice gives different envelopes and message ids")
    func fresh() throws {
        let recipient = makeIdentity("recipient")
        let sealer = EnvelopeSealer(sender: sender)
        let first = try sealer.seal([1, 2, 3], recipients: [recipient.boxKey.publicKey], createdAt: 1)
        let second = try sealer.seal([1, 2, 3], recipients: [recipient.boxKey.publicKey], createdAt: 1)
        #expect(first.envelope != second.envelope)
        #expect(first.sealed.manifest.messageID != second.sealed.manifest.messageID)
        #expect(first.sealed.contentHash == second.sealed.contentHash)
    }

    @Test("streaming through readers that return a few bytes at a time", arguments: [1, 7, 4096, 65_537])
    func streamedSmallReads(maximumRead: Int) throws {
        let recipient = makeIdentity("recipient")
        let content = patternBytes(2 * 65536 + 3, seed: 9)
        var input = TrackingReader(content, maximumRead: maximumRead)
        var output = MemoryWriter()
        let sealed = try EnvelopeSealer(sender: sender).seal(
            from: &input, to: &output, recipients: [recipient.boxKey.publicKey], createdAt: 1)
        #expect(sealed.contentLength == UInt64(content.count))

        var envelopeInput = TrackingReader(output.bytes, maximumRead: maximumRead)
        try withTemporaryDirectory { dir in
            let destination = dir + "/out.bin"
            var progressSeen: [UInt64] = []
            let result = try opener(for: recipient, trusting: [sender]).open(
                from: &envelopeInput, toFile: destination, progress: { progressSeen.append($0) })
            #expect(readFile(destination) == content)
            #expect(result.contentHash == sealed.contentHash)
            #expect(progressSeen.last == UInt64(content.count))
            #expect(envelopeInput.offset == output.bytes.count)
        }
    }

    @Test("seal from a file into a file, then open from that file into a file")
    func throughFiles() throws {
        let recipient = makeIdentity("recipient")
        let content = patternBytes(3 * 65536 + 100, seed: 3)
        try withTemporaryDirectory { dir in
            let plainPath = dir + "/plain.bin", envelopePath = dir + "/message.sealpost", outPath = dir + "/opened.bin"
            #expect(FileManager.default.createFile(atPath: plainPath, contents: Data(content)))

            let inFD = open(plainPath, O_RDONLY)
            let envFile = try AtomicFile(destination: envelopePath, mode: 0o644)
            try #require(inFD >= 0)
            var reader = FileDescriptorReader(descriptor: inFD, name: plainPath)
            var writer = envFile.writer
            let sealed = try EnvelopeSealer(sender: sender).seal(
                from: &reader, to: &writer, recipients: [recipient.boxKey.publicKey], createdAt: 99)
            close(inFD)
            try envFile.commit()
            #expect(try permissions(of: envelopePath) == 0o644)
            #expect(readFile(envelopePath)?.count == Int(sealed.envelopeLength))

            let envFD = open(envelopePath, O_RDONLY)
            try #require(envFD >= 0)
            defer { close(envFD) }
            var envelopeReader = FileDescriptorReader(descriptor: envFD, name: envelopePath)
            let result = try opener(for: recipient, trusting: [sender]).open(from: &envelopeReader, toFile: outPath)
            #expect(readFile(outPath) == content)
            #expect(try permissions(of: outPath) == 0o600)
            #expect(result.contentHash == BLAKE2b.hash(content))
            #expect(result.manifest.messageID == sealed.manifest.messageID)
            #expect(directoryEntries(dir) == ["message.sealpost", "opened.bin", "plain.bin"])

            // The same envelope, opened in memory, agrees; and a requested mode is honoured.
            let envelope = try #require(readFile(envelopePath))
            #expect(try opener(for: recipient, trusting: [sender]).open(envelope).content == content)
            var again = MemoryReader(envelope)
            _ = try opener(for: recipient, trusting: [sender]).open(from: &again, toFile: dir + "/shared.bin", mode: 0o640)
            #expect(try permissions(of: dir + "/shared.bin") == 0o640)
        }
    }

    @Test("opening into a file replaces an existing file only once everything verified")
    func replacesExistingOnSuccess() throws {
        let recipient = makeIdentity("recipient")
        let (envelope, _) = try EnvelopeSealer(sender: sender).seal(Array("new".utf8), recipients: [recipient.boxKey.publicKey], createdAt: 1)
        try withTemporaryDirectory { dir in
            let destination = dir + "/out.txt"
            _ = FileManager.default.createFile(atPath: destination, contents: Data("old".utf8))
            var input = MemoryReader(envelope)
            _ = try opener(for: recipient, trusting: [sender]).open(from: &input, toFile: destination)
            #expect(readFile(destination) == Array("new".utf8))
            #expect(directoryEntries(dir) == ["out.txt"])
        }
    }
}

extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        for i in 0...(count - needle.count) where self[i] == needle[0] {
            if self[i..<i + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
