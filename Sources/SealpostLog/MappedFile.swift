#if canImport(Glibc)
import Glibc
#endif
import SealpostCore

/// A file mapped read-only, for walking a large log without copying it. Never written after
/// `init`, and private to this process, so sharing it between threads is safe.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let base: UnsafeMutableRawPointer?
    private let length: Int

    init(path: String) throws(IOError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IOError(path: path, errno: errno) }
        length = Int(info.st_size)
        if length == 0 {
            base = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw IOError(path: path, errno: errno)
        }
        base = mapped
        bytes = UnsafeRawBufferPointer(start: mapped, count: length)
    }

    deinit { if let base { munmap(base, length) } }

    /// Byte ranges of the complete lines (without their newlines), and the length of an
    /// incomplete last line, if the file does not end in a newline.
    func lines() -> (lines: [Range<Int>], torn: Int) {
        var result: [Range<Int>] = []
        result.reserveCapacity(bytes.count / 256)
        var start = 0
        guard let raw = bytes.baseAddress else { return ([], 0) }
        while start < bytes.count {
            guard let found = memchr(raw + start, 0x0A, bytes.count - start) else { break }
            let end = raw.distance(to: UnsafeRawPointer(found))
            result.append(start..<end)
            start = end + 1
        }
        return (result, bytes.count - start)
    }

    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        Array(UnsafeRawBufferPointer(rebasing: bytes[range]))[...]
    }
}
