import SealpostCore

/// Why an exchange operation could not be done: a stable code for tests and scripts, what is
/// wrong, and what to do about it.
///
/// Messages name agencies, envelope ids, paths, sizes and HTTP statuses; never record content,
/// keys, passphrases, or the identities that redaction protects.
public struct ExchangeError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// No relay URL: the agreement names none and none was given.
        case noRelay = "no_relay"
        /// The relay URL is not usable (bad scheme, plain http to a remote host...).
        case relayURL = "relay_url"
        /// The relay could not be reached, or kept failing after every retry.
        case unreachable
        /// TLS failed: an untrusted certificate, a protocol below TLS 1.3, a name mismatch.
        case tls
        /// The relay is not the one the agreement names, or signed a receipt that does not verify.
        case relayIdentity = "relay_identity"
        /// The relay refused a request; `relayCode` says why.
        case refused
        /// The relay refused our signature because the clocks differ too much.
        case clockSkew = "clock_skew"
        /// No such envelope in this agency's mailbox (or in the local stores).
        case notFound = "not_found"
        /// An envelope id prefix matches more than one envelope.
        case ambiguous
        /// Not an envelope id nor a usable prefix of one.
        case invalidID = "invalid_id"
        /// The envelope could not be opened or is not acceptable (THREATS.md refusals).
        case envelope
        /// The agreement does not allow this exchange, or none is in force.
        case agreement
        /// The record cannot be sent as it stands (invalid, or decisions outstanding).
        case record
        /// A local store could not be read or written (disk full, permissions...).
        case storage
        /// An acknowledgement that does not match what was sent.
        case acknowledgement
        /// The home's receipt log cannot be read or written.
        case log = "receipt_log"
        /// A counterpart holds a checkpoint of this home's receipt log that the log contradicts:
        /// the log was truncated, restored from an old copy, or rewritten.
        case logContradicted = "log_contradicted"
        /// What was asked for is sealed at rest and the home was not unlocked.
        case locked
    }

    public let code: Code
    public let message: String
    public let hint: String?
    /// For `.refused` and `.clockSkew`: the relay's stable error code and HTTP status.
    public let relayCode: String?
    public let status: Int?

    public init(_ code: Code, _ message: String, hint: String? = nil, relayCode: String? = nil, status: Int? = nil) {
        (self.code, self.message, self.hint, self.relayCode, self.status) = (code, message, hint, relayCode, status)
    }

    /// Equal by code, so tests match on what kind of failure it was.
    public static func == (lhs: ExchangeError, rhs: ExchangeError) -> Bool { lhs.code == rhs.code }

    public var description: String { message }

    static func storage(_ error: IOError, doing what: String) -> ExchangeError {
        ExchangeError(.storage, "cannot \(what): \(error.path): \(error.reason)",
                      hint: "check free space and permissions; nothing was half-written, so run the command again once fixed")
    }
}
