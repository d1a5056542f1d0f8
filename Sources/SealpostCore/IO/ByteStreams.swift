#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where envelope bytes come from: a file, a pipe, or memory.
public protocol ByteReader {
    /// Reads up to `buffer.count` bytes; returns 0 only at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int
}

/// Where envelope bytes go.
public protocol ByteWriter {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(IOError)
}

/// An I/O failure, naming the file or stream and the system's reason.
public struct IOError: Error, Equatable, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public init(path: String, errno code: Int32) { self.init(path: path, reason: String(cString: strerror(code))) }
    public var description: String { "\(path): \(reason)" }
}

extension ByteReader {
    /// Fills `buffer` unless the input ends first; returns how many bytes were read.
    public mutating func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}

extension ByteReader {
    /// Up to `count` bytes: fewer only if the input ends first.
    public mutating func readBytes(upTo count: Int) throws(IOError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { buffer.deallocate() }
        let filled = try readFully(into: buffer)
        return Array(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
    }
}

/// Reads from an open file descriptor (not closed by this type).
public struct FileDescriptorReader: ByteReader {
    public let descriptor: Int32
    public let name: String
    public init(descriptor: Int32, name: String) { self.descriptor = descriptor; self.name = name }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw IOError(path: name, errno: errno)
        }
    }
}

/// Writes to an open file descriptor (not closed by this type).
public struct FileDescriptorWriter: ByteWriter {
    public let descriptor: Int32
    public let name: String
    public init(descriptor: Int32, name: String) { self.descriptor = descriptor; self.name = name }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError(path: name, errno: errno)
            }
            offset += n
        }
    }
}

/// Reads from bytes in memory.
public struct MemoryReader: ByteReader {
    private let bytes: [UInt8]
    private var offset = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n])) }
        offset += n
        return n
    }
}

/// Collects written bytes in memory.
public struct MemoryWriter: ByteWriter {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public mutating func write(_ more: UnsafeRawBufferPointer) throws(IOError) {
        bytes.append(contentsOf: more.assumingMemoryBound(to: UInt8.self))
    }
    public mutating func reserveCapacity(_ capacity: Int) { bytes.reserveCapacity(capacity) }
}

/// Discards what is written (for benchmarks).
public struct DiscardingWriter: ByteWriter {
    public private(set) var count = 0
    public init() {}
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) { count += bytes.count }
}
