internal import CSodium

/// Subkey derivation (`crypto_kdf_derive_from_key`, BLAKE2b keyed with an 8-byte context and a
/// 64-bit subkey id).
public enum KDF {
    public static let masterKeyLength = Int(crypto_kdf_KEYBYTES)
    public static let contextLength = Int(crypto_kdf_CONTEXTBYTES)

    /// Derives subkey number `id` of `length` bytes (16...64) from `masterKey` under `context`,
    /// an 8-character ASCII label.
    public static func deriveKey(length: Int, id: UInt64, context: StaticString, from masterKey: SecureBytes) -> SecureBytes {
        precondition(context.utf8CodeUnitCount == contextLength, "a KDF context is exactly 8 bytes")
        precondition((Int(crypto_kdf_BYTES_MIN)...Int(crypto_kdf_BYTES_MAX)).contains(length), "KDF subkey length out of range")
        precondition(masterKey.count == masterKeyLength, "a KDF master key is 32 bytes")
        return SecureBytes(count: length) { out in
            masterKey.withUnsafeBytes { k in
                context.withUTF8Buffer { ctx in
                    ctx.withMemoryRebound(to: CChar.self) { c in
                        _ = crypto_kdf_derive_from_key(out.baseAddress!.assumingMemoryBound(to: UInt8.self), length, id,
                                                       c.baseAddress!, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
                    }
                }
            }
        }
    }
}
