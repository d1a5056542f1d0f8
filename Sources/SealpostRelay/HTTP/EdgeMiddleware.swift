import HTTPTypes
import Hummingbird
import Logging
import SealpostProtocol

/// The outermost layer: turns every failure into a `RelayProblem` body, stamps every response
/// with the relay's time, closes the connection after refusing a request whose body was not read
/// (so an unwanted upload is not drained), and records the request in the log and the metrics.
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = RelayRequestContext
    let relay: Relay

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var answered: Response?
        var failure: RelayFailure?
        do {
            answered = try await next(request, context)
        } catch let refused as RelayFailure {
            failure = refused
        } catch let error as HTTPError {
            failure = Self.failure(for: error.status)
        } catch let error as any HTTPResponseError {
            failure = Self.failure(for: error.status)
        } catch {
            relay.logger.error("request failed", metadata: ["route": "\(context.endpointPath ?? "-")", "error": "\(error)"])
            failure = .internalError
        }
        var response: Response
        if let answered {
            response = answered
        } else {
            let failure = failure ?? .internalError
            response = relay.jsonResponse(failure.problem, status: failure.status)
            if let retryAfter = failure.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            if request.method == .post || request.headers[.transferEncoding] != nil || (request.headers[.contentLength].map { $0 != "0" } ?? false) {
                response.headers[.connection] = "close"
            }
        }
        // HTTP1Persistence leaves exactly this on a request after which the connection ends.
        if request.headers[.connection] == "close" { response.headers[.connection] = "close" }
        response.headers[RelayHeaders.relayTime] = String(relay.clock())
        let route = context.endpointPath ?? "unmatched"
        let elapsed = ContinuousClock.now - started
        relay.metrics.request(route: route, method: request.method.rawValue, status: response.status.code, duration: elapsed)
        let level: Logger.Level = failure == nil ? .debug : .notice
        if relay.logger.logLevel <= level {
            var metadata: Logger.Metadata = [
                "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(response.status.code)",
                "ms": "\(elapsed.milliseconds)",
            ]
            if let agency = context.trace.agency { metadata["agency"] = "\(agency)" }
            if let envelope = context.trace.envelope { metadata["envelope"] = "\(envelope)" }
            if let size = context.trace.size { metadata["size"] = "\(size)" }
            if let failure { metadata["error"] = "\(failure.problem.error)" }
            relay.logger.log(level: level, "request", metadata: metadata)
        }
        return response
    }

    static func failure(for status: HTTPResponse.Status) -> RelayFailure {
        switch status.code {
        case 404: .notFound
        case 405: RelayFailure(status, RelayErrorCode.badRequest, "this method is not allowed here", hint: "see spec/relay.md for the routes")
        case 413: RelayFailure(status, RelayErrorCode.tooLarge, "the request is too large")
        case 408: .bodyIncomplete
        case 400..<500: RelayFailure(status, RelayErrorCode.badRequest, "the request is malformed")
        default: .internalError
        }
    }
}

/// Runs before every signed route: checks the signature headers and puts the caller in the context.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = RelayRequestContext
    let relay: Relay

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // The deposit (POST /v1/envelopes) makes the nonce claim itself, with its quota look; every
        // other request, including any POST route added later, is claimed here, so none goes
        // without replay protection.
        let deposit = request.method == .post && request.uri.path == RelayAPI.Path.envelopes
        let caller = try await relay.authenticate(request, context: context, claimingNonce: !deposit)
        context.caller = caller
        context.trace.note(agency: caller.agency)
        return try await next(request, context)
    }
}

enum RelayHeaders {
    static let relayTime = HTTPField.Name(RelayAPI.Header.relayTime)!
    /// A Host header left among the fields: the HTTP/1 layer moves only the first into the authority.
    static let host = HTTPField.Name("Host")!
    /// The signature headers by the names `ReceivedSignature` asks for, made once.
    static let signed: [String: HTTPField.Name] = Dictionary(uniqueKeysWithValues: [
        RelayAPI.Header.agency, RelayAPI.Header.timestamp, RelayAPI.Header.nonce, RelayAPI.Header.contentHash, RelayAPI.Header.signature,
    ].map { ($0, HTTPField.Name($0)!) })
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
