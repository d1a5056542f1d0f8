import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over one blocking keep-alive socket, for the benchmark's load only:
/// it writes a request with Content-Length, reads the status line, headers and Content-Length body,
/// and reconnects when the relay closes the connection. Used by one thread at a time.
final class BenchConnection {
    struct Endpoint: Sendable {
        /// As sent in Host (and signed): `127.0.0.1:PORT`.
        let host: String
        let address: String
        let port: UInt16

        /// From `http://ADDRESS:PORT` (IPv4 literal).
        init?(baseURL: String) {
            guard baseURL.hasPrefix("http://") else { return nil }
            let authority = baseURL.dropFirst("http://".count).prefix { $0 != "/" }
            let parts = authority.split(separator: ":")
            guard parts.count == 2, let port = UInt16(parts[1]), inet_addr(String(parts[0])) != INADDR_NONE else { return nil }
            host = authority.lowercased()
            address = String(parts[0])
            self.port = port
        }
    }

    private let endpoint: Endpoint
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var start = 0

    init(_ endpoint: Endpoint) {
        self.endpoint = endpoint
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Sends one request and returns the response's status, or nil on any failure (the connection is then dropped).
    func exchange(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) -> Int? {
        send(method: method, target: target, headers: headers, body: body, keepingBody: false)?.status
    }

    /// `GET target` with no headers beyond Host: the status and the response body, or nil on any failure.
    /// The benchmark reads the relay's Prometheus exposition with it.
    func get(_ target: String) -> (status: Int, body: [UInt8])? {
        send(method: "GET", target: target, headers: [], body: [], keepingBody: true)
    }

    private func send(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8],
                      keepingBody: Bool) -> (status: Int, body: [UInt8])? {
        if fd < 0, !connect() { return nil }
        var request = "\(method) \(target) HTTP/1.1\r\nHost: \(endpoint.host)\r\n"
        for header in headers { request += "\(header.name): \(header.value)\r\n" }
        if !body.isEmpty || method == "POST" { request += "Content-Length: \(body.count)\r\n" }
        request += "\r\n"
        guard write(Array(request.utf8) + body), let response = readResponse(keepingBody: keepingBody) else {
            close()
            return nil
        }
        return response
    }

    private func connect() -> Bool {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = endpoint.port.bigEndian
        address.sin_addr.s_addr = inet_addr(endpoint.address)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if connected != 0 { close() }
        return fd >= 0
    }

    private func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    private var scratch = [UInt8](repeating: 0, count: 65_536)

    /// Reads more bytes into the buffer; false at end of stream or error.
    private func fill() -> Bool {
        let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer.append(contentsOf: scratch[0..<n])
        return true
    }

    /// The status, and the body when `keepingBody` (else empty: the load does not look at bodies).
    private func readResponse(keepingBody: Bool) -> (status: Int, body: [UInt8])? {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        // The head: up to the blank line.
        var headEnd: Int?
        while headEnd == nil {
            if buffer.count - start >= 4 {
                var i = start
                while i + 3 < buffer.count {
                    if buffer[i] == 13, buffer[i + 1] == 10, buffer[i + 2] == 13, buffer[i + 3] == 10 { headEnd = i + 4; break }
                    i += 1
                }
            }
            if headEnd == nil, !fill() { return nil }
        }
        let head = String(decoding: buffer[start..<headEnd!], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1.1 "),
              let status = Int(statusLine.dropFirst(9).prefix(3)) else { return nil }
        var length = 0
        var closes = false
        for line in lines.dropFirst() {
            let lower = line.lowercased()
            if lower.hasPrefix("content-length:") { length = Int(lower.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
            if lower.hasPrefix("connection:"), lower.contains("close") { closes = true }
        }
        while buffer.count - headEnd! < length {
            if !fill() { return nil }
        }
        let body = keepingBody ? Array(buffer[headEnd!..<headEnd! + length]) : []
        start = headEnd! + length
        if closes { close() }
        return (status, body)
    }
}
