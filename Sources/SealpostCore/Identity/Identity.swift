import SealpostSodium

/// An agency's private identity: separate Ed25519 (signing) and X25519 (encryption) key pairs.
///
/// Signing and encryption never share a key, so a flaw or misuse on one side cannot spill
/// into the other.
public struct Identity: Sendable {
    public let agencyID: String
    public let name: String
    public let signingKey: Ed25519.SigningKey
    public let boxKey: X25519.PrivateKey

    public init(agencyID: String, name: String, signingKey: Ed25519.SigningKey, boxKey: X25519.PrivateKey) {
        (self.agencyID, self.name, self.signingKey, self.boxKey) = (agencyID, name, signingKey, boxKey)
    }

    /// A new identity with fresh random keys.
    public static func generate(agencyID: String, name: String) throws(IdentityError) -> Identity {
        try IdentityCard.check(agencyID: agencyID, name: name)
        return Identity(agencyID: agencyID, name: name, signingKey: .generate(), boxKey: .generate())
    }

    public var signingKeyID: KeyID { KeyID(signingKey.publicKey) }
    public var boxKeyID: KeyID { KeyID(boxKey.publicKey) }

    /// The public card others import to seal to this identity and check its signatures.
    public var card: IdentityCard {
        IdentityCard.make(agencyID: agencyID, name: name, signingKey: signingKey, boxKey: boxKey.publicKey)
    }
}

/// Errors about identities, cards and key files. Messages never contain key material.
public struct IdentityError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public let hint: String?
    public init(_ reason: String, hint: String? = nil) { self.reason = reason; self.hint = hint }
    public var description: String { reason }
}
