#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import NIOCore
import SealpostCore
import SealpostSodium

/// Envelopes moved to and from the relay in constant memory (spec/exchange.md §Large envelopes):
/// uploaded from their outbox file as it is read, downloaded into a private file as they arrive.
/// Nothing here holds more than one read's worth (`chunkBytes`) of an envelope.
enum EnvelopeTransfer {
    /// Bytes read from a file, or handed on to one, at a time.
    static let chunkBytes = 256 * 1024

    /// A request body read from `path` as the client sends it. Each iterator opens the file
    /// afresh (a retried request reads it again from the start), and closes it at the end.
    struct FileChunks: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let path: String

        func makeAsyncIterator() -> Iterator { Iterator(path: path) }

        final class Iterator: AsyncIteratorProtocol {
            private let path: String
            private var descriptor: Int32 = -1
            private var done = false

            init(path: String) { self.path = path }
            deinit { if descriptor >= 0 { close(descriptor) } }

            func next() async throws -> ByteBuffer? {
                guard !done else { return nil }
                if descriptor < 0 {
                    descriptor = open(path, O_RDONLY | O_CLOEXEC)
                    guard descriptor >= 0 else { throw SealpostCore.IOError(path: path, errno: errno) }
                }
                var buffer = ByteBufferAllocator().buffer(capacity: chunkBytes)
                let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: chunkBytes) { raw -> Int in
                    var reader = FileDescriptorReader(descriptor: descriptor, name: path)
                    let limited = UnsafeMutableRawBufferPointer(rebasing: raw[0..<chunkBytes])
                    return try reader.read(into: limited)
                }
                guard count > 0 else {
                    done = true
                    close(descriptor)
                    descriptor = -1
                    return nil
                }
                return buffer
            }
        }
    }

    /// BLAKE2b-256 and length of the file at `path`, read in constant memory: what a request
    /// uploading it signs, checked before the upload starts.
    static func measure(_ path: String) throws(SealpostCore.IOError) -> (length: Int64, hash: [UInt8]) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SealpostCore.IOError(path: path, errno: errno) }
        defer { close(descriptor) }
        var reader = FileDescriptorReader(descriptor: descriptor, name: path)
        let measured = try reader.measure()
        return (Int64(measured.length), measured.hash)
    }

    /// Where a fetched envelope goes: a file made afresh (mode 0600) for each attempt, refused
    /// the moment it passes `limit` bytes, hashed as it is written, and fsynced at its end.
    struct Download: Sendable {
        let path: String
        let limit: Int64

        /// Writes `body` into the file; returns its length and BLAKE2b-256.
        func receive(_ body: HTTPClientResponse.Body) async throws -> (length: Int64, hash: [UInt8]) {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else { throw SealpostCore.IOError(path: path, errno: errno) }
            defer { close(descriptor) }
            var writer = FileDescriptorWriter(descriptor: descriptor, name: path)
            let hasher = BLAKE2b.Hasher()
            var length: Int64 = 0
            for try await buffer in body {
                length += Int64(buffer.readableBytes)
                guard length <= limit else { throw TooLarge(limit: limit) }
                try buffer.withUnsafeReadableBytes { (raw) throws(SealpostCore.IOError) in
                    hasher.update(raw)
                    try writer.write(raw)
                }
            }
            guard fsync(descriptor) == 0 else { throw SealpostCore.IOError(path: path, errno: errno) }
            return (length, hasher.finalize())
        }
    }

    /// A download that passed its limit.
    struct TooLarge: Error {
        let limit: Int64
    }
}
