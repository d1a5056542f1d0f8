internal import CSodium

/// X25519 keys for public-key encryption (sealed boxes).
public enum X25519 {
    public static let keyLength = Int(crypto_box_PUBLICKEYBYTES)

    /// A private key, in wiping storage.
    public struct PrivateKey: Sendable {
        let secret: SecureBytes
        public let publicKey: PublicKey

        /// A fresh random private key.
        public static func generate() -> PrivateKey {
            try! PrivateKey(rawRepresentation: .random(count: X25519.keyLength))
        }

        /// The private key with these 32 bytes (clamped by X25519 as usual).
        public init(rawRepresentation bytes: SecureBytes) throws(SodiumError) {
            guard bytes.count == X25519.keyLength else {
                throw .invalidLength(what: "X25519 private key", expected: X25519.keyLength, actual: bytes.count)
            }
            secret = bytes
            var publicBytes = [UInt8](repeating: 0, count: X25519.keyLength)
            bytes.withUnsafeBytes { sk in
                _ = crypto_scalarmult_base(&publicBytes, sk.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            publicKey = PublicKey(trusted: publicBytes)
        }

        /// The 32 private bytes, for storing in an encrypted key file.
        public var rawRepresentation: SecureBytes { secret }

        /// The raw X25519 shared secret with `peer`.
        ///
        /// Throws `.weakPublicKey` when the result is all zeros, which happens exactly when `peer`
        /// is a low-order point: libsodium refuses to return such a secret.
        public func sharedSecret(with peer: PublicKey) throws(SodiumError) -> SecureBytes {
            var status: Int32 = 0
            let shared = SecureBytes(count: X25519.keyLength) { out in
                secret.withUnsafeBytes { sk in
                    status = crypto_scalarmult(out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                               sk.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                               peer.rawRepresentation)
                }
            }
            guard status == 0 else { throw .weakPublicKey }
            return shared
        }
    }

    /// A public key: any 32 bytes (X25519 accepts every encoding; low-order points fail at use).
    public typealias PublicKey = PublicBytes<PublicKeyKind>

    public enum PublicKeyKind: FixedLength {
        public static let length = X25519.keyLength
        public static let name = "X25519 public key"
    }
}

extension PublicBytes where Kind == X25519.PublicKeyKind {
    /// True for the low-order points, with which every shared secret is all zeros: no one
    /// can open what is sealed to such a key, so it is never a valid recipient.
    public var isLowOrder: Bool {
        SodiumRuntime.ensure()
        // Any clamped scalar is a multiple of the cofactor, so a low-order point maps to zero.
        var scalar = [UInt8](repeating: 0, count: X25519.keyLength)
        scalar[0] = 8
        var out = [UInt8](repeating: 0, count: X25519.keyLength)
        return crypto_scalarmult(&out, scalar, rawRepresentation) != 0
    }
}
