import HTTPTypes
import Hummingbird
import Logging
import SealpostAgreement
import SealpostCore
import SealpostProtocol
import SealpostRecord
import SealpostSodium

/// The relay's state shared by every request: the agreement's parties, the store, the limits, the
/// clock and the relay's own key. Routes are extensions of it, one file per concern.
struct Relay: Sendable {
    let identity: Identity
    let relayKeyHex: String
    /// The agreement edition in force, replaced by reloads (`AgreementEditions`).
    let editions: AgreementEditions
    let repository: any RelayRepository
    let limits: RelayLimits
    let retention: Int64
    let tombstoneLifetime: Int64
    let acceptedHosts: Set<String>?
    let clock: @Sendable () -> Int64
    let agencyLimiter: RateLimiter?
    let addressLimiter: RateLimiter?
    let metrics: RelayMetrics
    /// Deposit bytes being received at once, across connections.
    let bodyBudget: BodyBudget
    let logger: Logger

    init(configuration: RelayConfiguration, repository: any RelayRepository, metrics: RelayMetrics, logger: Logger) {
        identity = configuration.identity
        relayKeyHex = Hex.encode(configuration.identity.signingKey.publicKey.rawRepresentation)
        editions = AgreementEditions(initial: configuration.agreement, identity: configuration.identity, clock: configuration.clock)
        self.repository = repository
        limits = configuration.limits
        retention = configuration.retention
        tombstoneLifetime = configuration.tombstoneLifetime
        acceptedHosts = configuration.acceptedHosts
        clock = configuration.clock
        agencyLimiter = configuration.limits.perAgency.map(RateLimiter.init)
        addressLimiter = configuration.limits.perAddress.map(RateLimiter.init)
        self.metrics = metrics
        bodyBudget = BodyBudget(capacity: configuration.limits.maximumBodyBytesInFlight)
        self.logger = logger
    }

    /// The relay's quota and mailbox rules in the form the store takes them.
    var quota: MailboxQuota { limits.mailboxQuota }
}

// MARK: Authentication

extension Relay {
    /// Checks a signed request's headers and signature, before any of its body is read
    /// (spec/relay.md §Verifying a request, steps 1-9). The body's hash is checked as it is read.
    ///
    /// With `claimingNonce` false, step 9 (the nonce claim) is left to the route, which must make
    /// it with `claimNonce(for:usageOf:context:)` before anything else: the deposit route does, so
    /// that the claim and its first look at the mailboxes' quota are one call to the store (one
    /// round trip to a shared database).
    func authenticate(_ request: Request, context: RelayRequestContext, claimingNonce: Bool = true) async throws -> Caller {
        let address = context.remoteHost
        if let addressLimiter, case .failure(let wait) = addressLimiter.check(address) {
            metrics.rateLimited(kind: "address")
            throw RelayFailure.rateLimited(retryAfter: wait.seconds, who: "this address")
        }
        do {
            let caller = try await verify(request)
            if claimingNonce { _ = try await claimNonce(caller, usageOf: []) }
            return caller
        } catch let failure as RelayFailure where failure.status == .unauthorized {
            // Failed attempts count against the address, so guessing costs the guesser.
            _ = addressLimiter?.take(address)
            throw failure
        }
    }

    /// Step 9 for a caller `authenticate` left it to, and the usage of each of `mailboxes` in
    /// their order once the claim is fresh. A refusal costs the address a token, as in `authenticate`.
    func claimNonce(for caller: Caller, usageOf mailboxes: [String], context: RelayRequestContext) async throws -> [MailboxUsage] {
        do {
            return try await claimNonce(caller, usageOf: mailboxes)
        } catch let failure as RelayFailure where failure.status == .unauthorized {
            _ = addressLimiter?.take(context.remoteHost)
            throw failure
        }
    }

    private func claimNonce(_ caller: Caller, usageOf mailboxes: [String]) async throws -> [MailboxUsage] {
        let signed = caller.request
        let (claim, usage) = try await repository.claimNonce(agency: signed.agency, nonce: signed.nonce, timestamp: signed.timestamp,
                                                             window: SignedRequest.maximumSkewSeconds, now: clock(), usageOf: mailboxes)
        switch claim {
        case .fresh:
            return usage
        case .replayed:
            throw RelayFailure(.unauthorized, RelayErrorCode.replayed, "this request has been received before",
                               hint: "sign every request afresh, with a new nonce")
        case .beforeLedger(let startedAt):
            throw RelayFailure(.unauthorized, RelayErrorCode.replayed,
                               "the request is timestamped \(signed.timestamp), before the relay started at \(startedAt), so it may have been received before",
                               hint: "sign the request again with the current time")
        }
    }

    private func verify(_ request: Request) async throws -> Caller {
        // The HTTP/1 layer takes the first Host header as the authority and leaves any further
        // one among the fields: two Host headers could name one host to the signature and another
        // to a proxy in front of the relay.
        guard request.headers[RelayHeaders.host] == nil else {
            throw RelayFailure.unauthenticated("the request has more than one Host header",
                                               hint: "send exactly one Host header, the one the signature covers")
        }
        let received: ReceivedSignature
        do throws(RequestSignatureError) {
            received = try ReceivedSignature(method: request.method.rawValue, target: request.head.path ?? "",
                                             host: request.head.authority) { name in
                (RelayHeaders.signed[name] ?? HTTPField.Name(name)).flatMap { request.headers[$0] }
            }
        } catch {
            throw RelayFailure.unauthenticated(error.description)
        }
        let signed = received.request
        if let acceptedHosts, !acceptedHosts.contains(signed.host) {
            throw RelayFailure.unauthenticated("this relay does not answer to the host the request names",
                                               hint: "send the request to the relay's own address")
        }
        let now = clock()
        // One snapshot for the whole request: a reload while it is in flight does not change its rules.
        let parties = editions.current.parties
        guard parties.isInForce(on: CalendarDate.today(now: Double(now))) else {
            throw RelayFailure(.unauthorized, RelayErrorCode.unknownAgency,
                               "\(parties.agreementName) is not in force today; the relay accepts no requests under it",
                               hint: "the partnership must sign and install a current agreement")
        }
        guard case .active(let key)? = parties.standing(of: signed.agency) else {
            throw RelayFailure(.unauthorized, RelayErrorCode.unknownAgency,
                               "\(signed.agency) is not an active party to \(parties.agreementName)",
                               hint: "only the agreement's active parties may use this relay")
        }
        guard received.isValid(for: key) else { throw RelayFailure.unauthenticated() }
        let skew = signed.timestamp - now
        guard abs(skew) <= SignedRequest.maximumSkewSeconds else {
            let direction = skew > 0 ? "ahead of" : "behind"
            throw RelayFailure(.unauthorized, RelayErrorCode.clockSkew,
                               "clock skew: the request is timestamped \(signed.timestamp), \(abs(skew)) s \(direction) the relay's time \(now) (Unix seconds); at most \(SignedRequest.maximumSkewSeconds) s is allowed",
                               hint: "set this computer's clock right (the relay's time is also in the \(RelayAPI.Header.relayTime) header)")
        }
        if let agencyLimiter, case .failure(let wait) = agencyLimiter.take(signed.agency) {
            metrics.rateLimited(kind: "agency")
            throw RelayFailure.rateLimited(retryAfter: wait.seconds, who: signed.agency)
        }
        return Caller(agency: signed.agency, request: signed, parties: parties)
    }
}
