import SealpostSodium
import Testing

@Suite("Argon2id")
struct Argon2idTests {
    // Small limits keep the tests fast: 8 MiB of memory, one or two passes.
    static let memLimit: UInt64 = 8192 * 1024
    static let salt: [UInt8] = Array(0..<16)

    static func derive(_ passphrase: String, salt: [UInt8] = salt, opsLimit: UInt64 = 2,
                       memLimit: UInt64 = memLimit, length: Int = 32) throws(SodiumError) -> SecureBytes {
        try Argon2id.deriveKey(length: length, passphrase: SecureBytes(copying: Array(passphrase.utf8)), salt: salt,
                               opsLimit: opsLimit, memLimit: memLimit)
    }

    @Test("libsodium's constants")
    func constants() {
        #expect(Argon2id.saltLength == 16)
        #expect(Argon2id.minimumOpsLimit == 1)
        #expect(Argon2id.minimumMemLimit == 8192)
        #expect(Argon2id.interactive.opsLimit == 2)
        #expect(Argon2id.interactive.memLimit == 64 * 1024 * 1024)
    }

    /// Known answers for Argon2id v1.3, parallelism 1, memory 8192 KiB, computed independently
    /// with Python's `cryptography` (Argon2id(salt, length, iterations, lanes: 1, memory_cost: 8192)).
    @Test("known answers")
    func knownAnswers() throws {
        #expect(try Self.derive("correct horse battery staple", opsLimit: 2).unprotectedCopy()
            == (try Hex.decode("a891dd91a3d123add6ea78ceedcc94a7f1dc1e4ca480e57e6f240a113662ea2f")))
        #expect(try Self.derive("", opsLimit: 1).unprotectedCopy()
            == (try Hex.decode("50445b64a362cf432d175b0fbd484f23f51d3f1f797b60bd490532c2add1d65a")))
    }

    @Test("the same inputs give the same key")
    func deterministic() throws {
        let a = try Self.derive("passphrase", opsLimit: 1)
        let b = try Self.derive("passphrase", opsLimit: 1)
        #expect(a == b)
        #expect(a.count == 32)
        #expect(try Self.derive("passphrase", opsLimit: 1, length: 64).count == 64)
    }

    @Test("changing the passphrase, salt or limits changes the key")
    func sensitivity() throws {
        let base = try Self.derive("passphrase", opsLimit: 1)
        #expect(try Self.derive("Passphrase", opsLimit: 1) != base)
        var salt = Self.salt
        salt[15] ^= 1
        #expect(try Self.derive("passphrase", salt: salt, opsLimit: 1) != base)
        #expect(try Self.derive("passphrase", opsLimit: 2) != base)
        #expect(try Self.derive("passphrase", opsLimit: 1, memLimit: Self.memLimit * 2) != base)
    }

    @Test("a salt of the wrong length is refused", arguments: [0, 8, 15, 17, 32])
    func wrongSaltLength(count: Int) {
        #expect(throws: SodiumError.invalidLength(what: "Argon2id salt", expected: 16, actual: count)) {
            try Self.derive("passphrase", salt: [UInt8](repeating: 1, count: count), opsLimit: 1)
        }
    }

    @Test("limits below libsodium's minimum are refused")
    func limitsTooLow() {
        #expect(throws: SodiumError.parameterOutOfRange("Argon2id limits below libsodium's minimum")) {
            try Self.derive("passphrase", opsLimit: 0)
        }
        #expect(throws: SodiumError.parameterOutOfRange("Argon2id limits below libsodium's minimum")) {
            try Self.derive("passphrase", opsLimit: 1, memLimit: Argon2id.minimumMemLimit - 1)
        }
    }
}
