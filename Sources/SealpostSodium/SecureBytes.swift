internal import CSodium

/// Secret bytes that wipe themselves when released and compare in constant time.
///
/// The storage is allocated once, locked into memory where the system allows it
/// (`sodium_mlock`), and zeroed by `sodium_munlock` on release. Instances are immutable
/// after initialisation, which is what makes them safe to share between tasks.
public final class SecureBytes: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer

    /// The number of secret bytes.
    public var count: Int { countValue }
    private let countValue: Int

    /// Allocates `count` bytes and lets `initialise` fill them; the bytes are wiped if it throws.
    init(count: Int, initialise: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        SodiumRuntime.ensure()
        countValue = count
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        let slice = UnsafeMutableRawBufferPointer(rebasing: storage[0..<count])
        _ = sodium_mlock(storage.baseAddress!, storage.count)
        // Every stored property is set by now, so if `initialise` throws, `self` is released
        // and deinit wipes and frees the storage (freeing it here as well would free it twice).
        try initialise(slice)
    }

    deinit {
        // sodium_munlock zeroes the memory before unlocking it.
        sodium_munlock(storage.baseAddress!, storage.count)
        storage.deallocate()
    }

    /// Copies `bytes` into fresh secret storage. The caller remains responsible for its own copy.
    public convenience init<Bytes: Sequence>(copying bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        self.init(count: array.count) { buffer in
            array.withUnsafeBytes { buffer.copyMemory(from: $0) }
        }
    }

    /// `count` bytes from the system's secure random source.
    public static func random(count: Int) -> SecureBytes {
        SecureBytes(count: count) { buffer in
            if let base = buffer.baseAddress { randombytes_buf(base, buffer.count) }
        }
    }

    /// Reads the secret bytes. Do not let the pointer escape the closure.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(rebasing: storage[0..<countValue]))
    }

    /// A copy of the bytes as an ordinary array, for writing to an encrypted store.
    /// The array is not wiped on release: keep its lifetime short.
    public func unprotectedCopy() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }
}

extension SecureBytes: Equatable {
    /// Constant-time comparison of contents (`sodium_memcmp`); lengths are not secret.
    public static func == (lhs: SecureBytes, rhs: SecureBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.count == 0 { return true }
        return lhs.withUnsafeBytes { l in
            rhs.withUnsafeBytes { r in sodium_memcmp(l.baseAddress!, r.baseAddress!, l.count) == 0 }
        }
    }
}

/// Constant-time equality for two public byte strings of the same length, such as MAC tags.
public func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    SodiumRuntime.ensure()
    return a.withUnsafeBytes { l in
        b.withUnsafeBytes { r in
            guard l.count == r.count else { return false }
            if l.count == 0 { return true }
            return sodium_memcmp(l.baseAddress!, r.baseAddress!, l.count) == 0
        }
    }
}

/// Zeroes a buffer that held secret material (`sodium_memzero`, which the compiler cannot elide).
public func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    sodium_memzero(base, buffer.count)
}
