#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore
import SealpostSodium

/// Envelopes fetched from the relay into the home and opened from there, in constant memory
/// whatever their attachments weigh (spec/exchange.md §Large envelopes).
///
///     HOME/.fetch-<pid>-<random>/              private (0700), one per fetched envelope
///         envelope.sealed                      the envelope as it arrived, hashed to its id (0600)
///         attachment-<i>                       each attachment as it was opened (0600)
///
/// Nothing in the folder is shown or used before the envelope has verified in full (signature,
/// sender, every attachment's hash); storing the record into the inbox then moves the files out
/// by rename (the folder is in the home itself, on the inbox's file system, and creates no inbox
/// folder for a listing that stores nothing). The folder is removed when its `ReceivedFiles` goes, with whatever is left in it,
/// and folders a crashed run left are removed by the next fetch (relay commands hold the home's
/// lock, so no other run is fetching meanwhile).
public final class ReceivedFiles: Sendable {
    public let folder: String

    /// Makes a new private folder in the home folder `home`, first removing any that earlier runs
    /// left behind.
    init(home: String) throws(ExchangeError) {
        let ours = ".fetch-\(getpid())-"
        for name in StoreFiles.names(in: home) where name.hasPrefix(".fetch-") && !name.hasPrefix(ours) {
            try? FileManager.default.removeItem(atPath: "\(home)/\(name)")
        }
        var template = Array("\(home)/\(ours)XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw .storage(IOError(path: home, errno: errno), doing: "fetch the envelope")
        }
        folder = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    public var envelopePath: String { folder + "/envelope.sealed" }
    func attachmentPath(_ index: Int) -> String { folder + "/attachment-\(index)" }
}

/// Bytes on their way into a store: in memory, or a private file of the home, moved (renamed)
/// rather than copied.
public enum StagedBytes: Sendable {
    case bytes([UInt8])
    case file(String)

    /// Puts these bytes at `path` (mode 0600), durably: written whole, or the file renamed there
    /// (it was fsynced when written; the caller fsyncs the folder), or, should `path` be on
    /// another file system, copied a mebibyte at a time.
    func place(at path: String) throws(IOError) {
        switch self {
        case .bytes(let bytes):
            try AtomicFile.write(bytes, to: path, mode: 0o600)
        case .file(let source):
            if rename(source, path) == 0 { return }
            guard errno == EXDEV else { throw IOError(path: path, errno: errno) }
            try Self.copy(source, to: path)
        }
    }

    /// Seals these bytes at `path` to the agency's own key (AtRest): from memory, or from the
    /// private file a chunk at a time (then removed), so a large attachment is sealed in constant memory.
    func seal(at path: String, with atRest: AtRest) throws(IOError) {
        switch self {
        case .bytes(let bytes):
            try atRest.write(bytes, to: path)
        case .file(let source):
            try atRest.sealFile(from: source, to: path)
            unlink(source)
        }
    }

    private static func copy(_ source: String, to path: String) throws(IOError) {
        let descriptor = open(source, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw IOError(path: source, errno: errno) }
        defer { close(descriptor) }
        var reader = FileDescriptorReader(descriptor: descriptor, name: source)
        let file = try AtomicFile(destination: path, mode: 0o600)
        var writer = file.writer
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { wipe(buffer); buffer.deallocate() }  // an attachment's plaintext passes through
        while true {
            let n = try reader.read(into: buffer)
            if n == 0 { break }
            try writer.write(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        try file.commit()
    }

    /// The bytes, read from the file if they are in one (for small envelopes only).
    var bytes: [UInt8] {
        switch self {
        case .bytes(let bytes): bytes
        case .file(let path): StoreFiles.bytes(at: path) ?? []
        }
    }
}

/// Opened attachments written to numbered files in a fetched envelope's private folder.
struct FileAttachments: AttachmentStaging {
    let files: ReceivedFiles
    private var descriptor: Int32 = -1
    private var index = 0

    init(files: ReceivedFiles) { self.files = files }

    mutating func begin(_ attachment: ManifestAttachment, index: Int) throws(IOError) {
        self.index = index
        descriptor = open(files.attachmentPath(index), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw IOError(path: files.attachmentPath(index), errno: errno) }
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        var writer = FileDescriptorWriter(descriptor: descriptor, name: files.attachmentPath(index))
        try writer.write(bytes)
    }

    mutating func end(index: Int) throws(IOError) {
        defer { close(descriptor); descriptor = -1 }
        guard fsync(descriptor) == 0 else { throw IOError(path: files.attachmentPath(index), errno: errno) }
    }
}

/// For an envelope verified only to learn what it is (`sync`, the inbox listing): attachments
/// are checked against their hashes as they pass (the opener does that) and kept nowhere.
struct DiscardedAttachments: AttachmentStaging {
    func begin(_ attachment: ManifestAttachment, index: Int) throws(IOError) {}
    func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) {}
    func end(index: Int) throws(IOError) {}
}

/// Content opened into memory, refused once it passes `limit` bytes: a record or message larger
/// than the strict JSON parser reads could not be used anyway.
struct BoundedMemoryWriter: ByteWriter {
    let limit: Int
    var bytes: [UInt8] = []

    mutating func write(_ more: UnsafeRawBufferPointer) throws(IOError) {
        guard bytes.count + more.count <= limit else {
            for i in bytes.indices { bytes[i] = 0 }
            throw IOError(path: "the envelope's content", reason: "is larger than \(limit) bytes, the most a record or message may be")
        }
        bytes.append(contentsOf: more.assumingMemoryBound(to: UInt8.self))
    }
}
