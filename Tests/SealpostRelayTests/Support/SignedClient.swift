import AsyncHTTPClient
import Foundation
import NIOCore
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium

/// The methods the relay's routes take.
enum Method: String, Sendable {
    case GET, POST, DELETE, PUT
}

/// A relay's answer, read whole.
struct Reply: Sendable {
    let status: Int
    let headers: [(String, String)]
    let body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    var problem: RelayProblem? { RelayJSON.decode(RelayProblem.self, from: body) }
    func decode<T: RelayBody>(_ type: T.Type) -> T? { RelayJSON.decode(type, from: body) }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// Status, headers (names lower-cased, sorted) and body, leaving out the clocks (`Date`,
    /// `Sealpost-Relay-Time`), which differ from one second to the next: what two answers that
    /// must not be told apart must agree on.
    var comparable: String {
        let clocks: Set<String> = ["date", RelayAPI.Header.relayTime.lowercased()]
        let kept = headers.map { ($0.0.lowercased(), $0.1) }.filter { !clocks.contains($0.0) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        return "\(status)\n" + kept.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n\n" + text
    }
}

/// Sends requests signed as `identity` to a relay, the way spec/relay.md says a client must.
struct SignedClient: Sendable {
    let baseURL: String
    let identity: Identity
    var clock: @Sendable () -> Int64 = RelayConfiguration.systemClock
    var http: HTTPClient = .shared

    init(_ relay: RunningRelay, as identity: Identity, clock: (@Sendable () -> Int64)? = nil) {
        self.init(baseURL: relay.baseURL, identity: identity, clock: clock)
    }

    init(baseURL: String, identity: Identity, clock: (@Sendable () -> Int64)? = nil) {
        self.baseURL = baseURL
        self.identity = identity
        if let clock { self.clock = clock }
    }

    /// The Host header AsyncHTTPClient sends for `baseURL`.
    var host: String { String(baseURL.split(separator: "/")[1]) }

    /// The signature headers for a request; `timestamp` overrides the clock.
    func signatureHeaders(method: String, target: String, body: [UInt8], timestamp: Int64? = nil, host: String? = nil) -> [(String, String)] {
        SignedRequest.make(agency: identity.agencyID, method: method, target: target, host: host ?? self.host,
                           timestamp: timestamp ?? clock(), body: body)
            .headers(signedWith: identity.signingKey).map { ($0.name, $0.value) }
    }

    /// Sends `headers` (already signed, or deliberately not) with `body` to `target`.
    func send(_ method: Method, _ target: String, body: [UInt8] = [], headers: [(String, String)],
              contentType: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + target)
        request.method = .init(rawValue: method.rawValue)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if !body.isEmpty || method == .POST { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await http.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                     body: Array(buffer: bytes))
    }

    /// Signs and sends.
    func signed(_ method: Method, _ target: String, body: [UInt8] = [], timestamp: Int64? = nil) async throws -> Reply {
        try await send(method, target, body: body,
                       headers: signatureHeaders(method: method.rawValue, target: target, body: body, timestamp: timestamp),
                       contentType: method == .POST ? RelayAPI.envelopeMediaType : nil)
    }

    func deposit(_ envelope: [UInt8], to recipients: [Identity]) async throws -> Reply {
        try await signed(.POST, RelayAPI.Path.envelopes + "?" + recipients.map { "to=\($0.agencyID)" }.joined(separator: "&"), body: envelope)
    }

    func list(_ query: String = "") async throws -> Reply { try await signed(.GET, RelayAPI.Path.mailbox + query) }
    func fetch(_ id: String) async throws -> Reply { try await signed(.GET, RelayAPI.Path.mailboxEntry(id)) }
    func delete(_ id: String) async throws -> Reply { try await signed(.DELETE, RelayAPI.Path.mailboxEntry(id)) }
    func status(_ id: String) async throws -> Reply { try await signed(.GET, RelayAPI.Path.deposit(id)) }

    /// The ids waiting in this agency's mailbox.
    func waiting() async throws -> [String] {
        try await list().decode(MailboxListing.self)?.messages.map(\.envelopeID) ?? []
    }
}

func idOf(_ envelope: [UInt8]) -> String { EnvelopeID(of: envelope).description }
