internal import CSodium

/// `crypto_secretstream_xchacha20poly1305`: a sequence of authenticated messages under one key,
/// in which reordering, dropping, duplicating and truncating messages are all detected.
public enum SecretStream {
    public static let keyLength = Int(crypto_secretstream_xchacha20poly1305_KEYBYTES)
    public static let headerLength = Int(crypto_secretstream_xchacha20poly1305_HEADERBYTES)
    /// Bytes each message adds (1 encrypted tag byte and a 16-byte MAC).
    public static let overhead = Int(crypto_secretstream_xchacha20poly1305_ABYTES)

    /// The tag carried, encrypted, by each message.
    public enum Tag: UInt8, Sendable {
        case message = 0
        case push = 1
        case rekey = 2
        case final = 3
    }

    /// The encrypting side. Holds its key schedule in memory that is wiped on release.
    public final class Pusher {
        private let state: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>
        /// The stream header the puller needs (public, random).
        public let header: [UInt8]

        public init(key: SecretStreamKey) {
            SodiumRuntime.ensure()
            let state = UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>.allocate(capacity: 1)
            var header = [UInt8](repeating: 0, count: SecretStream.headerLength)
            key.secret.withUnsafeBytes { k in
                _ = crypto_secretstream_xchacha20poly1305_init_push(state, &header, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            self.state = state
            self.header = header
        }

        deinit {
            sodium_memzero(state, MemoryLayout<crypto_secretstream_xchacha20poly1305_state>.size)
            state.deallocate()
        }

        /// Encrypts `message` into `output`, which must hold `message.count + overhead` bytes.
        /// Returns the number of bytes written.
        @discardableResult
        public func push(_ message: UnsafeRawBufferPointer, tag: Tag, additionalData: UnsafeRawBufferPointer,
                         into output: UnsafeMutableRawBufferPointer) -> Int {
            push(message, rawTag: tag.rawValue, additionalData: additionalData, into: output)
        }

        /// Encrypts with any tag byte, including the ones no version of Sealpost sends (PUSH, REKEY,
        /// and bytes above 3, which libsodium's push does not check): for test vectors that show
        /// readers refusing them.
        @discardableResult
        package func push(_ message: UnsafeRawBufferPointer, rawTag: UInt8, additionalData: UnsafeRawBufferPointer,
                          into output: UnsafeMutableRawBufferPointer) -> Int {
            precondition(output.count >= message.count + SecretStream.overhead, "secretstream output buffer too small")
            var written: UInt64 = 0
            _ = crypto_secretstream_xchacha20poly1305_push(
                state, output.baseAddress!.assumingMemoryBound(to: UInt8.self), &written,
                message.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(message.count),
                additionalData.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(additionalData.count), rawTag)
            return Int(written)
        }

        /// Encrypts `message` and returns the ciphertext.
        public func push(_ message: [UInt8], tag: Tag, additionalData: [UInt8] = []) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: message.count + SecretStream.overhead)
            message.withUnsafeBytes { m in
                additionalData.withUnsafeBytes { ad in
                    out.withUnsafeMutableBytes { o in _ = push(m, tag: tag, additionalData: ad, into: o) }
                }
            }
            return out
        }
    }

    /// The decrypting side.
    public final class Puller {
        private let state: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>

        /// Starts a stream from its header. Any 24 bytes are accepted here; a wrong header
        /// shows as an authentication failure on the first message.
        public init(key: SecretStreamKey, header: [UInt8]) throws(SodiumError) {
            guard header.count == SecretStream.headerLength else {
                throw .invalidLength(what: "secretstream header", expected: SecretStream.headerLength, actual: header.count)
            }
            SodiumRuntime.ensure()
            let state = UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>.allocate(capacity: 1)
            self.state = state
            let status = key.secret.withUnsafeBytes { k in
                crypto_secretstream_xchacha20poly1305_init_pull(state, header, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            // deinit releases `state` if this throws.
            guard status == 0 else { throw .authenticationFailed }
        }

        deinit {
            sodium_memzero(state, MemoryLayout<crypto_secretstream_xchacha20poly1305_state>.size)
            state.deallocate()
        }

        /// Decrypts and authenticates `ciphertext` into `output` (at least `ciphertext.count - overhead`
        /// bytes). Returns the plaintext length and the message's tag.
        public func pull(_ ciphertext: UnsafeRawBufferPointer, additionalData: UnsafeRawBufferPointer,
                         into output: UnsafeMutableRawBufferPointer) throws(SodiumError) -> (count: Int, tag: Tag) {
            guard ciphertext.count >= SecretStream.overhead else { throw .authenticationFailed }
            precondition(output.count >= ciphertext.count - SecretStream.overhead, "secretstream output buffer too small")
            var written: UInt64 = 0
            var tag: UInt8 = 0
            let status = crypto_secretstream_xchacha20poly1305_pull(
                state, output.baseAddress!.assumingMemoryBound(to: UInt8.self), &written, &tag,
                ciphertext.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(ciphertext.count),
                additionalData.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(additionalData.count))
            guard status == 0, let decoded = Tag(rawValue: tag) else { throw .authenticationFailed }
            return (Int(written), decoded)
        }

        /// Decrypts `ciphertext` and returns the plaintext with its tag.
        public func pull(_ ciphertext: [UInt8], additionalData: [UInt8] = []) throws(SodiumError) -> (plaintext: [UInt8], tag: Tag) {
            var out = [UInt8](repeating: 0, count: max(ciphertext.count - SecretStream.overhead, 0))
            let outcome: Result<(count: Int, tag: Tag), SodiumError> = ciphertext.withUnsafeBytes { c in
                additionalData.withUnsafeBytes { ad in
                    out.withUnsafeMutableBytes { o in
                        Result { () throws(SodiumError) in try pull(c, additionalData: ad, into: o) }
                    }
                }
            }
            let result = try outcome.get()
            return (Array(out[0..<result.count]), result.tag)
        }
    }
}
