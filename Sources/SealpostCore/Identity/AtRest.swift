#if canImport(Glibc)
import Glibc
#endif
import SealpostSodium

/// Data at rest in a home, sealed to the agency's own key (spec/exchange.md §The home at rest), so a
/// lost laptop's home reveals nothing that identifies anyone without the passphrase. Every store
/// that keeps something naming a person (received records and their attachments, requests, the
/// log's details) seals it through this one type.
///
/// Files: sealing needs only the agency's public box key, so any code path can write; opening
/// needs the unlocked identity.
///
///     magic "sealpost-at-rest/v1\n" (20 bytes)
///     crypto_box_seal(file key, 32 bytes) to the agency's X25519 key (80 bytes)
///     secretstream header (24 bytes)
///     chunks: secretstream XChaCha20-Poly1305 of 64 KiB of plaintext each, the last 1 to 64 KiB
///             (empty only for an empty file) and the only one tagged FINAL; additional data the magic
///
/// A fresh random file key per file; nothing may follow the FINAL chunk.
///
/// Lines (many small items that are read all at once, like the log's details): XChaCha20-Poly1305
/// under a key derived from the agency's private box key, `BLAKE2b-256(key: box private key,
/// "sealpost/v1/at-rest-lines")`, with a random 24-byte nonce and additional data that names what
/// the line is (the caller's `context`). A line costs no public-key operation, so reading a log of
/// a million entries stays fast. Only a holder of the identity writes lines: the log's appender
/// signs every entry, so it holds the identity anyway.
public struct AtRest: Sendable {
    public static let magic: [UInt8] = Array("sealpost-at-rest/v1\n".utf8)
    public static let chunkLength = 64 * 1024
    static let fileKeyLength = 32
    static let lineKeyLabel: [UInt8] = Array("sealpost/v1/at-rest-lines".utf8)

    /// The agency's public box key: enough to seal a file.
    public let publicKey: X25519.PublicKey
    /// Internal so that `Opening` (its own file) can unwrap file keys; never leaves this module.
    let privateKey: X25519.PrivateKey?
    private let lineKey: AEADKey?
    private let digestKey: SecureBytes?

    /// Seals and opens: the unlocked identity.
    public init(identity: Identity) { self.init(boxKey: identity.boxKey) }

    /// Seals and opens with the agency's private box key.
    public init(boxKey: X25519.PrivateKey) {
        publicKey = boxKey.publicKey
        privateKey = boxKey
        var derived = BLAKE2b.hash(Self.lineKeyLabel, outputLength: XChaCha20Poly1305.keyLength, key: boxKey.rawRepresentation)
        lineKey = try? AEADKey(SecureBytes(copying: derived))
        for i in derived.indices { derived[i] = 0 }
        digestKey = SecureBytes(copying: BLAKE2b.hash(Array("sealpost/v1/at-rest-digest".utf8), key: boxKey.rawRepresentation))
    }

    /// Seals files only: the agency's public card.
    public init(publicKey: X25519.PublicKey) {
        self.publicKey = publicKey
        privateKey = nil
        lineKey = nil
        digestKey = nil
    }

    /// Whether this can open what is sealed (it holds the private key).
    public var canOpen: Bool { privateKey != nil }

    /// Whether `bytes` start as a sealed file does.
    public static func isSealed(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    // MARK: Files

    /// `plaintext` sealed as a file (the format above).
    public func seal(_ plaintext: [UInt8]) -> [UInt8] {
        let (pusher, head) = startFile()
        var out = head
        out.reserveCapacity(out.count + plaintext.count + (plaintext.count / Self.chunkLength + 1) * SecretStream.overhead)
        var offset = 0
        repeat {
            let end = min(plaintext.count, offset + Self.chunkLength)
            let last = end == plaintext.count
            out += pusher.push(Array(plaintext[offset..<end]), tag: last ? .final : .message, additionalData: Self.magic)
            offset = end
        } while offset < plaintext.count
        return out
    }

    /// A fresh file key: the stream that seals the chunks, and the file's first bytes (magic, boxed
    /// key, stream header).
    private func startFile() -> (SecretStream.Pusher, [UInt8]) {
        let rawKey = SecureBytes.random(count: SecretStream.keyLength)
        let fileKey: SecretStreamKey
        let boxedKey: [UInt8]
        // The own key was checked when the identity was made; a low-order key cannot be one.
        do {
            fileKey = try SecretStreamKey(rawKey)
            boxedKey = try SealedBox.seal(rawKey, to: publicKey)
        } catch { preconditionFailure("the agency's box key is unusable") }
        let pusher = SecretStream.Pusher(key: fileKey)
        return (pusher, Self.magic + boxedKey + pusher.header)
    }

    /// Seals the file at `source` into `path` (atomically and durably, mode 0600), a chunk at a
    /// time, so a file of any size is sealed in constant memory. The bytes are those `seal` makes
    /// of the same plaintext, but for the random key.
    public func sealFile(from source: String, to path: String) throws(IOError) {
        let descriptor = Glibc.open(source, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw IOError(path: source, errno: errno) }
        defer { close(descriptor) }
        var reader = FileDescriptorReader(descriptor: descriptor, name: source)
        let file = try AtomicFile(destination: path, mode: 0o600)
        do throws(IOError) {
            let (pusher, head) = startFile()
            try file.write(head)
            var chunk = try reader.readBytes(upTo: Self.chunkLength)
            while true {
                // A chunk is the last when nothing follows it: a full chunk may be the last.
                let next = chunk.count == Self.chunkLength ? try reader.readBytes(upTo: Self.chunkLength) : []
                try file.write(pusher.push(chunk, tag: next.isEmpty ? .final : .message, additionalData: Self.magic))
                if next.isEmpty { break }
                chunk = next
            }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// The plaintext of a sealed file; `what` names it in the error ("the record in …").
    public func open(_ sealed: [UInt8], what: String) throws(AtRestError) -> [UInt8] {
        var opening = try opening(MemoryReader(sealed), what: what)
        var plaintext: [UInt8] = []
        plaintext.reserveCapacity(sealed.count)
        while let chunk = try opening.next() { plaintext += chunk }
        return plaintext
    }

    /// Seals `plaintext` into `path` atomically and durably (AtomicFile), mode 0600.
    public func write(_ plaintext: [UInt8], to path: String) throws(IOError) {
        try AtomicFile.write(seal(plaintext), to: path, mode: 0o600)
    }

    /// The plaintext of the sealed file at `path`, or nil when there is no such file.
    public func read(_ path: String, what: String) throws(AtRestError) -> [UInt8]? {
        guard let bytes = FileBytes.read(path) else { return nil }
        return try open(bytes, what: what)
    }

    /// A keyed BLAKE2b-256 of `bytes` under the line key (nil without the identity): a digest kept
    /// at rest to recognise a repeat, which confirms no guess of the text without the key.
    public func keyedDigest(_ bytes: [UInt8]) -> [UInt8]? {
        guard let digestKey else { return nil }
        return BLAKE2b.hash(bytes, key: digestKey)
    }

    // MARK: Lines

    /// `plaintext` sealed as a line: nonce (24) || ciphertext || tag (16). Nil without the identity.
    public func sealLine(_ plaintext: [UInt8], context: [UInt8]) -> [UInt8]? {
        guard let lineKey else { return nil }
        let nonce = AEADNonce.random()
        return nonce.bytes + XChaCha20Poly1305.seal(SecureBytes(copying: plaintext), key: lineKey, nonce: nonce, additionalData: context)
    }

    /// The plaintext of a sealed line, or nil when it does not open under `context` (altered,
    /// moved to another place, or sealed by another agency) or this holds no identity.
    public func openLine(_ sealed: some Collection<UInt8>, context: [UInt8]) -> [UInt8]? {
        guard let lineKey, sealed.count >= XChaCha20Poly1305.nonceLength + XChaCha20Poly1305.tagLength else { return nil }
        let bytes = Array(sealed)
        guard let nonce = try? AEADNonce(Array(bytes[..<XChaCha20Poly1305.nonceLength])),
              let opened = try? XChaCha20Poly1305.open(Array(bytes[XChaCha20Poly1305.nonceLength...]), key: lineKey, nonce: nonce,
                                                        additionalData: context) else { return nil }
        return opened.unprotectedCopy()
    }
}

/// Why something sealed at rest could not be read: the home is locked, or the file is damaged.
public struct AtRestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable { case locked, damaged }
    public let code: Code
    public let reason: String
    public init(_ code: Code, _ reason: String) { (self.code, self.reason) = (code, reason) }
    public var description: String { reason }
}

/// Reads a whole file (no Foundation in this layer's hot paths).
enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return out }
            out += buffer[0..<n]
        }
    }
}
