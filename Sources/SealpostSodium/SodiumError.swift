/// Errors from the libsodium layer. None of them carries secret material.
public enum SodiumError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input had the wrong length for its type.
    case invalidLength(what: String, expected: Int, actual: Int)
    /// Decryption or verification failed; deliberately says nothing more.
    case authenticationFailed
    /// A public key is a low-order point (the shared secret would be all zeros).
    case weakPublicKey
    /// A parameter was out of the range this layer accepts.
    case parameterOutOfRange(String)
    /// libsodium could not allocate what Argon2id asked for.
    case outOfMemory

    public var description: String {
        switch self {
        case let .invalidLength(what, expected, actual):
            return "\(what) must be \(expected) bytes, not \(actual)"
        case .authenticationFailed:
            return "could not be authenticated"
        case .weakPublicKey:
            return "the public key is a low-order point and cannot be used"
        case let .parameterOutOfRange(detail):
            return detail
        case .outOfMemory:
            return "not enough memory for the key derivation"
        }
    }
}
