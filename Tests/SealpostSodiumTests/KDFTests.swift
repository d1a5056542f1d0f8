import SealpostSodium
import Testing

@Suite("KDF")
struct KDFTests {
    static let masterKey = try! KDFMasterKey(SecureBytes(copying: Array(0..<32)))

    @Test("sizes match crypto_kdf")
    func sizes() {
        #expect(KDF.masterKeyLength == 32)
        #expect(KDF.contextLength == 8)
    }

    /// Known answers computed independently as BLAKE2b(key: master, salt: LE64(id) || 0^8,
    /// personal: context || 0^8, input: empty), which is how crypto_kdf is specified.
    @Test("known answers")
    func knownAnswers() throws {
        #expect(KDF.deriveKey(length: 32, id: 1, context: "sealpost", from: Self.masterKey).unprotectedCopy()
            == (try Hex.decode("1bb3d92f7fc7884e2ca1c457c8faf469541fedd8de64806bc6246e00713f8a9e")))
        #expect(KDF.deriveKey(length: 64, id: 0x0102_0304_0506_0708, context: "Examples", from: Self.masterKey)
            .unprotectedCopy()
            == (try Hex.decode("5c6574bbcf7d5bd3e09b4a3760152802dd2e325bc8eeed3f48076c7763f45de6"
                    + "35d9c0e5317edbfcf9930813f7319d4e1c3ec7ae7ef31fdbce8edc89d400b569")))
    }

    @Test("the same master key, id and context give the same subkey")
    func deterministic() {
        let master = KDFMasterKey.random()
        let a = KDF.deriveKey(length: 32, id: 7, context: "sealpost", from: master)
        let b = KDF.deriveKey(length: 32, id: 7, context: "sealpost", from: master)
        #expect(a == b)
        #expect(a.count == 32)
    }

    @Test("different ids give different subkeys")
    func differentIds() {
        let master = KDFMasterKey.random()
        let ids: [UInt64] = [0, 1, 2, 0x100, UInt64(UInt32.max) + 1, .max]
        let subkeys = ids.map { KDF.deriveKey(length: 32, id: $0, context: "sealpost", from: master).unprotectedCopy() }
        #expect(Set(subkeys).count == ids.count)
    }

    @Test("different contexts give different subkeys")
    func differentContexts() {
        let master = KDFMasterKey.random()
        let a = KDF.deriveKey(length: 32, id: 1, context: "sealpost", from: master)
        let b = KDF.deriveKey(length: 32, id: 1, context: "Sealpost", from: master)
        let c = KDF.deriveKey(length: 32, id: 1, context: "envelope", from: master)
        #expect(a != b)
        #expect(a != c)
        #expect(b != c)
    }

    @Test("different master keys give different subkeys")
    func differentMasterKeys() {
        let a = KDF.deriveKey(length: 32, id: 1, context: "sealpost", from: .random())
        let b = KDF.deriveKey(length: 32, id: 1, context: "sealpost", from: .random())
        #expect(a != b)
    }

    @Test("subkey lengths 16...64 are honoured, and the length is a parameter, not a truncation")
    func lengths() {
        for length in [16, 24, 32, 48, 64] {
            #expect(KDF.deriveKey(length: length, id: 1, context: "sealpost", from: Self.masterKey).count == length)
        }
        let short = KDF.deriveKey(length: 16, id: 1, context: "sealpost", from: Self.masterKey).unprotectedCopy()
        let long = KDF.deriveKey(length: 64, id: 1, context: "sealpost", from: Self.masterKey).unprotectedCopy()
        #expect(Array(long.prefix(16)) != short)
    }

    @Test("a master key of the wrong length cannot be made", arguments: [0, 16, 31, 33, 64])
    func wrongMasterKeyLength(count: Int) {
        #expect(throws: SodiumError.invalidLength(what: "KDF master key", expected: 32, actual: count)) {
            try KDFMasterKey(SecureBytes(copying: [UInt8](repeating: 1, count: count)))
        }
    }

    @Test("typed subkeys are the bytes of the same subkey")
    func typedSubkeys() throws {
        // A stream started with the typed subkey opens with a stream key made from the raw subkey.
        let raw = KDF.deriveKey(length: 32, id: 2, context: "sealpost", from: Self.masterKey)
        let pusher = SecretStream.Pusher(key: KDF.deriveSecretStreamKey(id: 2, context: "sealpost", from: Self.masterKey))
        let sealed = pusher.push([1, 2, 3], tag: .final)
        let puller = try SecretStream.Puller(key: try SecretStreamKey(raw), header: pusher.header)
        #expect(try puller.pull(sealed).plaintext == [1, 2, 3])
        let hashKey = KDF.deriveHashKey(id: 1, context: "sealpost", from: Self.masterKey)
        let rawHashKey = KDF.deriveKey(length: 32, id: 1, context: "sealpost", from: Self.masterKey)
        #expect(BLAKE2b.hash([7], key: hashKey) == BLAKE2b.hash([7], key: rawHashKey))
    }

    @Test("misuse traps: wrong context or subkey length")
    func misuse() async {
        await #expect(processExitsWith: .failure) {
            _ = KDF.deriveKey(length: 32, id: 1, context: "too long!", from: .random())
        }
        await #expect(processExitsWith: .failure) {
            _ = KDF.deriveKey(length: 15, id: 1, context: "sealpost", from: .random())
        }
        await #expect(processExitsWith: .failure) {
            _ = KDF.deriveKey(length: 65, id: 1, context: "sealpost", from: .random())
        }
    }
}
