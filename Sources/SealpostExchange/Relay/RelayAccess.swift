import SealpostCore

/// How a face (the command line, the web app) reaches the relay: an override of the agreement's
/// relay URLs (one URL, used alone), a private CA, how often to retry and how long to wait.
public struct RelayAccess: Sendable {
    public var override: String?
    public var caFile: String?
    public var retry: RetryPolicy
    /// Seconds to wait for a connection, and for an answer (a body's transfer time is added).
    public var connectTimeout: Double = 10
    public var requestTimeout: Double = 120

    public init(override: String? = nil, caFile: String? = nil, retry: RetryPolicy = RetryPolicy()) {
        (self.override, self.caFile, self.retry) = (override, caFile, retry)
    }

    /// This access for a page that must not wait on the relay (the web app's Home): one attempt,
    /// a few seconds at most.
    public var glance: RelayAccess {
        var quick = self
        quick.retry = .none
        quick.connectTimeout = min(connectTimeout, 3)
        quick.requestTimeout = min(requestTimeout, 10)
        return quick
    }
}

extension RelaySession {
    /// Runs `body` with a checked relay session while holding the home's exchange lock. Unless
    /// `finishPending` is false, work an earlier run left unfinished (acknowledgements, deposits,
    /// declines) is done first and handed to `pending`.
    ///
    /// `locking: false` is only for a body that changes nothing in the home (a listing): it then
    /// neither waits for nor blocks a send, open or sync under way.
    public static func run<T: Sendable>(
        _ context: ExchangeContext, access: RelayAccess, finishPending: Bool = true, locking: Bool = true,
        pending: @Sendable (Pending.Report) -> Void = { _ in },
        _ body: @Sendable (RelaySession) async throws -> T
    ) async throws -> T {
        let endpoints = try RelayEndpoint.resolve(override: access.override, agreement: context.agreement)
        let configuration = RelayClient.Configuration(endpoints: endpoints, caFile: access.caFile, retry: access.retry,
                                                      connectTimeout: access.connectTimeout, requestTimeout: access.requestTimeout)
        // Finishing pending work changes the home, so it always takes the lock.
        let lock = locking || finishPending ? try HomeLock(home: context.home) : nil
        defer { lock?.release() }
        return try await RelayClient.with(configuration, identity: context.identity, logger: context.logger) { client in
            let session = try await RelaySession.connect(context, client: client)
            if finishPending { pending(try await Pending.finish(session: session)) }
            return try await body(session)
        }
    }
}
