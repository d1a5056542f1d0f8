import Hummingbird
import SealpostProtocol

/// A refusal: the status, the `RelayProblem` body, and any header it needs (Retry-After).
/// Authentication failures say what the caller can fix (a missing header, its clock) and never
/// which secret-dependent check failed.
struct RelayFailure: Error, Sendable {
    var status: HTTPResponse.Status
    var problem: RelayProblem
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, hint: String? = nil, retryAfter: Int? = nil) {
        self.status = status
        self.problem = RelayProblem(error: code, message: message, hint: hint)
        self.retryAfter = retryAfter
    }

    static func unauthenticated(_ message: String = "the request could not be authenticated",
                                hint: String? = "sign the request with your agency's key as spec/relay.md describes") -> RelayFailure {
        RelayFailure(.unauthorized, RelayErrorCode.unauthenticated, message, hint: hint)
    }

    /// The one answer for anything the caller may not see or that does not exist: byte for byte
    /// the same whichever it was.
    static let notFound = RelayFailure(.notFound, RelayErrorCode.notFound, "no such envelope in your mailbox")

    static func badRequest(_ message: String, hint: String? = nil) -> RelayFailure {
        RelayFailure(.badRequest, RelayErrorCode.badRequest, message, hint: hint)
    }

    /// The answer states the limit, in its message and as `max_envelope_bytes`.
    static func tooLarge(limit: Int) -> RelayFailure {
        var failure = RelayFailure(.contentTooLarge, RelayErrorCode.tooLarge, "the envelope is larger than this relay's limit of \(limit) bytes",
                                   hint: "send a smaller envelope; the relay operator sets the limit with --max-envelope-bytes")
        failure.problem.maximumEnvelopeBytes = Int64(limit)
        return failure
    }

    static func rateLimited(retryAfter: Int, who: String) -> RelayFailure {
        RelayFailure(.tooManyRequests, RelayErrorCode.rateLimited, "too many requests from \(who)",
                     hint: "wait \(retryAfter) s before trying again", retryAfter: retryAfter)
    }

    /// The body ended before it was complete (the client closed its side, or the body timeout cut
    /// it off): the client's failure, so a 400 and not an internal error.
    static let bodyIncomplete = RelayFailure(.badRequest, RelayErrorCode.badRequest, "the request body ended before it was complete",
                                             hint: "send the whole body; the relay allows --body-timeout seconds for it")

    static let internalError = RelayFailure(.internalServerError, RelayErrorCode.internalError, "the relay could not complete the request",
                                            hint: "try again later; if it persists, tell the relay operator")
}

extension RelayErrorCode {
    /// `503`: the relay is receiving as many deposit bytes as it holds at once; try again after `Retry-After`.
    public static let busy = "busy"
}
