internal import CSodium

/// Ed25519 signatures (libsodium's `crypto_sign_*`, which rejects non-canonical encodings
/// and small-order points when verifying).
public enum Ed25519 {
    public static let publicKeyLength = Int(crypto_sign_PUBLICKEYBYTES)
    public static let seedLength = Int(crypto_sign_SEEDBYTES)
    public static let signatureLength = Int(crypto_sign_BYTES)

    /// A signing key. Its 64-byte expanded secret lives in wiping storage.
    public struct SigningKey: Sendable {
        private let secret: SecureBytes
        public let publicKey: PublicKey

        /// A fresh random signing key.
        public static func generate() -> SigningKey {
            try! SigningKey(seed: .random(count: Ed25519.seedLength))
        }

        /// The signing key determined by a 32-byte seed.
        public init(seed: SecureBytes) throws(SodiumError) {
            guard seed.count == Ed25519.seedLength else {
                throw .invalidLength(what: "Ed25519 seed", expected: Ed25519.seedLength, actual: seed.count)
            }
            var publicBytes = [UInt8](repeating: 0, count: Ed25519.publicKeyLength)
            secret = SecureBytes(count: Int(crypto_sign_SECRETKEYBYTES)) { sk in
                seed.withUnsafeBytes { s in
                    _ = crypto_sign_seed_keypair(&publicBytes, sk.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                                 s.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
            publicKey = PublicKey(trusted: publicBytes)
        }

        /// The 32-byte seed, for storing in an encrypted key file.
        public var seed: SecureBytes {
            secret.withUnsafeBytes { sk in SecureBytes(copying: sk[0..<Ed25519.seedLength]) }
        }

        /// A detached signature over `message`.
        public func signature(for message: [UInt8]) -> Signature {
            message.withUnsafeBytes { signature(for: $0) }
        }

        /// A detached signature over the bytes in `message`.
        public func signature(for message: UnsafeRawBufferPointer) -> Signature {
            var bytes = [UInt8](repeating: 0, count: Ed25519.signatureLength)
            secret.withUnsafeBytes { sk in
                _ = crypto_sign_detached(&bytes, nil, message.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                         UInt64(message.count), sk.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            return Signature(trusted: bytes)
        }
    }

    /// A public verifying key. Accepts any 32 bytes; whether they are a valid point is decided
    /// when verifying.
    public typealias PublicKey = PublicBytes<PublicKeyKind>
    /// A 64-byte detached signature.
    public typealias Signature = PublicBytes<SignatureKind>

    public enum PublicKeyKind: FixedLength {
        public static let length = Ed25519.publicKeyLength
        public static let name = "Ed25519 public key"
    }

    public enum SignatureKind: FixedLength {
        public static let length = Ed25519.signatureLength
        public static let name = "Ed25519 signature"
    }
}

extension PublicBytes where Kind == Ed25519.PublicKeyKind {
    /// True only if `signature` is a valid, canonical signature by this key over `message`.
    public func isValidSignature(_ signature: Ed25519.Signature, for message: [UInt8]) -> Bool {
        message.withUnsafeBytes { isValidSignature(signature, for: $0) }
    }

    public func isValidSignature(_ signature: Ed25519.Signature, for message: UnsafeRawBufferPointer) -> Bool {
        SodiumRuntime.ensure()
        return crypto_sign_verify_detached(signature.rawRepresentation,
                                           message.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                           UInt64(message.count), rawRepresentation) == 0
    }
}
