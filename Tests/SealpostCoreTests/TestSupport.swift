import Foundation
import Testing
import SealpostCore
import SealpostSodium

// Shared helpers for the SealpostCore tests: identities, directories, openers, envelope
// layout arithmetic, byte readers with observable behaviour, and a test-only encoder that
// composes EnvelopeEncoder's building blocks the way a sender (honest or not) could.

/// Argon2id settings that keep key-file tests fast (libsodium's minimum passes, 8 MiB).
let cheapCost = KeyFile.Cost(opsLimit: 1, memLimit: 8 << 20)

/// A fresh identity with random keys.
func makeIdentity(_ agency: String, name: String? = nil) -> Identity {
    try! Identity.generate(agencyID: agency, name: name ?? "Agency \(agency)")
}

/// Trusts every sender, so that checks after the trust decision can be reached with any key.
struct TrustEveryone: SenderDirectory {
    func trust(for manifest: Manifest) -> SenderTrust { .trusted }
}

/// A directory that trusts exactly these identities' cards.
func directory(trusting identities: [Identity]) -> CardDirectory {
    CardDirectory(cards: identities.map(\.card))
}

func opener(for identity: Identity, trusting senders: [Identity]) -> EnvelopeOpener {
    EnvelopeOpener(identity: identity, senders: directory(trusting: senders))
}

/// Distinctive content that is easy to search for in error messages.
let secretText = "TOP-SECRET-CONTENT: child 4471 at 12 Acacia Road"

/// Bytes of a recognisable pattern (not all zero, so that misplaced chunks differ).
func patternBytes(_ count: Int, seed: UInt8 = 1) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    var x = UInt32(seed) &* 2_654_435_761 | 1
    for i in 0..<count {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5
        out[i] = UInt8(truncatingIfNeeded: x)
    }
    return out
}

/// BLAKE2b-256(label || 0x00 || data), as spec'd for the domain-separated hashes.
func labelledHash(_ label: String, _ data: [UInt8]) -> [UInt8] {
    BLAKE2b.hash(Array(label.utf8) + [0] + data)
}

/// Opens `envelope` in memory; nil if it opened, else the envelope error.
/// An I/O error is impossible from memory and is recorded as an issue.
func openFailure(_ envelope: [UInt8], with opener: EnvelopeOpener,
                 sourceLocation: SourceLocation = #_sourceLocation) -> EnvelopeError? {
    do throws(EnvelopeOpenFailure) {
        _ = try opener.openWithAttachments(envelope)
        return nil
    } catch {
        switch error {
        case let .envelope(e): return e
        case let .io(e):
            Issue.record("unexpected I/O error \(e)", sourceLocation: sourceLocation)
            return EnvelopeError(.malformedHeader, "io")
        }
    }
}

// MARK: - Layout

/// Where each framed stream message of an envelope starts and ends.
struct Frame: Equatable {
    /// Offset of the 4-byte length prefix.
    let start: Int
    /// Ciphertext length (the prefix's value).
    let length: Int
    var bodyStart: Int { start + 4 }
    var end: Int { start + 4 + length }
}

/// The header length and the frames of a well-formed envelope, read from its bytes.
func layout(of envelope: [UInt8]) -> (headerLength: Int, frames: [Frame]) {
    let count = Int(envelope[12]) << 8 | Int(envelope[13])
    let headerLength = EnvelopeFormat.headerLength(recipients: count)
    var frames: [Frame] = []
    var offset = headerLength
    while offset < envelope.count {
        let length = envelope[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        frames.append(Frame(start: offset, length: length))
        offset += 4 + length
    }
    precondition(offset == envelope.count, "frames do not tile the envelope")
    return (headerLength, frames)
}

// MARK: - Readers

/// Serves bytes from memory at most `maximumRead` at a time, and remembers how far it was read.
struct TrackingReader: ByteReader {
    let bytes: [UInt8]
    let maximumRead: Int
    private(set) var offset = 0

    init(_ bytes: [UInt8], maximumRead: Int = .max) {
        self.bytes = bytes
        self.maximumRead = maximumRead
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        let n = min(buffer.count, bytes.count - offset, maximumRead)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n])) }
        offset += n
        return n
    }
}

// MARK: - Files

/// A fresh private directory, removed after `body`.
func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
    let path = FileManager.default.temporaryDirectory.path + "/sealpost-core-tests-" + Hex.encode(RandomBytes.make(count: 8))
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

func directoryEntries(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
}

func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as! NSNumber).intValue
}

func readFile(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map(Array.init)
}

// MARK: - A test-only encoder

/// Composes an envelope from EnvelopeEncoder's parts, in any order the test chooses.
///
/// `frame` calls must happen in stream order: each encrypts the next secretstream message.
final class HandEncoder {
    let sender: Identity
    let encoder: EnvelopeEncoder
    let manifest: Manifest
    let manifestBytes: [UInt8]

    /// - Parameters:
    ///   - recipients: who gets a slot.
    ///   - named: whose key ids the signed manifest lists (default: the slot holders).
    init(sender: Identity, recipients: [X25519.PublicKey], named: [X25519.PublicKey]? = nil,
         fileKey: SecureBytes = .random(count: EnvelopeFormat.fileKeyLength), slots: [[UInt8]]? = nil,
         attributes: [String: String] = [:], claimedSigningKey: Ed25519.PublicKey? = nil) {
        self.sender = sender
        if let slots {
            encoder = EnvelopeEncoder(fileKey: fileKey, slots: slots)
        } else {
            encoder = try! EnvelopeEncoder(fileKey: fileKey, recipients: recipients)
        }
        manifest = Manifest(senderSigningKey: claimedSigningKey ?? sender.signingKey.publicKey, senderBoxKey: sender.boxKey.publicKey,
                            senderAgency: sender.agencyID, messageID: RandomBytes.make(count: Manifest.messageIDLength),
                            createdAt: 1_700_000_000, contentType: "text/plain",
                            recipients: (named ?? recipients).map(KeyID.init), attributes: attributes)
        manifestBytes = try! manifest.encoded()
    }

    /// An envelope of `version` for exactly this manifest (a version 2 one may list attachments
    /// that the content given to `wellFormed` contradicts).
    init(sender: Identity, recipients: [X25519.PublicKey], manifest: Manifest, version: UInt8) {
        self.sender = sender
        encoder = try! EnvelopeEncoder(fileKey: .random(count: EnvelopeFormat.fileKeyLength), recipients: recipients, version: version)
        self.manifest = manifest
        manifestBytes = try! manifest.encoded()
    }

    var header: [UInt8] { encoder.headerBytes }

    func frame(_ plaintext: [UInt8], tag: SecretStream.Tag) -> [UInt8] {
        encoder.frame(plaintext, tag: tag)
    }

    func manifestFrame(tag: SecretStream.Tag = .message) -> [UInt8] {
        frame(manifestBytes, tag: tag)
    }

    /// The sender's signature over this envelope's header, manifest and `content`.
    func signature(for content: [UInt8], by key: Ed25519.SigningKey? = nil) -> [UInt8] {
        let message = EnvelopeEncoder.signedMessage(
            headerHash: encoder.headerHash,
            manifestHash: labelledHash("sealpost/v1/manifest", manifestBytes),
            contentHash: BLAKE2b.hash(content), contentLength: UInt64(content.count))
        return (key ?? sender.signingKey).signature(for: message).rawRepresentation
    }

    /// Header, manifest, full content chunks and a final chunk carrying `signature`, as the sealer would.
    func wellFormed(_ content: [UInt8], signature override: [UInt8]? = nil) -> [UInt8] {
        let signature = override ?? self.signature(for: content)
        var out = header + manifestFrame()
        let chunk = EnvelopeFormat.chunkSize
        var offset = 0
        while content.count - offset >= chunk {
            out += frame(Array(content[offset..<offset + chunk]), tag: .message)
            offset += chunk
        }
        out += frame(Array(content[offset...]) + signature, tag: .final)
        return out
    }
}

// MARK: - Acting as a recipient who reads the raw stream

/// What a legitimate recipient can recover from an envelope with its own private key and the
/// public spec: the file key, the manifest bytes, the content chunks and the signature.
struct Recovered {
    let fileKey: SecureBytes
    let headerBytes: [UInt8]
    let manifestBytes: [UInt8]
    let fullChunks: [[UInt8]]
    let tail: [UInt8]
    let signature: [UInt8]
    var content: [UInt8] { fullChunks.flatMap { $0 } + tail }
}

func recover(_ envelope: [UInt8], as recipient: Identity) throws -> Recovered {
    let (headerLength, frames) = layout(of: envelope)
    let headerBytes = Array(envelope[0..<headerLength])
    let slotCount = Int(envelope[12]) << 8 | Int(envelope[13])
    var fileKey: SecureBytes? = nil
    for i in 0..<slotCount {
        let start = EnvelopeFormat.fixedHeaderLength + i * EnvelopeFormat.slotLength
        if let key = try? SealedBox.open(Array(envelope[start..<start + EnvelopeFormat.slotLength]), with: recipient.boxKey) {
            fileKey = key
        }
    }
    let key = try #require(fileKey, "no slot opens for \(recipient.agencyID)")
    // Derived here from the spec's constants, not through the opener.
    let payloadKey = try SecretStreamKey(KDF.deriveKey(length: 32, id: 2, context: "SPENV-v1", from: try KDFMasterKey(key)))
    let puller = try SecretStream.Puller(key: payloadKey, header: Array(envelope[14..<38]))
    let headerHash = labelledHash("sealpost/v1/header", headerBytes)
    var messages: [(plaintext: [UInt8], tag: SecretStream.Tag)] = []
    for frame in frames {
        messages.append(try puller.pull(Array(envelope[frame.bodyStart..<frame.end]), additionalData: headerHash))
    }
    try #require(messages.count >= 2)
    try #require(messages.first?.tag == .message)
    try #require(messages.last?.tag == .final)
    let final = messages.last!.plaintext
    return Recovered(fileKey: key, headerBytes: headerBytes, manifestBytes: messages[0].plaintext,
                     fullChunks: messages.dropFirst().dropLast().map(\.plaintext),
                     tail: Array(final.dropLast(EnvelopeFormat.signatureLength)),
                     signature: Array(final.suffix(EnvelopeFormat.signatureLength)))
}

/// A new envelope carrying `manifestBytes`, the recovered content and `signature`, with slots for
/// `recipients`, made with EnvelopeEncoder as any holder of a file key could.
func reframe(_ recovered: Recovered, recipients: [X25519.PublicKey], manifestBytes: [UInt8], signature: [UInt8]) -> [UInt8] {
    let encoder = try! EnvelopeEncoder(fileKey: recovered.fileKey, recipients: recipients)
    var out = encoder.headerBytes + encoder.frame(manifestBytes, tag: .message)
    for chunk in recovered.fullChunks { out += encoder.frame(chunk, tag: .message) }
    out += encoder.frame(recovered.tail + signature, tag: .final)
    return out
}
