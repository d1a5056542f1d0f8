import SealpostSodium

/// What an opened, fully verified envelope said.
public struct OpenedEnvelope: Sendable {
    public let manifest: Manifest
    public let contentHash: [UInt8]
    public let contentLength: UInt64
    /// The sender's signature and what it covers, so a recipient can keep it as evidence and
    /// anyone with the sender's key can check it again later without the envelope.
    public let signature: EnvelopeSignature

    public init(manifest: Manifest, contentHash: [UInt8], contentLength: UInt64, signature: EnvelopeSignature) {
        (self.manifest, self.contentHash, self.contentLength) = (manifest, contentHash, contentLength)
        self.signature = signature
    }

    /// The body's length: the content stream after the attachments (all of it in version 1).
    public var bodyLength: UInt64 { contentLength - manifest.attachmentsLength }
}

/// The sender's Ed25519 signature over an envelope (spec/envelope.md §"Signature"):
/// `"sealpost/v1/signature" || 0x00 || header hash || manifest hash || content hash || u64 length`.
public struct EnvelopeSignature: Sendable, Equatable {
    public let headerHash: [UInt8]
    public let manifestHash: [UInt8]
    public let contentHash: [UInt8]
    public let contentLength: UInt64
    public let signature: Ed25519.Signature

    public init(headerHash: [UInt8], manifestHash: [UInt8], contentHash: [UInt8], contentLength: UInt64, signature: Ed25519.Signature) {
        (self.headerHash, self.manifestHash, self.contentHash) = (headerHash, manifestHash, contentHash)
        (self.contentLength, self.signature) = (contentLength, signature)
    }

    public var signedMessage: [UInt8] {
        EnvelopeEncoder.signedMessage(headerHash: headerHash, manifestHash: manifestHash, contentHash: contentHash, contentLength: contentLength)
    }

    public func isValid(for sender: Ed25519.PublicKey) -> Bool { sender.isValidSignature(signature, for: signedMessage) }
}

/// Opens envelopes sealed to one identity, checking in the order of spec/envelope.md §"Opening".
public struct EnvelopeOpener {
    public let identity: Identity
    public let senders: any SenderDirectory

    public init(identity: Identity, senders: any SenderDirectory) {
        self.identity = identity
        self.senders = senders
    }

    /// Decrypts `input` into `staging` (the body) and `attachmentStaging` (each attachment, in
    /// order) and verifies it all.
    ///
    /// Plaintext reaches both before the signature and the attachments' hashes have been checked,
    /// so they must be private and discarded on failure: use `open(from:toFile:)`, `open(_:)` or
    /// `openWithAttachments(_:)`, which do that.
    package func decrypt(from input: inout some ByteReader, into staging: inout some ByteWriter,
                         attachments attachmentStaging: inout some AttachmentStaging,
                         progress: ((UInt64) -> Void)? = nil) throws(EnvelopeOpenFailure) -> OpenedEnvelope {
        // 1-2. Version, suite and layout, before any cryptography.
        let header = try EnvelopeHeader.read(from: &input)

        // 3. A slot that opens with our key.
        var fileKey: SecureBytes? = nil
        for slot in header.slots {
            if let key = try? SealedBox.open(slot, with: identity.boxKey) { fileKey = key; break }
        }
        guard let fileKey, let masterKey = try? KDFMasterKey(fileKey) else {
            throw .envelope(.init(.noMatchingIdentity))
        }

        // 4. The header tag, in constant time.
        let keys = EnvelopeKeys(fileKey: masterKey)
        let authenticated = header.authenticatedBytes
        guard constantTimeEqual(EnvelopeHeader.tag(for: authenticated, headerKey: keys.headerKey), header.tag) else {
            throw .envelope(.init(.headerAuthenticationFailed))
        }
        let headerHash = EnvelopeFormat.labelledHash(EnvelopeFormat.headerHashLabel, authenticated + header.tag)
        let puller: SecretStream.Puller
        do { puller = try SecretStream.Puller(key: keys.payloadKey, header: header.streamHeader) } catch {
            throw .envelope(.init(.headerAuthenticationFailed))
        }

        let chunk = EnvelopeFormat.chunkSize
        let frame = UnsafeMutableRawBufferPointer.allocate(byteCount: EnvelopeFormat.maximumFrameLength, alignment: 16)
        let plain = UnsafeMutableRawBufferPointer.allocate(byteCount: EnvelopeFormat.maximumFrameLength, alignment: 16)
        // The additional data of every stream message: the header hash.
        let additionalData = UnsafeMutableRawBufferPointer.allocate(byteCount: headerHash.count, alignment: 1)
        additionalData.copyBytes(from: headerHash)
        defer {
            frame.deallocate()
            additionalData.deallocate()
            wipe(plain); plain.deallocate()
        }

        /// Reads the next framed message and decrypts it into `output` (`plain` unless given).
        func next(maximum: Int, into output: UnsafeMutableRawBufferPointer? = nil) throws(EnvelopeOpenFailure) -> (count: Int, tag: SecretStream.Tag) {
            let prefix = UnsafeMutableRawBufferPointer(rebasing: frame[0..<EnvelopeFormat.frameLengthBytes])
            let got: Int
            do { got = try input.readFully(into: prefix) } catch { throw .io(error) }
            guard got == EnvelopeFormat.frameLengthBytes else { throw .envelope(.init(.truncated)) }
            let length = Int(UInt32(bigEndian: prefix.loadUnaligned(as: UInt32.self)))
            guard length >= SecretStream.overhead, length <= maximum + SecretStream.overhead else {
                throw .envelope(.init(.payloadAuthenticationFailed))
            }
            let body = UnsafeMutableRawBufferPointer(rebasing: frame[0..<length])
            let bodyGot: Int
            do { bodyGot = try input.readFully(into: body) } catch { throw .io(error) }
            guard bodyGot == length else { throw .envelope(.init(.truncated)) }
            do {
                return try puller.pull(UnsafeRawBufferPointer(body), additionalData: UnsafeRawBufferPointer(additionalData), into: output ?? plain)
            } catch {
                throw .envelope(.init(.payloadAuthenticationFailed))
            }
        }

        // 5. The manifest, the first stream message.
        let first = try next(maximum: EnvelopeFormat.maximumManifestLength)
        guard first.tag == .message else { throw .envelope(.init(.payloadAuthenticationFailed)) }
        let manifestBytes = Array(UnsafeRawBufferPointer(rebasing: plain[0..<first.count]))
        let manifest: Manifest
        do { manifest = try Manifest(decoding: manifestBytes, version: header.version) } catch {
            throw .envelope(.init(.malformedHeader, error.description))
        }

        // 6. The signed recipient list must name us, and match the header.
        guard manifest.recipients.contains(identity.boxKeyID), manifest.recipients.count == header.slots.count else {
            throw .envelope(.init(.notAddressedToThisIdentity))
        }

        // 7. The sender must be someone we trust.
        if case let .untrusted(reason) = senders.trust(for: manifest) {
            throw .envelope(.init(.senderUnknown, reason))
        }

        // 8. Content chunks, then the final chunk with the signature. Chunks are decrypted in
        // batches; while one batch is decrypted on one core, the previous one is hashed on the
        // other. The first batch is a single chunk, so small envelopes never allocate large buffers.
        let signatureLength = EnvelopeFormat.signatureLength
        var batchChunks = 1
        var current = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk + signatureLength, alignment: 16)
        var spare = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk + signatureLength, alignment: 16)
        // Both buffers are wiped whole, whatever happened: a failure part-way through a batch
        // leaves decrypted chunks that no length counter has recorded yet.
        defer {
            wipe(current); current.deallocate()
            wipe(spare); spare.deallocate()
        }

        /// Decrypts content into `buffer` until it holds `batchChunks` full chunks or the final
        /// chunk arrives. Returns the content length and, after the final chunk, the signature.
        func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(EnvelopeOpenFailure) -> (count: Int, signature: [UInt8]?) {
            var filled = 0
            while filled < batchChunks * chunk {
                let message = try next(maximum: chunk - 1 + signatureLength,
                                       into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                switch message.tag {
                case .message where message.count == chunk:
                    filled += chunk
                case .final where message.count >= signatureLength:
                    let tail = message.count - signatureLength
                    let signature = Array(UnsafeRawBufferPointer(rebasing: buffer[filled + tail..<filled + message.count]))
                    return (filled + tail, signature)
                default:
                    // A push or rekey tag, or a chunk of the wrong size: not a valid v1 stream.
                    throw .envelope(.init(.payloadAuthenticationFailed))
                }
            }
            return (filled, nil)
        }

        // The body goes to `staging`; a version 2 envelope's attachments, which come first, to
        // `attachmentStaging`, each hashed on the way (checked in step 11).
        var content = OpeningContent(body: staging, staging: attachmentStaging, attachments: manifest.attachments)
        defer { staging = content.body; attachmentStaging = content.staging }
        do { try content.start() } catch { throw .io(error) }

        let hasher = BLAKE2b.Hasher()
        var contentLength: UInt64 = 0
        var batch = try fill(current)
        if batch.signature == nil {
            // More than one chunk: move up to full batches.
            hasher.update(UnsafeRawBufferPointer(rebasing: current[0..<batch.count]))
            do { try content.write(UnsafeRawBufferPointer(rebasing: current[0..<batch.count])) } catch { throw .io(error) }
            contentLength += UInt64(batch.count)
            wipe(current); current.deallocate(); spare.deallocate()
            batchChunks = EnvelopeOpener.batchChunks
            current = .allocate(byteCount: batchChunks * chunk + signatureLength, alignment: 16)
            spare = .allocate(byteCount: batchChunks * chunk + signatureLength, alignment: 16)
            batch = try fill(current)
        }
        while batch.signature == nil {
            // Hash this batch while decrypting the next into the spare buffer.
            let full = UnsafeRawBufferPointer(rebasing: current[0..<batch.count])
            var nextBatch: Result<(count: Int, signature: [UInt8]?), EnvelopeOpenFailure> = .success((0, nil))
            let target = spare
            PairedWork.run({ hasher.update(full) }, { nextBatch = Result { () throws(EnvelopeOpenFailure) in try fill(target) } })
            do { try content.write(full) } catch { throw .io(error) }
            contentLength += UInt64(batch.count)
            progress?(contentLength)
            batch = try nextBatch.get()
            swap(&current, &spare)
        }
        let last = UnsafeRawBufferPointer(rebasing: current[0..<batch.count])
        hasher.update(last)
        do { try content.write(last) } catch { throw .io(error) }
        contentLength += UInt64(batch.count)

        // 9. Nothing may follow the final chunk.
        let extra: [UInt8]
        do { extra = try input.readBytes(upTo: 1) } catch { throw .io(error) }
        guard extra.isEmpty else { throw .envelope(.init(.trailingData)) }

        // 10. The sender's signature over header, manifest and content.
        let contentHash = hasher.finalize()
        guard let signatureBytes = batch.signature, let signature = try? Ed25519.Signature(rawRepresentation: signatureBytes) else {
            throw .envelope(.init(.signatureInvalid))
        }
        let evidence = EnvelopeSignature(headerHash: headerHash,
                                         manifestHash: EnvelopeFormat.labelledHash(EnvelopeFormat.manifestHashLabel, manifestBytes),
                                         contentHash: contentHash, contentLength: contentLength, signature: signature)
        guard evidence.isValid(for: manifest.senderSigningKey) else { throw .envelope(.init(.signatureInvalid)) }

        // 11. Every attachment whole and as its signed manifest entry states: the sender signed
        // both the manifest and the content, so content that contradicts the manifest carries no
        // valid signature for what it holds.
        guard content.verified else { throw .envelope(.init(.signatureInvalid)) }
        progress?(contentLength)
        return OpenedEnvelope(manifest: manifest, contentHash: contentHash, contentLength: contentLength, signature: evidence)
    }

    /// `decrypt` for an envelope that may have no attachments (one that has is refused).
    package func decrypt(from input: inout some ByteReader, into staging: inout some ByteWriter,
                         progress: ((UInt64) -> Void)? = nil) throws(EnvelopeOpenFailure) -> OpenedEnvelope {
        var none = NoAttachmentStaging(destination: "the envelope")
        return try decrypt(from: &input, into: &staging, attachments: &none, progress: progress)
    }

    /// Content chunks decrypted and hashed together (1 MiB).
    static let batchChunks = 16

    /// Opens an envelope held in memory; the content is returned only once everything verified.
    /// An envelope with attachments is refused (as an I/O error): use `openWithAttachments(_:)`.
    public func open(_ envelope: [UInt8]) throws(EnvelopeOpenFailure) -> (content: [UInt8], opened: OpenedEnvelope) {
        var input = MemoryReader(envelope)
        var staging = MemoryWriter()
        let opened = try decrypt(from: &input, into: &staging)
        return (staging.bytes, opened)
    }

    /// Opens an envelope held in memory, with its attachments (in manifest order); the body and
    /// attachments are returned only once the signature and every attachment's hash verified.
    public func openWithAttachments(_ envelope: [UInt8]) throws(EnvelopeOpenFailure)
        -> (content: [UInt8], attachments: [[UInt8]], opened: OpenedEnvelope) {
        var input = MemoryReader(envelope)
        var staging = MemoryWriter()
        var attachments = MemoryAttachments()
        let opened = try decrypt(from: &input, into: &staging, attachments: &attachments)
        return (staging.bytes, attachments.contents, opened)
    }

    /// Opens an envelope into `destination`, which appears only once everything verified.
    /// Attachments, if any, go into `attachmentsDirectory` under safe names (AttachmentFolder),
    /// also only once everything verified; an envelope with attachments and no folder is refused.
    /// On any failure no file is left behind.
    public func open(from input: inout some ByteReader, toFile destination: String, mode: UInt32 = 0o600,
                     attachmentsDirectory: String? = nil,
                     progress: ((UInt64) -> Void)? = nil) throws(EnvelopeOpenFailure) -> OpenedEnvelope {
        try openStoringAttachments(from: &input, toFile: destination, mode: mode, attachmentsDirectory: attachmentsDirectory,
                                   progress: progress).opened
    }

    /// `open(from:toFile:...)`, also returning where each attachment was stored (in manifest order).
    public func openStoringAttachments(from input: inout some ByteReader, toFile destination: String, mode: UInt32 = 0o600,
                                       attachmentsDirectory: String?, progress: ((UInt64) -> Void)? = nil)
        throws(EnvelopeOpenFailure) -> (opened: OpenedEnvelope, attachments: [String]) {
        let file: AtomicFile
        do { file = try AtomicFile(destination: destination, mode: mode) } catch { throw .io(error) }
        var writer = file.writer
        let opened: OpenedEnvelope
        var stored: [String] = []
        if let attachmentsDirectory {
            var folder: AttachmentFolder
            do { folder = try AttachmentFolder(directory: attachmentsDirectory) } catch { file.discard(); throw .io(error) }
            do { opened = try decrypt(from: &input, into: &writer, attachments: &folder, progress: progress) } catch {
                folder.discard(); file.discard()
                throw error
            }
            do { stored = try folder.publish() } catch {
                folder.discard(); file.discard()
                throw .io(error)
            }
            do { try file.commit() } catch {
                folder.unpublish()
                throw .io(error)
            }
            return (opened, stored)
        } else {
            var none = NoAttachmentStaging(destination: destination)
            do {
                opened = try decrypt(from: &input, into: &writer, attachments: &none, progress: progress)
            } catch {
                file.discard()
                throw error
            }
        }
        do { try file.commit() } catch { throw .io(error) }
        return (opened, stored)
    }
}
