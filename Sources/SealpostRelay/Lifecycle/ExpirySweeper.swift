import Logging
import ServiceLifecycle

/// Every `interval`, marks copies past their expiry as expired, drops bodies no mailbox waits for,
/// and forgets tombstones whose time has come. Reads and deposit status already treat an
/// envelope past its expiry as expired; the sweeper makes it so in the store and frees the space.
struct ExpirySweeper: Service {
    let repository: any RelayRepository
    let interval: Duration
    let clock: @Sendable () -> Int64
    let metrics: RelayMetrics
    let logger: Logger
    static let batchLimit = 1000

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    await sweep()
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: nothing is left half done, each sweep batch being one transaction.
        }
    }

    /// Sweeps until a batch finds nothing more to do.
    func sweep() async {
        var total = ExpiryReport()
        do {
            while true {
                let report = try await repository.expire(now: clock(), batchLimit: Self.batchLimit)
                total.expired += report.expired
                total.bodiesDropped += report.bodiesDropped
                total.forgotten += report.forgotten
                total.abandoned += report.abandoned
                if report.expired < Self.batchLimit && report.forgotten < Self.batchLimit && report.abandoned < Self.batchLimit { break }
                if Task.isCancelled { break }
            }
        } catch {
            logger.error("expiry sweep failed", metadata: ["error": "\(error)"])
        }
        metrics.expired(total.expired)
        if !total.isEmpty {
            logger.info("expiry sweep", metadata: ["expired": "\(total.expired)", "bodies_dropped": "\(total.bodiesDropped)",
                                                   "forgotten": "\(total.forgotten)", "abandoned_bodies": "\(total.abandoned)"])
        }
    }
}

/// Closes the store once everything that uses it has stopped (it is the first service in the
/// group, so the last to be shut down).
struct RepositoryCloser: Service {
    let repository: any RelayRepository
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        do { try await repository.close() } catch {
            logger.error("closing the relay database failed", metadata: ["error": "\(error)"])
        }
    }
}
