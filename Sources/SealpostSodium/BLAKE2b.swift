internal import CSodium

/// BLAKE2b (`crypto_generichash`), keyed or unkeyed, with 16- to 64-byte output.
public enum BLAKE2b {
    public static let minimumOutputLength = Int(crypto_generichash_BYTES_MIN)
    public static let maximumOutputLength = Int(crypto_generichash_BYTES_MAX)
    /// Keys longer than this are refused by libsodium, which would otherwise leave an all-zero output.
    public static let maximumKeyLength = Int(crypto_generichash_KEYBYTES_MAX)

    /// The hash of `data`, optionally keyed (a MAC when `key` is secret).
    public static func hash(_ data: [UInt8], outputLength: Int = 32, key: SecureBytes? = nil) -> [UInt8] {
        data.withUnsafeBytes { hash($0, outputLength: outputLength, key: key) }
    }

    public static func hash(_ data: UnsafeRawBufferPointer, outputLength: Int = 32, key: SecureBytes? = nil) -> [UInt8] {
        precondition((minimumOutputLength...maximumOutputLength).contains(outputLength), "BLAKE2b output length out of range")
        precondition((key?.count ?? 0) <= maximumKeyLength, "BLAKE2b key longer than 64 bytes")
        SodiumRuntime.ensure()
        var out = [UInt8](repeating: 0, count: outputLength)
        let input = data.baseAddress?.assumingMemoryBound(to: UInt8.self)
        if let key {
            key.withUnsafeBytes { k in
                _ = crypto_generichash(&out, outputLength, input, UInt64(data.count),
                                       k.baseAddress?.assumingMemoryBound(to: UInt8.self), k.count)
            }
        } else {
            _ = crypto_generichash(&out, outputLength, input, UInt64(data.count), nil, 0)
        }
        return out
    }

    /// An incremental hash. Not for sharing between tasks while in use.
    public final class Hasher {
        private let state: UnsafeMutableRawPointer
        private let stateSize: Int
        private let outputLength: Int
        private var finished = false

        public init(outputLength: Int = 32, key: SecureBytes? = nil) {
            precondition((minimumOutputLength...maximumOutputLength).contains(outputLength), "BLAKE2b output length out of range")
            precondition((key?.count ?? 0) <= maximumKeyLength, "BLAKE2b key longer than 64 bytes")
            SodiumRuntime.ensure()
            self.outputLength = outputLength
            stateSize = crypto_generichash_statebytes()
            state = UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64)
            let typed = OpaquePointer(state)
            if let key {
                key.withUnsafeBytes { k in
                    _ = crypto_generichash_init(typed, k.baseAddress?.assumingMemoryBound(to: UInt8.self), k.count, outputLength)
                }
            } else {
                _ = crypto_generichash_init(typed, nil, 0, outputLength)
            }
        }

        deinit {
            sodium_memzero(state, stateSize)
            state.deallocate()
        }

        public func update(_ data: UnsafeRawBufferPointer) {
            precondition(!finished, "BLAKE2b.Hasher used after finalize()")
            guard data.count > 0 else { return }
            _ = crypto_generichash_update(OpaquePointer(state),
                                          data.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(data.count))
        }

        public func update(_ data: [UInt8]) { data.withUnsafeBytes { update($0) } }

        /// The digest; the hasher cannot be used afterwards.
        public func finalize() -> [UInt8] {
            precondition(!finished, "BLAKE2b.Hasher finalized twice")
            finished = true
            var out = [UInt8](repeating: 0, count: outputLength)
            _ = crypto_generichash_final(OpaquePointer(state), &out, outputLength)
            return out
        }
    }
}
