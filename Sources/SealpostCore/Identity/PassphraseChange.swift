import Foundation
import SealpostSodium

extension KeyFile {
    /// The Argon2id cost a key file was written with (its opslimit and memlimit fields), so a new
    /// passphrase keeps the cost the agency chose at `sealpost init`. Nil when `bytes` is not a key file.
    static func cost(of bytes: [UInt8]) -> Cost? {
        var r = ByteCursor(bytes)
        guard (try? r.take(8)) == magic, (try? r.u8()) == kdfArgon2id, (try? r.take(3)) == [0, 0, 0],
              let ops = try? r.take(4).reduce(UInt64(0), { $0 << 8 | UInt64($1) }), let mem = try? r.u64() else { return nil }
        return Cost(opsLimit: ops, memLimit: mem)
    }
}

extension Home {
    /// Re-encrypts the agency's key file under `newPassphrase` (spec/envelope.md §"Key file": a new
    /// salt and nonce, the same Argon2id cost), after `currentPassphrase` has unlocked it.
    ///
    /// Invariants: the new file is decoded with the new passphrase and checked to hold the same keys
    /// before it replaces the old one; the replacement is atomic (a temporary file, fsync, rename,
    /// fsync of the folder), so a crash leaves either the old key file or the new one, never neither.
    /// Practitioners' key slots wrap the keys under their own passphrases and are not touched.
    public func changePassphrase(from currentPassphrase: SecureBytes, to newPassphrase: SecureBytes) throws(IdentityError) {
        guard let data = try? readKeyFile() else {
            throw IdentityError("no identity at \(path)", hint: "create one with: sealpost init --home \(path) --agency ID --name \"NAME\"")
        }
        let identity = try unlock(passphrase: currentPassphrase)
        guard let cost = KeyFile.cost(of: data) else {
            throw IdentityError("\(keyFilePath) is damaged", hint: "restore the key file from a backup")
        }
        let bytes = try KeyFile.encode(identity, passphrase: newPassphrase, cost: cost)
        let check = try KeyFile.decode(bytes, passphrase: newPassphrase, source: keyFilePath)
        guard check.card == identity.card else {
            throw IdentityError("the re-encrypted key file did not read back the same keys; nothing was changed")
        }
        do { try AtomicFile.write(bytes, to: keyFilePath, mode: 0o600) } catch {
            throw IdentityError("cannot write \(error.path): \(error.reason)", hint: "the old key file and passphrase are unchanged")
        }
    }

    private func readKeyFile() throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: keyFilePath) else { throw IdentityError("no key file") }
        return Array(data)
    }
}
