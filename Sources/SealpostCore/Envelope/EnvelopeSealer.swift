import SealpostSodium

/// What a sealed envelope says, known to the sender once sealing ends.
public struct SealedEnvelope: Sendable {
    public let manifest: Manifest
    /// BLAKE2b-256 of the content (the plain digest, as `b2sum -l 256` prints it): with
    /// attachments, of the whole content stream (the attachments, then the body).
    public let contentHash: [UInt8]
    public let contentLength: UInt64
    /// Bytes of envelope written.
    public let envelopeLength: UInt64
}

/// Seals content from a sender to 1...64 recipients (spec/envelope.md §"Sealing").
public struct EnvelopeSealer {
    public let sender: Identity

    public init(sender: Identity) { self.sender = sender }

    /// Streams `input` into an envelope written to `output`, in constant memory.
    ///
    /// - Parameters:
    ///   - recipients: the recipients' box keys; duplicates are refused.
    ///   - attachments: files to carry before the body (a version 2 envelope), each already
    ///     measured; each must still read exactly as measured, or the seal fails.
    ///   - createdAt: Unix seconds to record in the manifest.
    ///   - progress: called after each chunk with the content bytes consumed so far.
    public func seal(from input: inout some ByteReader, to output: inout some ByteWriter,
                     recipients: [X25519.PublicKey], contentType: String = "application/octet-stream",
                     attributes: [String: String] = [:], attachments: [AttachmentSource] = [], createdAt: UInt64,
                     progress: ((UInt64) -> Void)? = nil) throws(SealError) -> SealedEnvelope {
        guard !recipients.isEmpty else { throw .invalid("name at least one recipient") }
        guard recipients.count <= EnvelopeFormat.maximumRecipients else {
            throw .invalid("an envelope can name at most \(EnvelopeFormat.maximumRecipients) recipients, not \(recipients.count)")
        }
        guard Set(recipients).count == recipients.count else { throw .invalid("the same recipient is named twice") }

        let manifest = Manifest(senderSigningKey: sender.signingKey.publicKey, senderBoxKey: sender.boxKey.publicKey,
                                senderAgency: sender.agencyID, messageID: RandomBytes.make(count: Manifest.messageIDLength),
                                createdAt: createdAt, contentType: contentType, recipients: recipients.map(KeyID.init),
                                attributes: attributes, attachments: attachments.map(\.attachment))
        let manifestBytes: [UInt8]
        do { manifestBytes = try manifest.encoded() } catch { throw .invalid(error.reason) }

        let encoder: EnvelopeEncoder
        do {
            encoder = try EnvelopeEncoder(fileKey: .random(count: EnvelopeFormat.fileKeyLength), recipients: recipients,
                                          version: manifest.formatVersion)
        } catch {
            // crypto_box_seal refuses exactly the low-order points.
            throw .invalid("a recipient's encryption key is a low-order point, which no one could open")
        }
        var written = UInt64(encoder.headerBytes.count)
        try write(encoder.headerBytes, to: &output)
        let manifestFrame = encoder.frame(manifestBytes, tag: .message)
        written += UInt64(manifestFrame.count)
        try write(manifestFrame, to: &output)
        if attachments.isEmpty {
            return try sealContent(from: &input, to: &output, encoder: encoder, manifest: manifest, manifestBytes: manifestBytes,
                                   written: written, progress: progress)
        }
        var content = SealingContent(attachments: attachments, body: input)
        return try sealContent(from: &content, to: &output, encoder: encoder, manifest: manifest, manifestBytes: manifestBytes,
                               written: written, progress: progress)
    }

    /// Steps 6 and 7 of spec §"Sealing": the content in canonical chunks, then the tail and the signature.
    private func sealContent(from input: inout some ByteReader, to output: inout some ByteWriter, encoder: EnvelopeEncoder,
                             manifest: Manifest, manifestBytes: [UInt8], written: UInt64,
                             progress: ((UInt64) -> Void)?) throws(SealError) -> SealedEnvelope {
        var written = written

        let chunk = EnvelopeFormat.chunkSize
        let frameLength = EnvelopeFormat.frameLengthBytes + chunk + SecretStream.overhead
        let hasher = BLAKE2b.Hasher()
        var contentLength: UInt64 = 0
        // A batch of plaintext (plus room for the signature after a final tail) and its framed
        // ciphertext: memory stays constant (about 2 MiB) whatever the content's size. The first
        // batch is a single chunk, so small records never pay for the large buffers.
        var batchChunks = 1
        var plain = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk + EnvelopeFormat.signatureLength, alignment: 16)
        var framed = UnsafeMutableRawBufferPointer.allocate(byteCount: frameLength + EnvelopeFormat.signatureLength, alignment: 16)
        var used = 0  // how much of `plain` has held content, to wipe just that
        defer {
            wipe(UnsafeMutableRawBufferPointer(rebasing: plain[0..<used])); plain.deallocate()
            framed.deallocate()
        }
        while true {
            let n: Int
            do { n = try input.readFully(into: UnsafeMutableRawBufferPointer(rebasing: plain[0..<batchChunks * chunk])) } catch { throw .io(error) }
            used = max(used, n + EnvelopeFormat.signatureLength)
            let fullChunks = n / chunk
            // Every full chunk is a content chunk (even one that ends the input: the final chunk
            // then has an empty tail). Hash the batch on one core while encrypting it on another;
            // below two chunks the hand-off would cost more than it saves.
            let content = UnsafeRawBufferPointer(rebasing: plain[0..<n])
            let encrypt = {
                for i in 0..<fullChunks {
                    _ = encoder.frame(UnsafeRawBufferPointer(rebasing: plain[i * chunk..<(i + 1) * chunk]), tag: .message,
                                      into: UnsafeMutableRawBufferPointer(rebasing: framed[i * frameLength..<(i + 1) * frameLength]))
                }
            }
            if fullChunks >= 2 {
                PairedWork.run({ hasher.update(content) }, encrypt)
            } else {
                hasher.update(content)
                encrypt()
            }
            contentLength += UInt64(n)
            if fullChunks > 0 {
                try write(UnsafeRawBufferPointer(rebasing: framed[0..<fullChunks * frameLength]), to: &output)
                written += UInt64(fullChunks * frameLength)
                progress?(contentLength)
            }
            if n == batchChunks * chunk {
                if batchChunks == 1 {
                    // The content is larger than one chunk: move up to full batches.
                    wipe(UnsafeMutableRawBufferPointer(rebasing: plain[0..<used])); plain.deallocate(); framed.deallocate()
                    used = 0
                    batchChunks = EnvelopeSealer.batchChunks
                    plain = .allocate(byteCount: batchChunks * chunk + EnvelopeFormat.signatureLength, alignment: 16)
                    framed = .allocate(byteCount: batchChunks * frameLength + EnvelopeFormat.signatureLength, alignment: 16)
                }
                continue
            }

            // The final chunk: the tail of the content, then the signature.
            let tailStart = fullChunks * chunk
            let contentHash = hasher.finalize()
            let signed = EnvelopeEncoder.signedMessage(
                headerHash: encoder.headerHash,
                manifestHash: EnvelopeFormat.labelledHash(EnvelopeFormat.manifestHashLabel, manifestBytes),
                contentHash: contentHash, contentLength: contentLength)
            let signature = sender.signingKey.signature(for: signed)
            signature.rawRepresentation.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: plain[n..<n + EnvelopeFormat.signatureLength]).copyMemory(from: $0)
            }
            let size = encoder.frame(UnsafeRawBufferPointer(rebasing: plain[tailStart..<n + EnvelopeFormat.signatureLength]), tag: .final, into: framed)
            try write(UnsafeRawBufferPointer(rebasing: framed[0..<size]), to: &output)
            written += UInt64(size)
            progress?(contentLength)
            return SealedEnvelope(manifest: manifest, contentHash: contentHash, contentLength: contentLength, envelopeLength: written)
        }
    }

    /// Content chunks read, hashed and encrypted together (1 MiB).
    static let batchChunks = 16

    /// Seals bytes in memory and returns the envelope.
    public func seal(_ content: [UInt8], recipients: [X25519.PublicKey], contentType: String = "application/octet-stream",
                     attributes: [String: String] = [:], attachments: [(name: String, type: String, bytes: [UInt8])] = [],
                     createdAt: UInt64) throws(SealError) -> (envelope: [UInt8], sealed: SealedEnvelope) {
        var input = MemoryReader(content)
        var output = MemoryWriter()
        let sources = attachments.map { a in
            AttachmentSource(attachment: ManifestAttachment(name: a.name, type: a.type, length: UInt64(a.bytes.count), hash: BLAKE2b.hash(a.bytes)),
                             reader: MemoryReader(a.bytes))
        }
        let sealed = try seal(from: &input, to: &output, recipients: recipients, contentType: contentType,
                              attributes: attributes, attachments: sources, createdAt: createdAt)
        return (output.bytes, sealed)
    }

    private func write(_ bytes: [UInt8], to output: inout some ByteWriter) throws(SealError) {
        let result: Result<Void, IOError> = bytes.withUnsafeBytes { b in Result { () throws(IOError) in try output.write(b) } }
        do { try result.get() } catch { throw .io(error) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to output: inout some ByteWriter) throws(SealError) {
        do { try output.write(bytes) } catch { throw .io(error) }
    }
}

public enum SealError: Error, Equatable, CustomStringConvertible {
    /// The request cannot make a valid envelope (no recipients, too many, a bad content type...).
    case invalid(String)
    case io(IOError)

    public var description: String {
        switch self {
        case let .invalid(reason): return "cannot seal: \(reason)"
        case let .io(error): return error.description
        }
    }
}
