import SealpostSodium

/// An identity's private keys encrypted at rest under a passphrase (spec/envelope.md §"Key file").
///
///     magic "SPKEYv1\n" (8) | kdf 0x01 = Argon2id v1.3 (1) | reserved 0 (3)
///     | opslimit (u32) | memlimit in bytes (u64) | salt (16) | nonce (24)
///     | agency id (u8 length + bytes) | name (u16 length + bytes)
///     | XChaCha20-Poly1305(Ed25519 seed (32) || X25519 private key (32)), additional data = every byte before it
///
/// The Argon2id limits are read back from the file and bounded before any hashing, so a file
/// that asks for absurd work is refused at once.
public enum KeyFile {
    static let magic: [UInt8] = Array("SPKEYv1\n".utf8)
    static let kdfArgon2id: UInt8 = 1

    /// The limits a reader accepts. The upper bounds stop a hostile file from exhausting
    /// memory or time; the lower bounds stop a weakened one.
    public static let opsLimitRange: ClosedRange<UInt64> = 1...16
    public static let memLimitRange: ClosedRange<UInt64> = (8 << 20)...(1 << 30)

    /// Argon2id cost settings for new key files.
    public struct Cost: Sendable, Equatable {
        public let opsLimit: UInt64
        public let memLimit: UInt64
        public init(opsLimit: UInt64, memLimit: UInt64) { self.opsLimit = opsLimit; self.memLimit = memLimit }
        /// libsodium's MODERATE profile (3 passes, 256 MiB): the default.
        public static let moderate = Cost(opsLimit: Argon2id.moderate.opsLimit, memLimit: Argon2id.moderate.memLimit)
        /// libsodium's INTERACTIVE profile (2 passes, 64 MiB): for automation on small machines.
        public static let interactive = Cost(opsLimit: Argon2id.interactive.opsLimit, memLimit: Argon2id.interactive.memLimit)
        /// libsodium's SENSITIVE profile (4 passes, 1 GiB).
        public static let sensitive = Cost(opsLimit: Argon2id.sensitive.opsLimit, memLimit: Argon2id.sensitive.memLimit)
    }

    /// Encrypts `identity` under `passphrase`.
    public static func encode(_ identity: Identity, passphrase: SecureBytes, cost: Cost = .moderate) throws(IdentityError) -> [UInt8] {
        guard passphrase.count > 0 else { throw IdentityError("the passphrase is empty", hint: "choose a passphrase of several words") }
        guard opsLimitRange.contains(cost.opsLimit), memLimitRange.contains(cost.memLimit), cost.memLimit % 1024 == 0 else {
            throw IdentityError("Argon2id cost is outside what Sealpost reads back")
        }
        var header = magic
        header.append(kdfArgon2id)
        header += [0, 0, 0]
        header.appendBigEndian(UInt32(cost.opsLimit))
        header.appendBigEndian(cost.memLimit)
        let salt = RandomBytes.make(count: Argon2id.saltLength)
        let nonce = AEADNonce.random()
        header += salt
        header += nonce.bytes
        header.append(UInt8(identity.agencyID.utf8.count)); header += Array(identity.agencyID.utf8)
        header.appendBigEndian(UInt16(identity.name.utf8.count)); header += Array(identity.name.utf8)
        do {
            let key = try AEADKey(try Argon2id.deriveKey(length: XChaCha20Poly1305.keyLength, passphrase: passphrase, salt: salt,
                                                         opsLimit: cost.opsLimit, memLimit: cost.memLimit))
            let secrets = SecureBytes(copying: identity.signingKey.seed.unprotectedCopy() + identity.boxKey.rawRepresentation.unprotectedCopy())
            return header + XChaCha20Poly1305.seal(secrets, key: key, nonce: nonce, additionalData: header)
        } catch {
            throw IdentityError("could not encrypt the key file: \(error)")
        }
    }

    /// Decrypts a key file. A wrong passphrase and a damaged file give the same error.
    public static func decode(_ bytes: [UInt8], passphrase: SecureBytes, source: String) throws(IdentityError) -> Identity {
        var r = ByteCursor(bytes)
        let parsed: (ops: UInt64, mem: UInt64, salt: [UInt8], nonce: [UInt8], agency: String, name: String, headerLength: Int)
        do {
            guard try r.take(8) == magic else {
                throw IdentityError("\(source) is not a Sealpost key file", hint: "point --home at a folder made by sealpost init")
            }
            guard try r.u8() == kdfArgon2id, try r.take(3) == [0, 0, 0] else {
                throw IdentityError("\(source) uses a key derivation this program does not support")
            }
            let ops = UInt64(try r.take(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let mem = try r.u64()
            // A whole number of KiB: Argon2id's memory cost is memlimit / 1024 KiB, so any other value
            // would be a second spelling of the same cost.
            guard opsLimitRange.contains(ops), memLimitRange.contains(mem), mem % 1024 == 0 else {
                throw IdentityError("\(source) asks for Argon2id limits outside the accepted range (opslimit \(ops), memlimit \(mem) bytes; accepted \(opsLimitRange.lowerBound)-\(opsLimitRange.upperBound) and \(memLimitRange.lowerBound)-\(memLimitRange.upperBound) bytes, a multiple of 1024)",
                                    hint: "the key file is damaged or was not made by Sealpost; restore it from a backup")
            }
            let salt = try r.take(Argon2id.saltLength)
            let nonce = try r.take(XChaCha20Poly1305.nonceLength)
            let agency = try r.string(length: Int(try r.u8()))
            let name = try r.string(length: Int(try r.u16()))
            try IdentityCard.check(agencyID: agency, name: name)
            parsed = (ops, mem, salt, nonce, agency, name, r.offset)
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError("\(source) is damaged (\((error as? ManifestError)?.reason ?? "unreadable"))", hint: "restore the key file from a backup")
        }
        let header = Array(bytes[0..<parsed.headerLength])
        let ciphertext = Array(bytes[parsed.headerLength...])
        let unlockFailure = IdentityError("could not unlock \(source): wrong passphrase or damaged key file",
                                          hint: "check the passphrase (SEALPOST_PASSPHRASE, --passphrase-file or the prompt)")
        guard ciphertext.count == 64 + XChaCha20Poly1305.tagLength else { throw unlockFailure }
        let secrets: SecureBytes
        do {
            let key = try AEADKey(try Argon2id.deriveKey(length: XChaCha20Poly1305.keyLength, passphrase: passphrase,
                                                         salt: parsed.salt, opsLimit: parsed.ops, memLimit: parsed.mem))
            secrets = try XChaCha20Poly1305.open(ciphertext, key: key, nonce: try AEADNonce(parsed.nonce), additionalData: header)
        } catch {
            throw unlockFailure
        }
        let (seed, box) = secrets.withUnsafeBytes { s in
            (SecureBytes(copying: s[0..<32]), SecureBytes(copying: s[32..<64]))
        }
        do {
            return Identity(agencyID: parsed.agency, name: parsed.name,
                            signingKey: try Ed25519.SigningKey(seed: seed), boxKey: try X25519.PrivateKey(rawRepresentation: box))
        } catch {
            throw unlockFailure
        }
    }
}
