import Logging
import ServiceLifecycle

/// A relay running in this process on 127.0.0.1, for tests:
///
///     let relay = try await RunningRelay.start(config)          // ephemeral port
///     ... talk to relay.baseURL ...
///     await relay.stop()                                       // graceful: in-flight requests finish
///     let again = try await RunningRelay.start(config, port: relay.port)   // same database, same port
///
/// `start` returns once the relay is listening. Its host is always 127.0.0.1, whatever
/// `config.host` says. `baseURL` is `http://127.0.0.1:PORT`, or `https://` when `config.tls` is set.
public struct RunningRelay: Sendable {
    public let port: Int
    /// The metrics listener's port, when `config.metricsPort` was set (0 picks a free one).
    public let metricsPort: Int?
    public let baseURL: String
    public let configuration: RelayConfiguration
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts the relay described by `config` on 127.0.0.1:`port` (0 for any free port).
    /// Logs go to `logger` (by default nowhere).
    public static func start(_ config: RelayConfiguration, port: Int = 0,
                             logger: Logger = Logger(label: "sealpost-relay", factory: { _ in SwiftLogNoOpLogHandler() }))
        async throws -> RunningRelay {
        var config = config
        config.host = "127.0.0.1"
        config.port = port
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let (metricsPorts, metricsSink) = AsyncStream.makeStream(of: Int.self)
        let app = try await makeRelayApplication(config, logger: logger,
                                                  onListening: { portSink.yield($0) },
                                                  onMetricsListening: { metricsSink.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            // Ending the streams tells `start` the relay stopped before it was listening.
            defer {
                portSink.finish()
                metricsSink.finish()
            }
            try await group.run()
        }
        var portIterator = ports.makeAsyncIterator()
        var metricsIterator = metricsPorts.makeAsyncIterator()
        let bound = await portIterator.next()
        let metricsBound = config.metricsPort == nil ? nil : await metricsIterator.next()
        guard let bound, config.metricsPort == nil || metricsBound != nil else {
            await group.triggerGracefulShutdown()
            try await task.value
            throw RelayConfigurationError("the relay stopped before it was listening")
        }
        let scheme = config.tls == nil ? "http" : "https"
        return RunningRelay(port: bound, metricsPort: metricsBound, baseURL: "\(scheme)://127.0.0.1:\(bound)",
                            configuration: config, group: group, task: task)
    }

    /// Stops accepting connections, lets requests in flight finish, and closes the database.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

}
