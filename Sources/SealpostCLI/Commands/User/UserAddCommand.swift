import ArgumentParser
import SealpostCore

/// `sealpost user add --name NAME --role ROLE`: a key slot for a new practitioner.
struct UserAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a practitioner with their own passphrase (needs the agency passphrase too).",
        discussion: """
        The agency passphrase (--passphrase-file, SEALPOST_PASSPHRASE or the prompt) unlocks the keys; \
        the practitioner's own passphrase (--user-passphrase-file, SEALPOST_USER_PASSPHRASE or a prompt \
        asked twice) seals them into the practitioner's slot. It needs at least 12 characters and must \
        not be the agency's. Names are unique in the home, ignoring case.
        """)

    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: ArgumentHelp("The practitioner's name, as people know them.", valueName: "NAME"))
    var name: String

    @Option(name: .long, help: ArgumentHelp("Their role, such as \"Designated Safeguarding Lead\".", valueName: "ROLE"))
    var role: String

    @Option(name: .long, help: ArgumentHelp("Read the practitioner's new passphrase from the first line of this file (else $SEALPOST_USER_PASSPHRASE, else a prompt).", valueName: "FILE"))
    var userPassphraseFile: String?

    @Option(name: .long, help: "Argon2id cost of the slot: interactive, moderate (default) or sensitive.")
    var kdf: String = "moderate"

    func run() throws {
        let cost = try KDFProfile.cost(named: kdf)
        do {
            try Practitioner.checkName(name)
            try Practitioner.checkRole(role)
        } catch { throw CLIError(error) }
        let home = options.resolvedHome
        guard home.exists else {
            throw CLIError("no identity at \(home.path)", hint: "create one with: sealpost init --home \(home.path) --agency ID --name \"NAME\"")
        }
        let agencyPassphrase = try options.passphrase(prompt: "Agency passphrase for \(home.path): ")
        let passphrase = try UserCommand.newPassphrase(file: userPassphraseFile, for: name)
        do { try Practitioner.checkPassphrase(passphrase, agencyPassphrase: agencyPassphrase) } catch { throw CLIError(error) }
        let identity: Identity
        do { identity = try home.unlock(passphrase: agencyPassphrase) } catch { throw CLIError(error) }
        let added: Practitioner
        do {
            added = try Practitioners(home: home).add(name: name, role: role, passphrase: passphrase, identity: identity, cost: cost)
        } catch { throw CLIError(error) }
        print("Added \(added.name) (\(added.role)), id \(added.id), to \(home.path)")
        print("Their own passphrase now unlocks this agency's keys; remove them with: sealpost user remove \(added.id)")
    }
}
