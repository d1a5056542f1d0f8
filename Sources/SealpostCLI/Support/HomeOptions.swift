import ArgumentParser
import Foundation
import SealpostCore
import SealpostSodium

/// Where the identity lives and how to unlock it; shared by every command that needs it.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The identity folder (default: $SEALPOST_HOME, else ~/.sealpost).", valueName: "DIR"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("Read the passphrase from the first line of this file (else $SEALPOST_PASSPHRASE, else a prompt).", valueName: "FILE"))
    var passphraseFile: String?

    var resolvedHome: Home { Home.resolve(option: home) }

    /// The passphrase from `--passphrase-file`, `SEALPOST_PASSPHRASE`, or a no-echo prompt.
    func passphrase(prompt: String, confirm: Bool = false) throws -> SecureBytes {
        if let passphraseFile {
            guard let data = FileManager.default.contents(atPath: passphraseFile) else {
                throw CLIError("cannot read the passphrase file \(passphraseFile)", hint: "check the path and its permissions")
            }
            var bytes = [UInt8](data)
            defer { for i in bytes.indices { bytes[i] = 0 } }
            if let newline = bytes.firstIndex(of: 0x0a) { bytes.removeSubrange(newline...) }
            if bytes.last == 0x0d { bytes.removeLast() }
            guard !bytes.isEmpty else { throw CLIError("the passphrase file \(passphraseFile) is empty") }
            return SecureBytes(copying: bytes)
        }
        if let env = ProcessInfo.processInfo.environment["SEALPOST_PASSPHRASE"] {
            guard !env.isEmpty else { throw CLIError("SEALPOST_PASSPHRASE is set but empty") }
            return SecureBytes(copying: env.utf8)
        }
        guard let first = Terminal.readSecret(prompt: prompt) else {
            throw CLIError("no passphrase: there is no terminal to ask on",
                           hint: "pass --passphrase-file FILE or set SEALPOST_PASSPHRASE for automation")
        }
        guard first.count > 0 else { throw CLIError("the passphrase is empty") }
        if confirm {
            guard let second = Terminal.readSecret(prompt: "Repeat the passphrase: ") else { throw CLIError("no passphrase confirmation") }
            guard first == second else { throw CLIError("the two passphrases differ", hint: "run the command again") }
        }
        return first
    }

    /// The unlocked identity under `home`.
    func unlock() throws -> Identity {
        let home = resolvedHome
        guard home.exists else {
            throw CLIError("no identity at \(home.path)", hint: "create one with: sealpost init --home \(home.path) --agency ID --name \"NAME\"")
        }
        let secret = try passphrase(prompt: "Passphrase for \(home.path): ")
        do { return try home.unlock(passphrase: secret) } catch { throw CLIError(error) }
    }
}
