internal import CSodium

/// Subkey derivation (`crypto_kdf_derive_from_key`, BLAKE2b keyed with an 8-byte context and a
/// 64-bit subkey id).
public enum KDF {
    public static let masterKeyLength = Int(crypto_kdf_KEYBYTES)
    public static let contextLength = Int(crypto_kdf_CONTEXTBYTES)

    /// Derives subkey number `id` of `length` bytes (16...64) from `masterKey` under `context`,
    /// an 8-character ASCII label.
    /// Traps on a context that is not 8 bytes or a length out of range: both are constants of
    /// the caller's format, never input.
    public static func deriveKey(length: Int, id: UInt64, context: StaticString, from masterKey: KDFMasterKey) -> SecureBytes {
        precondition(context.utf8CodeUnitCount == contextLength, "a KDF context is exactly 8 bytes")
        precondition((Int(crypto_kdf_BYTES_MIN)...Int(crypto_kdf_BYTES_MAX)).contains(length), "KDF subkey length out of range")
        return SecureBytes(count: length) { out in
            masterKey.secret.withUnsafeBytes { k in
                context.withUTF8Buffer { ctx in
                    ctx.withMemoryRebound(to: CChar.self) { c in
                        _ = crypto_kdf_derive_from_key(out.baseAddress!.assumingMemoryBound(to: UInt8.self), length, id,
                                                       c.baseAddress!, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
                    }
                }
            }
        }
    }

    /// Subkey `id` as a secretstream key.
    public static func deriveSecretStreamKey(id: UInt64, context: StaticString, from masterKey: KDFMasterKey) -> SecretStreamKey {
        SecretStreamKey(unchecked: deriveKey(length: SecretStream.keyLength, id: id, context: context, from: masterKey))
    }

    /// Subkey `id` as an XChaCha20-Poly1305 key.
    public static func deriveAEADKey(id: UInt64, context: StaticString, from masterKey: KDFMasterKey) -> AEADKey {
        AEADKey(unchecked: deriveKey(length: XChaCha20Poly1305.keyLength, id: id, context: context, from: masterKey))
    }

    /// Subkey `id` as a BLAKE2b MAC key of `length` bytes (16 to 64).
    public static func deriveHashKey(length: Int = 32, id: UInt64, context: StaticString,
                                     from masterKey: KDFMasterKey) -> BLAKE2b.Key {
        BLAKE2b.Key(unchecked: deriveKey(length: length, id: id, context: context, from: masterKey))
    }
}
