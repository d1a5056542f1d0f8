internal import CSodium

/// The XChaCha20-Poly1305 AEAD (`crypto_aead_xchacha20poly1305_ietf_*`): 32-byte key,
/// 24-byte nonce (safe to choose at random), 16-byte tag appended to the ciphertext.
public enum XChaCha20Poly1305 {
    public static let keyLength = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    public static let nonceLength = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    public static let tagLength = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    /// Encrypts `plaintext` and returns ciphertext || tag.
    public static func seal(_ plaintext: SecureBytes, key: AEADKey, nonce: AEADNonce,
                            additionalData: [UInt8]) -> [UInt8] {
        SodiumRuntime.ensure()
        let nonce = nonce.bytes
        var out = [UInt8](repeating: 0, count: plaintext.count + tagLength)
        var written: UInt64 = 0
        plaintext.withUnsafeBytes { m in
            key.secret.withUnsafeBytes { k in
                _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                    &out, &written, m.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(m.count),
                    additionalData, UInt64(additionalData.count), nil, nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        return out
    }

    /// Authenticates and decrypts ciphertext || tag. Throws `.authenticationFailed` and nothing more specific.
    public static func open(_ ciphertext: [UInt8], key: AEADKey, nonce: AEADNonce,
                            additionalData: [UInt8]) throws(SodiumError) -> SecureBytes {
        SodiumRuntime.ensure()
        let nonce = nonce.bytes
        guard ciphertext.count >= tagLength else { throw .authenticationFailed }
        var status: Int32 = 0
        let plaintext = SecureBytes(count: ciphertext.count - tagLength) { out in
            key.secret.withUnsafeBytes { k in
                var written: UInt64 = 0
                status = crypto_aead_xchacha20poly1305_ietf_decrypt(
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self), &written, nil, ciphertext, UInt64(ciphertext.count),
                    additionalData, UInt64(additionalData.count), nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        guard status == 0 else { throw .authenticationFailed }
        return plaintext
    }
}
