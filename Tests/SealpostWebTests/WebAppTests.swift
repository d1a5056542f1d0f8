import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SealpostCore
import SealpostSodium
@testable import SealpostWeb
import Testing

/// The web app's routes and defences driven over a real server on 127.0.0.1 (HummingbirdTesting's
/// live framework), over a real home with a fake clock: sign-in, the idle lock (THREATS row 34),
/// CSRF and Host/Origin refusals (row 32), headers, and what the server log never holds (row 30).
@Suite("sealpost web: routes and defences")
struct WebAppTests {
    static let passphrase = "correct horse battery staple"

    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds: Int64 = 1_795_000_000
        var now: Int64 { lock.withLock { seconds } }
        func advance(_ s: Int64) { lock.withLock { seconds += s } }
    }

    /// Collects every log line the app writes.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: String { lock.withLock { lines.joined(separator: "\n") } }
    }

    struct Capture: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            lines.append("\(level) \(message) \(metadata ?? [:]) \(self.metadata)")
        }
    }

    func withApp(idle: Int64 = 900, _ body: @Sendable (any TestClientProtocol, Clock) async throws -> Void) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-web-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let home = Home(path: directory)
        let identity = try Identity.generate(agencyID: "school-st-annes", name: "St Anne's Primary School")
        try home.create(identity, passphrase: SecureBytes(copying: Array("the agency's own passphrase".utf8)), cost: .interactive)
        try Practitioners(home: home).add(name: "Ann Smith", role: "Designated Safeguarding Lead",
                                          passphrase: SecureBytes(copying: Array(Self.passphrase.utf8)), identity: identity,
                                          cost: .interactive, now: 1_795_000_000)
        let clock = Clock()
        var configuration = WebConfiguration(home: home)
        configuration.port = 0
        configuration.idleTimeout = idle
        configuration.clock = { clock.now }
        let lines = Lines()
        let logger = Logger(label: "test") { _ in Capture(lines: lines) }
        let app = try await buildWebApplication(configuration, logger: logger)
        try await app.test(.live) { client in try await body(client, clock) }
        return lines.all
    }

    static func csrf(_ page: TestResponse) -> String? {
        let text = String(buffer: page.body)
        guard let range = text.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(text[range.upperBound...].prefix(64))
    }

    static func cookie(_ response: TestResponse) -> String? {
        response.headers[.setCookie].flatMap { $0.split(separator: ";").first.map(String.init) }
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&"))
    }

    static let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Signs in and returns the session cookie and the signed-in page's CSRF token.
    static func signIn(_ client: some TestClientProtocol, passphrase: String = passphrase) async throws -> (cookie: String, csrf: String)? {
        let page = try await client.execute(uri: "/sign-in", method: .get)
        guard let cookie = cookie(page), let token = csrf(page) else { return nil }
        var headers = formType
        headers[.cookie] = cookie
        let answer = try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                              body: form(["csrf": token, "name": "Ann Smith", "passphrase": passphrase]))
        guard answer.status == .seeOther, let signedIn = Self.cookie(answer) else { return nil }
        let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: signedIn])
        return (signedIn, csrf(home) ?? "")
    }

    @Test("signing in opens the pages; a wrong passphrase says only that the name or passphrase is wrong")
    func signIn() async throws {
        let log = try await withApp { client, _ in
            let unsigned = try await client.execute(uri: "/log", method: .get)
            #expect(unsigned.status == .seeOther && unsigned.headers[.location] == "/sign-in")
            #expect(try await Self.signIn(client, passphrase: "wrong passphrase here") == nil)
            #expect(try await Self.signIn(client, passphrase: "the agency's own passphrase") == nil, "the agency passphrase is not an account")
            let session = try #require(try await Self.signIn(client))
            for path in ["/", "/log", "/report", "/log/verify", "/log/export/csv"] {
                let page = try await client.execute(uri: path, method: .get, headers: [.cookie: session.cookie])
                #expect(page.status == .ok, "\(path)")
                #expect(page.headers[.cacheControl] == "no-store", "\(path)")
                #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(path)")
            }
            // A home with no agreement installed cannot list its sends: the page says why and what to do.
            let sent = try await client.execute(uri: "/sent", method: .get, headers: [.cookie: session.cookie])
            #expect(sent.status == .conflict && String(buffer: sent.body).contains("agreement"))
        }
        #expect(!log.contains(Self.passphrase) && !log.contains("wrong passphrase here"), "no passphrase in the server's log")
        #expect(!log.contains("Ann Smith"), "no name typed at sign-in in the server's log")
    }

    @Test("an idle session locks: the next request asks to sign in again and the key is gone")
    func idleLock() async throws {
        _ = try await withApp(idle: 600) { client, clock in
            let session = try #require(try await Self.signIn(client))
            clock.advance(599)
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie]).status == .ok)
            clock.advance(599)
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie]).status == .ok,
                    "use within the timeout keeps the session alive")
            clock.advance(601)
            let locked = try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie])
            #expect(locked.status == .seeOther && locked.headers[.location] == "/sign-in?locked=1")
            clock.advance(-601)
            let after = try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie])
            #expect(after.status == .seeOther, "a locked session is gone, not merely hidden")
        }
    }

    @Test("a POST without the session's CSRF token, from another origin, or for another host changes nothing")
    func refusals() async throws {
        _ = try await withApp { client, _ in
            let session = try #require(try await Self.signIn(client))
            var headers = Self.formType
            headers[.cookie] = session.cookie
            let noToken = try await client.execute(uri: "/sign-out", method: .post, headers: headers, body: Self.form([:]))
            #expect(noToken.status == .forbidden)
            let badToken = try await client.execute(uri: "/sign-out", method: .post, headers: headers,
                                                    body: Self.form(["csrf": String(repeating: "0", count: 64)]))
            #expect(badToken.status == .forbidden)
            var foreign = headers
            foreign[.origin] = "https://attacker.example"
            let crossSite = try await client.execute(uri: "/sign-out", method: .post, headers: foreign, body: Self.form(["csrf": session.csrf]))
            #expect(crossSite.status == .forbidden)
            // Still signed in: none of these signed out.
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie]).status == .ok)
            let out = try await client.execute(uri: "/sign-out", method: .post, headers: headers, body: Self.form(["csrf": session.csrf]))
            #expect(out.status == .seeOther)
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie]).status == .seeOther)
        }
    }

    @Test("a body over the limit is refused before it is read in full")
    func bodyLimit() async throws {
        _ = try await withApp { client, _ in
            let session = try #require(try await Self.signIn(client))
            var headers = Self.formType
            headers[.cookie] = session.cookie
            let big = ByteBuffer(string: "csrf=\(session.csrf)&x=" + String(repeating: "a", count: 64 * 1024))
            #expect(try await client.execute(uri: "/sign-out", method: .post, headers: headers, body: big).status == .contentTooLarge)
        }
    }

    @Test("host names are read from Host and Origin as a browser sends them; anything malformed is no host")
    func hostNames() {
        #expect(HostGuardMiddleware.hostName("127.0.0.1:8080") == "127.0.0.1")
        #expect(HostGuardMiddleware.hostName("LocalHost") == "localhost")
        #expect(HostGuardMiddleware.hostName("[::1]:8080") == "::1")
        #expect(HostGuardMiddleware.hostName("evil example") == nil && HostGuardMiddleware.hostName("") == nil)
        #expect(HostGuardMiddleware.originHost("http://127.0.0.1:8080/inbox?x=1") == "127.0.0.1")
        #expect(HostGuardMiddleware.originHost("https://attacker.example") == "attacker.example")
        #expect(HostGuardMiddleware.originHost("null") == nil)
    }

    @Test("a home with no practitioner cannot serve the app, and says how to add one")
    func noPractitioners() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-web-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let home = Home(path: directory)
        try home.create(try Identity.generate(agencyID: "kingsbridge-mash", name: "Kingsbridge MASH"),
                        passphrase: SecureBytes(copying: Array("the agency's own passphrase".utf8)), cost: .interactive)
        do {
            _ = try await buildWebApplication(WebConfiguration(home: home), logger: Logger(label: "test"))
            Issue.record("the app started with nobody able to sign in")
        } catch let error as WebError {
            #expect(error.hint?.contains("sealpost user add") == true)
        }
    }

    @Test("the configuration refuses another address without TLS, with the fix")
    func configuration() {
        var configuration = WebConfiguration(home: Home(path: "/nonexistent"))
        configuration.host = "0.0.0.0"
        #expect(configuration.problem()?.hint?.contains("--tls-cert") == true)
        configuration.host = "127.0.0.1"
        configuration.idleTimeout = 5
        #expect(configuration.problem() != nil)
    }
}
