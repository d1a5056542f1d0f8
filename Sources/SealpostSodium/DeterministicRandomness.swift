internal import CSodium

/// Replaces libsodium's random source, for this whole process, with a deterministic stream
/// derived from `seed`. Every key pair, nonce, stream header and sealed-box ephemeral key
/// that follows is then reproducible.
///
/// This exists for one purpose: regenerating the published test vectors. It must be called
/// before anything else in the process touches libsodium, and never in a program that
/// protects real data. It traps if libsodium was already initialised.
package func installDeterministicRandomnessForTestVectors(seed: [UInt8]) {
    precondition(seed.count == Int(randombytes_SEEDBYTES), "the seed must be \(randombytes_SEEDBYTES) bytes")
    precondition(!DeterministicSource.installed, "deterministic randomness is already installed")
    DeterministicSource.seed = seed
    DeterministicSource.installed = true
    DeterministicSource.implementation.pointee = randombytes_implementation(
        implementation_name: { DeterministicSource.name },
        random: {
            var value: UInt32 = 0
            withUnsafeMutableBytes(of: &value) { DeterministicSource.fill($0) }
            return value
        },
        stir: nil,
        uniform: nil,
        buf: { buffer, size in
            guard let buffer else { return }
            DeterministicSource.fill(UnsafeMutableRawBufferPointer(start: buffer, count: size))
        },
        close: nil
    )
    guard randombytes_set_implementation(DeterministicSource.implementation) == 0 else {
        fatalError("randombytes_set_implementation failed")
    }
    SodiumRuntime.ensure()
}

/// Each request for n bytes is answered with `randombytes_buf_deterministic(n, BLAKE2b(seed || counter))`.
private enum DeterministicSource {
    // Written once, before any concurrent use, by the single-threaded vector generator.
    nonisolated(unsafe) static var seed: [UInt8] = []
    nonisolated(unsafe) static var counter: UInt64 = 0
    nonisolated(unsafe) static var installed = false
    nonisolated(unsafe) static let implementation = UnsafeMutablePointer<randombytes_implementation>.allocate(capacity: 1)
    nonisolated(unsafe) static let name: UnsafePointer<CChar> = {
        let text = Array("sealpost-test-vectors".utf8CString)
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: text.count)
        pointer.initialize(from: text, count: text.count)
        return UnsafePointer(pointer)
    }()

    static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        var input = seed
        withUnsafeBytes(of: counter.bigEndian) { input.append(contentsOf: $0) }
        counter += 1
        var derived = [UInt8](repeating: 0, count: Int(randombytes_SEEDBYTES))
        _ = crypto_generichash(&derived, derived.count, input, UInt64(input.count), nil, 0)
        randombytes_buf_deterministic(base, buffer.count, derived)
    }
}
