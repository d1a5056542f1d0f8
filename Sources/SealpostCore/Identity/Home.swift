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
        } catch {
            throw IdentityError("cannot create \(path): \(error.localizedDescription)", hint: "check that the parent folder exists and is writable")
        }
        let keyBytes = try KeyFile.encode(identity, passphrase: passphrase, cost: cost)
        do {
            try AtomicFile.write(Array(identity.card.jsonData()), to: cardPath, mode: 0o644)
            try AtomicFile.write(keyBytes, to: keyFilePath, mode: 0o600)
        } catch {
            throw IdentityError("cannot write \(error.path): \(error.reason)")
        }
    }

    /// This identity's public card, as written by `create`.
    public func card() throws(IdentityError) -> IdentityCard {
        guard let data = FileManager.default.contents(atPath: cardPath) else {
            throw IdentityError("no identity at \(path)", hint: "create one with: sealpost init --home \(path) --agency ID --name \"NAME\"")
        }
        return try IdentityCard.load(data, source: cardPath)
    }

    /// Unlocks the private identity and checks it against the public card.
    public func unlock(passphrase: SecureBytes) throws(IdentityError) -> Identity {
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
