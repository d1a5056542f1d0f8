internal import CSodium

/// Anonymous public-key encryption (`crypto_box_seal`): an ephemeral X25519 key per message,
/// so the ciphertext names neither sender nor recipient.
///
/// Layout: ephemeral public key (32) || XSalsa20-Poly1305 ciphertext of the message (16-byte tag first).
public enum SealedBox {
    /// Bytes a sealed box adds to its message.
    public static let overhead = crypto_box_sealbytes()

    /// Seals `message` so that only the holder of `recipient`'s private key can open it.
    ///
    /// Throws `.weakPublicKey` if `recipient` is a low-order point, to which nothing can be sealed.
    public static func seal(_ message: SecureBytes, to recipient: X25519.PublicKey) throws(SodiumError) -> [UInt8] {
        SodiumRuntime.ensure()
        var out = [UInt8](repeating: 0, count: message.count + overhead)
        let status = message.withUnsafeBytes { m in
            crypto_box_seal(&out, m.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(m.count),
                            recipient.rawRepresentation)
        }
        guard status == 0 else { throw .weakPublicKey }
        return out
    }

    /// Opens a sealed box addressed to `key`.
    ///
    /// Throws `.authenticationFailed` for anything that is not a box sealed to this key, including
    /// boxes whose ephemeral key is a low-order point.
    public static func open(_ box: UnsafeRawBufferPointer, with key: X25519.PrivateKey) throws(SodiumError) -> SecureBytes {
        SodiumRuntime.ensure()
        guard box.count >= overhead else { throw .authenticationFailed }
        var status: Int32 = 0
        let message = SecureBytes(count: box.count - overhead) { out in
            key.secret.withUnsafeBytes { sk in
                status = crypto_box_seal_open(out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                              box.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                              UInt64(box.count), key.publicKey.rawRepresentation,
                                              sk.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        guard status == 0 else { throw .authenticationFailed }
        return message
    }

    public static func open(_ box: [UInt8], with key: X25519.PrivateKey) throws(SodiumError) -> SecureBytes {
        let result: Result<SecureBytes, SodiumError> = box.withUnsafeBytes { b in Result { () throws(SodiumError) in try open(b, with: key) } }
        return try result.get()
    }

    /// What `seal` would make with `ephemeral` as its ephemeral public key, if X25519 of any secret
    /// with it gave all zeros, as it does for a low-order point: the box is under
    /// `HSalsa20(0^32, 0^16)`, so a reader that skips libsodium's all-zero check would open it with
    /// *any* key. For test vectors only: readers must refuse such a slot (spec/envelope.md, step 3).
    package static func sealAssumingZeroSharedSecret(_ message: [UInt8], ephemeral: [UInt8], to recipient: [UInt8]) -> [UInt8] {
        SodiumRuntime.ensure()
        var key = [UInt8](repeating: 0, count: 32)
        let zeros = [UInt8](repeating: 0, count: 32)
        _ = crypto_core_hsalsa20(&key, zeros, zeros, nil)
        var nonce = [UInt8](repeating: 0, count: 24)
        let input = ephemeral + recipient
        _ = crypto_generichash(&nonce, 24, input, UInt64(input.count), nil, 0)
        var box = [UInt8](repeating: 0, count: message.count + 16)
        _ = crypto_secretbox_easy(&box, message, UInt64(message.count), nonce, key)
        return ephemeral + box
    }
}
