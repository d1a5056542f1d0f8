import ArgumentParser
import SealpostCommandLine
import SealpostCore
import SealpostSodium

/// Where the identity lives and how to unlock it; shared by every command that needs it.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The identity folder (default: $SEALPOST_HOME, else ~/.sealpost).", valueName: "DIR"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("Read the passphrase from the first line of this file (else $SEALPOST_PASSPHRASE, else a prompt).", valueName: "FILE"))
    var passphraseFile: String?

    var resolvedHome: Home { Home.resolve(option: home) }

    /// The home, refused when other users can read it (`Home.checkPrivate`).
    func privateHome() throws -> Home {
        let home = resolvedHome
        do { try home.checkPrivate() } catch { throw CLIError(error) }
        return home
    }

    /// The passphrase from `--passphrase-file`, `SEALPOST_PASSPHRASE`, or a no-echo prompt
    /// (the relay's reader too: `PassphraseSource`).
    func passphrase(prompt: String) throws -> SecureBytes {
        try PassphraseSource(file: passphraseFile).readOrPrompt(prompt)
    }

    /// A new passphrase for this home, at least `NewPassphrase.minimumLength` characters: from the
    /// same sources, or a prompt that offers a suggestion, asks twice, and asks again on a typo.
    func newPassphrase(prompt: String) throws -> SecureBytes {
        try PassphraseSource(file: passphraseFile).readNew(prompt)
    }

    /// The unlocked identity under `home`.
    func unlock() throws -> Identity {
        let home = try privateHome()
        guard home.exists else {
            throw CLIError("no identity at \(home.path)", hint: "create one with: sealpost init --home \(home.path) --agency ID --name \"NAME\"")
        }
        let secret = try passphrase(prompt: "Passphrase for \(home.path): ")
        do { return try home.unlock(passphrase: secret) } catch { throw CLIError(error) }
    }
}
