import ArgumentParser
import Foundation
import SealpostCommandLine
import SealpostCore
import SealpostRelay

/// `sealpost-relay serve`: runs the relay until SIGINT or SIGTERM, then finishes the requests in flight.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the relay.",
        discussion: """
            The relay's identity is a Sealpost home (sealpost init --agency relay-...) listed as an active \
            relay_operator party in the agreement, which every active party must have signed.
            """)

    @Option(name: .long, help: ArgumentHelp("The relay operator's identity folder (default: $SEALPOST_HOME, else ~/.sealpost).", valueName: "DIR"))
    var home: String?
    @Option(name: .long, help: ArgumentHelp("Read the passphrase from the first line of this file (else $SEALPOST_PASSPHRASE).", valueName: "FILE"))
    var passphraseFile: String?
    @Option(name: .long, help: ArgumentHelp("The signed agreement in force (default: DIR/agreement.json).", valueName: "FILE"))
    var agreement: String?
    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"
    @Option(name: .long, help: "Port to listen on (0 for any free port).")
    var port = 8443
    @Option(name: .long, help: ArgumentHelp("The SQLite database (default: DIR/relay.sqlite).", valueName: "PATH"))
    var db: String?
    @Option(name: .long, help: ArgumentHelp("A PostgreSQL database shared by several relay instances, postgres://USER@HOST:PORT/DB (default: $SEALPOST_RELAY_DATABASE, else the SQLite file).", valueName: "URL"))
    var database: String?
    @Option(name: .long, help: ArgumentHelp("PEM certificate chain; with --tls-key the relay speaks TLS 1.3 only.", valueName: "FILE"))
    var tlsCert: String?
    @Option(name: .long, help: ArgumentHelp("PEM private key of the certificate.", valueName: "FILE"))
    var tlsKey: String?
    @Option(name: .long, help: ArgumentHelp("A Host header value (lower case, with the port if not default) that signed requests may name; repeat for each. Default: any.", valueName: "HOST"))
    var publicHost: [String] = []
    @Option(name: .long, help: "Serve Prometheus metrics at /metrics on this loopback port.")
    var metricsPort: Int?
    @OptionGroup(title: "Limits")
    var limits: LimitOptions
    @Option(name: .long, help: ArgumentHelp("Write the process id here, for 'sealpost-relay reload' (SIGHUP reloads the agreement and TLS files).", valueName: "FILE"))
    var pidFile: String?
    @Option(name: .long, help: "Seconds between looks in the database for a newer agreement edition another instance took (default 5).")
    var agreementCheckSeconds: Int = 5
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        guard db == nil || database == nil else { throw ValidationError("--db (SQLite) and --database (PostgreSQL) are two stores: pass one") }
        guard (1...3600).contains(agreementCheckSeconds) else { throw ValidationError("--agreement-check-seconds must lie between 1 and 3600") }
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw ValidationError("unknown --log-level \(logLevel)")
        }
    }

    func run() async throws {
        RelayLauncher.bootstrapLogging(level: logLevel)
        let home = Home.resolve(option: home)
        do {
            let identity = try RelayLauncher.unlockIdentity(home: home) {
                try PassphraseSource(file: passphraseFile).fileOrEnvironment()
            }
            let agreementPath = agreement ?? home.agreementPath
            let signed = try RelayLauncher.loadAgreement(path: agreementPath)
            var config = RelayConfiguration(databasePath: db ?? home.relayDatabasePath, agreement: signed, identity: identity,
                                            host: host, port: port, metricsPort: metricsPort)
            config.agreementPath = agreementPath
            config.agreementCheckInterval = .seconds(agreementCheckSeconds)
            if let tlsCert, let tlsKey { config.tls = .init(certificatePath: tlsCert, privateKeyPath: tlsKey) }
            if !publicHost.isEmpty { config.acceptedHosts = Set(publicHost.map { $0.lowercased() }) }
            if let databaseURL { config.database = try PostgresURL(databaseURL) }
            limits.apply(to: &config)
            try await RelayLauncher.serve(config, pidFile: pidFile)
        } catch let error as RelayConfigurationError {
            throw CommandLineError(error.message, hint: error.hint)
        } catch where Self.isAddressInUse(error) {
            throw CommandLineError("cannot listen on \(host):\(port): the address is already in use (another program, perhaps another relay, listens there)",
                                   hint: "stop that program, or choose another port with --port")
        } catch let error as RelayStorageError {
            throw CommandLineError(error.message, hint: databaseURL != nil
                ? "check that the PostgreSQL server is running with fsync on, and that the URL's user may create tables in its database"
                : "check that the folder of --db exists and is writable")
        }
    }

    /// The listener's bind failed with EADDRINUSE (SwiftNIO's IOError, known here by its errno text).
    static func isAddressInUse(_ error: any Error) -> Bool {
        String(describing: error).contains("(errno: \(EADDRINUSE))")
    }

    private var databaseURL: String? { RelayStoreChoice.databaseURL(database: database, db: db) }
}

/// The limit flags, each defaulting to `RelayLimits()`'s value.
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: "Largest envelope accepted, in bytes (default 256 MiB, at most 1 GiB; streamed, so it bounds storage, not memory).")
    var maxEnvelopeBytes: Int?
    @Option(name: .long, help: "Most recipient mailboxes per envelope (default 64).")
    var maxRecipients: Int?
    @Option(name: .long, help: "Requests per second per agency, 0 for no limit (default 50).")
    var agencyRate: Double?
    @Option(name: .long, help: "Burst of requests per agency (default 200).")
    var agencyBurst: Int?
    @Option(name: .long, help: "Unsigned or failed requests per second per remote address, 0 for no limit (default 5).")
    var addressRate: Double?
    @Option(name: .long, help: "Burst of unsigned or failed requests per address (default 50).")
    var addressBurst: Int?
    @Option(name: .long, help: "Envelopes that may wait in one mailbox (default 10000).")
    var mailboxMaxEnvelopes: Int?
    @Option(name: .long, help: "Bytes that may wait in one mailbox (default 4 GiB).")
    var mailboxMaxBytes: Int64?
    @Option(name: .long, help: "Days an undelivered envelope waits before it expires (default 30).")
    var retentionDays: Int64?
    @Option(name: .long, help: "Days an envelope id is remembered after deposit, so a late retry stays a duplicate (default 90).")
    var tombstoneDays: Int64?
    @Option(name: .long, help: "Seconds a connection may stay idle between requests (default 60).")
    var idleTimeout: Int?
    @Option(name: .long, help: "Seconds for a request head to arrive (default 10).")
    var headerTimeout: Int?
    @Option(name: .long, help: "Seconds for a request body to arrive in full (default 300).")
    var bodyTimeout: Int?
    @Option(name: .long, help: "Seconds an unread answer may wait before the connection is closed (default 60).")
    var writeTimeout: Int?
    @Option(name: .long, help: "Connections served at once (default 1024).")
    var maxConnections: Int?
    @Option(name: .long, help: "Deposit body bytes held in memory at once across connections, at most 1 MiB per deposit; past it, 503 (default 256 MiB).")
    var maxInflightBytes: Int?

    /// Only the day counts, which could overflow on their way to seconds; `RelayConfiguration.validate()`
    /// judges everything else, with its reasons.
    func validate() throws {
        let longest = RelayConfiguration.longestLifetime / 86_400
        for (flag, days) in [("--retention-days", retentionDays), ("--tombstone-days", tombstoneDays)] {
            if let days, !(1...longest).contains(days) { throw ValidationError("\(flag) must lie between 1 and \(longest)") }
        }
    }

    func apply(to config: inout RelayConfiguration) {
        var limits = config.limits
        if let maxEnvelopeBytes { limits.maximumEnvelopeBytes = maxEnvelopeBytes }
        if let maxRecipients { limits.maximumRecipients = maxRecipients }
        limits.perAgency = Self.rate(agencyRate, agencyBurst, default: limits.perAgency)
        limits.perAddress = Self.rate(addressRate, addressBurst, default: limits.perAddress)
        if let mailboxMaxEnvelopes { limits.mailboxQuota.maximumCount = mailboxMaxEnvelopes }
        if let mailboxMaxBytes { limits.mailboxQuota.maximumBytes = mailboxMaxBytes }
        if let idleTimeout { limits.idleTimeout = .seconds(idleTimeout) }
        if let headerTimeout { limits.headerTimeout = .seconds(headerTimeout) }
        if let bodyTimeout { limits.bodyTimeout = .seconds(bodyTimeout) }
        if let writeTimeout { limits.writeTimeout = .seconds(writeTimeout) }
        if let maxConnections { limits.maximumConnections = maxConnections }
        if let maxInflightBytes { limits.maximumBodyBytesInFlight = maxInflightBytes }
        config.limits = limits
        if let retentionDays { config.retention = retentionDays * 86_400 }
        if let tombstoneDays { config.tombstoneLifetime = tombstoneDays * 86_400 }
    }

    private static func rate(_ perSecond: Double?, _ burst: Int?, default current: RelayLimits.RateLimit?) -> RelayLimits.RateLimit? {
        if perSecond == 0 { return nil }
        guard perSecond != nil || burst != nil else { return current }
        let base = current ?? RelayLimits.RateLimit(perSecond: 50, burst: 200)
        return RelayLimits.RateLimit(perSecond: perSecond ?? base.perSecond, burst: burst ?? base.burst)
    }
}
