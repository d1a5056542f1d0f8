#if canImport(Glibc)
import Glibc
#endif

/// A file that appears at its final path only once it is complete and durable.
///
/// Bytes go to a temporary file created beside the destination (same directory, so the final
/// `rename` is atomic), with the requested mode from the start. `commit()` fsyncs the file,
/// renames it into place and fsyncs the directory. Dropping it uncommitted, or `discard()`,
/// removes the temporary file: a failure never leaves a partial file behind.
public final class AtomicFile {
    public let destination: String
    public let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    /// Creates the temporary file. Fails if the directory cannot be written.
    public init(destination: String, mode: mode_t = 0o600) throws(IOError) {
        self.destination = destination
        let directory = AtomicFile.directory(of: destination)
        let base = destination.split(separator: "/").last.map(String.init) ?? "file"
        var template = Array("\(directory)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw IOError(path: destination, errno: errno) }
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        descriptor = fd
        guard fchmod(fd, mode) == 0 else {
            let code = errno
            close(fd); unlink(temporaryPath)
            throw IOError(path: destination, errno: code)
        }
    }

    deinit { if !finished { discard() } }

    /// A writer for the temporary file.
    public var writer: FileDescriptorWriter { FileDescriptorWriter(descriptor: descriptor, name: destination) }

    public func write(_ bytes: [UInt8]) throws(IOError) {
        var w = writer
        let result: Result<Void, IOError> = bytes.withUnsafeBytes { b in Result { () throws(IOError) in try w.write(b) } }
        try result.get()
    }

    /// Makes the file durable and moves it into place.
    public func commit() throws(IOError) {
        precondition(!finished, "AtomicFile committed twice")
        guard fsync(descriptor) == 0 else { let code = errno; discard(); throw IOError(path: destination, errno: code) }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, destination) == 0 else {
            let code = errno; discard(); throw IOError(path: destination, errno: code)
        }
        finished = true
        try AtomicFile.syncDirectory(AtomicFile.directory(of: destination))
    }

    /// Removes the temporary file.
    public func discard() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporaryPath)
    }

    /// Writes `bytes` to `path` atomically and durably.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(IOError) {
        let file = try AtomicFile(destination: path, mode: mode)
        try file.write(bytes)
        try file.commit()
    }

    /// fsyncs a directory so that a rename or creation in it survives a crash.
    public static func syncDirectory(_ path: String) throws(IOError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw IOError(path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw IOError(path: path, errno: errno) }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
