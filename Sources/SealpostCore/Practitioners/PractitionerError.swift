/// Errors about practitioner accounts and their key slots. Messages never contain a passphrase or
/// key material. Equality is by `code`, so tests can match an error without its wording.
///
/// Signing in gives exactly one error, `.signInFailed`, whatever was wrong (no such practitioner,
/// wrong passphrase, damaged or relabelled slot), so that it tells an attacker nothing.
public struct PractitionerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The name or role breaks the text rules.
        case invalidName, invalidRole
        /// A new practitioner's passphrase is too short, or is the agency's own.
        case weakPassphrase
        /// Another practitioner already has this name.
        case duplicateName
        /// No practitioner with this name or id (for `remove`; signing in says `.signInFailed`).
        case notFound
        /// The slot is not a well-formed practitioner slot (spec/practitioners.md §Reading).
        case malformed
        /// The slot asks for Argon2id limits outside the accepted range; refused before hashing.
        case limits
        /// The slot did not open: wrong passphrase, or an authenticated byte was changed.
        case unlockFailed
        /// The one error of `Practitioners.unlock` for anything that is not a successful sign-in.
        case signInFailed
        /// The slot opened but its keys are not the home's (its card).
        case wrongIdentity
        /// A file could not be read or written.
        case storage
    }

    public let code: Code
    public let reason: String
    public let hint: String?

    public init(_ code: Code, _ reason: String, hint: String? = nil) {
        (self.code, self.reason, self.hint) = (code, reason, hint)
    }

    public var description: String { reason }

    public static func == (lhs: PractitionerError, rhs: PractitionerError) -> Bool { lhs.code == rhs.code }

    /// The sign-in failure: the same words for an unknown practitioner, a wrong passphrase and a damaged slot.
    public static let signInFailure = PractitionerError(
        .signInFailed, "could not sign in: the practitioner's name or passphrase is wrong",
        hint: "check both and try again; an administrator can list practitioners with: sealpost user list")
}
