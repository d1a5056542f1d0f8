#if canImport(Glibc)
import Glibc
#endif

/// A command's output, opened by the rules of `OutputTarget`: a regular file through `AtomicFile`
/// (it appears only at `commit()`), a device, FIFO or open descriptor written into directly.
///
/// Every command that writes a file it is told to write goes through this type (or
/// `OutputFile.releasing` when the bytes must be verified before anyone may see them), so no
/// command renames a file over a device node or writes through a planted symbolic link.
public final class OutputFile {
    public let target: OutputTarget
    private var atomic: AtomicFile?
    private var descriptor: Int32
    private let ownsDescriptor: Bool
    private var finished = false

    /// Resolves `path` and opens it. `mode` applies to a regular file this creates.
    public convenience init(_ path: String, mode: mode_t = 0o600) throws(IOError) {
        try self.init(target: try OutputTarget.resolve(path), mode: mode)
    }

    public init(target: OutputTarget, mode: mode_t = 0o600) throws(IOError) {
        self.target = target
        switch target {
        case .file(let path):
            let file = try AtomicFile(destination: path, mode: mode)
            atomic = file
            descriptor = file.writer.descriptor
            ownsDescriptor = false
        case .device(let path):
            // No O_CREAT and no O_TRUNC: this writes into what is there. O_NOFOLLOW refuses a link
            // swapped in since `resolve`; the fstat refuses anything else swapped in.
            let fd = open(path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { throw IOError(path: path, errno: errno) }
            var info = stat()
            let kind = fstat(fd, &info) == 0 ? info.st_mode & S_IFMT : 0
            guard kind == S_IFCHR || kind == S_IFIFO else {
                close(fd)
                throw IOError(path: path, reason: "changed while it was being opened; try again")
            }
            descriptor = fd
            ownsDescriptor = true
        case .descriptor(let fd, _):
            descriptor = fd
            ownsDescriptor = false
        }
    }

    deinit { if !finished { discard() } }

    /// Whether a failure leaves nothing behind (a regular file only).
    public var isAtomic: Bool { target.isAtomic }

    public var writer: FileDescriptorWriter { FileDescriptorWriter(descriptor: descriptor, name: target.name) }

    public func write(_ bytes: [UInt8]) throws(IOError) {
        var w = writer
        let result: Result<Void, IOError> = bytes.withUnsafeBytes { b in Result { () throws(IOError) in try w.write(b) } }
        try result.get()
    }

    /// Copies the whole of the file at `path` into this output.
    public func copy(fromFile path: String) throws(IOError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw IOError(path: path, errno: errno) }
        defer { close(fd) }
        var reader = FileDescriptorReader(descriptor: fd, name: path)
        var w = writer
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try reader.read(into: buffer)
            if n == 0 { break }
            try w.write(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// Finishes the output: a regular file is made durable and renamed into place; a device or
    /// FIFO this opened is closed.
    public func commit() throws(IOError) {
        precondition(!finished, "OutputFile committed twice")
        finished = true
        if let atomic { try atomic.commit() }
        if ownsDescriptor { close(descriptor) }
    }

    /// Abandons the output: a regular file's temporary is removed. Bytes already written into a
    /// device, FIFO or descriptor cannot be taken back.
    public func discard() {
        guard !finished else { return }
        finished = true
        atomic?.discard()
        if ownsDescriptor { close(descriptor) }
    }

    /// Writes `bytes` to `path` by the rules of `OutputTarget`.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(IOError) {
        let file = try OutputFile(path, mode: mode)
        try file.write(bytes)
        try file.commit()
    }

    /// How staging files' names start (then the process id): a crash can leave one behind, with
    /// the plaintext, and the next command in the home removes it (HomeSealing.removeStaleStaging).
    public static let stagingPrefix = ".output-staging-"

    /// For output that nobody may see until it has been checked (an opened envelope: spec/envelope.md
    /// §"Opening", no plaintext before the signature verifies).
    ///
    /// `produce` is handed a path to write to by atomic rename, and must leave a file there only
    /// once the output is verified. For a regular file that path is the destination itself. For a
    /// device, FIFO or descriptor, it is a private staging file in `stagingDirectory` (which must
    /// be readable by its owner only); its contents are written to the output only after `produce`
    /// returns, and the staging file is removed whatever happens. Nothing is opened at a device
    /// or FIFO until then, so a failure writes nothing there.
    public static func releasing<T>(to target: OutputTarget, stagingDirectory: String, mode: mode_t = 0o600,
                                    _ produce: (String) throws -> T) throws -> T {
        if case .file(let path) = target { return try produce(path) }
        let staging = "\(stagingDirectory)/\(stagingPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(staging) }
        let result = try produce(staging)
        let out = try OutputFile(target: target, mode: mode)
        do {
            try out.copy(fromFile: staging)
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
        return result
    }
}
