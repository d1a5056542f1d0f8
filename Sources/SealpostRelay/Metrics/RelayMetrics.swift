import CoreMetrics
import Prometheus
import Synchronization

/// The relay's metrics, in a registry of its own (so several relays in one process, as in tests,
/// keep theirs apart), served as Prometheus text on the metrics listener.
///
///     sealpost_relay_requests_total{route,method,status}   requests answered
///     sealpost_relay_request_duration_seconds{route}       time to answer (histogram)
///     sealpost_relay_deposits_total, ..._duplicates_total   new and repeated deposits
///     sealpost_relay_deposit_bytes_total, ..._fetch_bytes_total, ..._deletes_total
///     sealpost_relay_deposit_recipients                      mailboxes per deposit (histogram)
///     sealpost_relay_commit_batch_size                      writes per group commit (histogram)
///     sealpost_relay_commit_duration_seconds                time to commit a batch durably (histogram)
///     sealpost_relay_rate_limited_total{kind}               429s, by agency or by address
///     sealpost_relay_open_connections, ..._peak             connections open now, and the most at once
///     sealpost_relay_expired_total                          copies expired by the sweeper
///     sealpost_relay_database_up                            1 if the last health check's query succeeded, else 0
///     sealpost_relay_agreement_version                      the version of the agreement edition in force
///     sealpost_relay_reloads_total{what,outcome}            reloads: agreement or tls; adopted, unchanged or refused
final class RelayMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let deposits: CoreMetrics.Counter
    private let duplicates: CoreMetrics.Counter
    private let depositBytes: CoreMetrics.Counter
    private let fetchBytes: CoreMetrics.Counter
    private let deletes: CoreMetrics.Counter
    private let expiredCopies: CoreMetrics.Counter
    private let recipients: CoreMetrics.Recorder
    private let batchSize: CoreMetrics.Recorder
    private let commitDuration: CoreMetrics.Timer
    private let openConnections: CoreMetrics.Gauge
    private let peakConnections: CoreMetrics.Gauge
    private let connections = Mutex((open: 0, peak: 0))
    private let database: CoreMetrics.Gauge
    private let databaseState = Mutex<Bool?>(nil)
    private let agreementVersion: CoreMetrics.Gauge
    /// Per-route instruments, made once: creating them goes through the registry's lock and labels.
    private let routeInstruments = Mutex([RouteKey: (CoreMetrics.Counter, CoreMetrics.Timer?)]())

    private struct RouteKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let powers: [Double] = (0...11).map { Double(1 << $0) }
        factory.valueHistogramBuckets = ["sealpost_relay_commit_batch_size": powers, "sealpost_relay_deposit_recipients": [1, 2, 4, 8, 16, 32, 64]]
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        self.factory = factory
        deposits = CoreMetrics.Counter(label: "sealpost_relay_deposits_total", factory: factory)
        duplicates = CoreMetrics.Counter(label: "sealpost_relay_duplicates_total", factory: factory)
        depositBytes = CoreMetrics.Counter(label: "sealpost_relay_deposit_bytes_total", factory: factory)
        fetchBytes = CoreMetrics.Counter(label: "sealpost_relay_fetch_bytes_total", factory: factory)
        deletes = CoreMetrics.Counter(label: "sealpost_relay_deletes_total", factory: factory)
        expiredCopies = CoreMetrics.Counter(label: "sealpost_relay_expired_total", factory: factory)
        recipients = CoreMetrics.Recorder(label: "sealpost_relay_deposit_recipients", factory: factory)
        batchSize = CoreMetrics.Recorder(label: "sealpost_relay_commit_batch_size", factory: factory)
        commitDuration = CoreMetrics.Timer(label: "sealpost_relay_commit_duration_seconds", factory: factory)
        openConnections = CoreMetrics.Gauge(label: "sealpost_relay_open_connections", factory: factory)
        peakConnections = CoreMetrics.Gauge(label: "sealpost_relay_open_connections_peak", factory: factory)
        database = CoreMetrics.Gauge(label: "sealpost_relay_database_up", factory: factory)
        agreementVersion = CoreMetrics.Gauge(label: "sealpost_relay_agreement_version", factory: factory)
        database.record(1)
        // Every labelled series exists from the start, at zero, so alerts on a rate see it before it first moves.
        for kind in ["agency", "address"] {
            CoreMetrics.Counter(label: "sealpost_relay_rate_limited_total", dimensions: [("kind", kind)], factory: factory).increment(by: 0)
        }
        for what in ["agreement", "tls"] {
            for outcome in ["adopted", "unchanged", "refused"] {
                CoreMetrics.Counter(label: "sealpost_relay_reloads_total", dimensions: [("what", what), ("outcome", outcome)],
                                    factory: factory).increment(by: 0)
            }
        }
    }

    /// Records whether the store answered the health check; true when that differs from the last
    /// check (before the first, the store counts as answering: it answered at start).
    func databaseUp(_ up: Bool) -> Bool {
        database.record(up ? 1 : 0)
        return databaseState.withLock { last in
            defer { last = up }
            return (last ?? true) != up
        }
    }

    func agreementInForce(version: Int64) { agreementVersion.record(version) }

    /// `what` is `agreement` or `tls`; `outcome` is `adopted`, `unchanged` or `refused`.
    func reloaded(_ what: String, outcome: String) {
        CoreMetrics.Counter(label: "sealpost_relay_reloads_total", dimensions: [("what", what), ("outcome", outcome)],
                            factory: factory).increment()
    }

    func request(route: String, method: String, status: Int, duration: Duration) {
        let key = RouteKey(route: route, method: method, status: status)
        let (counter, timer) = routeInstruments.withLock { instruments in
            if let made = instruments[key] { return made }
            let made = (CoreMetrics.Counter(label: "sealpost_relay_requests_total",
                                            dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory),
                        Optional(CoreMetrics.Timer(label: "sealpost_relay_request_duration_seconds", dimensions: [("route", route)], factory: factory)))
            instruments[key] = made
            return made
        }
        counter.increment()
        timer?.recordNanoseconds(duration.nanoseconds)
    }

    func deposited(bytes: Int, recipients count: Int) {
        deposits.increment()
        depositBytes.increment(by: bytes)
        recipients.record(count)
    }

    func duplicate() { duplicates.increment() }
    func fetched(bytes: Int) { fetchBytes.increment(by: bytes) }
    func deleted() { deletes.increment() }
    func expired(_ count: Int) { if count > 0 { expiredCopies.increment(by: count) } }

    func rateLimited(kind: String) {
        CoreMetrics.Counter(label: "sealpost_relay_rate_limited_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// For the store's group committer.
    var commitObserver: @Sendable (Int, Duration) -> Void {
        { [batchSize, commitDuration] size, duration in
            batchSize.record(size)
            commitDuration.recordNanoseconds(duration.nanoseconds)
        }
    }

    func connectionOpened() {
        let (open, peak) = connections.withLock { state in
            state.open += 1
            state.peak = max(state.peak, state.open)
            return (state.open, state.peak)
        }
        openConnections.record(open)
        peakConnections.record(peak)
    }

    func connectionClosed() {
        let open = connections.withLock { state in
            state.open -= 1
            return state.open
        }
        openConnections.record(open)
    }

    /// The most connections open at once since the relay started.
    var connectionPeak: Int { connections.withLock { $0.peak } }

    /// The Prometheus text exposition of every metric.
    func exposition() -> [UInt8] { registry.emitToBuffer() }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
