import Foundation
import SealpostAgreement
import SealpostCore
import SealpostRecord

/// Everything a relay needs to run. Only the database path, the agreement and the relay's own
/// identity have no default:
///
///     let config = RelayConfiguration(databasePath: dir + "/relay.sqlite", agreement: signed, identity: relay)
///     let relay = try await RunningRelay.start(config)     // 127.0.0.1, ephemeral port
///
/// `buildRelayApplication` refuses a configuration whose agreement is not complete (every active
/// party's signature valid), not in force on the clock's date, or does not name `identity` as an
/// active `relay_operator` party with this very signing key.
public struct RelayConfiguration: Sendable {
    /// Address to listen on (default 127.0.0.1: loopback only).
    public var host: String
    /// Port to listen on (default 8443); 0 picks a free one.
    public var port: Int
    /// The SQLite file; created with its folder's permissions if absent. Unused when `database` is set.
    public var databasePath: String
    /// A PostgreSQL database shared by several relay instances; nil for the SQLite file at `databasePath`.
    public var database: PostgresURL?
    /// The signed agreement in force at start: its active parties are the only callers.
    public var agreement: SignedAgreement
    /// The file the agreement came from, read again at each reload (SIGHUP, `sealpost-relay
    /// reload`); nil when editions reach this relay only through the database.
    public var agreementPath: String?
    /// How often the relay looks in the database for a newer edition another instance accepted.
    public var agreementCheckInterval: Duration = .seconds(5)
    /// The relay operator's identity: it signs deposit receipts.
    public var identity: Identity
    public var limits: RelayLimits
    /// PEM certificate chain and private key; with them the relay speaks TLS 1.3 only.
    public var tls: TLSFiles?
    /// Port of the Prometheus listener (`GET /metrics`), bound to `metricsHost`; nil for none, 0 for any free port.
    public var metricsPort: Int?
    public var metricsHost: String
    /// How long an undelivered envelope waits before it expires, in seconds (default 30 days).
    public var retention: Int64
    /// How long after its deposit an envelope id is remembered, so that a re-deposit of the same
    /// bytes stays a duplicate even after delivery or expiry (default 90 days; must exceed `retention`).
    public var tombstoneLifetime: Int64
    /// How often the sweeper marks expired envelopes and forgets old tombstones.
    public var sweepInterval: Duration
    /// Host header values (lower case, port included when not default) a signed request may name;
    /// nil accepts any, the signature still covering whichever was sent.
    public var acceptedHosts: Set<String>?
    /// The relay's clock, Unix seconds. Injectable so tests can skew it or move it past expiry.
    public var clock: @Sendable () -> Int64

    public struct TLSFiles: Sendable, Equatable {
        public var certificatePath: String
        public var privateKeyPath: String
        public init(certificatePath: String, privateKeyPath: String) {
            self.certificatePath = certificatePath
            self.privateKeyPath = privateKeyPath
        }
    }

    public static let systemClock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970.rounded(.down)) }

    public init(databasePath: String, agreement: SignedAgreement, identity: Identity,
                host: String = "127.0.0.1", port: Int = 8443, limits: RelayLimits = RelayLimits(),
                tls: TLSFiles? = nil, metricsPort: Int? = nil, metricsHost: String = "127.0.0.1",
                retention: Int64 = 30 * 86_400, tombstoneLifetime: Int64 = 90 * 86_400,
                sweepInterval: Duration = .seconds(60), acceptedHosts: Set<String>? = nil,
                clock: @escaping @Sendable () -> Int64 = RelayConfiguration.systemClock) {
        (self.host, self.port, self.databasePath) = (host, port, databasePath)
        self.database = nil
        (self.agreement, self.identity, self.limits, self.tls) = (agreement, identity, limits, tls)
        (self.metricsPort, self.metricsHost, self.retention) = (metricsPort, metricsHost, retention)
        (self.tombstoneLifetime, self.sweepInterval) = (tombstoneLifetime, sweepInterval)
        (self.acceptedHosts, self.clock) = (acceptedHosts, clock)
    }

    /// The longest retention or tombstone lifetime taken (100 years): deposit times plus these stay
    /// far from overflow.
    public static let longestLifetime: Int64 = 36_500 * 86_400

    /// The checks an agreement edition must pass to rule this relay, at start and at every reload
    /// (spec/relay.md §Agreement editions): complete (every active party's signature present and
    /// valid, none invalid), in force on `today`, and naming `identity` as an active
    /// `relay_operator` party with this very signing key.
    public static func checkAgreement(_ signed: SignedAgreement, identity: Identity, today: CalendarDate) throws(RelayConfigurationError) {
        let agreement = signed.agreement
        let name = "agreement \(agreement.id) version \(agreement.version)"
        let check = signed.verify()
        guard check.invalid.isEmpty else {
            throw RelayConfigurationError("\(name) has signatures that do not verify: \(check.invalid.joined(separator: ", "))",
                                          hint: "the file was altered or signed by someone who is not an active party; get the partnership's signed copy")
        }
        guard check.isComplete else {
            throw RelayConfigurationError("\(name) is not in force: not yet signed by \(check.missing.joined(separator: ", "))",
                                          hint: "every active party, the relay operator included, must sign it (sealpost agreement sign)")
        }
        guard agreement.isValid(on: today) else {
            throw RelayConfigurationError("\(name) is valid from \(agreement.validFrom) to \(agreement.validUntil), not today (\(today))",
                                          hint: "run the relay under the partnership's current agreement")
        }
        guard let party = agreement.party(identity.agencyID) else {
            throw RelayConfigurationError("\(identity.agencyID) is not a party to \(name)",
                                          hint: "the relay's identity must be listed in the agreement with role relay_operator")
        }
        guard party.role == .relayOperator else {
            throw RelayConfigurationError("\(identity.agencyID) has role \(party.role.rawValue) in \(name), not relay_operator",
                                          hint: "run the relay under an identity made for it (sealpost init --agency relay-...) and listed as relay_operator")
        }
        guard party.status == .active else {
            throw RelayConfigurationError("\(identity.agencyID) is revoked in \(name)", hint: "a revoked relay operator may not run the relay")
        }
        guard party.card.signingKey == Hex.encode(identity.signingKey.publicKey.rawRepresentation) else {
            throw RelayConfigurationError("\(name) lists a different signing key for \(identity.agencyID) than this identity's",
                                          hint: "use the home whose card is in the agreement, or have the agreement updated with this card")
        }
    }

    /// Checks the agreement and the relay's place in it, and that the numbers make sense.
    public func validate() throws(RelayConfigurationError) {
        try Self.checkAgreement(agreement, identity: identity, today: CalendarDate.today(now: Double(clock())))
        guard (0...65_535).contains(port), metricsPort.map({ (0...65_535).contains($0) }) ?? true else {
            throw RelayConfigurationError("ports must lie between 0 and 65535")
        }
        guard retention > 0, retention <= Self.longestLifetime else {
            throw RelayConfigurationError("retention must be positive and at most \(Self.longestLifetime / 86_400) days")
        }
        guard tombstoneLifetime <= Self.longestLifetime else {
            throw RelayConfigurationError("the tombstone lifetime must be at most \(Self.longestLifetime / 86_400) days")
        }
        guard tombstoneLifetime > retention else {
            throw RelayConfigurationError("the tombstone lifetime (\(tombstoneLifetime) s) must exceed the retention (\(retention) s)",
                                          hint: "otherwise a late retry of a delivered envelope could be delivered again")
        }
        try limits.validate()
    }
}

/// What a relay will take, from whom, and for how long (spec/relay.md §Limits).
public struct RelayLimits: Sendable, Equatable {
    /// Largest envelope accepted, in bytes (default 256 MiB, at most `largestEnvelopeLimit`).
    /// Deposits and fetches stream in chunks, so this bounds storage, not memory; a larger limit
    /// wants a longer `bodyTimeout` for slow links. Advertised in the health answer and every 413.
    public var maximumEnvelopeBytes: Int = 256 << 20
    /// Most mailboxes one deposit may name (default 64, the envelope format's own maximum).
    public var maximumRecipients: Int = EnvelopeFormat.maximumRecipients
    /// Requests per authenticated agency; nil for no limit.
    public var perAgency: RateLimit? = RateLimit(perSecond: 50, burst: 200)
    /// Unauthenticated requests (health) and failed ones, per remote address; nil for no limit.
    public var perAddress: RateLimit? = RateLimit(perSecond: 5, burst: 50)
    /// Envelopes and bytes that may wait in one mailbox.
    public var mailboxQuota = MailboxQuota(maximumCount: 10_000, maximumBytes: 4 << 30)
    /// Time a connection may stay open with no request in progress.
    public var idleTimeout: Duration = .seconds(60)
    /// Time from a connection's start to its first complete request head (later heads fall under `idleTimeout`).
    public var headerTimeout: Duration = .seconds(10)
    /// Time from a request head to the end of its body: the read timeout for slow bodies.
    public var bodyTimeout: Duration = .seconds(300)
    /// Time an answer may wait unread: once the connection's outgoing buffer is full (the client is
    /// not reading), it must drain within this time or the connection is closed.
    public var writeTimeout: Duration = .seconds(60)
    /// Requests a connection may have received and not yet been answered (pipelined); past it,
    /// nothing more is read from the connection until an answer has been written.
    public var maximumPipelinedRequests: Int = 16
    /// Bytes of deposit bodies held in memory at once, across all connections. Each deposit holds
    /// at most one chunk (`DepositBody.chunkBytes`, 1 MiB) of its body, so it reserves its declared
    /// length up to one chunk before its body is read (a chunked body, as its buffer grows). A
    /// deposit that would pass it is refused with `503 busy` and `Retry-After`.
    public var maximumBodyBytesInFlight: Int = 256 << 20
    /// Connections served at once; more wait in the listen backlog until one closes.
    public var maximumConnections: Int = 1024

    public init() {}

    public struct RateLimit: Sendable, Equatable {
        public var perSecond: Double
        public var burst: Int
        public init(perSecond: Double, burst: Int) {
            self.perSecond = perSecond
            self.burst = burst
        }
    }

    /// The largest envelope size limit taken (1 GiB): bodies are stored in chunks, so neither
    /// memory nor a store's largest value bounds it; clients read no larger
    /// (`ExchangeLimits.maximumEnvelopeBytes`).
    public static let largestEnvelopeLimit = 1 << 30
    /// The longest any timeout may be (a day); longer ones overflow the event loop's nanoseconds.
    public static let longestTimeout: Duration = .seconds(86_400)
    /// The largest budget of deposit bytes in flight taken (64 GiB).
    public static let largestBodyBytesInFlight = 64 << 30

    func validate() throws(RelayConfigurationError) {
        guard (EnvelopeFormat.fixedHeaderLength...Self.largestEnvelopeLimit).contains(maximumEnvelopeBytes) else {
            throw RelayConfigurationError("the envelope size limit must lie between \(EnvelopeFormat.fixedHeaderLength) and \(Self.largestEnvelopeLimit) bytes")
        }
        guard (1...EnvelopeFormat.maximumRecipients).contains(maximumRecipients) else {
            throw RelayConfigurationError("recipients per envelope must lie between 1 and \(EnvelopeFormat.maximumRecipients)")
        }
        for (name, limit) in [("per-agency", perAgency), ("per-address", perAddress)] {
            // Bounded so that Retry-After (up to burst / rate seconds) is a whole number that fits.
            if let limit, !((0.001...1_000_000).contains(limit.perSecond) && (1...1_000_000).contains(limit.burst)) {
                throw RelayConfigurationError("the \(name) rate limit needs a rate from 0.001 to 1000000 a second and a burst from 1 to 1000000")
            }
        }
        guard mailboxQuota.maximumCount >= 1, mailboxQuota.maximumBytes >= Int64(maximumEnvelopeBytes) else {
            throw RelayConfigurationError("a mailbox must hold at least one envelope of the largest size")
        }
        guard [idleTimeout, headerTimeout, bodyTimeout, writeTimeout].allSatisfy({ $0 > .zero && $0 <= Self.longestTimeout }) else {
            throw RelayConfigurationError("timeouts must be positive and at most a day")
        }
        guard (1...1_000_000).contains(maximumConnections) else {
            throw RelayConfigurationError("the connection cap must lie between 1 and 1000000")
        }
        // Two at least: the request whose body is being read is one of them.
        guard (2...1024).contains(maximumPipelinedRequests) else {
            throw RelayConfigurationError("pipelined requests per connection must lie between 2 and 1024")
        }
        // A deposit holds at most one chunk in memory: the budget must take at least that much.
        let oneDeposit = min(maximumEnvelopeBytes, DepositBody.chunkBytes)
        guard (oneDeposit...Self.largestBodyBytesInFlight).contains(maximumBodyBytesInFlight) else {
            throw RelayConfigurationError("the deposit bytes in flight must lie between \(oneDeposit) (one deposit's chunk) and \(Self.largestBodyBytesInFlight)",
                                          hint: "otherwise no envelope could be received")
        }
    }
}

/// Why a relay will not start. The message says what is wrong; the hint, what to do.
public struct RelayConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
    public var description: String { message }
}
