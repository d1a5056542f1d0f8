import SealpostSodium

/// A practitioner's key slot: the agency's private keys sealed under the practitioner's own
/// passphrase, with who they are in the additional data (spec/practitioners.md §Slot).
///
///     magic "SPUSRv1\n" (8) | kdf 0x01 = Argon2id v1.3 (1) | reserved 0 (3)
///     | opslimit (u32) | memlimit in bytes (u64) | salt (16) | nonce (24)
///     | practitioner id (8) | created, Unix seconds (u64)
///     | name (u8 length + bytes) | role (u8 length + bytes)
///     | agency id (u8 length + bytes) | agency name (u16 length + bytes)
///     | XChaCha20-Poly1305(Ed25519 seed (32) || X25519 private key (32)), additional data = every byte before it
///
/// Every header byte is authenticated, so a slot cannot be relabelled (another name, role, id or
/// creation time) without the unlock failing. The limits are bounded, by the key file's bounds,
/// before any hashing, so a slot that asks for absurd work is refused at once.
public enum PractitionerSlot {
    static let magic: [UInt8] = Array("SPUSRv1\n".utf8)
    static let kdfArgon2id: UInt8 = 1
    /// The practitioner id's length in bytes (16 hex digits).
    public static let idLength = 8
    static let secretsLength = 64
    /// The sealed keys' length: 64 bytes of keys and the AEAD tag.
    public static let sealedLength = secretsLength + XChaCha20Poly1305.tagLength
    /// No well-formed slot is longer (four texts of at most 200 bytes and the agency id of 64).
    public static let maximumLength = 165 + 3 * 200 + 64

    /// A slot's header, read and checked without the passphrase.
    public struct Header: Sendable {
        public let cost: KeyFile.Cost
        public let practitioner: Practitioner
        public let agencyID: String
        public let agencyName: String
        let salt: [UInt8]
        let nonce: [UInt8]
        /// The header's bytes: the additional data of the sealed keys.
        let bytes: [UInt8]
    }

    /// Seals `identity`'s private keys for `practitioner` under `passphrase`.
    public static func encode(_ identity: Identity, for practitioner: Practitioner, passphrase: SecureBytes,
                              cost: KeyFile.Cost = .moderate) throws(PractitionerError) -> [UInt8] {
        guard KeyFile.opsLimitRange.contains(cost.opsLimit), KeyFile.memLimitRange.contains(cost.memLimit) else {
            throw PractitionerError(.limits, "Argon2id cost is outside what Sealpost reads back")
        }
        try Practitioner.checkName(practitioner.name)
        try Practitioner.checkRole(practitioner.role)
        let salt = RandomBytes.make(count: Argon2id.saltLength)
        let nonce = RandomBytes.make(count: XChaCha20Poly1305.nonceLength)
        let header = headerBytes(cost: cost, salt: salt, nonce: nonce, id: practitioner.id, createdAt: practitioner.createdAt,
                                 name: practitioner.name, role: practitioner.role, agencyID: identity.agencyID, agencyName: identity.name)
        let secrets = SecureBytes(copying: identity.signingKey.seed.unprotectedCopy() + identity.boxKey.rawRepresentation.unprotectedCopy())
        do {
            return header + (try seal(secrets, passphrase: passphrase, salt: salt, nonce: nonce, cost: cost, additionalData: header))
        } catch {
            throw PractitionerError(.storage, "could not seal the practitioner's slot: \(error)")
        }
    }

    /// The header bytes, in the order above, unchecked: public so that tests and the vector
    /// generator can relabel a slot or write a malformed one.
    public static func headerBytes(cost: KeyFile.Cost, salt: [UInt8], nonce: [UInt8], id: String, createdAt: Int64,
                                   name: String, role: String, agencyID: String, agencyName: String) -> [UInt8] {
        var header = magic
        header.append(kdfArgon2id)
        header += [0, 0, 0]
        header.appendBigEndian(UInt32(cost.opsLimit))
        header.appendBigEndian(cost.memLimit)
        header += salt
        header += nonce
        header += Hex.decode(id) ?? []
        header.appendBigEndian(UInt64(bitPattern: createdAt))
        for text in [name, role, agencyID] {
            header.append(UInt8(truncatingIfNeeded: text.utf8.count)); header += Array(text.utf8)
        }
        header.appendBigEndian(UInt16(truncatingIfNeeded: agencyName.utf8.count)); header += Array(agencyName.utf8)
        return header
    }

    /// Reads and checks a slot's header, in the order spec/practitioners.md §Reading gives, up to
    /// and including that exactly `sealedLength` bytes follow it. Runs no key derivation.
    public static func readHeader(_ bytes: [UInt8], source: String) throws(PractitionerError) -> Header {
        func malformed(_ what: String) -> PractitionerError {
            PractitionerError(.malformed, "\(source) is not a valid practitioner slot (\(what))",
                              hint: "restore it from a backup, or remove it with: sealpost user remove ID and add the practitioner again")
        }
        var r = ByteCursor(bytes)
        do {
            guard bytes.count <= maximumLength else { throw malformed("longer than \(maximumLength) bytes") }
            guard try r.take(8) == magic else { throw malformed("wrong magic") }
            guard try r.u8() == kdfArgon2id else { throw malformed("unknown key derivation") }
            guard try r.take(3) == [0, 0, 0] else { throw malformed("reserved bytes are not zero") }
            let ops = UInt64(try r.take(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let mem = try r.u64()
            guard KeyFile.opsLimitRange.contains(ops), KeyFile.memLimitRange.contains(mem) else {
                throw PractitionerError(.limits, "\(source) asks for Argon2id limits outside the accepted range (opslimit \(ops), memlimit \(mem) bytes; accepted \(KeyFile.opsLimitRange.lowerBound)-\(KeyFile.opsLimitRange.upperBound) and \(KeyFile.memLimitRange.lowerBound)-\(KeyFile.memLimitRange.upperBound) bytes)",
                                        hint: "the slot is damaged or was not made by Sealpost; remove it with: sealpost user remove ID and add the practitioner again")
            }
            let salt = try r.take(Argon2id.saltLength)
            let nonce = try r.take(XChaCha20Poly1305.nonceLength)
            let id = Hex.encode(try r.take(idLength))
            let created = try r.u64()
            guard created <= UInt64(Int64.max) else { throw malformed("creation time out of range") }
            let name = try r.string(length: Int(try r.u8()))
            let role = try r.string(length: Int(try r.u8()))
            guard Practitioner.isText(name), !Practitioner.isID(name), name.lowercased() != Practitioner.reservedName else {
                throw malformed("the name breaks the text rules")
            }
            guard Practitioner.isText(role) else { throw malformed("the role breaks the text rules") }
            let agency = try r.string(length: Int(try r.u8()))
            let agencyName = try r.string(length: Int(try r.u16()))
            guard AgencyID.isValid(agency), Printable.isDisplayable(agencyName) else { throw malformed("the agency id or name is not valid") }
            let headerLength = r.offset
            guard bytes.count - headerLength == sealedLength else {
                throw malformed(bytes.count - headerLength < sealedLength ? "cut short" : "bytes after the sealed keys")
            }
            return Header(cost: KeyFile.Cost(opsLimit: ops, memLimit: mem),
                          practitioner: Practitioner(id: id, name: name, role: role, createdAt: Int64(created)),
                          agencyID: agency, agencyName: agencyName, salt: salt, nonce: nonce, bytes: Array(bytes[0..<headerLength]))
        } catch let error as PractitionerError {
            throw error
        } catch {
            throw malformed((error as? ManifestError)?.reason ?? "unreadable")
        }
    }

    /// Opens a slot with the practitioner's passphrase. A wrong passphrase and any change to an
    /// authenticated byte give the same `.unlockFailed`.
    public static func open(_ bytes: [UInt8], passphrase: SecureBytes, source: String) throws(PractitionerError) -> UnlockedPractitioner {
        let header = try readHeader(bytes, source: source)
        let failure = PractitionerError(.unlockFailed, "could not unlock \(source): wrong passphrase or damaged slot",
                                        hint: "check the practitioner's passphrase")
        let secrets: SecureBytes
        do {
            secrets = try unseal(Array(bytes[header.bytes.count...]), passphrase: passphrase, salt: header.salt, nonce: header.nonce,
                                 cost: header.cost, additionalData: header.bytes)
        } catch {
            throw failure
        }
        let (seed, box) = secrets.withUnsafeBytes { s in (SecureBytes(copying: s[0..<32]), SecureBytes(copying: s[32..<64])) }
        do {
            let identity = Identity(agencyID: header.agencyID, name: header.agencyName,
                                    signingKey: try Ed25519.SigningKey(seed: seed), boxKey: try X25519.PrivateKey(rawRepresentation: box))
            return UnlockedPractitioner(practitioner: header.practitioner, identity: identity)
        } catch {
            throw failure
        }
    }

    // The only two calls into the AEAD and the KDF: the typed AEAD key and nonce are made here.

    static func seal(_ secrets: SecureBytes, passphrase: SecureBytes, salt: [UInt8], nonce: [UInt8], cost: KeyFile.Cost,
                     additionalData: [UInt8]) throws -> [UInt8] {
        let key = try AEADKey(try Argon2id.deriveKey(length: XChaCha20Poly1305.keyLength, passphrase: passphrase, salt: salt,
                                                     opsLimit: cost.opsLimit, memLimit: cost.memLimit))
        return XChaCha20Poly1305.seal(secrets, key: key, nonce: try AEADNonce(nonce), additionalData: additionalData)
    }

    static func unseal(_ sealed: [UInt8], passphrase: SecureBytes, salt: [UInt8], nonce: [UInt8], cost: KeyFile.Cost,
                       additionalData: [UInt8]) throws -> SecureBytes {
        let key = try AEADKey(try Argon2id.deriveKey(length: XChaCha20Poly1305.keyLength, passphrase: passphrase, salt: salt,
                                                     opsLimit: cost.opsLimit, memLimit: cost.memLimit))
        return try XChaCha20Poly1305.open(sealed, key: key, nonce: try AEADNonce(nonce), additionalData: additionalData)
    }
}
