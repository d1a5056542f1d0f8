import SealpostSodium
import Testing

@Suite("SecretStream")
struct SecretStreamTests {
    struct Part {
        let plaintext: [UInt8]
        let tag: SecretStream.Tag
        let additionalData: [UInt8]
    }

    /// Five messages using every tag, with varied lengths and additional data, ending in an empty `.final`.
    static let parts: [Part] = [
        Part(plaintext: Array("first".utf8), tag: .message, additionalData: Array("header".utf8)),
        Part(plaintext: [UInt8](repeating: 0x42, count: 1000), tag: .push, additionalData: []),
        Part(plaintext: [], tag: .message, additionalData: [1, 2, 3]),
        Part(plaintext: Array("after rekey".utf8), tag: .rekey, additionalData: []),
        Part(plaintext: Array("fifth".utf8), tag: .message, additionalData: [9]),
        Part(plaintext: [], tag: .final, additionalData: Array("trailer".utf8)),
    ]

    struct Stream {
        let key: SecretStreamKey
        let header: [UInt8]
        let ciphertexts: [[UInt8]]
    }

    static func encrypt(_ parts: [Part] = parts) throws -> Stream {
        let key = SecretStreamKey.random()
        let pusher = SecretStream.Pusher(key: key)
        let ciphertexts = parts.map { pusher.push($0.plaintext, tag: $0.tag, additionalData: $0.additionalData) }
        return Stream(key: key, header: pusher.header, ciphertexts: ciphertexts)
    }

    @Test("sizes match libsodium's secretstream")
    func sizes() {
        #expect(SecretStream.keyLength == 32)
        #expect(SecretStream.headerLength == 24)
        #expect(SecretStream.overhead == 17)
    }

    @Test("a stream round-trips its messages, tags and additional data")
    func roundTrip() throws {
        let stream = try Self.encrypt()
        #expect(stream.header.count == SecretStream.headerLength)
        let puller = try SecretStream.Puller(key: stream.key, header: stream.header)
        for (part, ciphertext) in zip(Self.parts, stream.ciphertexts) {
            #expect(ciphertext.count == part.plaintext.count + SecretStream.overhead)
            let (plaintext, tag) = try puller.pull(ciphertext, additionalData: part.additionalData)
            #expect(plaintext == part.plaintext)
            #expect(tag == part.tag)
        }
    }

    @Test("the buffer-based push and pull agree with the array-based ones")
    func bufferAPI() throws {
        let key = SecretStreamKey.random()
        let pusher = SecretStream.Pusher(key: key)
        let message = Array("buffered".utf8)
        let additionalData = Array("ad".utf8)
        var ciphertext = [UInt8](repeating: 0, count: message.count + SecretStream.overhead)
        let written = message.withUnsafeBytes { m in
            additionalData.withUnsafeBytes { ad in
                ciphertext.withUnsafeMutableBytes { pusher.push(m, tag: .final, additionalData: ad, into: $0) }
            }
        }
        #expect(written == ciphertext.count)

        let puller = try SecretStream.Puller(key: key, header: pusher.header)
        var plaintext = [UInt8](repeating: 0, count: message.count)
        let result = try ciphertext.withUnsafeBytes { c in
            try additionalData.withUnsafeBytes { ad in
                try plaintext.withUnsafeMutableBytes { try puller.pull(c, additionalData: ad, into: $0) }
            }
        }
        #expect(result.count == message.count)
        #expect(result.tag == .final)
        #expect(plaintext == message)
    }

    @Test("two streams under the same key have different headers and ciphertexts")
    func freshHeaders() throws {
        let key = SecretStreamKey.random()
        let a = SecretStream.Pusher(key: key)
        let b = SecretStream.Pusher(key: key)
        #expect(a.header != b.header)
        #expect(a.push([1, 2, 3], tag: .message) != b.push([1, 2, 3], tag: .message))
    }

    @Test("wrong additional data fails")
    func wrongAdditionalData() throws {
        let stream = try Self.encrypt()
        let puller = try SecretStream.Puller(key: stream.key, header: stream.header)
        #expect(throws: SodiumError.authenticationFailed) {
            try puller.pull(stream.ciphertexts[0], additionalData: Array("Header".utf8))
        }
        #expect(throws: SodiumError.authenticationFailed) {
            try puller.pull(stream.ciphertexts[0], additionalData: [])
        }
    }

    @Test("reordered messages fail")
    func reordered() throws {
        let stream = try Self.encrypt()
        let puller = try SecretStream.Puller(key: stream.key, header: stream.header)
        _ = try puller.pull(stream.ciphertexts[0], additionalData: Self.parts[0].additionalData)
        #expect(throws: SodiumError.authenticationFailed) {
            try puller.pull(stream.ciphertexts[2], additionalData: Self.parts[2].additionalData)
        }
        // Starting with the second message fails too.
        let fresh = try SecretStream.Puller(key: stream.key, header: stream.header)
        #expect(throws: SodiumError.authenticationFailed) {
            try fresh.pull(stream.ciphertexts[1], additionalData: Self.parts[1].additionalData)
        }
    }

    @Test("a duplicated message fails")
    func duplicated() throws {
        let stream = try Self.encrypt()
        let puller = try SecretStream.Puller(key: stream.key, header: stream.header)
        _ = try puller.pull(stream.ciphertexts[0], additionalData: Self.parts[0].additionalData)
        #expect(throws: SodiumError.authenticationFailed) {
            try puller.pull(stream.ciphertexts[0], additionalData: Self.parts[0].additionalData)
        }
    }

    @Test("a dropped message makes the next one fail")
    func dropped() throws {
        let stream = try Self.encrypt()
        let puller = try SecretStream.Puller(key: stream.key, header: stream.header)
        for index in 0..<3 {
            _ = try puller.pull(stream.ciphertexts[index], additionalData: Self.parts[index].additionalData)
        }
        // Skip index 3, the rekey message: everything after it is under keys we never reach.
        #expect(throws: SodiumError.authenticationFailed) {
            try puller.pull(stream.ciphertexts[4], additionalData: Self.parts[4].additionalData)
        }
    }

    @Test("a stream cut short ends without the .final tag, which is how truncation shows")
    func truncatedStream() throws {
        let stream = try Self.encrypt()
        let puller = try SecretStream.Puller(key: stream.key, header: stream.header)
        var lastTag: SecretStream.Tag?
        for index in 0..<(Self.parts.count - 1) {
            lastTag = try puller.pull(stream.ciphertexts[index], additionalData: Self.parts[index].additionalData).tag
        }
        #expect(lastTag != .final)
        #expect(try puller.pull(stream.ciphertexts.last!, additionalData: Self.parts.last!.additionalData).tag == .final)
    }

    @Test("a truncated, extended or too-short ciphertext fails")
    func truncatedMessage() throws {
        let stream = try Self.encrypt()
        let ciphertext = stream.ciphertexts[0]
        let candidates = [Array(ciphertext.dropLast()), ciphertext + [0], Array(ciphertext.dropFirst()),
                          Array(ciphertext.prefix(SecretStream.overhead - 1)), []]
        for candidate in candidates {
            let puller = try SecretStream.Puller(key: stream.key, header: stream.header)
            #expect(throws: SodiumError.authenticationFailed, "length \(candidate.count)") {
                try puller.pull(candidate, additionalData: Self.parts[0].additionalData)
            }
        }
    }

    @Test("any flipped byte in a message fails")
    func flippedByte() throws {
        let stream = try Self.encrypt()
        let ciphertext = stream.ciphertexts[0]
        for index in ciphertext.indices {
            var tampered = ciphertext
            tampered[index] ^= 0x01
            let puller = try SecretStream.Puller(key: stream.key, header: stream.header)
            #expect(throws: SodiumError.authenticationFailed, "byte \(index)") {
                try puller.pull(tampered, additionalData: Self.parts[0].additionalData)
            }
        }
    }

    @Test("a wrong header or key fails on the first message")
    func wrongHeaderOrKey() throws {
        let stream = try Self.encrypt()
        var header = stream.header
        header[0] ^= 1
        let wrongHeader = try SecretStream.Puller(key: stream.key, header: header)
        #expect(throws: SodiumError.authenticationFailed) {
            try wrongHeader.pull(stream.ciphertexts[0], additionalData: Self.parts[0].additionalData)
        }
        let wrongKey = try SecretStream.Puller(key: .random(), header: stream.header)
        #expect(throws: SodiumError.authenticationFailed) {
            try wrongKey.pull(stream.ciphertexts[0], additionalData: Self.parts[0].additionalData)
        }
    }

    @Test("keys and headers of the wrong length are refused", arguments: [0, 16, 23, 31, 33])
    func wrongLengths(count: Int) throws {
        let bytes = SecureBytes(copying: [UInt8](repeating: 1, count: count))
        if count != SecretStream.keyLength {
            // The key type refuses the bytes, so no stream can start with them.
            #expect(throws: SodiumError.invalidLength(what: "secretstream key", expected: 32, actual: count)) {
                try SecretStreamKey(bytes)
            }
        }
        #expect(throws: SodiumError.invalidLength(what: "secretstream header", expected: 24, actual: count)) {
            try SecretStream.Puller(key: .random(), header: [UInt8](repeating: 0, count: count))
        }
    }
}
