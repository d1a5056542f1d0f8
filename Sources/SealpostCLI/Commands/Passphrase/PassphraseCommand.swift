import ArgumentParser
import Foundation
import SealpostCommandLine
import SealpostCore

/// `sealpost passphrase`: the agency passphrase that unlocks HOME/identity.key.
struct PassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase",
        abstract: "Change the agency passphrase that unlocks this home's keys.",
        subcommands: [PassphraseChangeCommand.self],
        defaultSubcommand: PassphraseChangeCommand.self
    )
}

/// `sealpost passphrase change`: re-encrypts the key file under a new passphrase.
struct PassphraseChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Re-encrypt this home's key file under a new agency passphrase.",
        discussion: """
        The current passphrase (--passphrase-file, SEALPOST_PASSPHRASE or a prompt) unlocks the keys; \
        the new one (--new-passphrase-file, SEALPOST_NEW_PASSPHRASE or a prompt that offers a \
        suggestion and asks twice) needs at least 12 characters. The key file is replaced atomically \
        with the same Argon2id cost, so a crash leaves the old passphrase or the new one working. \
        Practitioners' own passphrases (sealpost user) are not changed: their key slots are separate.
        """)

    static let newPassphraseVariable = "SEALPOST_NEW_PASSPHRASE"

    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: ArgumentHelp("Read the new passphrase from the first line of this file (else $SEALPOST_NEW_PASSPHRASE, else a prompt).", valueName: "FILE"))
    var newPassphraseFile: String?

    func run() throws {
        let home = options.resolvedHome
        guard home.exists else {
            throw CLIError("no identity at \(home.path)", hint: "create one with: sealpost init --home \(home.path) --agency ID --name \"NAME\"")
        }
        let current = try options.passphrase(prompt: "Current passphrase for \(home.path): ")
        do { _ = try home.unlock(passphrase: current) } catch { throw CLIError(error) }
        let source = PassphraseSource(file: newPassphraseFile, variable: Self.newPassphraseVariable, fileOption: "--new-passphrase-file")
        let new = try source.readNew("New passphrase for \(home.path): ")
        guard new != current else {
            throw CLIError("the new passphrase is the current one", hint: "choose a different passphrase; nothing was changed")
        }
        do { try home.changePassphrase(from: current, to: new) } catch { throw CLIError(error) }
        print("Changed the passphrase of \(home.path); the old one no longer unlocks it.")
        let practitioners = (try? Practitioners(home: home).list().count) ?? 0
        if practitioners > 0 {
            print(practitioners == 1 ? "1 practitioner keeps their own passphrase (sealpost user list)."
              : "\(practitioners) practitioners keep their own passphrases (sealpost user list).")
        }
    }
}
