/// What one kind of fixed-length byte string is: its length, and its name in errors. The kinds
/// are caseless enums beside their primitive (`Ed25519.PublicKeyKind`, `SecretStream.KeyKind`),
/// used as the type parameter of `SecretKey` and `PublicBytes`, so that each kind is its own
/// type while its length check is written once.
public protocol FixedLength {
    /// The length in bytes every value of this kind has.
    static var length: Int { get }
    /// The kind in words, as `SodiumError.invalidLength` names it (`Ed25519 public key`).
    static var name: String { get }
}

/// Public bytes of the fixed length `Kind.length` (a public key, a signature): not secret, so
/// plain `[UInt8]`, compared and hashed by value. The length is checked when one is made from
/// outside; what each kind can do is in a constrained extension beside its primitive.
public struct PublicBytes<Kind: FixedLength>: Sendable, Hashable {
    public let rawRepresentation: [UInt8]

    /// Bytes this module made, of the right length by construction.
    init(trusted bytes: [UInt8]) { rawRepresentation = bytes }

    /// Takes `bytes`; throws `.invalidLength` unless it is `Kind.length` bytes.
    public init(rawRepresentation bytes: [UInt8]) throws(SodiumError) {
        guard bytes.count == Kind.length else {
            throw .invalidLength(what: Kind.name, expected: Kind.length, actual: bytes.count)
        }
        rawRepresentation = bytes
    }
}
