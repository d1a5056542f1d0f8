import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import SealpostCore
import SealpostProtocol
import SealpostSodium
import Synchronization

/// Talks to the relay over HTTP: every request but health is signed with this agency's Ed25519
/// key (spec/relay.md §Signed requests), and tried again with backoff when the connection fails
/// or the relay is busy (see `RetryPolicy`). Each attempt is signed afresh, with a new nonce and
/// timestamp, so a retry is never a replay. With several relay instances (the agreement's
/// `relays`), a request that cannot reach one goes to the next (`RelayRoute`, RelayFailover.swift).
///
/// TLS: `https` with the system's roots, or only the roots in `caFile`, and TLS 1.3 at least.
/// Redirects are never followed. Call `shutdown()` when done (or use `RelayClient.with`).
public final class RelayClient: Sendable {
    public struct Configuration: Sendable {
        /// The relay's instances, in order of preference: at least one.
        public var endpoints: [RelayEndpoint]
        /// The first of them.
        public var endpoint: RelayEndpoint { endpoints[0] }
        /// PEM certificates to trust instead of the system's roots (a private CA).
        public var caFile: String?
        public var retry: RetryPolicy
        public var connectTimeout: Double
        /// The most a single request may take, body included.
        public var requestTimeout: Double

        public init(endpoint: RelayEndpoint, caFile: String? = nil, retry: RetryPolicy = RetryPolicy(),
                    connectTimeout: Double = 10, requestTimeout: Double = 120) {
            self.init(endpoints: [endpoint], caFile: caFile, retry: retry, connectTimeout: connectTimeout, requestTimeout: requestTimeout)
        }

        public init(endpoints: [RelayEndpoint], caFile: String? = nil, retry: RetryPolicy = RetryPolicy(),
                    connectTimeout: Double = 10, requestTimeout: Double = 120) {
            (self.endpoints, self.caFile, self.retry, self.connectTimeout) = (endpoints, caFile, retry, connectTimeout)
            self.requestTimeout = requestTimeout
        }
    }

    /// One answer from the relay.
    public struct Response: Sendable {
        public let status: Int
        public let body: [UInt8]
        /// The relay's clock (Sealpost-Relay-Time), when it sent one.
        public let relayTime: Int64?
        /// Seconds the relay asked us to wait (Retry-After), with a 429 or 503.
        public let retryAfter: Double?
        /// Which of the configured instances answered: an index into `Configuration.endpoints`.
        public internal(set) var instance = 0
        /// For a body written into a file (`fetch(_:into:)`): its length and BLAKE2b-256.
        var downloaded: (length: Int64, hash: [UInt8])? = nil
    }

    /// What a request sends: bytes in memory, or a file read as it is sent (in constant memory),
    /// whose length and BLAKE2b-256 (which the request signs) are known beforehand.
    public enum Body: Sendable {
        case bytes([UInt8])
        case file(path: String, length: Int64, hash: [UInt8])

        var length: Int64 {
            switch self {
            case .bytes(let bytes): Int64(bytes.count)
            case .file(_, let length, _): length
            }
        }
        var hash: [UInt8] {
            switch self {
            case .bytes(let bytes): BLAKE2b.hash(bytes)
            case .file(_, _, let hash): hash
            }
        }
    }

    /// The largest body read from the relay into memory: a small envelope (an acknowledgement, a
    /// reply, a request), or a JSON answer. Envelopes of any size are fetched into files instead.
    public static let maximumResponseBytes = ExchangeLimits.maximumInMemoryBytes + 64 * 1024

    public let configuration: Configuration
    public let identity: Identity
    private let http: HTTPClient
    /// The envelope limit the relay stated in its last health answer, if it stated one.
    private let advertised = Mutex<Int64?>(nil)
    let clock: @Sendable () -> Int64
    let logger: Logger
    /// Which instance requests start at, and whose identity each has shown.
    let route: RelayRoute

    /// - Parameter clock: Unix seconds, as this computer has them (a test may skew it).
    public init(configuration: Configuration, identity: Identity, logger: Logger,
                clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) throws(ExchangeError) {
        guard !configuration.endpoints.isEmpty else {
            throw ExchangeError(.noRelay, "no relay URL was given", hint: "pass --relay https://HOST:PORT or set SEALPOST_RELAY")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv13
        tls.certificateVerification = .fullVerification
        if let caFile = configuration.caFile {
            let certificates: [NIOSSLCertificate]
            do { certificates = try NIOSSLCertificate.fromPEMFile(caFile) } catch {
                throw ExchangeError(.tls, "cannot read the relay CA file \(caFile) as PEM certificates",
                                    hint: "give the CA certificate (PEM) that signed the relay's certificate")
            }
            guard !certificates.isEmpty else {
                throw ExchangeError(.tls, "the relay CA file \(caFile) holds no certificate", hint: "give a PEM file with the CA certificate")
            }
            tls.trustRoots = .certificates(certificates)
        }
        var http = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(configuration.connectTimeout * 1000)),
                           read: .milliseconds(Int64(configuration.requestTimeout * 1000))))
        http.httpVersion = .http1Only
        // Our own RetryPolicy decides about retries: a failed connection (a TLS refusal above
        // all) must come back to it at once, not be retried inside the pool until the deadline.
        http.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http, backgroundActivityLogger: logger)
        (self.configuration, self.identity, self.clock, self.logger) = (configuration, identity, clock, logger)
        route = RelayRoute(configuration.endpoints)
    }

    /// Runs `body` with a client that is shut down afterwards, whatever happens.
    public static func with<T: Sendable>(_ configuration: Configuration, identity: Identity, logger: Logger,
                                         clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
                                         _ body: (RelayClient) async throws -> T) async throws -> T {
        let client = try RelayClient(configuration: configuration, identity: identity, logger: logger, clock: clock)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    public func shutdown() async { try? await http.shutdown() }

    /// The instance requests go to first: the one that last answered.
    public var endpoint: RelayEndpoint { route.current }

    // MARK: The API

    /// GET /v1/health, unsigned.
    /// The first health answer pins the relay's identity: every other instance must show the same
    /// before a signed request goes to it (`RelayRoute`).
    public func health() async throws(ExchangeError) -> RelayHealth {
        let notARelay = { [route] (why: String) in
            ExchangeError(.refused, "the server at \(route.current) is not a Sealpost relay: \(why)",
                          hint: "check the relay URL (--relay, SEALPOST_RELAY or the agreement's relay); it is the partnership's sealpost-relay, such as https://relay.example.org:8443")
        }
        let response: Response
        do { response = try await request("GET", RelayAPI.Path.health, signed: false) } catch {
            if let status = error.status, [400, 401, 403, 404, 405].contains(status) {
                throw notARelay("it answered GET \(RelayAPI.Path.health) with HTTP \(status)")
            }
            throw error
        }
        let health: RelayHealth
        do { health = try decode(RelayHealth.self, response, what: "health answer") } catch {
            throw notARelay("its answer to GET \(RelayAPI.Path.health) is not a relay's health answer")
        }
        route.pin(.init(relay: health.relay, relayKey: health.relayKey), at: response.instance)
        advertised.withLock { $0 = health.maximumEnvelopeBytes }
        return health
    }

    /// The largest envelope this relay takes, as its health answer stated (nil when it did not
    /// say, or `health()` has not been asked): an envelope over it is refused before its upload.
    public var relayEnvelopeLimit: Int64? { advertised.withLock { $0 } }

    /// POST /v1/envelopes?to=… for each mailbox. Idempotent by envelope id: a repeat gets the
    /// receipt of the first deposit, marked `duplicate`.
    public func deposit(_ envelope: [UInt8], to mailboxes: [String]) async throws(ExchangeError) -> DepositResponse {
        let query = mailboxes.map { "to=\($0)" }.joined(separator: "&")
        let response = try await request("POST", RelayAPI.Path.envelopes, query: query, body: envelope,
                                         contentType: RelayAPI.envelopeMediaType)
        return try decode(DepositResponse.self, response, what: "deposit receipt")
    }

    /// Every envelope waiting in this agency's mailbox, oldest first, reading on page by page.
    public func mailbox() async throws(ExchangeError) -> [MailboxEntry] {
        var entries: [MailboxEntry] = []
        var after: String? = nil
        repeat {
            let query = "limit=1000" + (after.map { "&after=\($0)" } ?? "")
            let page = try decode(MailboxListing.self, try await request("GET", RelayAPI.Path.mailbox, query: query), what: "mailbox listing")
            entries += page.messages
            guard let next = page.next, next != after, EnvelopeID(hex: next) != nil else { break }
            after = next
        } while entries.count < 1_000_000
        return entries
    }

    /// POST /v1/envelopes?to=…, the envelope read from `path` as it is sent, in constant memory.
    /// The file is measured first (its BLAKE2b-256 must be `id`, which the request signs); one
    /// over the relay's stated limit is refused without uploading a byte.
    public func deposit(file path: String, id: EnvelopeID, to mailboxes: [String]) async throws(ExchangeError) -> DepositResponse {
        // Its size first, so that one the relay would refuse is not even read.
        var info = stat()
        if let limit = relayEnvelopeLimit, stat(path, &info) == 0, Int64(info.st_size) > limit {
            throw ExchangeError(.refused, "envelope \(id) is \(info.st_size) bytes; the relay at \(endpoint) takes envelopes of at most \(limit) bytes, so it was not uploaded",
                                hint: "send fewer or smaller attachments (in several records), or ask the relay operator to raise --max-envelope-bytes",
                                relayCode: RelayErrorCode.tooLarge, status: 413)
        }
        let measured: (length: Int64, hash: [UInt8])
        do throws(SealpostCore.IOError) { measured = try EnvelopeTransfer.measure(path) } catch {
            throw ExchangeError(.storage, "cannot read the envelope to deposit (\(error.reason))", hint: "check the outbox folder; nothing was sent")
        }
        guard measured.hash == id.bytes else {
            throw ExchangeError(.storage, "the stored envelope \(id) is altered (its bytes no longer hash to its id)", hint: "it cannot be sent; seal it again")
        }
        let query = mailboxes.map { "to=\($0)" }.joined(separator: "&")
        let response = try await request("POST", RelayAPI.Path.envelopes, query: query,
                                         sending: .file(path: path, length: measured.length, hash: measured.hash),
                                         contentType: RelayAPI.envelopeMediaType)
        return try decode(DepositResponse.self, response, what: "deposit receipt")
    }

    /// GET /v1/mailbox/{id}: the envelope's bytes in memory, for envelopes of at most
    /// `maximumResponseBytes`; `.notFound` when it is not in this mailbox. `fetch(_:into:)` takes any size.
    public func fetch(_ id: EnvelopeID) async throws(ExchangeError) -> [UInt8] {
        try await request("GET", RelayAPI.Path.mailboxEntry(id.description)).body
    }

    /// GET /v1/mailbox/{id} into the file at `path` (made 0600, replaced on each try), in constant
    /// memory; the bytes must hash to `id` (the relay cannot substitute another envelope). Returns
    /// the length. `.notFound` when it is not in this mailbox.
    public func fetch(_ id: EnvelopeID, into path: String) async throws(ExchangeError) -> Int64 {
        let download = EnvelopeTransfer.Download(path: path, limit: Int64(ExchangeLimits.maximumEnvelopeBytes))
        let response = try await request("GET", RelayAPI.Path.mailboxEntry(id.description), sending: .bytes([]), download: download)
        guard let (length, hash) = response.downloaded, hash == id.bytes else {
            throw ExchangeError(.envelope, "the relay returned bytes that are not envelope \(id)",
                                hint: "the relay or the connection altered it; nothing was stored; try again, and tell the relay operator if it repeats")
        }
        return length
    }

    /// DELETE /v1/mailbox/{id}. True when it was deleted now, false when it was already gone.
    @discardableResult
    public func delete(_ id: EnvelopeID) async throws(ExchangeError) -> Bool {
        do {
            _ = try await request("DELETE", RelayAPI.Path.mailboxEntry(id.description))
            return true
        } catch where error.code == .notFound {
            return false
        }
    }

    /// GET /v1/deposits/{id}: what became of our own deposit; nil when the relay no longer knows it.
    public func depositStatus(_ id: EnvelopeID) async throws(ExchangeError) -> DepositStatus? {
        do {
            return try decode(DepositStatus.self, try await request("GET", RelayAPI.Path.deposit(id.description)), what: "deposit status")
        } catch where error.code == .notFound {
            return nil
        }
    }

    // MARK: Requests

    /// Sends one request, retrying as `configuration.retry` allows and going on to the next relay
    /// instance when one cannot be reached (RelayFailover.swift); returns a 2xx answer or throws.
    public func request(_ method: String, _ apiPath: String, query: String? = nil, body: [UInt8] = [],
                        contentType: String? = nil, signed: Bool = true) async throws(ExchangeError) -> Response {
        try await request(method, apiPath, query: query, sending: .bytes(body), contentType: contentType, signed: signed)
    }

    /// `request`, sending `body` (a file is read afresh for each try) and, with `download`,
    /// writing a 2xx answer's body into a file instead of memory.
    func request(_ method: String, _ apiPath: String, query: String? = nil, sending body: Body, contentType: String? = nil,
                 signed: Bool = true, download: EnvelopeTransfer.Download? = nil) async throws(ExchangeError) -> Response {
        try await failover(method, apiPath, query: query, body: body, contentType: contentType, signed: signed, download: download)
    }

    /// One attempt at one instance, unretried.
    func attemptOnce(endpoint: RelayEndpoint, method: String, target: String, body: Body, contentType: String?,
                     signed: Bool, download: EnvelopeTransfer.Download? = nil) async -> Result<Response, ExchangeError> {
        var request = HTTPClientRequest(url: endpoint.url(target: target))
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Host", value: endpoint.hostHeader)
        request.headers.add(name: "Accept", value: "application/json, \(RelayAPI.envelopeMediaType)")
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if signed {
            let description = SignedRequest(agency: identity.agencyID, method: method, target: target, host: endpoint.hostHeader,
                                            timestamp: clock(), nonce: RandomBytes.make(count: SignedRequest.nonceLength),
                                            contentHash: body.hash)
            for (name, value) in description.headers(signedWith: identity.signingKey) { request.headers.add(name: name, value: value) }
        }
        switch body {
        case .bytes(let bytes):
            if !bytes.isEmpty || method == "POST" { request.body = .bytes(ByteBuffer(bytes: bytes)) }
        case .file(let path, let length, _):
            request.body = .stream(EnvelopeTransfer.FileChunks(path: path), length: .known(length))
        }
        do {
            let response = try await http.execute(request, timeout: deadline(moving: download?.limit ?? body.length), logger: logger)
            let relayTime = response.headers.first(name: RelayAPI.Header.relayTime).flatMap { Int64($0) }
            let status = Int(response.status.code)
            let retryAfter = RetryPolicy.retryAfter(response.headers.first(name: "Retry-After"))
            if let download, (200...299).contains(status) {
                if let declared = response.headers.first(name: "Content-Length").flatMap(Int64.init), declared > download.limit {
                    throw EnvelopeTransfer.TooLarge(limit: download.limit)
                }
                let received = try await download.receive(response.body)
                logger.debug("relay answered", metadata: [
                    "method": .string(method), "status": .stringConvertible(status), "bytes": .stringConvertible(received.length)])
                return .success(Response(status: status, body: [], relayTime: relayTime, retryAfter: retryAfter, downloaded: received))
            }
            let buffer = try await response.body.collect(upTo: RelayClient.maximumResponseBytes)
            logger.debug("relay answered", metadata: [
                "method": .string(method), "status": .stringConvertible(status), "bytes": .stringConvertible(buffer.readableBytes)])
            return .success(Response(status: status, body: Array(buffer.readableBytesView), relayTime: relayTime, retryAfter: retryAfter))
        } catch let error as SealpostCore.IOError {
            return .failure(ExchangeError(.storage, "cannot \(download == nil ? "read the envelope to send" : "keep the fetched envelope") (\(error.reason))",
                                          hint: "check the home folder's disk space and permissions; nothing was stored"))
        } catch let error as EnvelopeTransfer.TooLarge {
            return .failure(ExchangeError(.refused, "the relay's answer is larger than \(error.limit) bytes, the largest envelope a client reads",
                                          hint: "the relay is misbehaving; tell its operator"))
        } catch {
            return .failure(RelayClient.transportError(error, endpoint: endpoint))
        }
    }

    /// The most one request may take: `requestTimeout`, and for a large body (sent, or the most a
    /// download may be) a second more for every 256 KiB of it (a link of at least 2 Mbit/s), so a
    /// 200 MiB upload is not cut off at two minutes. A stalled transfer still fails after
    /// `requestTimeout` without a byte (the read timeout).
    private func deadline(moving bytes: Int64) -> TimeAmount {
        .milliseconds(Int64(configuration.requestTimeout * 1000) + bytes / 256)
    }

    static let refusedReason = "the connection was refused"

    /// A failure below HTTP: TLS (never retried) or the connection (retried).
    static func transportError(_ error: any Error, endpoint: RelayEndpoint) -> ExchangeError {
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return ExchangeError(.tls, "the TLS connection to the relay at \(endpoint) could not be established securely (\(tlsReason(error)))",
                                 hint: "the relay must offer TLS 1.3 with a certificate for \(endpoint.host) from a CA you trust; for a private CA pass --relay-ca FILE (or SEALPOST_RELAY_CA)")
        }
        if error is NIOTooManyBytesError {
            return ExchangeError(.refused, "the relay's answer is larger than \(maximumResponseBytes) bytes", hint: "the relay is misbehaving; tell its operator")
        }
        return ExchangeError(.unreachable, "cannot reach the relay at \(endpoint): \(connectionReason(error))",
                             hint: "check the relay URL and that the relay is running; sealpost sync tries again later")
    }

    private static func tlsReason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") { return "its certificate is not trusted" }
        if text.contains("PROTOCOL_VERSION") || text.contains("UNSUPPORTED_PROTOCOL") || text.contains("protocol version") {
            return "it does not offer TLS 1.3"
        }
        if error is NIOSSLExtraError { return "its certificate does not name \"this host\"" }
        return "handshake failed"
    }

    private static func connectionReason(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout: return "the connection timed out"
            case .readTimeout, .deadlineExceeded: return "the relay did not answer in time"
            case .remoteConnectionClosed: return "the relay closed the connection"
            default: return "the request failed"
            }
        }
        let text = String(describing: error)
        if text.contains("refused") { return refusedReason }
        return "the connection failed"
    }

    func error(for response: Response, problem: RelayProblem?, method: String, apiPath: String) -> ExchangeError {
        let status = response.status
        let said = problem.map { ": " + RelayClient.displayable($0.message) } ?? ""
        let hint = problem?.hint.map(RelayClient.displayable)
        switch (status, problem?.error) {
        case (401, RelayErrorCode.clockSkew?):
            let ours = clock()
            if let theirs = response.relayTime {
                let apart = theirs - ours
                return ExchangeError(.clockSkew, "the relay refused our signed request because the clocks differ: the relay's time is \(RelayClient.utc(theirs)), ours is \(RelayClient.utc(ours)), \(abs(apart)) seconds \(apart > 0 ? "behind" : "ahead of") the relay's",
                                     hint: "set this computer's clock (turn on network time); requests more than \(SignedRequest.maximumSkewSeconds) seconds off are refused",
                                     relayCode: RelayErrorCode.clockSkew, status: status)
            }
            return ExchangeError(.clockSkew, "the relay refused our signed request because the clocks differ (our time is \(RelayClient.utc(ours)))",
                                 hint: "set this computer's clock (turn on network time)", relayCode: RelayErrorCode.clockSkew, status: status)
        case (401, _), (403, _):
            return ExchangeError(.refused, "the relay did not accept this agency's signature\(said)",
                                 hint: hint ?? "check that this home's agency is an active party of the agreement the relay runs", relayCode: problem?.error, status: status)
        case (404, _):
            return ExchangeError(.notFound, "no such envelope in this agency's mailbox at the relay", hint: "list what is waiting with: sealpost inbox",
                                 relayCode: problem?.error, status: status)
        case (413, _):
            return ExchangeError(.refused, "the relay refused the envelope as too large\(said)", hint: hint ?? "send a smaller record", relayCode: problem?.error, status: status)
        case (429, _):
            return ExchangeError(.unreachable, "the relay is limiting this agency's requests (429)\(said)",
                                 hint: "wait a minute and run the command again", relayCode: problem?.error, status: status)
        case (507, _):
            return ExchangeError(.refused, "the relay has no room for it\(said)", hint: hint ?? "try again later", relayCode: problem?.error, status: status)
        case (500..., _):
            return ExchangeError(.unreachable, "the relay failed to answer \(method) \(apiPath) (HTTP \(status))\(said)",
                                 hint: "the relay may be restarting; sealpost sync tries again later", relayCode: problem?.error, status: status)
        default:
            return ExchangeError(.refused, "the relay refused \(method) \(apiPath) (HTTP \(status))\(said)", hint: hint, relayCode: problem?.error, status: status)
        }
    }

    func decode<T: RelayBody>(_ type: T.Type, _ response: Response, what: String) throws(ExchangeError) -> T {
        do { return try RelayJSON.read(type, from: response.body) } catch {
            throw ExchangeError(.refused, "the relay's \(what) is not what spec/relay.md describes (\(error))",
                                hint: "the relay may run another version; tell its operator")
        }
    }

    /// Relay-supplied text made safe to show: printable ASCII, at most 300 characters.
    static func displayable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(300) {
            if (0x20...0x7e).contains(scalar.value) { out.unicodeScalars.append(scalar) } else { out += "?" }
        }
        return out
    }

    static func utc(_ seconds: Int64) -> String { Timestamp.iso(seconds: seconds) }
}

