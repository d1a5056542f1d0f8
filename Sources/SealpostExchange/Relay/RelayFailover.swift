import SealpostProtocol

/// Retries, and failover over the relay's instances (spec/exchange.md §"Requests and retries" and
/// §"Several relays").
///
/// A round tries the instances in the route's order: the one that last answered, then the others
/// in the agreement's order. An instance that cannot be reached (connection refused, name not
/// found, TLS failure, no answer in time, the connection closed before an answer, or `502`, `503`
/// or `504` from whatever stands in front of the relay) is passed over for the next at once.
///
/// An answer from the relay itself ends the round, since every instance shares one database and
/// would say the same: a 2xx is returned; a refusal (a 4xx other than `429`: a bad signature, a
/// conflict, too large, not found) is thrown as it is, never tried elsewhere; a `429` or `500` is
/// tried again at the same instance after the backoff (rate limits are per instance, and going
/// elsewhere would dodge them).
///
/// When no instance answered, the round is repeated after the backoff: once, after 0.25 s, when
/// every connection was refused (nothing listens: say so within about a second); not at an
/// instance whose TLS failed, which would fail the same way. The final error names each instance
/// and what happened there.
///
/// A retried deposit is the same request, with the same body and so the same envelope id, signed
/// afresh for the instance it goes to: the relay's idempotency by envelope id, kept in the shared
/// database, makes it the same deposit whichever instance stored it (spec/relay.md §Deposit).
extension RelayClient {
    /// Answers that mean "not this instance": a proxy or balancer in front of a relay that is down.
    static let passOver: Set<Int> = [502, 503, 504]

    func failover(_ method: String, _ apiPath: String, query: String?, body: Body, contentType: String?,
                  signed: Bool, download: EnvelopeTransfer.Download?) async throws(ExchangeError) -> Response {
        var round = 0
        var tlsFailed = Set<Int>()
        /// What happened at each instance the last time it was tried (for the final error).
        var lastFailure: [Int: ExchangeError] = [:]
        while true {
            var failures: [(index: Int, error: ExchangeError)] = []
            var answered: ExchangeError? = nil
            var retryAfter: Double? = nil
            let order = route.order().filter { !tlsFailed.contains($0) }
            instances: for index in order {
                let endpoint = route.endpoints[index]
                let outcome: Result<Response, ExchangeError>
                if signed, let expected = route.identityToCheck(at: index),
                   let failure = try await checkIdentity(expected, at: index) {
                    outcome = .failure(failure)
                } else {
                    let target = endpoint.target(apiPath) + (query.map { "?\($0)" } ?? "")
                    outcome = await attemptOnce(endpoint: endpoint, method: method, target: target, body: body,
                                                contentType: contentType, signed: signed, download: download)
                }
                switch outcome {
                case .success(var response) where (200...299).contains(response.status):
                    response.instance = index
                    route.answered(index)
                    return response
                case .success(let response):
                    let problem = RelayJSON.decode(RelayProblem.self, from: response.body)
                    let failure = error(for: response, problem: problem, method: method, apiPath: apiPath)
                    if Self.passOver.contains(response.status) {
                        failures.append((index, failure))
                        lastFailure[index] = failure
                        retryAfter = response.retryAfter ?? retryAfter
                        passingOver(endpoint, failure, more: index != order.last)
                        continue instances
                    }
                    route.answered(index)
                    guard [429, 500].contains(response.status) else { throw failure }
                    (answered, retryAfter) = (failure, response.retryAfter)
                    break instances
                case .failure(let failure):
                    guard failure.code == .unreachable || failure.code == .tls else { throw failure }
                    if failure.code == .tls { tlsFailed.insert(index) }
                    failures.append((index, failure))
                    lastFailure[index] = failure
                    passingOver(endpoint, failure, more: index != order.last)
                }
            }
            let delay: Double?
            if answered != nil {
                delay = configuration.retry.delay(after: round, retryAfter: retryAfter)
            } else if tlsFailed.count == route.endpoints.count {
                delay = nil
            } else if failures.allSatisfy({ $0.error.message.hasSuffix(Self.refusedReason) }) {
                // Nothing listens anywhere: one quick second round (a relay restarting), then say so.
                delay = round == 0 && configuration.retry.attempts > 1 ? 0.25 : nil
            } else {
                delay = configuration.retry.delay(after: round, retryAfter: retryAfter)
            }
            guard let delay else {
                throw answered.map { Self.tried($0, rounds: round + 1) } ?? unreachable(lastFailure, rounds: round + 1)
            }
            logger.info("relay request will be retried", metadata: [
                "method": .string(method), "path": .string(apiPath), "attempt": .stringConvertible(round + 1),
                "delay_ms": .stringConvertible(Int(delay * 1000)),
                "reason": .string(answered.map { $0.relayCode ?? $0.code.rawValue } ?? ExchangeError.Code.unreachable.rawValue),
            ])
            try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
            round += 1
        }
    }

    /// Asks instance `index` who it is before a signed request goes there. Returns why it cannot be
    /// reached (to pass it over), nil when it showed `expected`; throws when it shows anything else.
    private func checkIdentity(_ expected: RelayRoute.Identity,
                               at index: Int) async throws(ExchangeError) -> ExchangeError? {
        let endpoint = route.endpoints[index]
        let path = RelayAPI.Path.health
        let hint = "every URL in the agreement's relays must be an instance of the same relay; "
            + "nothing was sent to \(endpoint). Tell the relay operator"
        switch await attemptOnce(endpoint: endpoint, method: "GET", target: endpoint.target(path), body: .bytes([]),
                                 contentType: nil, signed: false) {
        case .failure(let failure):
            guard failure.code == .unreachable || failure.code == .tls else { throw failure }
            return failure
        case .success(let response) where Self.passOver.contains(response.status):
            let problem = RelayJSON.decode(RelayProblem.self, from: response.body)
            return error(for: response, problem: problem, method: "GET", apiPath: path)
        case .success(let response):
            guard (200...299).contains(response.status),
                  let health = try? decode(RelayHealth.self, response, what: "health answer") else {
                throw ExchangeError(.relayIdentity, "the server at \(endpoint) is not a Sealpost relay: its answer to "
                                    + "GET \(path) (HTTP \(response.status)) is not a relay's health answer",
                                    hint: hint, status: response.status)
            }
            guard RelayRoute.Identity(relay: health.relay, relayKey: health.relayKey) == expected else {
                throw ExchangeError(.relayIdentity, "the relay at \(endpoint) presents itself as "
                                    + "\(RelayClient.displayable(health.relay)) with another key than the relay this run "
                                    + "began with (\(expected.relay) at \(route.current))", hint: hint)
            }
            route.checked(index)
            return nil
        }
    }

    private func passingOver(_ endpoint: RelayEndpoint, _ failure: ExchangeError, more: Bool) {
        guard route.endpoints.count > 1 else { return }
        logger.info(more ? "relay instance unreachable, trying the next" : "relay instance unreachable", metadata: [
            "relay": .string(endpoint.description), "reason": .string(reason(failure, at: endpoint))])
    }

    /// The error when no instance could be reached: with one instance, its own error; with several,
    /// one message naming each instance (in the agreement's order) and what happened there last.
    private func unreachable(_ failures: [Int: ExchangeError], rounds: Int) -> ExchangeError {
        let ordered = failures.sorted { $0.key < $1.key }
        guard route.endpoints.count > 1, let last = ordered.last?.value else {
            return Self.tried(ordered.last?.value ?? ExchangeError(.unreachable, "cannot reach the relay"), rounds: rounds)
        }
        let each = ordered.map { "\(route.endpoints[$0.key]) (\(reason($0.value, at: route.endpoints[$0.key])))" }
        let allTLS = ordered.allSatisfy { $0.value.code == .tls }
        let someTLS = ordered.contains { $0.value.code == .tls }
        let times = rounds == 1 ? "" : someTLS ? " (\(rounds) rounds; none where TLS failed)" : " (each tried \(rounds) times)"
        let hint = allTLS ? last.hint : "check that the relay is running and the relay URLs in the agreement "
            + "(sealpost agreement show) are right; sealpost sync tries again later"
        return ExchangeError(allTLS ? .tls : .unreachable,
                             "cannot reach any of the relay's \(route.endpoints.count) instances: "
                             + each.joined(separator: "; ") + times,
                             hint: hint, relayCode: last.relayCode, status: last.status)
    }

    /// What happened at one instance, without the URL the message already names.
    private func reason(_ error: ExchangeError, at endpoint: RelayEndpoint) -> String {
        let prefix = "cannot reach the relay at \(endpoint): "
        if error.message.hasPrefix(prefix) { return String(error.message.dropFirst(prefix.count)) }
        if error.code == .tls, let open = error.message.firstIndex(of: "(") {
            return "no secure TLS connection: " + error.message[open...].dropFirst().dropLast()
        }
        if let status = error.status { return "HTTP \(status)" }
        return error.message
    }

    static func tried(_ failure: ExchangeError, rounds: Int) -> ExchangeError {
        rounds == 1 ? failure : ExchangeError(failure.code, failure.message + " (tried \(rounds) times)",
                                              hint: failure.hint, relayCode: failure.relayCode, status: failure.status)
    }
}
