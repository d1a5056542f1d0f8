import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection for what an HTTP client library will not do: declare a body and not send
/// it, send a byte at a time, hold a connection open. Every blocking call runs on a Dispatch thread,
/// never on Swift's cooperative pool (which the relay in the same process needs).
final class RawConnection: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var isClosed = false

    /// Connects to 127.0.0.1:`port` from `source` (any 127.x.y.z address works on Linux loopback).
    /// Reads give up after `readTimeout` seconds, so a test that waits for the relay fails rather than hangs.
    /// `receiveBuffer`, when given, is set before connecting: a small one makes a client that does
    /// not read fill up quickly.
    init(port: Int, from source: String = "127.0.0.1", readTimeout: Int = 60, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawError("socket failed") }
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // Sends give up too (EAGAIN), so a test whose peer stops reading fails rather than hangs.
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        if source != "127.0.0.1" {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                Glibc.close(fd)
                throw RawError("bind to \(source) failed: \(errno)")
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw RawError("connect failed: \(errno)")
        }
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    /// Sends all of `bytes`; false when the peer has closed the connection.
    func send(_ bytes: [UInt8]) async -> Bool {
        await offPool {
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { return false }
                sent += n
            }
            return true
        }
    }

    func send(_ text: String) async -> Bool { await send(Array(text.utf8)) }

    /// Closes the sending side only (a half-close): the peer reads the end of the stream, and can still answer.
    func shutdownWrite() {
        shutdown(fd, Int32(SHUT_WR))
    }

    /// Sends `bytes` again and again and never reads, until the peer closes the connection (true)
    /// or `seconds` have passed (false). How many times it was sent is in `sent`.
    func flood(_ bytes: [UInt8], seconds: Double) async -> (closed: Bool, sent: Int) {
        await offPool {
            // Short send timeouts, so the deadline is checked while the peer does not read.
            var short = timeval(tv_sec: 1, tv_usec: 0)
            setsockopt(self.fd, SOL_SOCKET, SO_SNDTIMEO, &short, socklen_t(MemoryLayout<timeval>.size))
            let deadline = Date().addingTimeInterval(seconds)
            var sent = 0
            var offset = 0
            while Date() < deadline {
                let n = bytes[offset...].withUnsafeBytes { Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n > 0 {
                    offset += n
                    if offset == bytes.count { offset = 0; sent += 1 }
                    continue
                }
                let error = errno
                if n < 0, error == EAGAIN || error == EWOULDBLOCK || error == EINTR { continue }
                return (true, sent)
            }
            return (false, sent)
        }
    }

    /// Reads until the peer closes the connection or `limit` bytes have arrived.
    func readToEnd(limit: Int = 1 << 20) async -> [UInt8] {
        await offPool {
            var out: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while out.count < limit {
                let n = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                out += buffer[0..<n]
            }
            return out
        }
    }

    /// Reads one HTTP response head and its Content-Length body; nil if the connection closes first.
    func readResponse() async -> (head: String, body: [UInt8])? {
        await offPool {
            var data: [UInt8] = []
            var byte: UInt8 = 0
            while !(data.count >= 4 && data.suffix(4) == [13, 10, 13, 10]) {
                guard recv(self.fd, &byte, 1, 0) == 1 else { return nil }
                data.append(byte)
            }
            let head = String(decoding: data, as: UTF8.self)
            var length = 0
            for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
            var body = [UInt8](repeating: 0, count: length)
            var got = 0
            while got < length {
                let n = body[got...].withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return nil }
                got += n
            }
            return (head, body)
        }
    }

    /// True once the peer has closed the connection (end of file, or reset); false if the read
    /// timeout passed first. Bytes that arrive meanwhile are returned too.
    func waitForClose() async -> (closed: Bool, received: [UInt8]) {
        await offPool {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
                if n > 0 {
                    received += buffer[0..<n]
                    continue
                }
                if n == 0 { return (true, received) }
                let error = errno
                return (error != EAGAIN && error != EWOULDBLOCK, received)
            }
        }
    }

    private func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}

struct RawError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The start of an HTTP/1.1 request with the relay's signature headers.
func requestHead(method: String, target: String, port: Int, headers: [(String, String)]) -> String {
    var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    return text + "\r\n"
}
