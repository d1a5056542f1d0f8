// Vectors for the primitives spec/envelope.md §"Primitives" states, for implementations without
// libsodium: Argon2id as the key file uses it, the envelope's KDF subkeys, and a secretstream
// with every tag and a rekey. Fields only; no body.

import SealpostCore
import SealpostSodium

func makePrimitiveVectors() -> [FieldVector] {
    var out: [FieldVector] = []
    for (name, phrase, ops, mem) in [("argon2id_smallest", "correct horse battery staple", UInt64(1), UInt64(8 << 20)),
                                     ("argon2id_interactive", "correct horse battery staple", 2, 64 << 20),
                                     ("argon2id_non_ascii", "café crème", 3, 8 << 20)] {
        let salt = RandomBytes.make(count: 16)
        let key = try! Argon2id.deriveKey(length: 32, passphrase: SecureBytes(copying: Array(phrase.utf8)), salt: salt,
                                          opsLimit: ops, memLimit: mem)
        out.append(FieldVector(name, [
            ("description", "Argon2id v1.3, t = opslimit, m = memlimit / 1024 KiB, p = 1, 32-byte output"),
            ("passphrase", Hex.encode(Array(phrase.utf8))), ("salt", Hex.encode(salt)),
            ("opslimit", String(ops)), ("memlimit", String(mem)), ("key", Hex.encode(key.unprotectedCopy())),
        ]))
    }

    let fileKey = SecureBytes.random(count: 32)
    let master = try! KDFMasterKey(fileKey)
    out.append(FieldVector("kdf_envelope_subkeys", [
        ("description", "an envelope's file key and its header key (KDF id 1) and payload key (id 2), context SPENV-v1"),
        ("file key", Hex.encode(fileKey.unprotectedCopy())),
        ("header key", Hex.encode(KDF.deriveKey(length: 32, id: 1, context: "SPENV-v1", from: master).unprotectedCopy())),
        ("payload key", Hex.encode(KDF.deriveKey(length: 32, id: 2, context: "SPENV-v1", from: master).unprotectedCopy())),
    ]))

    // A stream of every length class and tag, with a rekey in the middle, so that the state update
    // after each message and after REKEY can be checked.
    let keyBytes = SecureBytes.random(count: 32)
    let pusher = SecretStream.Pusher(key: try! SecretStreamKey(keyBytes))
    let ad = Array("sealpost/v1 secretstream vector".utf8)
    var fields: [(String, String)] = [
        ("description", "messages pushed in order with the same additional data; each line is TAG PLAINTEXT CIPHERTEXT (hex, - for empty)"),
        ("key", Hex.encode(keyBytes.unprotectedCopy())), ("header", Hex.encode(pusher.header)), ("additional data", Hex.encode(ad)),
    ]
    for (tag, length) in [(SecretStream.Tag.message, 0), (.message, 1), (.message, 15), (.message, 16), (.message, 17),
                          (.push, 33), (.rekey, 48), (.message, 64), (.message, 100), (.final, 130)] {
        let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ length) }
        let ciphertext = pusher.push(plaintext, tag: tag, additionalData: ad)
        fields.append(("message", "\(tag.rawValue) \(plaintext.isEmpty ? "-" : Hex.encode(plaintext)) \(Hex.encode(ciphertext))"))
    }
    out.append(FieldVector("secretstream", fields))
    return out
}
