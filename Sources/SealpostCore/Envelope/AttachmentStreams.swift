import SealpostSodium

/// An attachment to seal: the facts the manifest will state about it, and where its bytes come
/// from. The facts come first (a sealer must sign the hash before it streams the bytes), so the
/// caller reads the file once to hash it (`ManifestAttachment.measuring`) and once to seal it.
public struct AttachmentSource {
    public let attachment: ManifestAttachment
    public var reader: any ByteReader

    public init(attachment: ManifestAttachment, reader: any ByteReader) {
        self.attachment = attachment
        self.reader = reader
    }
}

extension ManifestAttachment {
    /// Reads `reader` to its end in constant memory and states its length and BLAKE2b-256.
    public static func measuring(name: String, type: String, reader: inout some ByteReader) throws(IOError) -> ManifestAttachment {
        let measured = try reader.measure()
        return ManifestAttachment(name: name, type: type, length: measured.length, hash: measured.hash)
    }
}

extension ByteReader {
    /// Reads to the end in constant memory and returns how many bytes there were and their
    /// BLAKE2b-256: an attachment's facts before it is sealed, an envelope's before it is
    /// uploaded. The 64 KiB buffer is wiped after use, for the input may be plaintext.
    public mutating func measure() throws(IOError) -> (length: UInt64, hash: [UInt8]) {
        let hasher = BLAKE2b.Hasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { wipe(buffer); buffer.deallocate() }
        var length: UInt64 = 0
        while true {
            let n = try read(into: buffer)
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            length += UInt64(n)
        }
        return (length, hasher.finalize())
    }
}

/// The content stream a version 2 sealer reads: each attachment's bytes in turn, then the body.
///
/// Each attachment must yield exactly the bytes its manifest entry states (the manifest is
/// encrypted and framed before any of them is read): one that has grown, shrunk or changed since
/// it was measured fails the seal with an I/O error naming it, so no envelope ever carries bytes
/// that contradict its signed manifest.
struct SealingContent<Body: ByteReader>: ByteReader {
    private var sources: [AttachmentSource]
    private var body: Body
    private var index = 0
    private var remaining: UInt64
    private var hasher = BLAKE2b.Hasher()

    init(attachments: [AttachmentSource], body: Body) {
        sources = attachments
        self.body = body
        remaining = attachments.first?.attachment.length ?? 0
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        while index < sources.count {
            if remaining == 0 {
                try finishAttachment()
                continue
            }
            let want = Int(min(UInt64(buffer.count), remaining))
            let n = try sources[index].reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            guard n > 0 else { throw changed("is shorter than when it was measured") }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            remaining -= UInt64(n)
            return n
        }
        return try body.read(into: buffer)
    }

    /// Checks the attachment just read ended where it should and hashed as stated, then moves on.
    private mutating func finishAttachment() throws(IOError) {
        var probe: UInt8 = 0
        let more = try withUnsafeMutableBytes(of: &probe) { (b) throws(IOError) -> Int in try sources[index].reader.read(into: b) }
        guard more == 0 else { throw changed("is longer than when it was measured") }
        guard hasher.finalize() == sources[index].attachment.hash else { throw changed("changed after it was measured") }
        index += 1
        hasher = BLAKE2b.Hasher()
        remaining = index < sources.count ? sources[index].attachment.length : 0
    }

    private func changed(_ what: String) -> IOError {
        IOError(path: "attachment \(index + 1) (\(Printable.escape(sources[index].attachment.name)))",
                reason: "\(what); nothing was sealed: seal it again once the file is no longer being written")
    }
}

/// Where an opener puts attachments' bytes while it checks them. Nothing handed to it may be
/// shown, used or moved where others can read it until the open has succeeded: the opener
/// verifies the signature and every attachment's hash only after the last byte.
public protocol AttachmentStaging {
    /// Called before attachment `index`'s bytes (also for an empty attachment).
    mutating func begin(_ attachment: ManifestAttachment, index: Int) throws(IOError)
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(IOError)
    /// Called after attachment `index`'s last byte.
    mutating func end(index: Int) throws(IOError)
}

/// Attachments kept in memory (for envelopes held in memory, which are bounded).
public struct MemoryAttachments: AttachmentStaging {
    public private(set) var contents: [[UInt8]] = []
    public init() {}
    public mutating func begin(_ attachment: ManifestAttachment, index: Int) throws(IOError) { contents.append([]) }
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        contents[contents.count - 1].append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
    }
    public mutating func end(index: Int) throws(IOError) {}
}

/// For openers that were given nowhere to put attachments: refuses an envelope that has any,
/// before writing a byte of them.
struct NoAttachmentStaging: AttachmentStaging {
    let destination: String
    func begin(_ attachment: ManifestAttachment, index: Int) throws(IOError) {
        throw IOError(path: destination, reason: "the envelope carries attachments and no folder was given for them")
    }
    func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) {}
    func end(index: Int) throws(IOError) {}
}

/// Splits an opened content stream: the first bytes go to each attachment in turn, as the
/// manifest's lengths say, hashed as they pass; the rest is the body. `verified` is true only if
/// every attachment was complete and hashed as its manifest entry states.
struct OpeningContent<Body: ByteWriter, Staging: AttachmentStaging>: ByteWriter {
    var body: Body
    var staging: Staging
    private let attachments: [ManifestAttachment]
    private var index = 0
    private var remaining: UInt64 = 0
    private var hasher = BLAKE2b.Hasher()
    private var mismatched = false

    init(body: Body, staging: Staging, attachments: [ManifestAttachment]) {
        self.body = body
        self.staging = staging
        self.attachments = attachments
    }

    /// Begins the first attachment (and finishes any empty ones): call once before writing.
    mutating func start() throws(IOError) { try advance() }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        var rest = bytes
        while !rest.isEmpty {
            guard index < attachments.count else { try body.write(rest); return }
            let n = Int(min(UInt64(rest.count), remaining))
            let part = UnsafeRawBufferPointer(rebasing: rest[0..<n])
            hasher.update(part)
            try staging.write(part)
            remaining -= UInt64(n)
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            if remaining == 0 {
                try finishAttachment()
                try advance()
            }
        }
    }

    /// Begins attachment `index`, finishing at once those that are empty.
    private mutating func advance() throws(IOError) {
        while index < attachments.count {
            try staging.begin(attachments[index], index: index)
            remaining = attachments[index].length
            guard remaining == 0 else { return }
            try finishAttachment()
        }
    }

    private mutating func finishAttachment() throws(IOError) {
        if hasher.finalize() != attachments[index].hash { mismatched = true }
        try staging.end(index: index)
        hasher = BLAKE2b.Hasher()
        index += 1
    }

    /// Every attachment arrived whole and matches its hash.
    var verified: Bool { index == attachments.count && !mismatched }
}
