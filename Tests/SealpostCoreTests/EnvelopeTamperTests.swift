import Foundation
import Testing
import SealpostCore
import SealpostSodium

/// THREATS.md rows 1, 2, 7, 8 and 10, plus "a failure leaves nothing behind" and "errors carry no secrets".
@Suite("Envelope tampering")
struct EnvelopeTamperTests {
    let sender = makeIdentity("sender-agency")
    let recipient = makeIdentity("recipient-agency")

    var recipientOpener: EnvelopeOpener { opener(for: recipient, trusting: [sender]) }

    func seal(_ content: [UInt8], to recipients: [Identity]? = nil) throws -> [UInt8] {
        try EnvelopeSealer(sender: sender).seal(content, recipients: (recipients ?? [recipient]).map(\.boxKey.publicKey),
                                                attributes: ["purpose": "test"], createdAt: 1_700_000_000).envelope
    }

    /// Opens through the file path with a tracking reader: the failure, how far the input was read,
    /// and whether anything was left in `dir`.
    func openIntoFile(_ envelope: [UInt8], dir: String, with opener: EnvelopeOpener) -> (error: EnvelopeError?, bytesRead: Int) {
        var reader = TrackingReader(envelope)
        do throws(EnvelopeOpenFailure) {
            _ = try opener.open(from: &reader, toFile: dir + "/opened.bin")
            return (nil, reader.offset)
        } catch {
            guard case let .envelope(e) = error else {
                Issue.record("unexpected \(error)")
                return (EnvelopeError(.malformedHeader), reader.offset)
            }
            return (e, reader.offset)
        }
    }

    // MARK: Row 1

    /// What flipping bits at `position` of a well-formed envelope must give: the length prefixes
    /// decide between a frame that cannot be authenticated and one that runs past the end.
    static func expectedPayloadFlip(_ tampered: [UInt8], position: Int, frames: [Frame]) -> EnvelopeError.Category {
        guard let index = frames.firstIndex(where: { $0.start <= position && position < $0.end }) else {
            preconditionFailure("position \(position) is not in a frame")
        }
        let frame = frames[index]
        guard position < frame.bodyStart else { return .payloadAuthenticationFailed }
        let length = tampered[frame.start..<frame.bodyStart].reduce(0) { $0 << 8 | Int($1) }
        let maximum = (index == 0 ? EnvelopeFormat.maximumManifestLength : EnvelopeFormat.chunkSize - 1 + EnvelopeFormat.signatureLength)
            + SecretStream.overhead
        if length < SecretStream.overhead || length > maximum { return .payloadAuthenticationFailed }
        if frame.bodyStart + length > tampered.count { return .truncated }
        return .payloadAuthenticationFailed
    }

    @Test("row 1: flipping any payload byte is rejected, and no plaintext or file is released")
    func everyPayloadByte() throws {
        let envelope = try seal(Array(secretText.utf8))
        let (headerLength, frames) = layout(of: envelope)
        #expect(frames.count == 2)
        #expect(openFailure(envelope, with: recipientOpener) == nil, "the untouched envelope must open")

        var seen: Set<EnvelopeError.Category> = []
        try withTemporaryDirectory { dir in
            for position in headerLength..<envelope.count {
                for mask: UInt8 in [0x01, 0x80] {
                    var tampered = envelope
                    tampered[position] ^= mask
                    let expected = Self.expectedPayloadFlip(tampered, position: position, frames: frames)
                    let got = openFailure(tampered, with: recipientOpener)
                    #expect(got?.category == expected, "byte \(position) ^ \(mask)")
                    if let got { seen.insert(got.category) }
                    if mask == 0x01 {
                        let viaFile = openIntoFile(tampered, dir: dir, with: recipientOpener)
                        #expect(viaFile.error?.category == expected, "file, byte \(position)")
                        #expect(directoryEntries(dir).isEmpty, "byte \(position) left \(directoryEntries(dir))")
                    }
                }
            }
        }
        // Both outcomes occur: a prefix pointing past the end, and everything else.
        #expect(seen == [.payloadAuthenticationFailed, .truncated])
    }

    // MARK: Row 2

    @Test("row 2: flipping any header byte is rejected before the payload is read")
    func everyHeaderByte() throws {
        let other = makeIdentity("other-recipient")
        let envelope = try seal(Array(secretText.utf8), to: [recipient, other])
        let headerLength = EnvelopeFormat.headerLength(recipients: 2)
        #expect(headerLength == 38 + 160 + 32)
        let slotRange = EnvelopeFormat.fixedHeaderLength..<(EnvelopeFormat.fixedHeaderLength + 2 * EnvelopeFormat.slotLength)
        let ourSlot = try #require((0..<2).first { i in
            let start = slotRange.lowerBound + i * EnvelopeFormat.slotLength
            return (try? SealedBox.open(Array(envelope[start..<start + EnvelopeFormat.slotLength]), with: recipient.boxKey)) != nil
        })
        #expect(openFailure(envelope, with: recipientOpener) == nil, "the untouched envelope must open")

        let allowed: Set<EnvelopeError.Category> = [.unsupportedVersion, .malformedHeader, .noMatchingIdentity,
                                                    .headerAuthenticationFailed, .truncated]
        var seen: Set<EnvelopeError.Category> = []
        try withTemporaryDirectory { dir in
            for position in 0..<headerLength {
                for mask: UInt8 in [0x01, 0x80] {
                    var tampered = envelope
                    tampered[position] ^= mask
                    var readLimit = headerLength
                    let expected: EnvelopeError.Category
                    switch position {
                    case 0..<8, 10, 11:
                        expected = .malformedHeader; readLimit = EnvelopeFormat.fixedHeaderLength
                    case 8, 9:
                        expected = .unsupportedVersion; readLimit = EnvelopeFormat.fixedHeaderLength
                    case 12, 13:
                        let count = Int(tampered[12]) << 8 | Int(tampered[13])
                        if !(1...EnvelopeFormat.maximumRecipients).contains(count) {
                            expected = .malformedHeader; readLimit = EnvelopeFormat.fixedHeaderLength
                        } else {
                            readLimit = EnvelopeFormat.headerLength(recipients: count)
                            if readLimit > tampered.count { expected = .truncated }
                            else if ourSlot < count { expected = .headerAuthenticationFailed }
                            else { expected = .noMatchingIdentity }
                        }
                    case 14..<38:
                        expected = .headerAuthenticationFailed
                    case slotRange:
                        expected = (position - slotRange.lowerBound) / EnvelopeFormat.slotLength == ourSlot
                            ? .noMatchingIdentity : .headerAuthenticationFailed
                    default:
                        expected = .headerAuthenticationFailed
                    }
                    let (error, bytesRead) = openIntoFile(tampered, dir: dir, with: recipientOpener)
                    #expect(error?.category == expected, "byte \(position) ^ \(mask)")
                    if let error {
                        #expect(allowed.contains(error.category), "byte \(position) ^ \(mask)")
                        seen.insert(error.category)
                    }
                    #expect(bytesRead <= readLimit, "byte \(position) ^ \(mask): read \(bytesRead) bytes, header ends at \(readLimit)")
                    #expect(directoryEntries(dir).isEmpty)
                }
            }
        }
        #expect(seen == [.unsupportedVersion, .malformedHeader, .noMatchingIdentity, .headerAuthenticationFailed])
    }

    // MARK: Row 7

    @Test("row 7: truncation at every chunk boundary, inside length prefixes and +-1 byte is 'truncated'")
    func truncation() throws {
        let content = patternBytes(2 * 65536 + 100, seed: 5)
        let envelope = try seal(content)
        let (headerLength, frames) = layout(of: envelope)
        // Manifest, two full chunks, and the final chunk.
        #expect(frames.count == 4)
        #expect(frames.map(\.length)[1...] == [65553, 65553, 100 + 64 + 17])

        var cuts = Set(0..<(headerLength + 8))
        for boundary in frames.map(\.start) + [envelope.count] {
            for delta in -2...6 { cuts.insert(boundary + delta) }
        }
        for frame in frames { cuts.insert(frame.bodyStart + frame.length / 2) }
        cuts = cuts.filter { $0 >= 0 && $0 < envelope.count }
        #expect(cuts.contains(envelope.count - 1))
        #expect(cuts.contains(frames[3].start), "dropping the whole final chunk is covered")

        for cut in cuts.sorted() {
            let truncated = Array(envelope[0..<cut])
            #expect(openFailure(truncated, with: recipientOpener)?.category == .truncated, "cut at \(cut)")
        }
        // Through the file path, nothing is left behind at the chunk boundaries.
        try withTemporaryDirectory { dir in
            for cut in frames.map(\.start) + frames.map(\.end).dropLast() + [envelope.count - 1] {
                let (error, _) = openIntoFile(Array(envelope[0..<cut]), dir: dir, with: recipientOpener)
                #expect(error?.category == .truncated, "cut at \(cut)")
                #expect(directoryEntries(dir).isEmpty, "cut at \(cut)")
            }
        }
        #expect(openFailure(envelope, with: recipientOpener) == nil)
    }

    @Test("rows 1, 7 and 9 in a large envelope: damage, cuts and swaps in every batch of chunks")
    func largeEnvelope() throws {
        let content = patternBytes(35 * 65536 + 500, seed: 13)
        let envelope = try seal(content)
        let (headerLength, frames) = layout(of: envelope)
        #expect(frames.count == 1 + 35 + 1)
        let o = recipientOpener
        // Chunks at the edges of the first chunk and of the batches of 16 after it, and the final one.
        let chunks = [1, 2, 3, 16, 17, 18, 19, 32, 33, 34, 35, 36]
        try withTemporaryDirectory { dir in
            for k in chunks {
                let frame = frames[k]
                var damaged = envelope
                damaged[frame.bodyStart + frame.length / 2] ^= 0x10
                #expect(openFailure(damaged, with: o)?.category == .payloadAuthenticationFailed, "chunk \(k) damaged")
                let (error, _) = openIntoFile(damaged, dir: dir, with: o)
                #expect(error?.category == .payloadAuthenticationFailed, "chunk \(k) damaged, into a file")
                #expect(directoryEntries(dir).isEmpty)

                for cut in [frame.start, frame.start + 2, frame.bodyStart + 1, frame.end - 1] {
                    #expect(openFailure(Array(envelope[0..<cut]), with: o)?.category == .truncated, "chunk \(k) cut at \(cut)")
                }
                let (cutError, _) = openIntoFile(Array(envelope[0..<frame.start]), dir: dir, with: o)
                #expect(cutError?.category == .truncated)
                #expect(directoryEntries(dir).isEmpty)

                if k + 1 < frames.count {
                    // Swap this frame with the next one.
                    let swapped = Array(envelope[0..<frame.start]) + envelope[frames[k + 1].start..<frames[k + 1].end]
                        + envelope[frame.start..<frame.end] + envelope[frames[k + 1].end...]
                    #expect(swapped.count == envelope.count)
                    #expect(openFailure(swapped, with: o)?.category == .payloadAuthenticationFailed, "chunks \(k) and \(k + 1) swapped")
                    // Drop this frame.
                    let dropped = Array(envelope[0..<frame.start]) + envelope[frame.end...]
                    #expect(openFailure(dropped, with: o)?.category == .payloadAuthenticationFailed, "chunk \(k) dropped")
                }
            }
            // The control, through the same paths.
            var reader = TrackingReader(envelope, maximumRead: 5000)
            var progress: [UInt64] = []
            let opened = try o.open(from: &reader, toFile: dir + "/big.bin", progress: { progress.append($0) })
            #expect(opened.contentLength == UInt64(content.count))
            #expect(readFile(dir + "/big.bin") == content)
            #expect(progress.last == UInt64(content.count))
            #expect(progress == progress.sorted())
        }
        #expect(headerLength == 150)
        #expect(try o.open(envelope).content == content)
        #expect(openFailure(envelope + [0], with: o)?.category == .trailingData)
    }

    // MARK: Row 8

    @Test("row 8: bytes appended after the final chunk are rejected")
    func appended() throws {
        let envelope = try seal(patternBytes(70_000))
        let junk: [[UInt8]] = [[0], [0xff], patternBytes(100), envelope, Array(envelope[envelope.count - 81..<envelope.count])]
        try withTemporaryDirectory { dir in
            for extra in junk {
                #expect(openFailure(envelope + extra, with: recipientOpener)?.category == .trailingData, "\(extra.count) extra bytes")
                let (error, _) = openIntoFile(envelope + extra, dir: dir, with: recipientOpener)
                #expect(error?.category == .trailingData)
                #expect(directoryEntries(dir).isEmpty)
            }
        }
        #expect(openFailure(envelope, with: recipientOpener) == nil)
    }

    // MARK: Row 10

    @Test("row 10: an unknown version or suite is reported before any cryptography",
          arguments: [(8, UInt8(0)), (8, 3), (8, 255), (9, 0), (9, 2), (9, 0x81)])
    func unsupportedVersion(position: Int, value: UInt8) throws {
        // A genuine envelope with only the field changed.
        var envelope = try seal(Array("hello".utf8))
        envelope[position] = value
        let error = try #require(openFailure(envelope, with: recipientOpener))
        #expect(error.category == .unsupportedVersion)
        #expect(error.description.contains(position == 8 ? "version \(value)" : "suite \(value)"), "\(error)")

        // Garbage everywhere after the fixed fields: a reader that did any cryptography would
        // report no matching identity instead. Also with a bad recipient count and reserved bytes.
        var garbage = Array("SEALPOST".utf8) + [1, 1, 0, 0, 0, 1] + patternBytes(24 + 80 + 32 + 300)
        garbage[position] = value
        for (index, byte) in [(10, UInt8(0)), (10, 7), (12, 0xff)] {
            var candidate = garbage
            candidate[index] = byte
            var reader = TrackingReader(candidate)
            try withTemporaryDirectory { dir in
                do throws(EnvelopeOpenFailure) {
                    _ = try recipientOpener.open(from: &reader, toFile: dir + "/out")
                    Issue.record("garbage opened")
                } catch {
                    #expect(error == .envelope(EnvelopeError(.unsupportedVersion)))
                }
                #expect(directoryEntries(dir).isEmpty)
            }
            #expect(reader.offset <= EnvelopeFormat.fixedHeaderLength)
        }
        // Even a file that ends right after the version and suite.
        #expect(openFailure(Array(garbage[0..<10]), with: recipientOpener)?.category == .unsupportedVersion)
        // The control: the same garbage with version 1 suite 1 gets as far as the slots.
        var control = garbage
        control[8] = 1; control[9] = 1
        #expect(openFailure(control, with: recipientOpener)?.category == .noMatchingIdentity)
    }

    @Test("a file that is not an envelope, or has bad reserved bytes or recipient count, is malformed")
    func malformedHeaders() throws {
        let envelope = try seal(Array("hello".utf8))
        var notSealpost = envelope; notSealpost[0] = UInt8(ascii: "X")
        let notSealpostError = try #require(openFailure(notSealpost, with: recipientOpener))
        #expect(notSealpostError.category == .malformedHeader)
        #expect(notSealpostError.description.contains("SEALPOST"))
        #expect(openFailure(Array("PK\u{3}\u{4}".utf8), with: recipientOpener)?.category == .malformedHeader)
        var reserved = envelope; reserved[11] = 1
        #expect(openFailure(reserved, with: recipientOpener)?.category == .malformedHeader)
        var zero = envelope; zero[13] = 0
        #expect(openFailure(zero, with: recipientOpener)?.category == .malformedHeader)
        var tooMany = envelope; tooMany[13] = 65
        #expect(openFailure(tooMany, with: recipientOpener)?.category == .malformedHeader)
        // 64 is in range: the reader then wants 64 slots, and the envelope is too short for them.
        var sixtyFour = envelope; sixtyFour[13] = 64
        #expect(openFailure(sixtyFour, with: recipientOpener)?.category == .truncated)
        #expect(openFailure([], with: recipientOpener)?.category == .truncated)
        #expect(openFailure(Array("SEAL".utf8), with: recipientOpener)?.category == .truncated)
    }

    // MARK: Nothing left behind

    @Test("a failed open into a file leaves no output and no temporary file, and keeps an existing file")
    func failedOpenLeavesNothing() throws {
        let content = patternBytes(3 * 65536 + 100, seed: 11)
        let envelope = try seal(content)
        // Damage the very end, so every content chunk has been decrypted and staged first.
        var tampered = envelope
        tampered[tampered.count - 1] ^= 0x40
        try withTemporaryDirectory { dir in
            let destination = dir + "/report.pdf"
            var input = MemoryReader(tampered)
            #expect(throws: EnvelopeOpenFailure.envelope(EnvelopeError(.payloadAuthenticationFailed))) {
                try recipientOpener.open(from: &input, toFile: destination)
            }
            #expect(!FileManager.default.fileExists(atPath: destination))
            #expect(directoryEntries(dir).isEmpty)

            // An existing file at the destination is left exactly as it was.
            _ = FileManager.default.createFile(atPath: destination, contents: Data("previous".utf8))
            var again = MemoryReader(tampered)
            #expect(throws: EnvelopeOpenFailure.self) { try recipientOpener.open(from: &again, toFile: destination) }
            #expect(readFile(destination) == Array("previous".utf8))
            #expect(directoryEntries(dir) == ["report.pdf"])

            // The control: the untampered envelope replaces it.
            var good = MemoryReader(envelope)
            _ = try recipientOpener.open(from: &good, toFile: destination)
            #expect(readFile(destination) == content)
            #expect(directoryEntries(dir) == ["report.pdf"])
        }
    }

    @Test("opening into a folder that does not exist is an I/O error, not an envelope verdict")
    func missingFolder() throws {
        let envelope = try seal([1, 2, 3])
        var input = MemoryReader(envelope)
        do throws(EnvelopeOpenFailure) {
            _ = try recipientOpener.open(from: &input, toFile: "/nonexistent-sealpost-dir/x/out.bin")
            Issue.record("opened into a missing folder")
        } catch {
            guard case let .io(io) = error else { Issue.record("expected I/O error, got \(error)"); return }
            #expect(io.path == "/nonexistent-sealpost-dir/x/out.bin")
        }
    }

    // MARK: Row 30 (errors carry no secrets)

    @Test("error messages for failed opens contain neither content nor key material")
    func errorsCarryNoSecrets() throws {
        let content = Array(secretText.utf8) + patternBytes(200)
        let envelope = try seal(content)
        let fileKey = try recover(envelope, as: recipient).fileKey
        var secrets = [secretText, "TOP-SECRET", Hex.encode(content), Hex.encode(Array(content[0..<16])),
                       Hex.encode(fileKey.unprotectedCopy()),
                       Hex.encode(recipient.boxKey.rawRepresentation.unprotectedCopy()),
                       Hex.encode(sender.boxKey.rawRepresentation.unprotectedCopy()),
                       Hex.encode(sender.signingKey.seed.unprotectedCopy())]
        secrets += secrets.map { $0.uppercased() }

        // Failures at every stage: the payload, the tail, the signature, trust, addressing, the header.
        var payload = envelope; payload[layout(of: envelope).frames[1].bodyStart + 3] ^= 1
        var headerTag = envelope; headerTag[EnvelopeFormat.headerLength(recipients: 1) - 1] ^= 1
        let hand = HandEncoder(sender: sender, recipients: [recipient.boxKey.publicKey])
        let badSignature = hand.wellFormed(content, signature: [UInt8](repeating: 7, count: 64))
        let cases: [([UInt8], EnvelopeOpener, EnvelopeError.Category)] = [
            (payload, recipientOpener, .payloadAuthenticationFailed),
            (headerTag, recipientOpener, .headerAuthenticationFailed),
            (Array(envelope.dropLast(5)), recipientOpener, .truncated),
            (envelope + [0], recipientOpener, .trailingData),
            (badSignature, recipientOpener, .signatureInvalid),
            (envelope, opener(for: recipient, trusting: []), .senderUnknown),
            (envelope, opener(for: makeIdentity("stranger"), trusting: [sender]), .noMatchingIdentity),
        ]
        try withTemporaryDirectory { dir in
            for (bytes, opener, category) in cases {
                var input = MemoryReader(bytes)
                var texts: [String] = []
                do throws(EnvelopeOpenFailure) {
                    _ = try opener.open(from: &input, toFile: dir + "/never-\(category)")
                    Issue.record("\(category) case opened")
                } catch {
                    texts += [error.description, String(reflecting: error), "\(error)"]
                    if case let .envelope(e) = error {
                        #expect(e.category == category)
                        texts += [e.hint, e.detail ?? ""]
                    }
                }
                for text in texts {
                    for secret in secrets {
                        #expect(!text.contains(secret), "\(category) error mentions a secret: \(text)")
                    }
                }
                #expect(directoryEntries(dir).isEmpty, "\(category)")
            }
        }
    }
}
