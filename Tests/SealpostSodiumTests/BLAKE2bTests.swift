import SealpostSodium
import Testing

@Suite("BLAKE2b")
struct BLAKE2bTests {
    struct KnownAnswer: Sendable, CustomTestStringConvertible {
        let name: String
        let input: [UInt8]
        let key: [UInt8]?
        let digest: String
        var testDescription: String { name }
    }

    /// RFC 7693 appendix A ("abc"), the empty-string digests, and the first and last keyed
    /// entries of the BLAKE2 reference KAT (key 00..3f). All cross-checked with Python's hashlib.
    static let knownAnswers: [KnownAnswer] = [
        KnownAnswer(name: "BLAKE2b-512(\"abc\")", input: Array("abc".utf8), key: nil,
                    digest: "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                        + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"),
        KnownAnswer(name: "BLAKE2b-512(\"\")", input: [], key: nil,
                    digest: "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
                        + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"),
        KnownAnswer(name: "BLAKE2b-256(\"\")", input: [], key: nil,
                    digest: "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"),
        KnownAnswer(name: "keyed BLAKE2b-512(\"\")", input: [], key: Array(0..<64),
                    digest: "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
                        + "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568"),
        KnownAnswer(name: "keyed BLAKE2b-512(00..fe)", input: Array(0..<255), key: Array(0..<64),
                    digest: "142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e9248"
                        + "4be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461"),
    ]

    @Test("known answers, one-shot and incremental", arguments: knownAnswers)
    func knownAnswer(_ vector: KnownAnswer) throws {
        let expected = try Hex.decode(vector.digest)
        let key = vector.key.map { SecureBytes(copying: $0) }
        #expect(BLAKE2b.hash(vector.input, outputLength: expected.count, key: key) == expected)
        #expect(vector.input.withUnsafeBytes { BLAKE2b.hash($0, outputLength: expected.count, key: key) } == expected)
        let hasher = BLAKE2b.Hasher(outputLength: expected.count, key: key)
        for byte in vector.input { hasher.update([byte]) }
        #expect(hasher.finalize() == expected)
    }

    @Test("the default output is 32 bytes and lengths 16...64 are honoured")
    func outputLengths() {
        #expect(BLAKE2b.minimumOutputLength == 16)
        #expect(BLAKE2b.maximumOutputLength == 64)
        #expect(BLAKE2b.maximumKeyLength == 64)
        #expect(BLAKE2b.hash([1]).count == 32)
        for length in [16, 17, 32, 63, 64] {
            #expect(BLAKE2b.hash([1], outputLength: length).count == length)
        }
        // The output length is a parameter of the hash, not a truncation.
        #expect(Array(BLAKE2b.hash([1], outputLength: 64).prefix(32)) != BLAKE2b.hash([1], outputLength: 32))
    }

    @Test("incremental hashing equals one-shot for any chunking",
          arguments: [nil, 16, 32, 64] as [Int?], [16, 32, 64])
    func incremental(keyLength: Int?, outputLength: Int) {
        let data = RandomBytes.make(count: 777)
        let key = keyLength.map { SecureBytes.random(count: $0) }
        let expected = BLAKE2b.hash(data, outputLength: outputLength, key: key)
        for chunk in [1, 7, 64, 127, 128, 129, 777, 1000] {
            let hasher = BLAKE2b.Hasher(outputLength: outputLength, key: key)
            var start = 0
            while start < data.count {
                let end = min(start + chunk, data.count)
                hasher.update(Array(data[start..<end]))
                hasher.update([])
                start = end
            }
            #expect(hasher.finalize() == expected, "chunk \(chunk)")
        }
        let empty = BLAKE2b.Hasher(outputLength: outputLength, key: key)
        #expect(empty.finalize() == BLAKE2b.hash([], outputLength: outputLength, key: key))
    }

    @Test("keys matter: unkeyed, keyed and differently keyed digests all differ")
    func keyed() {
        let data = Array("message".utf8)
        let k1 = SecureBytes.random(count: 32)
        let k2 = SecureBytes.random(count: 32)
        #expect(BLAKE2b.hash(data, key: k1) == BLAKE2b.hash(data, key: k1))
        #expect(BLAKE2b.hash(data, key: k1) != BLAKE2b.hash(data, key: k2))
        #expect(BLAKE2b.hash(data, key: k1) != BLAKE2b.hash(data))
        // An empty key is the same as no key.
        #expect(BLAKE2b.hash(data, key: SecureBytes(copying: [])) == BLAKE2b.hash(data))
    }

    /// Regression: libsodium refuses keys over 64 bytes, and the layer used to ignore that and
    /// return an all-zero "MAC" for every input. Now it traps like the other misuse checks.
    @Test("a key longer than 64 bytes is a programming error, not an all-zero digest")
    func oversizedKey() async {
        await #expect(processExitsWith: .failure) {
            _ = BLAKE2b.hash([1, 2, 3], key: SecureBytes(copying: [UInt8](repeating: 7, count: 65)))
        }
        await #expect(processExitsWith: .failure) {
            _ = BLAKE2b.Hasher(key: SecureBytes(copying: [UInt8](repeating: 7, count: 65)))
        }
    }

    @Test("output lengths outside 16...64 are programming errors")
    func outputLengthOutOfRange() async {
        await #expect(processExitsWith: .failure) { _ = BLAKE2b.hash([1], outputLength: 15) }
        await #expect(processExitsWith: .failure) { _ = BLAKE2b.hash([1], outputLength: 65) }
        await #expect(processExitsWith: .failure) { _ = BLAKE2b.Hasher(outputLength: 65) }
    }

    @Test("a hasher cannot be used after finalize")
    func useAfterFinalize() async {
        await #expect(processExitsWith: .failure) {
            let hasher = BLAKE2b.Hasher()
            _ = hasher.finalize()
            hasher.update([1])
        }
        await #expect(processExitsWith: .failure) {
            let hasher = BLAKE2b.Hasher()
            _ = hasher.finalize()
            _ = hasher.finalize()
        }
    }
}
