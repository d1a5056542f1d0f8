/// Why an envelope could not be opened.
///
/// Every failure falls into one of a fixed set of categories, checked in the order of
/// `spec/envelope.md` §"Opening". Authentication failures carry no detail: which check
/// failed inside the cryptography is never revealed.
public struct EnvelopeError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Category: String, CaseIterable, Sendable {
        case unsupportedVersion = "unsupported_version"
        case malformedHeader = "malformed_header"
        case noMatchingIdentity = "no_matching_identity"
        case headerAuthenticationFailed = "header_authentication_failed"
        case payloadAuthenticationFailed = "payload_authentication_failed"
        case truncated = "truncated"
        case trailingData = "trailing_data"
        case signatureInvalid = "signature_invalid"
        case notAddressedToThisIdentity = "not_addressed_to_this_identity"
        case senderUnknown = "sender_unknown"
    }

    public let category: Category
    /// Structural detail (never secret-dependent), such as the unsupported version number or the
    /// malformed field, or the reason a sender is not trusted.
    public let detail: String?

    public init(_ category: Category, _ detail: String? = nil) {
        self.category = category
        self.detail = detail
    }

    /// Equal by category, so tests match on what kind of failure it was.
    public static func == (lhs: EnvelopeError, rhs: EnvelopeError) -> Bool { lhs.category == rhs.category }

    public var description: String {
        switch category {
        case .unsupportedVersion: return "unsupported envelope \(detail ?? "version")"
        case .malformedHeader: return "malformed envelope header" + (detail.map { ": \($0)" } ?? "")
        case .noMatchingIdentity: return "this envelope is not sealed to your identity (no recipient slot opens with your key)"
        case .headerAuthenticationFailed: return "the envelope header could not be authenticated"
        case .payloadAuthenticationFailed: return "the envelope payload could not be authenticated"
        case .truncated: return "the envelope is truncated"
        case .trailingData: return "the envelope has data after its final chunk"
        case .signatureInvalid: return "the sender's signature is not valid"
        case .notAddressedToThisIdentity: return "this envelope is not addressed to this identity (its signed recipient list does not name your key)"
        case .senderUnknown: return "the sender is not trusted" + (detail.map { ": \($0)" } ?? "")
        }
    }

    /// What the user can do about it.
    public var hint: String {
        switch category {
        case .unsupportedVersion: return "this envelope was made by a newer or different program; ask the sender which version made it"
        case .malformedHeader: return "the file is not a Sealpost envelope or was damaged in transit; ask the sender to send it again"
        case .noMatchingIdentity: return "check that --home points at the identity the envelope was sealed to"
        case .headerAuthenticationFailed, .payloadAuthenticationFailed, .signatureInvalid:
            return "the envelope was altered or damaged; do not trust it, and ask the sender to send it again"
        case .truncated: return "the envelope is incomplete; fetch or copy it again"
        case .trailingData: return "the envelope was altered or two files were joined; ask the sender to send it again"
        case .notAddressedToThisIdentity: return "a recipient may have forwarded it to you; ask the original sender to send it to you directly"
        case .senderUnknown: return "import the sender's identity card (sealpost import-card), or pass it with --from, after checking its fingerprint with them"
        }
    }
}
