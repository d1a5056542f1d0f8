internal import CSodium

/// Passphrase-based key derivation with Argon2id v1.3 (`crypto_pwhash`, ALG_ARGON2ID13).
public enum Argon2id {
    public static let saltLength = Int(crypto_pwhash_SALTBYTES)
    /// libsodium's own lower bounds; callers impose their own upper bounds before calling.
    public static let minimumOpsLimit = UInt64(crypto_pwhash_OPSLIMIT_MIN)
    public static let minimumMemLimit = UInt64(crypto_pwhash_MEMLIMIT_MIN)
    public static let interactive = (opsLimit: UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE), memLimit: UInt64(crypto_pwhash_MEMLIMIT_INTERACTIVE))
    public static let moderate = (opsLimit: UInt64(crypto_pwhash_OPSLIMIT_MODERATE), memLimit: UInt64(crypto_pwhash_MEMLIMIT_MODERATE))
    public static let sensitive = (opsLimit: UInt64(crypto_pwhash_OPSLIMIT_SENSITIVE), memLimit: UInt64(crypto_pwhash_MEMLIMIT_SENSITIVE))

    /// Derives `length` bytes from `passphrase` and `salt`.
    public static func deriveKey(length: Int, passphrase: SecureBytes, salt: [UInt8],
                                 opsLimit: UInt64, memLimit: UInt64) throws(SodiumError) -> SecureBytes {
        SodiumRuntime.ensure()
        guard salt.count == saltLength else {
            throw .invalidLength(what: "Argon2id salt", expected: saltLength, actual: salt.count)
        }
        guard opsLimit >= minimumOpsLimit, memLimit >= minimumMemLimit, memLimit <= UInt64(Int.max) else {
            throw .parameterOutOfRange("Argon2id limits below libsodium's minimum")
        }
        var status: Int32 = 0
        let key = SecureBytes(count: length) { out in
            passphrase.withUnsafeBytes { p in
                let empty: CChar = 0
                status = withUnsafePointer(to: empty) { fallback in
                    crypto_pwhash(out.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(length),
                                  p.baseAddress?.assumingMemoryBound(to: CChar.self) ?? fallback, UInt64(p.count),
                                  salt, opsLimit, Int(memLimit), crypto_pwhash_ALG_ARGON2ID13)
                }
            }
        }
        guard status == 0 else { throw .outOfMemory }
        return key
    }
}
