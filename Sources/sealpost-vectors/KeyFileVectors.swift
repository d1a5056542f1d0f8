// Key file vectors (spec/envelope.md §"Key file"), in DIRECTORY/key-files: the key file as the body;
// `passphrase:` is the hex of the exact passphrase bytes (no normalisation is applied); `expect:`
// is `success`, listing the identity it holds, or `refused`.

import SealpostCore
import SealpostSodium

func makeKeyFileVectors() -> [FieldVector] {
    var out: [FieldVector] = []
    let cheap = KeyFile.Cost(opsLimit: 1, memLimit: 8 << 20)
    let identity = Identity(agencyID: "mash-kingsbridge", name: "Kingsbridge MASH", signingKey: .generate(), boxKey: .generate())
    let passphrase = Array("correct horse battery staple".utf8)
    func encode(_ who: Identity = identity, _ phrase: [UInt8] = passphrase, cost: KeyFile.Cost = cheap) -> [UInt8] {
        try! KeyFile.encode(who, passphrase: SecureBytes(copying: phrase), cost: cost)
    }
    func success(_ name: String, _ description: String, _ file: [UInt8], _ phrase: [UInt8] = passphrase, _ who: Identity = identity) {
        out.append(FieldVector(name, [
            ("expect", "success"), ("description", description), ("passphrase", Hex.encode(phrase)),
            ("agency", who.agencyID), ("name", who.name),
            ("signing seed", Hex.encode(who.signingKey.seed.unprotectedCopy())),
            ("box private key", Hex.encode(who.boxKey.rawRepresentation.unprotectedCopy())),
            ("signing key", Hex.encode(who.signingKey.publicKey.rawRepresentation)),
            ("box key", Hex.encode(who.boxKey.publicKey.rawRepresentation)),
        ], body: file))
    }
    func refused(_ name: String, _ description: String, _ file: [UInt8], _ phrase: [UInt8] = passphrase) {
        out.append(FieldVector(name, [("expect", "refused"), ("description", description), ("passphrase", Hex.encode(phrase))],
                               body: file))
    }
    let file = encode()
    success("success", "opslimit 1, memlimit 8 MiB (the smallest accepted)", file)
    success("success_interactive", "libsodium's INTERACTIVE cost: opslimit 2, memlimit 64 MiB",
            encode(cost: .init(opsLimit: 2, memLimit: 64 << 20)))
    // NFC: "é" is U+00E9 (c3 a9); NFD: "e" then U+0301 (65 cc 81). Keys come from the bytes as given.
    let nfc = Array("café crème".utf8), nfd = Array("cafe\u{0301} cre\u{0300}me".utf8)
    precondition(nfc != nfd)
    let accented = encode(identity, nfc)
    success("success_non_ascii_passphrase", "a passphrase in UTF-8, NFC (c3 a9 for é)", accented, nfc)
    refused("refused_passphrase_other_normalisation", "the same file with the passphrase in NFD (65 cc 81 for é): not normalised",
            accented, nfd)
    let long = Identity(agencyID: String(repeating: "a", count: 64), name: String(repeating: "N", count: 200),
                        signingKey: .generate(), boxKey: .generate())
    success("success_longest", "a 64-byte agency id and a 200-byte name (411 bytes)", encode(long), passphrase, long)
    refused("refused_wrong_passphrase", "the first file with another passphrase", file, Array("correct horse battery stapler".utf8))

    func changed(_ change: (inout [UInt8]) -> Void) -> [UInt8] { var f = file; change(&f); return f }
    func setU32(_ f: inout [UInt8], _ at: Int, _ v: UInt32) {
        for i in 0..<4 { f[at + i] = UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32(i))) }
    }
    func setU64(_ f: inout [UInt8], _ at: Int, _ v: UInt64) {
        for i in 0..<8 { f[at + i] = UInt8(truncatingIfNeeded: v >> (56 - 8 * UInt64(i))) }
    }
    refused("refused_magic", "a wrong magic (SPKEYv2)", changed { $0[6] = UInt8(ascii: "2") })
    refused("refused_kdf", "kdf byte 2", changed { $0[8] = 2 })
    refused("refused_reserved", "a non-zero reserved byte", changed { $0[10] = 1 })
    refused("refused_opslimit_0", "opslimit 0: refused before any hashing", changed { setU32(&$0, 12, 0) })
    refused("refused_opslimit_17", "opslimit 17: refused before any hashing", changed { setU32(&$0, 12, 17) })
    refused("refused_memlimit_below", "memlimit 8 MiB - 1024 bytes: refused before any hashing", changed { setU64(&$0, 16, (8 << 20) - 1024) })
    refused("refused_memlimit_above", "memlimit 1 GiB + 1024 bytes: refused before any hashing", changed { setU64(&$0, 16, (1 << 30) + 1024) })
    refused("refused_memlimit_huge", "memlimit 2^63: refused before any hashing", changed { setU64(&$0, 16, 1 << 63) })
    refused("refused_memlimit_not_kib", "memlimit 8 MiB + 1 byte: not a whole number of KiB", changed { setU64(&$0, 16, (8 << 20) + 1) })
    refused("refused_name_changed", "one byte of the name changed: the name is additional data", changed { f in
        f[67 + identity.agencyID.utf8.count] ^= 0x20
    })
    refused("refused_salt_changed", "one byte of the salt changed", changed { $0[24] ^= 1 })
    refused("refused_sealed_keys_changed", "one byte of the sealed keys changed", changed { $0[$0.count - 1] ^= 1 })
    refused("refused_short", "the last byte removed (79 bytes of sealed keys)", Array(file.dropLast()))
    refused("refused_long", "a byte appended (81 bytes of sealed keys)", file + [0])
    refused("refused_agency_id", "an agency id with a space (the additional data agrees, so only the agency rule refuses it)",
            encodeUnchecked(Identity(agencyID: "mash kingsbridge", name: "Kingsbridge MASH", signingKey: identity.signingKey,
                                     boxKey: identity.boxKey), passphrase: passphrase, cost: cheap))
    // Made from the first file without drawing randomness, so the sets after this one keep their bytes.
    refused("refused_cut_in_name", "the file cut inside the name (the header runs past the end)", Array(file[0..<(67 + 20)]))
    refused("refused_cut_in_salt", "the file cut inside the salt", Array(file[0..<30]))
    refused("refused_name_not_utf8", "the name's first byte replaced by 0xff (not UTF-8)", changed { f in
        f[67 + identity.agencyID.utf8.count] = 0xff
    })
    return out
}

/// A key file made by the spec's layout without the writer's checks (for a bad agency id).
func encodeUnchecked(_ identity: Identity, passphrase: [UInt8], cost: KeyFile.Cost) -> [UInt8] {
    var header = Array("SPKEYv1\n".utf8) + [1, 0, 0, 0]
    header.appendBigEndian(UInt32(cost.opsLimit))
    header.appendBigEndian(cost.memLimit)
    let salt = RandomBytes.make(count: 16)
    let nonce = AEADNonce.random()
    header += salt + nonce.bytes
    header.append(UInt8(identity.agencyID.utf8.count)); header += Array(identity.agencyID.utf8)
    header.appendBigEndian(UInt16(identity.name.utf8.count)); header += Array(identity.name.utf8)
    let key = try! AEADKey(try! Argon2id.deriveKey(length: 32, passphrase: SecureBytes(copying: passphrase), salt: salt,
                                                  opsLimit: cost.opsLimit, memLimit: cost.memLimit))
    let secrets = SecureBytes(copying: identity.signingKey.seed.unprotectedCopy() + identity.boxKey.rawRepresentation.unprotectedCopy())
    return header + XChaCha20Poly1305.seal(secrets, key: key, nonce: nonce, additionalData: header)
}
