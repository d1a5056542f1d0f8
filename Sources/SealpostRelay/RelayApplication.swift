import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import SealpostProtocol
import ServiceLifecycle

/// Builds the relay as a Hummingbird application, ready to `run()` or to join a `ServiceGroup`
/// (`runService()` adds graceful shutdown on SIGINT and SIGTERM):
///
///     let app = try await buildRelayApplication(config, logger: logger)
///     try await app.runService()
///
/// Refuses a configuration `RelayConfiguration.validate()` refuses, opens (and migrates) the
/// database (PostgreSQL when `config.database` is set, else the SQLite file), and brings with it the expiry sweeper and, when `metricsPort` is set, the Prometheus
/// listener. Graceful shutdown stops accepting connections, finishes the requests in flight (whose
/// writes are committed), then stops the sweeper and closes the database.
public func buildRelayApplication(_ config: RelayConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    try await makeRelayApplication(config, logger: logger)
}

/// `buildRelayApplication` with hooks that learn the ports actually bound.
func makeRelayApplication(_ config: RelayConfiguration, logger: Logger,
                          onListening: @escaping @Sendable (Int) async -> Void = { _ in },
                          onMetricsListening: @escaping @Sendable (Int) async -> Void = { _ in })
    async throws -> Application<RouterResponder<RelayRequestContext>> {
    try config.validate()
    let metrics = RelayMetrics()
    let repository: any RelayRepository = if let database = config.database {
        try await PostgresRelayRepository(url: database, logger: logger, observeCommit: metrics.commitObserver)
    } else {
        try SQLiteRelayRepository(path: config.databasePath, startedAt: config.clock(), observeCommit: metrics.commitObserver)
    }
    let relay = Relay(configuration: config, repository: repository, metrics: metrics, logger: logger)

    let limits = config.limits
    let gate = ConnectionGate(capacity: limits.maximumConnections)
    var server: HTTPServerBuilder = .http1(configuration: .init(
        additionalChannelHandlers: [ConnectionGuard(limits: limits, metrics: metrics, gate: gate)],
        idleTimeout: TimeAmount(limits.idleTimeout)))
    if let files = config.tls {
        server = try .tls(server, tlsConfiguration: try makeTLSConfiguration(files))
    }
    let sweeper = ExpirySweeper(repository: repository, interval: config.sweepInterval, clock: config.clock, metrics: metrics, logger: logger)
    var services: [any Service] = [RepositoryCloser(repository: repository, logger: logger), sweeper]
    if let metricsPort = config.metricsPort {
        services.append(makeMetricsApplication(metrics: metrics, host: config.metricsHost, port: metricsPort, logger: logger,
                                               onListening: onMetricsListening))
    }
    let host = config.host, port = config.port
    return Application(
        router: buildRelayRouter(relay),
        server: server,
        configuration: .init(address: .hostname(host, port: port), serverName: nil,
                             availableConnectionsDelegate: MaximumAvailableConnections(limits.maximumConnections, logger: logger)),
        services: services,
        onServerRunning: { channel in
            let bound = channel.localAddress?.port ?? port
            logger.info("relay listening", metadata: ["host": "\(host)", "port": "\(bound)", "tls": "\(config.tls != nil)"])
            await onListening(bound)
        },
        logger: logger)
}

/// The routes (spec/relay.md §Endpoints). Health is unsigned; every other route passes through
/// `AuthenticationMiddleware` before its handler runs, and so before its body is read.
func buildRelayRouter(_ relay: Relay) -> Router<RelayRequestContext> {
    let router = Router(context: RelayRequestContext.self)
    router.add(middleware: EdgeMiddleware(relay: relay))
    router.get(RouterPath(RelayAPI.Path.health)) { request, context in try await relay.health(request, context: context) }
    router.group()
        .add(middleware: AuthenticationMiddleware(relay: relay))
        .post(RouterPath(RelayAPI.Path.envelopes)) { request, context in try await relay.deposit(request, context: context) }
        .get(RouterPath(RelayAPI.Path.mailbox)) { request, context in try await relay.listMailbox(request, context: context) }
        .get(RouterPath(RelayAPI.Path.mailboxEntry(":id"))) { request, context in try await relay.fetchEnvelope(request, context: context) }
        .delete(RouterPath(RelayAPI.Path.mailboxEntry(":id"))) { request, context in try await relay.deleteEnvelope(request, context: context) }
        .get(RouterPath(RelayAPI.Path.deposit(":id"))) { request, context in try await relay.depositStatus(request, context: context) }
    return router
}

/// TLS 1.3 only, with the certificate chain and key from PEM files.
func makeTLSConfiguration(_ files: RelayConfiguration.TLSFiles) throws -> TLSConfiguration {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    do {
        chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
    } catch {
        throw RelayConfigurationError("cannot read the TLS certificate \(files.certificatePath): \(error)",
                                      hint: "--tls-cert takes a PEM file holding the certificate chain, leaf first")
    }
    do {
        key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
    } catch {
        throw RelayConfigurationError("cannot read the TLS private key \(files.privateKeyPath): \(error)",
                                      hint: "--tls-key takes the certificate's private key as a PEM file")
    }
    guard !chain.isEmpty else {
        throw RelayConfigurationError("\(files.certificatePath) holds no certificate", hint: "--tls-cert takes a PEM certificate chain")
    }
    var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    tls.minimumTLSVersion = .tlsv13
    return tls
}

/// The Prometheus listener: `GET /metrics` and nothing else, on its own (loopback) address.
func makeMetricsApplication(metrics: RelayMetrics, host: String, port: Int, logger: Logger,
                            onListening: @escaping @Sendable (Int) async -> Void) -> some Service {
    let router = Router()
    router.get(RouterPath(RelayAPI.Path.metrics)) { _, _ in
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
    return Application(router: router, configuration: .init(address: .hostname(host, port: port)),
                       onServerRunning: { channel in
                           let bound = channel.localAddress?.port ?? port
                           logger.info("metrics listening", metadata: ["host": "\(host)", "port": "\(bound)"])
                           await onListening(bound)
                       }, logger: logger)
}
