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
///
/// `reloads` (e.g. `RelayProcessControl.reloadSignals()`) triggers a reload of the agreement file
/// and the TLS files each time it yields (spec/relay.md §Agreement editions).
public func buildRelayApplication(_ config: RelayConfiguration, logger: Logger,
                                  reloads: AsyncStream<Void>? = nil) async throws -> some ApplicationProtocol {
    try await makeRelayApplication(config, logger: logger, reloads: reloads)
}

/// `buildRelayApplication` with hooks that learn the ports actually bound.
func makeRelayApplication(_ config: RelayConfiguration, logger: Logger, reloads: AsyncStream<Void>? = nil,
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
    let certificates = try config.tls.map(TLSCertificates.init)
    let reloader = Reloader(relay: relay, agreementPath: config.agreementPath, certificates: certificates,
                            interval: config.agreementCheckInterval, triggers: reloads)
    // Before listening: the edition this relay starts with is offered to the other instances, and
    // a newer one that another instance accepted is taken (so a restart on an older file converges).
    do {
        let initial = relay.editions.current
        try await repository.publishAgreement(id: initial.id, version: initial.version, bytes: initial.signed.fileBytes)
    } catch {
        try? await repository.close()
        throw RelayStorageError("cannot record the agreement edition in the database: \(error)")
    }
    var refused: Int64?
    await reloader.converge(lastRefused: &refused)
    metrics.agreementInForce(version: relay.editions.current.version)

    let limits = config.limits
    let gate = ConnectionGate(capacity: limits.maximumConnections)
    var server: HTTPServerBuilder = .http1(configuration: .init(
        additionalChannelHandlers: [ConnectionGuard(limits: limits, metrics: metrics, gate: gate)],
        idleTimeout: TimeAmount(limits.idleTimeout)))
    if let certificates {
        server = try .tls(server, tlsConfiguration: certificates.serverConfiguration())
    }
    let sweeper = ExpirySweeper(repository: repository, interval: config.sweepInterval, clock: config.clock, metrics: metrics, logger: logger)
    var services: [any Service] = [RepositoryCloser(repository: repository, logger: logger), sweeper, reloader]
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
