internal import CSodium

/// Random bytes from libsodium's source (the kernel's CSPRNG unless a deterministic source
/// was installed for test-vector generation).
public enum RandomBytes {
    /// `count` random bytes.
    public static func make(count: Int) -> [UInt8] {
        SodiumRuntime.ensure()
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { if let base = $0.baseAddress { randombytes_buf(base, $0.count) } }
        return bytes
    }

    /// Fills `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        SodiumRuntime.ensure()
        if let base = buffer.baseAddress { randombytes_buf(base, buffer.count) }
    }

    /// A uniformly random integer in `0..<upperBound` (no modulo bias).
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        SodiumRuntime.ensure()
        return randombytes_uniform(upperBound)
    }
}
