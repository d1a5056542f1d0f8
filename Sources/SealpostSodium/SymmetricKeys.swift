internal import CSodium

// One type per use of a symmetric key, so that a key made for one primitive cannot be passed to
// another: an envelope's header key (a BLAKE2b MAC key) and payload key (a secretstream key) are
// different types, and swapping them does not compile. Each key holds its bytes in `SecureBytes`,
// which locks them in memory where it can and wipes them when the last copy is released. Each
// checks its length once, when it is made, so the primitives below never see a key of the wrong
// length.

/// An XChaCha20-Poly1305 key (32 bytes).
public struct AEADKey: Sendable {
    let secret: SecureBytes

    /// Takes `bytes` as the key; throws `.invalidLength` unless it is `XChaCha20Poly1305.keyLength` bytes.
    public init(_ bytes: SecureBytes) throws(SodiumError) {
        guard bytes.count == XChaCha20Poly1305.keyLength else {
            throw .invalidLength(what: "XChaCha20-Poly1305 key", expected: XChaCha20Poly1305.keyLength, actual: bytes.count)
        }
        secret = bytes
    }

    /// A fresh random key.
    public static func random() -> AEADKey { AEADKey(unchecked: .random(count: XChaCha20Poly1305.keyLength)) }

    init(unchecked bytes: SecureBytes) { secret = bytes }
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

/// A `crypto_secretstream_xchacha20poly1305` key (32 bytes).
public struct SecretStreamKey: Sendable {
    let secret: SecureBytes

    /// Throws `.invalidLength` unless `bytes` is `SecretStream.keyLength` bytes.
    public init(_ bytes: SecureBytes) throws(SodiumError) {
        guard bytes.count == SecretStream.keyLength else {
            throw .invalidLength(what: "secretstream key", expected: SecretStream.keyLength, actual: bytes.count)
        }
        secret = bytes
    }

    /// A fresh random key.
    public static func random() -> SecretStreamKey { SecretStreamKey(unchecked: .random(count: SecretStream.keyLength)) }

    init(unchecked bytes: SecureBytes) { secret = bytes }
}

/// A `crypto_kdf` master key (32 bytes), from which numbered subkeys are derived (`KDF`).
public struct KDFMasterKey: Sendable {
    let secret: SecureBytes

    /// Throws `.invalidLength` unless `bytes` is `KDF.masterKeyLength` bytes.
    public init(_ bytes: SecureBytes) throws(SodiumError) {
        guard bytes.count == KDF.masterKeyLength else {
            throw .invalidLength(what: "KDF master key", expected: KDF.masterKeyLength, actual: bytes.count)
        }
        secret = bytes
    }

    /// A fresh random master key.
    public static func random() -> KDFMasterKey { try! KDFMasterKey(.random(count: KDF.masterKeyLength)) }
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
