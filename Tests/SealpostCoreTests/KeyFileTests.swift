import Testing
import SealpostCore
import SealpostSodium

/// Key files (spec/envelope.md §"Key file") and THREATS.md row 25.
@Suite("Key file")
struct KeyFileTests {
    let identity = makeIdentity("key-agency", name: "Key Agency Ltd")
    let passphraseText = "correct horse battery staple"
    var passphrase: SecureBytes { SecureBytes(copying: Array(passphraseText.utf8)) }

    /// (opslimit, memlimit) pairs outside the accepted range: 2^31 passes, 2^40 bytes, and the edges.
    static let absurd: [(UInt64, UInt64)] = [
        (1 << 31, 8 << 20), (1, 1 << 40), (0, 8 << 20), (17, 8 << 20),
        (1, (8 << 20) - 1), (1, (1 << 30) + 1), (UInt64(UInt32.max), UInt64.max),
    ]

    /// Offsets of the fixed fields.
    static let opsOffset = 12, memOffset = 16, saltOffset = 24, nonceOffset = 40, agencyOffset = 64

    func decodeError(_ bytes: [UInt8], passphrase: SecureBytes? = nil) -> IdentityError? {
        do throws(IdentityError) {
            _ = try KeyFile.decode(bytes, passphrase: passphrase ?? self.passphrase, source: "/home/x/identity.key")
            return nil
        } catch {
            return error
        }
    }

    static func patch<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, _ value: T) -> [UInt8] {
        var out = bytes
        let size = MemoryLayout<T>.size
        for i in 0..<size { out[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * (size - 1 - i))) }
        return out
    }

    @Test("an identity round-trips through a key file")
    func roundTrip() throws {
        let bytes = try KeyFile.encode(identity, passphrase: passphrase, cost: cheapCost)
        let decoded = try KeyFile.decode(bytes, passphrase: passphrase, source: "test")
        #expect(decoded.agencyID == "key-agency")
        #expect(decoded.name == "Key Agency Ltd")
        #expect(decoded.signingKey.publicKey == identity.signingKey.publicKey)
        #expect(decoded.boxKey.publicKey == identity.boxKey.publicKey)
        #expect(decoded.signingKey.seed == identity.signingKey.seed)
        #expect(decoded.boxKey.rawRepresentation == identity.boxKey.rawRepresentation)
        #expect(decoded.card == identity.card)

        // The layout: magic, Argon2id, reserved, limits, salt, nonce, names, 64 secret bytes + tag.
        #expect(Array(bytes[0..<8]) == Array("SPKEYv1\n".utf8))
        #expect(Array(bytes[8..<12]) == [1, 0, 0, 0])
        #expect(Array(bytes[12..<16]) == [0, 0, 0, 1])
        #expect(Array(bytes[16..<24]) == [0, 0, 0, 0, 0, 0x80, 0, 0])
        #expect(bytes[Self.agencyOffset] == 10)
        #expect(bytes.count == 64 + 1 + 10 + 2 + 14 + 64 + 16)
        // No private key bytes in clear.
        #expect(!bytes.containsSubsequence(identity.boxKey.rawRepresentation.unprotectedCopy()))
        #expect(!bytes.containsSubsequence(identity.signingKey.seed.unprotectedCopy()))

        // Fresh salt and nonce each time.
        let again = try KeyFile.encode(identity, passphrase: passphrase, cost: cheapCost)
        #expect(again[Self.saltOffset..<Self.agencyOffset] != bytes[Self.saltOffset..<Self.agencyOffset])
        #expect(again[(again.count - 80)...] != bytes[(bytes.count - 80)...])
    }

    @Test("row 25: a wrong passphrase gives the generic 'could not unlock' error, without the passphrase")
    func wrongPassphrase() throws {
        let bytes = try KeyFile.encode(identity, passphrase: passphrase, cost: cheapCost)
        for wrong in ["correct horse battery stapl", "Correct horse battery staple", "hunter2-not-it", "correct horse battery staple "] {
            let error = try #require(decodeError(bytes, passphrase: SecureBytes(copying: Array(wrong.utf8))))
            #expect(error.reason == "could not unlock /home/x/identity.key: wrong passphrase or damaged key file")
            #expect(!error.reason.contains(wrong) && !(error.hint ?? "").contains(wrong))
            #expect(!error.reason.contains(passphraseText))
        }
        #expect(decodeError(bytes) == nil)
    }

    @Test("row 25: absurd Argon2id limits are refused before any hashing",
          arguments: absurd)
    func absurdLimits(ops: UInt64, mem: UInt64) throws {
        let bytes = try KeyFile.encode(identity, passphrase: passphrase, cost: cheapCost)
        let patched = Self.patch(Self.patch(bytes, at: Self.opsOffset, UInt32(ops)), at: Self.memOffset, mem)
        // First with the sealed keys cut short as well: the limits come before that check, and a
        // reader that skipped them fails here at once instead of starting the absurd hash below.
        let cutError = try #require(decodeError(Array(patched.dropLast())))
        try #require(cutError.reason.contains("outside the accepted range"), "\(cutError.reason)")
        // With the right passphrase too: had it hashed, the result would be the generic unlock
        // failure (the limits are authenticated) or an allocation failure, not the range error.
        for phrase in [passphrase, SecureBytes(copying: Array("wrong".utf8))] {
            let error = try #require(decodeError(patched, passphrase: phrase))
            #expect(error.reason.contains("outside the accepted range"), "\(error.reason)")
            #expect(error.reason.contains("opslimit \(ops)"), "\(error.reason)")
            #expect(error.reason.contains("memlimit \(mem) bytes"), "\(error.reason)")
            #expect(error.reason.contains("accepted 1-16 and 8388608-1073741824 bytes"), "\(error.reason)")
        }
    }

    @Test("limits inside the range but changed are authenticated: the generic failure")
    func changedLimitsInRange() throws {
        let bytes = try KeyFile.encode(identity, passphrase: passphrase, cost: cheapCost)
        let patched = Self.patch(bytes, at: Self.opsOffset, UInt32(2))
        #expect(decodeError(patched)?.reason.contains("could not unlock") == true)
    }

    @Test("row 25: every damaged byte fails, with the generic error wherever the structure still parses")
    func damagedBytes() throws {
        let bytes = try KeyFile.encode(identity, passphrase: passphrase, cost: cheapCost)
        let nameLengthOffset = Self.agencyOffset + 1 + identity.agencyID.utf8.count
        for position in bytes.indices {
            var damaged = bytes
            damaged[position] ^= 0x01
            if (Self.opsOffset..<Self.saltOffset).contains(position) {
                // A changed limit may ask for far more work: cut the sealed keys short as well, so
                // that no hashing can happen whatever the limits say (the range check comes first).
                damaged.removeLast()
            }
            guard let error = decodeError(damaged) else {
                Issue.record("byte \(position) damaged, yet it unlocked")
                continue
            }
            switch position {
            case 0..<8:
                #expect(error.reason.contains("is not a Sealpost key file"), "byte \(position): \(error.reason)")
            case 8..<12:
                #expect(error.reason.contains("key derivation this program does not support"), "byte \(position): \(error.reason)")
            case 12..<24:
                #expect(error.reason.contains("outside the accepted range") || error.reason.contains("could not unlock"),
                        "byte \(position): \(error.reason)")
            case Self.agencyOffset, nameLengthOffset, nameLengthOffset + 1:
                // A length changed: the fields shift, so the text checks or the length of what remains fail.
                #expect(["could not unlock", "is damaged", "agency id", "name"].contains { error.reason.contains($0) },
                        "byte \(position): \(error.reason)")
            case (Self.agencyOffset + 1)..<(nameLengthOffset + 2 + identity.name.utf8.count):
                // The agency id and name: authenticated, and may also be checked as text first.
                #expect(error.reason.contains("could not unlock") || error.reason.contains("agency id") || error.reason.contains("name"),
                        "byte \(position): \(error.reason)")
            default:
                // Salt, nonce, names, ciphertext and tag: all the same message.
                #expect(error.reason == "could not unlock /home/x/identity.key: wrong passphrase or damaged key file", "byte \(position)")
            }
        }
    }

    @Test("truncated, extended and empty key files fail")
    func wrongLengths() throws {
        let bytes = try KeyFile.encode(identity, passphrase: passphrase, cost: cheapCost)
        #expect(decodeError(Array(bytes.dropLast()))?.reason.contains("could not unlock") == true)
        #expect(decodeError(bytes + [0])?.reason.contains("could not unlock") == true)
        #expect(decodeError(Array(bytes.dropLast(40)))?.reason.contains("could not unlock") == true)
        #expect(decodeError(Array(bytes[0..<30]))?.reason.contains("is damaged") == true)
        #expect(decodeError(Array(bytes[0..<70]))?.reason.contains("is damaged") == true)
        #expect(decodeError([])?.reason.contains("is damaged") == true)
        #expect(decodeError(Array("SPKEYv2\n".utf8) + bytes[8...])?.reason.contains("not a Sealpost key file") == true)
    }

    @Test("the encoder refuses an empty passphrase and costs it could not read back")
    func encoderRefuses() throws {
        #expect(throws: IdentityError.self) {
            try KeyFile.encode(identity, passphrase: SecureBytes(copying: []), cost: cheapCost)
        }
        for cost in [KeyFile.Cost(opsLimit: 0, memLimit: 8 << 20), KeyFile.Cost(opsLimit: 17, memLimit: 8 << 20),
                     KeyFile.Cost(opsLimit: 1, memLimit: (8 << 20) - 1), KeyFile.Cost(opsLimit: 1, memLimit: (1 << 30) + 1)] {
            #expect(throws: IdentityError.self, "\(cost)") { try KeyFile.encode(identity, passphrase: passphrase, cost: cost) }
        }
        // The library's own profiles are all readable.
        for cost in [KeyFile.Cost.interactive, .moderate, .sensitive] {
            #expect(KeyFile.opsLimitRange.contains(cost.opsLimit) && KeyFile.memLimitRange.contains(cost.memLimit), "\(cost)")
        }
    }

    @Test("the interactive profile round-trips")
    func interactive() throws {
        let bytes = try KeyFile.encode(identity, passphrase: passphrase, cost: .interactive)
        #expect(try KeyFile.decode(bytes, passphrase: passphrase, source: "t").card == identity.card)
    }
}
