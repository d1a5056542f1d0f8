import ArgumentParser
import SealpostCommandLine
import SealpostCore
import SealpostExchange
import SealpostSodium

/// Where the identity lives and how to unlock it; shared by every command that needs it.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The identity folder (default: $SEALPOST_HOME, else ~/.sealpost).", valueName: "DIR"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("Read the passphrase from the first line of this file (else $SEALPOST_PASSPHRASE, else a prompt).", valueName: "FILE"))
    var passphraseFile: String?

    var resolvedHome: Home { Home.resolve(option: home) }

    /// The home, refused when other users can read it (`Home.checkPrivate`). Plaintext that a
    /// crashed `open` left in its staging file is removed first.
    func privateHome() throws -> Home {
        let home = resolvedHome
        do { try home.checkPrivate() } catch { throw CLIError(error) }
        if HomeSealing.removeStaleStaging(in: home.path) > 0 {
            printError("sealpost: removed the plaintext staging file an interrupted open left in \(home.path)")
        }
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

    /// The unlocked identity under `home`. A home written before sealing at rest is sealed now
    /// (HomeSealing), once, saying so on standard error.
    func unlock() throws -> Identity {
        let home = try privateHome()
        guard home.exists else {
            throw CLIError("no identity at \(home.path)", hint: "create one with: sealpost init --home \(home.path) --agency ID --name \"NAME\"")
        }
        let secret = try passphrase(prompt: "Passphrase for \(home.path): ")
        let identity: Identity
        do { identity = try home.unlock(passphrase: secret) } catch { throw CLIError(error) }
        do {
            let sealing = try HomeSealing.run(home: home, identity: identity)
            if let summary = sealing.summary {
                for line in summary.split(separator: "\n") { printError("sealpost: \(line)") }
            }
        } catch { throw CLIError(error) }
        return identity
    }

    /// The unlocked identity, for a command that shows what is sealed at rest (`command`: "report"):
    /// without a passphrase it refuses, saying why and how, instead of showing less.
    func unlock(toShow command: String) throws -> Identity {
        do { return try unlock() } catch let error as CLIError where error.message.hasPrefix("no passphrase") {
            throw CLIError("sealpost \(command) shows what this home keeps sealed to its agency's key (names, identifiers, reasons), "
                           + "so it needs the passphrase, and none was given",
                           hint: "give the passphrase with --passphrase-file FILE or SEALPOST_PASSPHRASE, or run it on a terminal to be asked")
        }
    }
}
