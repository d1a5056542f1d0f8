import SealpostCore

/// How a face (the command line, the web app) reaches the relay: an override of the agreement's
/// relay URLs (one URL, used alone), a private CA, and how often to retry.
public struct RelayAccess: Sendable {
    public var override: String?
    public var caFile: String?
    public var retry: RetryPolicy

    public init(override: String? = nil, caFile: String? = nil, retry: RetryPolicy = RetryPolicy()) {
        (self.override, self.caFile, self.retry) = (override, caFile, retry)
    }
}

extension RelaySession {
    /// Runs `body` with a checked relay session while holding the home's exchange lock. Unless
    /// `finishPending` is false, work an earlier run left unfinished (acknowledgements, deposits,
    /// declines) is done first and handed to `pending`.
    public static func run<T: Sendable>(
        _ context: ExchangeContext, access: RelayAccess, finishPending: Bool = true,
        pending: @Sendable (Pending.Report) -> Void = { _ in },
        _ body: @Sendable (RelaySession) async throws -> T
    ) async throws -> T {
        let endpoints = try RelayEndpoint.resolve(override: access.override, agreement: context.agreement)
        let configuration = RelayClient.Configuration(endpoints: endpoints, caFile: access.caFile, retry: access.retry)
        let lock = try HomeLock(home: context.home)
        defer { lock.release() }
        return try await RelayClient.with(configuration, identity: context.identity, logger: context.logger) { client in
            let session = try await RelaySession.connect(context, client: client)
            if finishPending { pending(try await Pending.finish(session: session)) }
            return try await body(session)
        }
    }
}
