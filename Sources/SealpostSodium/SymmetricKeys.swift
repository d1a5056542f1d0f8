internal import CSodium

// One type per use of a symmetric key, so that a key made for one primitive cannot be passed to
// another: an envelope's header key (a BLAKE2b MAC key) and payload key (a secretstream key) are
// different types, and swapping them does not compile. The fixed-length keys are one generic,
// `SecretKey<Kind>`, whose `Kind` (a `FixedLength` caseless enum) names the primitive: the length
// check and random generation are written once, and `SecretKey<SecretStream.KeyKind>` still does
// not convert to `SecretKey<XChaCha20Poly1305.KeyKind>`. Each key holds its bytes in
// `SecureBytes`, which locks them in memory where it can and wipes them when the last copy is
// released, and checks its length once, when it is made, so the primitives below never see a key
// of the wrong length.

/// A secret key of the fixed length `Kind.length`, for the one primitive `Kind` names.
public struct SecretKey<Kind: FixedLength>: Sendable {
    let secret: SecureBytes

    /// Takes `bytes` as the key; throws `.invalidLength` unless it is `Kind.length` bytes.
    public init(_ bytes: SecureBytes) throws(SodiumError) {
        guard bytes.count == Kind.length else {
            throw .invalidLength(what: Kind.name, expected: Kind.length, actual: bytes.count)
        }
        secret = bytes
    }

    /// A fresh random key.
    public static func random() -> Self { Self(unchecked: .random(count: Kind.length)) }

    init(unchecked bytes: SecureBytes) { secret = bytes }
}

/// An XChaCha20-Poly1305 key (32 bytes).
public typealias AEADKey = SecretKey<XChaCha20Poly1305.KeyKind>
/// A `crypto_secretstream_xchacha20poly1305` key (32 bytes).
public typealias SecretStreamKey = SecretKey<SecretStream.KeyKind>
/// A `crypto_kdf` master key (32 bytes), from which numbered subkeys are derived (`KDF`).
public typealias KDFMasterKey = SecretKey<KDF.MasterKeyKind>

extension XChaCha20Poly1305 {
    public enum KeyKind: FixedLength {
        public static let length = XChaCha20Poly1305.keyLength
        public static let name = "XChaCha20-Poly1305 key"
    }
}

extension SecretStream {
    public enum KeyKind: FixedLength {
        public static let length = SecretStream.keyLength
        public static let name = "secretstream key"
    }
}

extension KDF {
    public enum MasterKeyKind: FixedLength {
        public static let length = KDF.masterKeyLength
        public static let name = "KDF master key"
    }
}

/// An XChaCha20-Poly1305 nonce (24 bytes). Not secret; random nonces of this length are safe.
public struct AEADNonce: Sendable, Hashable {
    public let bytes: [UInt8]

    /// Throws `.invalidLength` unless `bytes` is `XChaCha20Poly1305.nonceLength` bytes.
    public init(_ bytes: [UInt8]) throws(SodiumError) {
        guard bytes.count == XChaCha20Poly1305.nonceLength else {
            throw .invalidLength(what: "XChaCha20-Poly1305 nonce", expected: XChaCha20Poly1305.nonceLength, actual: bytes.count)
        }
        self.bytes = bytes
    }

    /// A fresh random nonce.
    public static func random() -> AEADNonce {
        try! AEADNonce(RandomBytes.make(count: XChaCha20Poly1305.nonceLength))
    }
}

extension BLAKE2b {
    /// A key for BLAKE2b used as a MAC (16 to 64 bytes; `crypto_generichash_KEYBYTES_MIN...MAX`).
    public struct Key: Sendable {
        let secret: SecureBytes

        /// Throws `.invalidLength` unless `bytes` is 16 to 64 bytes long.
        public init(_ bytes: SecureBytes) throws(SodiumError) {
            let range = Int(crypto_generichash_KEYBYTES_MIN)...Int(crypto_generichash_KEYBYTES_MAX)
            guard range.contains(bytes.count) else {
                throw .invalidLength(what: "BLAKE2b key", expected: Int(crypto_generichash_KEYBYTES), actual: bytes.count)
            }
            secret = bytes
        }

        init(unchecked bytes: SecureBytes) { secret = bytes }
    }

    /// The keyed hash (MAC) of `data` under `key`.
    public static func hash(_ data: [UInt8], outputLength: Int = 32, key: Key) -> [UInt8] {
        hash(data, outputLength: outputLength, key: key.secret)
    }
}
