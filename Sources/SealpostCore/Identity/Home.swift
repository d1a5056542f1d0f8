import Foundation
import SealpostSodium

/// A Sealpost home folder: one identity and the cards of the parties it trusts.
///
///     HOME/identity.key          the encrypted private keys (0600)
///     HOME/identity.card.json    this identity's public card
///     HOME/contacts/ID.card.json imported cards of other agencies
public struct Home: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `--home`, else `SEALPOST_HOME`, else `~/.sealpost`.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Home {
        if let option, !option.isEmpty { return Home(path: option) }
        if let env = environment["SEALPOST_HOME"], !env.isEmpty { return Home(path: env) }
        let base = environment["HOME"] ?? NSHomeDirectory()
        return Home(path: base + "/.sealpost")
    }

    public var keyFilePath: String { path + "/identity.key" }
    public var cardPath: String { path + "/identity.card.json" }
    public var contactsPath: String { path + "/contacts" }

    public var exists: Bool { FileManager.default.fileExists(atPath: keyFilePath) }

    /// Creates the folder and writes a new identity. Refuses to overwrite an existing one.
    public func create(_ identity: Identity, passphrase: SecureBytes, cost: KeyFile.Cost) throws(IdentityError) {
        guard !exists else {
            throw IdentityError("\(path) already holds an identity", hint: "choose another folder with --home, or remove it yourself if you really mean to replace it")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.createDirectory(atPath: contactsPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // A folder that existed before (`mkdir`, 0755) becomes private as it becomes a home.
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        } catch {
            throw IdentityError("cannot create \(path): \(error.localizedDescription)", hint: "check that the parent folder exists and is writable")
        }
        let keyBytes = try KeyFile.encode(identity, passphrase: passphrase, cost: cost)
        do {
            try AtomicFile.write(Array(identity.card.jsonData()), to: cardPath, mode: 0o644)
            try AtomicFile.write(keyBytes, to: keyFilePath, mode: 0o600)
            // A new home is sealed at rest from its first record: nothing to migrate.
            try AtomicFile.write(Home.atRestMarker, to: atRestMarkerPath, mode: 0o600)
        } catch {
            throw IdentityError("cannot write \(error.path): \(error.reason)")
        }
    }

    /// Refuses a home that other users of this computer can read, write or enter: it holds records
    /// about children, the log's details and the encrypted keys. Every file and folder the program
    /// writes in a home is 0600 or 0700; a home copied or unpacked with other permissions is
    /// refused with the command that fixes it. A home that does not exist yet passes.
    public func checkPrivate() throws(IdentityError) {
        for (file, what) in [(path, "folder"), (keyFilePath, "key file")] {
            var status = stat()
            guard stat(file, &status) == 0 else { continue }
            let mode = status.st_mode & 0o777
            guard mode & 0o077 == 0 else {
                throw IdentityError("the home \(what) \(file) can be used by other users of this computer (permissions \(String(mode, radix: 8))), "
                                    + "and a home holds records about children",
                                    hint: "make the home private with: chmod -R go-rwx \(path)")
            }
        }
    }

    /// This identity's public card, as written by `create`.
    public func card() throws(IdentityError) -> IdentityCard {
        guard let data = FileManager.default.contents(atPath: cardPath) else {
            throw IdentityError("no identity at \(path)", hint: "create one with: sealpost init --home \(path) --agency ID --name \"NAME\"")
        }
        return try IdentityCard.load(data, source: cardPath)
    }

    /// Unlocks the private identity and checks it against the public card (and that the home is private).
    public func unlock(passphrase: SecureBytes) throws(IdentityError) -> Identity {
        try checkPrivate()
        guard let data = FileManager.default.contents(atPath: keyFilePath) else {
            throw IdentityError("no identity at \(path)", hint: "create one with: sealpost init --home \(path) --agency ID --name \"NAME\"")
        }
        let identity = try KeyFile.decode(Array(data), passphrase: passphrase, source: keyFilePath)
        if let card = try? card(), card != identity.card {
            throw IdentityError("\(cardPath) does not match the keys in \(keyFilePath)", hint: "export the card again with: sealpost export-card --output \(cardPath)")
        }
        return identity
    }

    /// The cards in `contacts/`, each verified. A card that fails to verify is an error, not skipped.
    public func contacts() throws(IdentityError) -> [IdentityCard] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: contactsPath) else { return [] }
        var cards: [IdentityCard] = []
        for name in names.sorted() where name.hasSuffix(".card.json") {
            let file = contactsPath + "/" + name
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            cards.append(try IdentityCard.load(data, source: file))
        }
        return cards
    }

    /// Verifies `card` and stores it as a contact. Replacing a contact's keys needs `replace`.
    @discardableResult
    public func importCard(_ card: IdentityCard, replace: Bool = false) throws(IdentityError) -> String {
        _ = try card.verified()
        let file = contactsPath + "/" + card.agencyID + ".card.json"
        if !replace, let data = FileManager.default.contents(atPath: file),
           let existing = try? IdentityCard.load(data, source: file), existing.signingKey != card.signingKey || existing.boxKey != card.boxKey {
            throw IdentityError("a different card for \(card.agencyID) is already imported",
                                hint: "check the new fingerprint with the agency, then import with --replace")
        }
        do {
            try FileManager.default.createDirectory(atPath: contactsPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(Array(card.jsonData()), to: file, mode: 0o644)
        } catch let error as IOError {
            throw IdentityError("cannot write \(error.path): \(error.reason)")
        } catch {
            throw IdentityError("cannot create \(contactsPath): \(error.localizedDescription)")
        }
        return file
    }
}
