import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import SealpostCore
import SealpostExchange
import SealpostWeb

/// `sealpost bench web`: server-side render time of the home, inbox and log pages of a home holding
/// `logEntries` log entries and `records` received records, built in the same run (BenchHome).
/// The real app runs on 127.0.0.1 and is asked over HTTP, one request at a time, by a signed-in
/// session; each figure is the time from sending a request to holding the whole page. The raw
/// bounds, measured in the same run: the same server answering a trivial page (the stylesheet,
/// through the same middleware), and reading the files the pages read (every record's entry and
/// content, and the log). There is no relay in the run: the Inbox asks the agreement's relay,
/// which refuses at once on 127.0.0.1, and shows the records held here.
public struct WebBenchmark: Sendable {
    public struct Figure: Sendable {
        public let label: String
        public let p50: Double
        public let p99: Double
    }

    public struct Figures: Sendable, CustomStringConvertible {
        public let pages: [Figure]
        public let trivial: Figure
        public let readFiles: Figure
        public let records: Int
        public let logEntries: Int
        public let requests: Int
        public let build: Double

        public var description: String {
            func ms(_ v: Double) -> String { String(format: "%8.2f", v * 1000) }
            var lines = ["home built in \(String(format: "%.1f", build)) s: \(records) received records, \(logEntries) log entries; \(requests) requests a page",
                         "page                        p50 ms   p99 ms   p99 < 50 ms   p50 / trivial"]
            for f in pages {
                lines.append(f.label.padding(toLength: 26, withPad: " ", startingAt: 0) + ms(f.p50) + " " + ms(f.p99) + "   "
                             + (f.p99 < 0.050 ? "yes" : "NO ").padding(toLength: 14, withPad: " ", startingAt: 0)
                             + String(format: "%.1f", f.p50 / max(trivial.p50, 1e-9)))
            }
            lines.append("raw bounds in the same run:")
            lines.append(trivial.label.padding(toLength: 26, withPad: " ", startingAt: 0) + ms(trivial.p50) + " " + ms(trivial.p99))
            lines.append(readFiles.label.padding(toLength: 26, withPad: " ", startingAt: 0) + ms(readFiles.p50) + " " + ms(readFiles.p99))
            return lines.joined(separator: "\n")
        }
    }

    public let records: Int
    public let logEntries: Int
    public let requests: Int
    public let directory: String

    public init(records: Int = 1000, logEntries: Int = 10_000, requests: Int = 200, directory: String) {
        self.records = records
        self.logEntries = logEntries
        self.requests = requests
        self.directory = directory
    }

    public func run(log: @escaping @Sendable (String) -> Void) async throws -> Figures {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let now = Int64(Date().timeIntervalSince1970)
        let started = ContinuousClock.now
        let bench = try BenchHome.build(in: directory, records: records, logEntries: logEntries, now: now, log: log)
        let build = Self.seconds(ContinuousClock.now - started)

        var configuration = WebConfiguration(home: bench.home)
        configuration.port = 0
        configuration.relay = RelayAccess(retry: RetryPolicy(attempts: 1, baseDelay: 0.01))
        let ports = PortBox()
        let server = try await WebServer.build(configuration, logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() },
                                               onListening: { port in ports.set(port) })
        let running = Task { try await server.run() }
        defer { running.cancel() }
        var port = 0
        for _ in 0..<500 {
            port = ports.value
            if port != 0 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        guard port != 0 else { throw WebError("the app did not start for the benchmark") }
        let base = "http://127.0.0.1:\(port)"
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow  // sign-in answers 303 with the session cookie
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        do {
            let cookie = try await Self.signIn(client, base: base)
            log("measuring \(requests) requests for each page")
            var pages: [Figure] = []
            for (label, path) in [("home (/)", "/"), ("inbox (/inbox)", "/inbox"), ("receipt log (/log)", "/log")] {
                pages.append(try await measure(label) { try await Self.get(client, base + path, cookie: cookie) })
                log("  \(label) done")
            }
            let trivial = try await measure("trivial page (stylesheet)") { try await Self.get(client, base + "/assets/app.css", cookie: cookie) }
            let files = try await measure("reading the same files") { Self.readFiles(bench.home) }
            try await client.shutdown()
            return Figures(pages: pages, trivial: trivial, readFiles: files, records: records, logEntries: logEntries, requests: requests,
                           build: build)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func measure(_ label: String, _ body: () async throws -> Void) async throws -> Figure {
        for _ in 0..<min(5, requests) { try await body() }
        var times: [Double] = []
        for _ in 0..<requests {
            let start = ContinuousClock.now
            try await body()
            times.append(Self.seconds(ContinuousClock.now - start))
        }
        times.sort()
        func quantile(_ q: Double) -> Double { times[min(times.count - 1, Int((Double(times.count) * q).rounded(.up)) - 1)] }
        return Figure(label: label, p50: quantile(0.5), p99: quantile(0.99))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The bytes the three pages read: every record's entry and content, and the receipt log.
    static func readFiles(_ home: Home) {
        var total = 0
        let inbox = Inbox(home: home)
        for id in (try? FileManager.default.contentsOfDirectory(atPath: inbox.directory)) ?? [] where !id.hasPrefix(".") {
            total += FileManager.default.contents(atPath: inbox.folder(id) + "/entry.json")?.count ?? 0
            total += FileManager.default.contents(atPath: inbox.recordPath(id))?.count ?? 0
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: home.logDirectory)) ?? [] {
            total += FileManager.default.contents(atPath: home.logDirectory + "/" + name)?.count ?? 0
        }
        precondition(total > 0, "the benchmark home holds nothing")
    }

    static func get(_ client: HTTPClient, _ url: String, cookie: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Cookie", value: cookie)
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok, body.readableBytes > 0 else {
            throw WebError("GET \(url) answered \(response.status.code) during the benchmark")
        }
    }

    /// Signs in through the form, as a browser does, and returns the session cookie.
    static func signIn(_ client: HTTPClient, base: String) async throws -> String {
        let form = try await client.execute(HTTPClientRequest(url: base + "/sign-in"), timeout: .seconds(30))
        let page = String(buffer: try await form.body.collect(upTo: 1 << 20))
        guard let anonymous = form.headers["Set-Cookie"].first?.split(separator: ";").first,
              let range = page.range(of: "name=\"csrf\" value=\"") else { throw WebError("the sign-in page has no session or form token") }
        let token = String(page[range.upperBound...].prefix(64))
        var request = HTTPClientRequest(url: base + "/sign-in")
        request.method = .POST
        request.headers.add(name: "Cookie", value: String(anonymous))
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let body = "csrf=\(token)&name=\(BenchHome.practitioner.replacingOccurrences(of: " ", with: "+"))&passphrase="
            + BenchHome.passphrase.replacingOccurrences(of: " ", with: "+")
        request.body = .bytes(ByteBuffer(string: body))
        let answer = try await client.execute(request, timeout: .seconds(60))
        _ = try await answer.body.collect(upTo: 1 << 20)
        guard answer.status == .seeOther, let cookie = answer.headers["Set-Cookie"].first?.split(separator: ";").first else {
            throw WebError("signing in for the benchmark answered \(answer.status.code)")
        }
        return String(cookie)
    }
}

/// The port the app reports once it listens.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port = 0
    func set(_ value: Int) { lock.withLock { port = value } }
    var value: Int { lock.withLock { port } }
}
